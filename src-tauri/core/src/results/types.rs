//! What the result-file screens, the inbox and the letter show (sent to the UI).

use crate::ids::{Hl7ImportId, LabReportId, LabResultId, PatientId, ResultsLetterId, UserId};
use crate::labs::{LabFlag, LabValue, ResultStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

/// A report's worst flag (the inbox's order: critical, abnormal, normal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum WorstFlag {
    Critical,
    Abnormal,
    Normal,
}

impl WorstFlag {
    pub fn from_sql(text: &str) -> WorstFlag {
        match text {
            "critical" => WorstFlag::Critical,
            "abnormal" => WorstFlag::Abnormal,
            _ => WorstFlag::Normal,
        }
    }
}

/// The patient a report is about, as a list row shows them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabReportPatient {
    pub id: PatientId,
    pub mrn: u32,
    /// "Quenneville, Ada" (or "Restricted chart" for a restricted one).
    pub name: String,
    #[ts(type = "string")]
    pub date_of_birth: NaiveDate,
    pub restricted: bool,
}

/// One value of a report, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultLine {
    pub id: LabResultId,
    pub loinc: String,
    pub name: String,
    pub value: LabValue,
    pub unit: Option<String>,
    pub ref_low: Option<f64>,
    pub ref_high: Option<f64>,
    pub ref_text: Option<String>,
    pub flag: LabFlag,
    pub lab_flag: Option<String>,
    pub status: ResultStatus,
    pub comment: Option<String>,
    /// It corrects an earlier result.
    pub corrects: bool,
}

/// The physician's sign-off of a report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub by: UserId,
    pub by_name: String,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub comment: Option<String>,
}

/// A printed results letter: who printed it and when.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterRecord {
    pub id: ResultsLetterId,
    #[ts(type = "string")]
    pub printed_at: DateTime<Utc>,
    pub printed_by_name: String,
}

/// One report in the inbox (or just signed off).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InboxItem {
    pub report_id: LabReportId,
    pub patient: LabReportPatient,
    pub panel_name: String,
    pub panel_code: Option<String>,
    pub status: ResultStatus,
    pub worst_flag: WorstFlag,
    #[ts(type = "string")]
    pub collected_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub received_at: DateTime<Utc>,
    pub result_count: u32,
    /// Its results outside their range (what the row shows).
    pub flagged: Vec<ResultLine>,
    pub review: Option<Review>,
    pub letters: Vec<LetterRecord>,
}

/// The logged-in physician's inbox: what waits for sign-off, and what they signed lately.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultsInbox {
    /// Critical first, then abnormal, then normal; oldest first within.
    pub unreviewed: Vec<InboxItem>,
    /// Signed off in the last 14 days, newest first (to notify the patient).
    pub recently_signed: Vec<InboxItem>,
}

/// What a result file's row in the screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultFileRow {
    pub id: Hl7ImportId,
    pub file_name: String,
    /// "held", "matched" or "refused".
    pub status: String,
    pub why: Option<String>,
    /// The patient as the file names them.
    pub file_patient: String,
    pub patient: Option<LabReportPatient>,
    #[ts(type = "string")]
    pub received_at: DateTime<Utc>,
    pub received_by_name: String,
    #[ts(type = "string | null")]
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by_name: Option<String>,
}

/// The result-files screen: the folder, the held queue and the latest matched/refused files.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultFiles {
    pub folder: Option<String>,
    pub held: Vec<ResultFileRow>,
    pub recent: Vec<ResultFileRow>,
}

/// One observation as a held file says it (nothing stored yet).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileObservation {
    pub code: String,
    pub name: String,
    pub value: LabValue,
    pub unit: Option<String>,
    pub range: Option<String>,
    pub lab_flag: Option<String>,
    pub status: ResultStatus,
}

/// One order (OBR) as a held file says it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileOrder {
    pub panel_name: String,
    pub panel_code: Option<String>,
    #[ts(type = "string")]
    pub collected_at: DateTime<Utc>,
    /// OBR-16 as sent: "1234567893 Elena Reyes".
    pub ordering_provider: Option<String>,
    pub observations: Vec<FileObservation>,
}

/// A held file opened: why it waits, and what it says.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldResultFile {
    pub row: ResultFileRow,
    pub mrn: Option<String>,
    pub family_name: String,
    pub given_name: String,
    #[ts(type = "string | null")]
    pub date_of_birth: Option<NaiveDate>,
    pub sex: String,
    pub orders: Vec<FileOrder>,
    /// The file's physician could not be matched: the human must pick one.
    pub needs_physician: bool,
    pub raw_text: String,
}

/// A physician a held file can be given to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhysicianChoice {
    pub id: UserId,
    pub name: String,
}

/// One value of a results letter, in plain words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterLine {
    pub name: String,
    /// "182 mg/dL"
    pub value: String,
    /// "usual range 70–99 mg/dL" (none: no range known)
    pub range: Option<String>,
    /// "higher than the usual range", "within the usual range" …
    pub meaning: String,
    pub flag: LabFlag,
}

/// The results letter for one signed-off report (the template filled in).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultsLetter {
    pub report_id: LabReportId,
    pub patient_id: PatientId,
    pub practice_name: String,
    pub practice_address: String,
    pub practice_phone: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub patient_name: String,
    pub patient_address: Vec<String>,
    pub greeting: String,
    pub panel_name: String,
    #[ts(type = "string")]
    pub collected_on: NaiveDate,
    pub lines: Vec<LetterLine>,
    pub summary: String,
    pub comment: Option<String>,
    pub physician_name: String,
    pub letters: Vec<LetterRecord>,
}

impl ResultsLetter {
    /// The letter as plain text (what the record of a printed letter keeps).
    pub fn body(&self) -> String {
        let mut out = format!(
            "{}\n{}\n{}\n\n{}\n{}\n{}\n\n{}\n\n",
            self.practice_name,
            self.practice_address,
            self.practice_phone,
            self.date,
            self.patient_name,
            self.patient_address.join("\n"),
            self.greeting
        );
        out.push_str(&format!(
            "Your {} from {}:\n",
            self.panel_name, self.collected_on
        ));
        for l in &self.lines {
            out.push_str(&format!("- {}: {} — {}", l.name, l.value, l.meaning));
            if let Some(r) = &l.range {
                out.push_str(&format!(" ({r})"));
            }
            out.push('\n');
        }
        out.push_str(&format!("\n{}\n", self.summary));
        if let Some(c) = &self.comment {
            out.push_str(&format!("\n{c}\n"));
        }
        out.push_str(&format!(
            "\n______________________\n{}\n",
            self.physician_name
        ));
        out
    }
}

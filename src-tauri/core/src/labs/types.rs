//! The lab types every area shares: a report with its results as stored, the flags, and the
//! rows a new report is written from (manual entry, result files, generated practices).

use crate::ids::{Hl7ImportId, LabReportId, LabResultId, PatientId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReportSource {
    /// Typed in the practice.
    Manual,
    /// From an HL7 result file.
    Hl7,
    /// A result from elsewhere the practice was told about: counts for reminders, never in the
    /// inbox.
    Outside,
}

impl ReportSource {
    pub fn as_sql(self) -> &'static str {
        match self {
            ReportSource::Manual => "manual",
            ReportSource::Hl7 => "hl7",
            ReportSource::Outside => "outside",
        }
    }
}

/// A report's or a result's status (HL7 OBR-25 / OBX-11: F, P, C).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ResultStatus {
    Final,
    Preliminary,
    Corrected,
}

impl ResultStatus {
    pub fn as_sql(self) -> &'static str {
        match self {
            ResultStatus::Final => "final",
            ResultStatus::Preliminary => "preliminary",
            ResultStatus::Corrected => "corrected",
        }
    }
}

/// Charta's judgement of one value against the range that applies to the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LabFlag {
    Normal,
    Low,
    High,
    CriticalLow,
    CriticalHigh,
    /// A text result other than its expected answer ("positive" where "negative" is normal).
    Abnormal,
    /// No range is known for this test, patient and unit.
    None,
}

impl LabFlag {
    pub fn as_sql(self) -> &'static str {
        match self {
            LabFlag::Normal => "normal",
            LabFlag::Low => "low",
            LabFlag::High => "high",
            LabFlag::CriticalLow => "critical_low",
            LabFlag::CriticalHigh => "critical_high",
            LabFlag::Abnormal => "abnormal",
            LabFlag::None => "none",
        }
    }

    pub fn from_sql(text: &str) -> LabFlag {
        match text {
            "normal" => LabFlag::Normal,
            "low" => LabFlag::Low,
            "high" => LabFlag::High,
            "critical_low" => LabFlag::CriticalLow,
            "critical_high" => LabFlag::CriticalHigh,
            "abnormal" => LabFlag::Abnormal,
            _ => LabFlag::None,
        }
    }

    pub fn is_critical(self) -> bool {
        matches!(self, LabFlag::CriticalLow | LabFlag::CriticalHigh)
    }

    pub fn is_abnormal(self) -> bool {
        !matches!(self, LabFlag::Normal | LabFlag::None)
    }
}

/// One value: a number (in `unit`) or a text answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum LabValue {
    Number(f64),
    Text(String),
}

/// One result to write (everything the `lab_results` row holds, already judged).
#[derive(Debug, Clone, PartialEq)]
pub struct NewLabResult {
    pub id: LabResultId,
    pub loinc: String,
    pub name: String,
    pub value: LabValue,
    pub unit: Option<String>,
    pub canonical_value: Option<f64>,
    pub canonical_unit: Option<String>,
    pub ref_low: Option<f64>,
    pub ref_high: Option<f64>,
    pub ref_text: Option<String>,
    pub flag: LabFlag,
    pub lab_flag: Option<String>,
    pub status: ResultStatus,
    pub comment: Option<String>,
    pub supersedes: Option<LabResultId>,
}

/// One report to write with its results, in one transaction (`store::lab_results::insert_report`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewLabReport {
    pub id: LabReportId,
    pub patient: PatientId,
    pub source: ReportSource,
    pub panel_code: Option<String>,
    pub panel_name: String,
    /// The physician whose inbox it reaches (none: nobody's — outside results).
    pub responsible: Option<UserId>,
    pub collected_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub performing_lab: Option<String>,
    pub status: ResultStatus,
    pub hl7_import: Option<Hl7ImportId>,
    pub placer_order: Option<String>,
    pub entered_by: UserId,
    pub entered_at: DateTime<Utc>,
    pub results: Vec<NewLabResult>,
}

//! A lab report and its results as the chart shows them, and the drafts manual entry sends.

use super::{LabFlag, LabValue, ReportSource, ResultStatus};
use crate::chart::common::ErrorMark;
use crate::ids::{LabReportId, LabResultId, PatientId, UserId};
use crate::store::lab_results::{StoredReport, StoredResult};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a computed eGFR's comment starts with (the tab shows it beside the value).
pub const COMPUTED_EGFR: &str = "computed (CKD-EPI 2021)";

/// The worst flag of a report's results (the inbox orders by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReportFlag {
    Normal,
    Abnormal,
    Critical,
}

impl ReportFlag {
    pub fn from_sql(text: &str) -> ReportFlag {
        match text {
            "critical" => ReportFlag::Critical,
            "abnormal" => ReportFlag::Abnormal,
            _ => ReportFlag::Normal,
        }
    }
}

/// One result of a report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabResult {
    pub id: LabResultId,
    pub report_id: LabReportId,
    pub loinc: String,
    pub name: String,
    /// The catalogue's short name ("HbA1c"), else the name.
    pub short_name: String,
    pub value: LabValue,
    pub unit: Option<String>,
    pub canonical_value: Option<f64>,
    pub canonical_unit: Option<String>,
    /// The range applied, in `unit`.
    pub ref_low: Option<f64>,
    pub ref_high: Option<f64>,
    pub ref_text: Option<String>,
    pub flag: LabFlag,
    pub lab_flag: Option<String>,
    #[ts(type = "string")]
    pub collected_at: DateTime<Utc>,
    pub status: ResultStatus,
    pub comment: Option<String>,
    /// The earlier result this one corrects.
    pub supersedes: Option<LabResultId>,
    /// The correction that replaces this one (it stays readable).
    pub superseded_by: Option<LabResultId>,
    /// Charta computed it (the eGFR from a creatinine) rather than a lab reporting it.
    pub computed: bool,
    /// Decimals to show (the catalogue's, else 2).
    pub decimals: u8,
    pub entered_in_error: Option<ErrorMark>,
}

/// One report with its results, as the Results tab lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabReport {
    pub id: LabReportId,
    pub patient_id: PatientId,
    pub source: ReportSource,
    pub panel_code: Option<String>,
    pub panel_name: String,
    pub responsible_id: Option<UserId>,
    pub responsible_name: Option<String>,
    #[ts(type = "string")]
    pub collected_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub received_at: DateTime<Utc>,
    pub performing_lab: Option<String>,
    pub status: ResultStatus,
    pub entered_by: UserId,
    pub entered_by_name: String,
    #[ts(type = "string")]
    pub entered_at: DateTime<Utc>,
    pub worst_flag: ReportFlag,
    #[ts(type = "string | null")]
    pub reviewed_at: Option<DateTime<Utc>>,
    pub reviewed_by_name: Option<String>,
    pub review_comment: Option<String>,
    pub comment: Option<String>,
    pub entered_in_error: Option<ErrorMark>,
    pub results: Vec<LabResult>,
}

/// One row of manual entry: a test, its value as typed and the unit chosen beside it. A row
/// left empty (a panel's test not done) is skipped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct LabResultDraft {
    pub loinc: String,
    pub value: String,
    /// None: the test's canonical unit.
    pub unit: Option<String>,
    pub comment: String,
}

/// A report as typed: a panel or single tests, when collected (the practice's local date
/// and time, `YYYY-MM-DDTHH:MM`), whose inbox it reaches, where it was done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabReportDraft {
    /// `manual` (into the responsible physician's inbox) or `outside` (a result from
    /// elsewhere: counts for reminders, reaches no inbox).
    pub source: ReportSource,
    pub panel_code: Option<String>,
    pub collected_at: String,
    pub responsible_id: Option<UserId>,
    #[serde(default)]
    pub performing_lab: String,
    #[serde(default)]
    pub comment: String,
    pub results: Vec<LabResultDraft>,
}

/// A correction of one result: the right value, and what was wrong (kept as its comment).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct LabCorrectionDraft {
    pub value: String,
    pub unit: Option<String>,
    pub reason: String,
}

pub(crate) fn present_result(r: &StoredResult) -> LabResult {
    let test = super::catalogue::test(&r.loinc);
    LabResult {
        id: r.id,
        report_id: r.report,
        loinc: r.loinc.clone(),
        name: r.name.clone(),
        short_name: test.map_or_else(|| r.name.clone(), |t| t.short_name.clone()),
        value: r.value.clone(),
        unit: r.unit.clone(),
        canonical_value: r.canonical_value,
        canonical_unit: r.canonical_unit.clone(),
        ref_low: r.ref_low,
        ref_high: r.ref_high,
        ref_text: r.ref_text.clone(),
        flag: r.flag,
        lab_flag: r.lab_flag.clone(),
        collected_at: r.collected_at,
        status: r.status,
        comment: r.comment.clone(),
        supersedes: r.supersedes,
        superseded_by: r.superseded_by,
        computed: is_computed(&r.loinc, r.comment.as_deref()),
        decimals: test.map_or(2, |t| t.decimals),
        entered_in_error: r.entered_in_error.clone(),
    }
}

pub(crate) fn is_computed(loinc: &str, comment: Option<&str>) -> bool {
    loinc == super::catalogue::EGFR_LOINC && comment.is_some_and(|c| c.starts_with(COMPUTED_EGFR))
}

pub(crate) fn present_report(r: &StoredReport, results: &[StoredResult]) -> LabReport {
    LabReport {
        id: r.id,
        patient_id: r.patient,
        source: r.source,
        panel_code: r.panel_code.clone(),
        panel_name: r.panel_name.clone(),
        responsible_id: r.responsible,
        responsible_name: r.responsible_name.clone(),
        collected_at: r.collected_at,
        received_at: r.received_at,
        performing_lab: r.performing_lab.clone(),
        status: r.status,
        entered_by: r.entered_by,
        entered_by_name: r.entered_by_name.clone(),
        entered_at: r.entered_at,
        worst_flag: ReportFlag::from_sql(&r.worst_flag),
        reviewed_at: r.reviewed_at,
        reviewed_by_name: r.reviewed_by_name.clone(),
        review_comment: r.review_comment.clone(),
        comment: r.comment.clone(),
        entered_in_error: r.entered_in_error.clone(),
        results: results
            .iter()
            .filter(|x| x.report == r.id)
            .map(present_result)
            .collect(),
    }
}

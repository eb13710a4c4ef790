//! Practice reports computed locally: patients due/overdue per reminder, diabetes control
//! (HbA1c > 9 % or none in 12 months), blood-pressure control, immunization coverage by age
//! band (clinical, `ViewClinicalReports`); visits per provider per month and the no-show rate
//! (operational, `ViewOperationalReports` — no clinical values). Each is a table with a chart
//! and its patient list, exportable as CSV; every run is audited.
//!
//! `practice_report` is called by charta-bench (ops `report_due_colorectal`,
//! `report_diabetes_control`): keep its signature; the types may gain fields and kinds.

mod clinical;
mod coverage;
mod csv;
mod operational;
mod ops;
mod period;

pub use coverage::{cvx_group, CvxGroup};
pub use csv::to_csv;

use crate::permissions::Operation;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ReportKind {
    /// Patients due or overdue for one reminder rule ("colorectal"); an empty rule is the
    /// summary of every rule (counts only).
    RemindersDue {
        rule: String,
    },
    DiabetesControl,
    BloodPressureControl,
    ImmunizationCoverage,
    VisitsPerProvider,
    NoShowRate,
}

impl ReportKind {
    /// Clinical reports show diagnoses and results; operational ones only counts and, for
    /// no-shows, who missed appointments.
    pub fn is_clinical(&self) -> bool {
        !matches!(self, ReportKind::VisitsPerProvider | ReportKind::NoShowRate)
    }

    /// What running it takes.
    pub fn operation(&self) -> Operation {
        if self.is_clinical() {
            Operation::ViewClinicalReports
        } else {
            Operation::ViewOperationalReports
        }
    }

    /// Its stable name, as the audit's detail and the UI's test ids write it
    /// (`remindersDue:colorectal`, `diabetesControl`…).
    pub fn key(&self) -> String {
        match self {
            ReportKind::RemindersDue { rule } if rule.is_empty() => "remindersDue".into(),
            ReportKind::RemindersDue { rule } => format!("remindersDue:{rule}"),
            ReportKind::DiabetesControl => "diabetesControl".into(),
            ReportKind::BloodPressureControl => "bloodPressureControl".into(),
            ReportKind::ImmunizationCoverage => "immunizationCoverage".into(),
            ReportKind::VisitsPerProvider => "visitsPerProvider".into(),
            ReportKind::NoShowRate => "noShowRate".into(),
        }
    }
}

/// One report the user may run, for the list of reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportListing {
    pub kind: ReportKind,
    /// `ReportKind::key`.
    pub key: String,
    pub title: String,
    pub clinical: bool,
}

/// Bars (one bar per label, a group per series) or lines (one line per series).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChartStyle {
    Bars,
    Lines,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartSeries {
    pub name: String,
    /// One value per label.
    pub values: Vec<f64>,
}

/// The report's chart: a picture of its table (the table is the data).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportChart {
    pub style: ChartStyle,
    pub labels: Vec<String>,
    pub series: Vec<ChartSeries>,
    /// What the values are ("patients", "%", "visits").
    pub unit: String,
}

/// A further table (the no-show rate by provider beside the rate by month).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportTable {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One patient a report lists, with the values that put them there (`patient_columns`). A
/// restricted chart's name and date of birth are withheld (opening it still needs
/// emergency access).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportPatient {
    pub patient: crate::ids::PatientId,
    pub name: String,
    #[ts(type = "string | null")]
    pub date_of_birth: Option<chrono::NaiveDate>,
    pub mrn: u32,
    pub restricted: bool,
    pub values: Vec<String>,
}

/// A report's answer: its table, and the patients behind it when the report lists patients.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PracticeReport {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// How many patients the report counts (its denominator where it has one).
    pub patient_count: u32,
    pub kind: ReportKind,
    /// Exactly what is counted: population, period, codes, thresholds, what is left out.
    pub definition: String,
    /// The measure it follows (e.g. "CMS122v12"), or "" for an operational count.
    pub source: String,
    /// The measure's numerator where it has one (its denominator is `patient_count`).
    pub numerator: Option<u32>,
    /// The practice day the report was run for.
    #[ts(type = "string")]
    pub as_of: chrono::NaiveDate,
    pub chart: ReportChart,
    pub more_tables: Vec<ReportTable>,
    /// What the patient list shows: its heading and the value columns after name/DOB/MRN.
    pub patient_list_title: String,
    pub patient_columns: Vec<String>,
    pub patients: Vec<ReportPatient>,
}

/// "12.5 %" of `part` in `whole` (one decimal), "—" when there is nothing to divide.
/// A title inside a sentence ("Due for colorectal cancer screening"): its first letter in
/// lower case, the rest as written, so "hrHPV" and "HIV" keep their capitals.
pub(crate) fn in_sentence(title: &str) -> String {
    let mut chars = title.chars();
    match chars.next() {
        Some(first) if !chars.clone().next().is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => title.to_string(),
    }
}

pub(crate) fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        "—".into()
    } else {
        format!("{:.1} %", f64::from(part) * 100.0 / f64::from(whole))
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_operational;

//! Practice reports computed locally: patients due/overdue per reminder, diabetes control
//! (HbA1c > 9 % or none in 12 months), blood-pressure control, immunization coverage by age
//! band (clinical, `ViewClinicalReports`); visits per provider per month and the no-show rate
//! (operational, `ViewOperationalReports` — no clinical values). Each is a table with a chart
//! and its patient list, exportable as CSV; every run is audited.
//!
//! OWNER: reports helper. `practice_report` is called by charta-bench (ops
//! `report_due_colorectal`, `report_diabetes_control`): keep its signature; the types may gain
//! fields and kinds.

use crate::access::AsUser;
use crate::error::{not_built, CoreResult};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ReportKind {
    /// Patients due or overdue for one reminder rule ("colorectal").
    RemindersDue {
        rule: String,
    },
    DiabetesControl,
    BloodPressureControl,
    ImmunizationCoverage,
    VisitsPerProvider,
    NoShowRate,
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
}

impl AsUser<'_> {
    /// Runs one report over the whole practice.
    pub fn practice_report(
        &mut self,
        _kind: &ReportKind,
        _now: DateTime<Utc>,
    ) -> CoreResult<PracticeReport> {
        Err(not_built("practice reports"))
    }
}

//! The lab operations behind the checked door: manual entry of a report (a panel or single
//! tests, flags computed), the patient's reports and results, trends per test, corrections and
//! entered in error.
//!
//! OWNER: labs helper. `lab_trend` is called by charta-bench (op `lab_trend`): keep its
//! signature; the types may gain fields.

use crate::access::AsUser;
use crate::error::{not_built, CoreResult};
use crate::ids::{LabResultId, PatientId};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::LabFlag;

/// One point of a trend: a result's value in the test's canonical unit.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    pub result_id: LabResultId,
    #[ts(type = "string")]
    pub collected_at: DateTime<Utc>,
    pub value: f64,
    pub flag: LabFlag,
}

/// One test's values over time for one patient, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabTrend {
    pub loinc: String,
    pub name: String,
    pub unit: Option<String>,
    pub points: Vec<TrendPoint>,
}

impl AsUser<'_> {
    /// One test's trend for the patient (`ViewClinical`; audited `view_lab_trend`).
    pub fn lab_trend(
        &mut self,
        _patient: PatientId,
        _loinc: &str,
        _now: DateTime<Utc>,
    ) -> CoreResult<LabTrend> {
        Err(not_built("lab trends"))
    }
}

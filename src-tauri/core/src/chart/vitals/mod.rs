//! Vital signs: units in, canonical storage, impossible values refused, abnormal ones flagged.
//! A set is recorded once and never changed; a wrong one is marked entered in error.
//!
//! - [`units`]: the units a nurse types in and their conversion to the stored ones.
//! - [`validate`]: the form turned into canonical values, impossible readings refused.
//! - [`flags`]: age bands and reference ranges (adult and paediatric), computed on reading.
//! - [`ops`]: recording, listing and entering in error, through the checked door.

pub mod flags;
pub(crate) mod ops;
pub mod units;
pub mod validate;

pub use flags::{AgeBand, Limits, Measurement, VitalFlag};
pub use units::{HeightUnit, LengthUnit, TemperatureUnit, WeightUnit};

use crate::chart::common::ErrorMark;
use crate::ids::{PatientId, UserId, VisitId, VitalsId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the patient was placed when the blood pressure was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BpPosition {
    Sitting,
    Standing,
    Lying,
}

impl BpPosition {
    pub const ALL: [BpPosition; 3] = [BpPosition::Sitting, BpPosition::Standing, BpPosition::Lying];

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            BpPosition::Sitting => "sitting",
            BpPosition::Standing => "standing",
            BpPosition::Lying => "lying",
        }
    }

    pub fn parse(text: &str) -> Option<BpPosition> {
        BpPosition::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// One set of vitals as typed: every measurement is text in the unit chosen next to it
/// (empty: not measured), at least one measurement is needed. The core parses and checks it,
/// so a nurse gets the same answer whatever screen sent it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct VitalsInput {
    pub systolic: String,
    pub diastolic: String,
    pub bp_position: Option<BpPosition>,
    pub pulse: String,
    pub respiration: String,
    pub temperature: String,
    pub temperature_unit: TemperatureUnit,
    pub spo2: String,
    /// Centimetres, inches, or (with [`HeightUnit::FtIn`]) feet, the inches then in `height_inches`.
    pub height: String,
    pub height_inches: String,
    pub height_unit: HeightUnit,
    pub weight: String,
    pub weight_unit: WeightUnit,
    pub head_circumference: String,
    pub head_circumference_unit: LengthUnit,
    pub pain_score: String,
    /// When the readings were taken; `None` means now.
    #[ts(type = "string | null")]
    pub taken_at: Option<DateTime<Utc>>,
}

/// One stored value with how it compares with the reference range for the patient's age
/// then. `flag` is `None` where no range applies (height, weight, a child's BMI).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reading {
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub flag: Option<VitalFlag>,
}

/// The earlier set whose height a BMI was computed with (the set itself had only a weight).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BmiHeight {
    pub vitals_id: VitalsId,
    #[ts(type = "string")]
    pub taken_at: DateTime<Utc>,
    pub height_cm: f64,
}

/// One recorded set in canonical units (mmHg, /min, °C, %, cm, kg, kg/m²), flagged for the
/// patient's age when it was taken. What was not measured is left out of the JSON, which
/// keeps a 700-set history small.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VitalsSet {
    pub id: VitalsId,
    pub patient_id: PatientId,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub visit_id: Option<VisitId>,
    #[ts(type = "string")]
    pub taken_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: UserId,
    pub recorded_by_name: String,
    /// The age band whose ranges flagged this set.
    pub age_band: AgeBand,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub systolic: Option<Reading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub diastolic: Option<Reading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bp_position: Option<BpPosition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pulse: Option<Reading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub respiration: Option<Reading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub temperature_c: Option<Reading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub spo2: Option<Reading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub height_cm: Option<Reading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub weight_kg: Option<Reading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bmi: Option<Reading>,
    /// Set when the BMI used an earlier height; `None` when it used this set's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bmi_height_from: Option<BmiHeight>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub head_circumference_cm: Option<Reading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pain_score: Option<Reading>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub entered_in_error: Option<ErrorMark>,
}

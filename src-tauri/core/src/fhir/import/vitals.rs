//! Vital-sign Observations as Charta's vitals sets: readings taken at the same instant make
//! one set (the way a nurse records them), by LOINC code and UCUM unit. BMI is not taken
//! from the file: Charta computes it from the height and weight, as for any set.

use super::fields::{instant, Fields};
use crate::chart::vitals::{
    BpPosition, HeightUnit, LengthUnit, TemperatureUnit, VitalsInput, WeightUnit,
};
use crate::fhir::LOINC;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// The LOINC codes a vitals set holds.
const SET_CODES: [&str; 13] = [
    "85354-9", "55284-4", "8480-6", "8462-4", "8867-4", "9279-1", "8310-5", "59408-5", "2708-6",
    "8302-2", "29463-7", "9843-4", "72514-3",
];

/// Whether an Observation is one of the vital signs a set holds (or BMI, which Charta
/// computes itself).
pub(super) fn is_vital(f: &mut Fields<'_>) -> Option<&'static str> {
    let (code, _) = f.coded_in("code", LOINC)?;
    if code == "39156-5" {
        return Some("39156-5");
    }
    SET_CODES.iter().copied().find(|c| *c == code)
}

/// Vitals sets being gathered, by the instant they were taken.
#[derive(Default)]
pub(super) struct Sets {
    pub by_instant: BTreeMap<DateTime<Utc>, (VitalsInput, Vec<String>)>,
}

/// Formats a reading as typed into the form: BP, pulse and respiration are whole numbers.
fn whole(v: f64) -> String {
    format!("{}", v.round() as i64)
}

/// Up to two decimals (a weight in kg converted from pounds keeps its precision, so the
/// BMI Charta computes from it is the one the old system showed).
fn decimal(v: f64) -> String {
    let text = format!("{:.2}", (v * 100.0).round() / 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Sets {
    /// Adds one vital-sign Observation (its LOINC code already found) to the set of its
    /// instant.
    pub fn add(&mut self, f: &mut Fields<'_>, code: &str) -> Added {
        if f.text("status") == Some("entered-in-error") {
            return Added::EnteredInError;
        }
        let has_value = if matches!(code, "85354-9" | "55284-4") {
            !f.array("component").is_empty()
        } else {
            f.at("valueQuantity").is_some()
        };
        if code == "39156-5" {
            return Added::Computed;
        }
        if !has_value {
            // value[x] is optional in FHIR (Synthea writes some without); nothing to keep.
            return Added::NoValue;
        }
        let Some(when) = f.required_text("effectiveDateTime", "Charta needs when it was taken")
        else {
            return Added::Invalid;
        };
        let Some(at) = instant(when) else {
            f.issue(
                "effectiveDateTime",
                format!("\"{when}\" is not a FHIR dateTime"),
            );
            return Added::Invalid;
        };
        let (set, from) = self.by_instant.entry(at).or_insert_with(|| {
            (
                VitalsInput {
                    taken_at: Some(at),
                    ..VitalsInput::default()
                },
                Vec::new(),
            )
        });
        from.push(f.name.clone());
        let value = f.number("valueQuantity.value");
        let unit = f
            .text("valueQuantity.code")
            .or_else(|| f.text("valueQuantity.unit"))
            .unwrap_or("");
        match code {
            "85354-9" | "55284-4" => {
                for (i, c) in f.array("component").iter().enumerate() {
                    let v = c
                        .get("valueQuantity")
                        .and_then(|q| q.get("value"))
                        .and_then(serde_json::Value::as_f64);
                    let component = c
                        .get("code")
                        .and_then(|c| c.get("coding"))
                        .and_then(serde_json::Value::as_array)
                        .and_then(|c| c.first())
                        .and_then(|c| c.get("code"))
                        .and_then(serde_json::Value::as_str);
                    match (component, v) {
                        (Some("8480-6"), Some(v)) => set.systolic = whole(v),
                        (Some("8462-4"), Some(v)) => set.diastolic = whole(v),
                        (Some("8480-6") | Some("8462-4"), None) => f.issue(
                            &format!("component[{i}].valueQuantity.value"),
                            "must be a number",
                        ),
                        _ => {}
                    }
                }
                set.bp_position = match f.notes("note").first().map(String::as_str) {
                    Some("standing") => Some(BpPosition::Standing),
                    Some("lying") => Some(BpPosition::Lying),
                    Some("sitting") => Some(BpPosition::Sitting),
                    _ => None,
                };
            }
            _ => {
                let Some(v) = value else {
                    f.issue(
                        "valueQuantity.value",
                        "is missing; a vital sign needs its value",
                    );
                    return Added::Invalid;
                };
                match code {
                    "8480-6" => set.systolic = whole(v),
                    "8462-4" => set.diastolic = whole(v),
                    "8867-4" => set.pulse = whole(v),
                    "9279-1" => set.respiration = whole(v),
                    "8310-5" => {
                        set.temperature = decimal(v);
                        set.temperature_unit = if unit == "[degF]" {
                            TemperatureUnit::Fahrenheit
                        } else {
                            TemperatureUnit::Celsius
                        };
                    }
                    "59408-5" | "2708-6" => set.spo2 = whole(v),
                    "8302-2" => {
                        set.height = decimal(v);
                        set.height_unit = if unit == "[in_i]" {
                            HeightUnit::In
                        } else {
                            HeightUnit::Cm
                        };
                    }
                    "29463-7" => {
                        set.weight = decimal(v);
                        set.weight_unit = if unit == "[lb_av]" {
                            WeightUnit::Lb
                        } else {
                            WeightUnit::Kg
                        };
                    }
                    "9843-4" => {
                        set.head_circumference = decimal(v);
                        set.head_circumference_unit = if unit == "[in_i]" {
                            LengthUnit::In
                        } else {
                            LengthUnit::Cm
                        };
                    }
                    "72514-3" => set.pain_score = whole(v),
                    _ => {}
                }
            }
        }
        Added::Filed
    }
}

/// What became of one vital-sign Observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Added {
    Filed,
    /// BMI: Charta computes it from the set's height and weight.
    Computed,
    NoValue,
    EnteredInError,
    /// An issue was recorded.
    Invalid,
}

//! A typed set of vitals checked and turned into canonical values. Physiologically impossible
//! readings are refused with the field named and the value in the unit it was typed in, every
//! wrong field at once, so nothing half-right is ever saved.

use super::units::{one_decimal, HeightUnit, LengthUnit, WeightUnit};
use super::{BpPosition, VitalsInput};
use crate::error::{CoreError, CoreResult, FieldError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// How far ahead of the clock a reading may be dated: workstation clocks drift.
pub const FUTURE_SLACK_MINUTES: i64 = 5;

/// The possible range of each measurement in stored units (inclusive). Outside it the
/// reading is a typing or device error, not a patient.
pub mod possible {
    pub const SYSTOLIC: (f64, f64) = (20.0, 300.0);
    pub const DIASTOLIC: (f64, f64) = (10.0, 200.0);
    pub const PULSE: (f64, f64) = (20.0, 300.0);
    pub const RESPIRATION: (f64, f64) = (4.0, 80.0);
    pub const TEMPERATURE_C: (f64, f64) = (25.0, 45.0);
    pub const SPO2: (f64, f64) = (50.0, 100.0);
    pub const HEIGHT_CM: (f64, f64) = (20.0, 250.0);
    pub const WEIGHT_KG: (f64, f64) = (0.3, 500.0);
    pub const HEAD_CIRCUMFERENCE_CM: (f64, f64) = (20.0, 70.0);
    pub const PAIN: (f64, f64) = (0.0, 10.0);
}

/// A set in stored units, ready to insert.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidVitals {
    pub taken_at: DateTime<Utc>,
    pub systolic: Option<i64>,
    pub diastolic: Option<i64>,
    pub bp_position: Option<BpPosition>,
    pub pulse: Option<i64>,
    pub respiration: Option<i64>,
    pub temperature_c: Option<f64>,
    pub spo2: Option<i64>,
    pub height_cm: Option<f64>,
    pub weight_kg: Option<f64>,
    pub head_circumference_cm: Option<f64>,
    pub pain_score: Option<i64>,
}

impl ValidVitals {
    fn is_empty(&self) -> bool {
        self.systolic.is_none()
            && self.pulse.is_none()
            && self.respiration.is_none()
            && self.temperature_c.is_none()
            && self.spo2.is_none()
            && self.height_cm.is_none()
            && self.weight_kg.is_none()
            && self.head_circumference_cm.is_none()
            && self.pain_score.is_none()
    }
}

/// Collects the field errors of one form.
struct Check {
    errors: Vec<FieldError>,
}

impl Check {
    fn fail(&mut self, field: &str, message: String) {
        self.errors.push(FieldError::new(field, message));
    }

    /// The number typed in `field` (a comma counts as the decimal point), `None` when empty.
    fn number(&mut self, field: &str, label: &str, text: &str) -> Option<f64> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        match t.replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                self.fail(
                    field,
                    format!("{label} must be a number, like {}", example(field)),
                );
                None
            }
        }
    }

    /// `canonical` if it lies in `range`; otherwise an error quoting what was typed.
    fn possible(
        &mut self,
        field: &str,
        label: &str,
        canonical: f64,
        typed: &str,
        range: (f64, f64),
    ) -> Option<f64> {
        if canonical < range.0 || canonical > range.1 {
            self.fail(
                field,
                format!("{label} {typed} is not possible; check the reading"),
            );
            return None;
        }
        Some(canonical)
    }

    /// A measurement typed in its own stored unit, rounded to a whole number.
    fn whole(
        &mut self,
        field: &str,
        label: &str,
        unit: &str,
        text: &str,
        range: (f64, f64),
    ) -> Option<i64> {
        let v = self.number(field, label, text)?;
        let typed = format!("{} {unit}", text.trim());
        self.possible(field, label, v.round(), typed.trim(), range)
            .map(|v| v as i64)
    }
}

fn example(field: &str) -> &'static str {
    match field {
        "systolic" => "120",
        "diastolic" => "80",
        "temperature" => "37.2",
        "weight" => "70.5",
        "height" | "headCircumference" => "170",
        "heightInches" => "7",
        "painScore" => "3",
        _ => "72",
    }
}

/// Checks `input` taken by a patient born on `born` (a date in the practice zone `tz`) and
/// converts it to stored units; `now` dates a set with no `taken_at`.
pub fn validate(
    input: &VitalsInput,
    now: DateTime<Utc>,
    born: NaiveDate,
    tz: Tz,
) -> CoreResult<ValidVitals> {
    use possible::*;
    let mut c = Check { errors: Vec::new() };

    let taken_at = input.taken_at.unwrap_or(now);
    if taken_at > now + Duration::minutes(FUTURE_SLACK_MINUTES) {
        c.fail("takenAt", "This time is in the future".into());
    } else if taken_at.with_timezone(&tz).date_naive() < born {
        c.fail("takenAt", "This is before the patient was born".into());
    }

    let systolic = c.whole("systolic", "Systolic", "mmHg", &input.systolic, SYSTOLIC);
    let diastolic = c.whole(
        "diastolic",
        "Diastolic",
        "mmHg",
        &input.diastolic,
        DIASTOLIC,
    );
    let has_sys = !input.systolic.trim().is_empty();
    let has_dia = !input.diastolic.trim().is_empty();
    if has_sys && !has_dia {
        c.fail(
            "diastolic",
            "Enter the diastolic too (both or neither)".into(),
        );
    } else if has_dia && !has_sys {
        c.fail(
            "systolic",
            "Enter the systolic too (both or neither)".into(),
        );
    }
    if let (Some(s), Some(d)) = (systolic, diastolic) {
        if d >= s {
            c.fail(
                "diastolic",
                format!("Diastolic {d} must be lower than systolic {s}; check the reading"),
            );
        }
    }
    if input.bp_position.is_some() && !has_sys && !has_dia {
        c.fail("bpPosition", "A position goes with a blood pressure".into());
    }

    let pulse = c.whole("pulse", "Pulse", "/min", &input.pulse, PULSE);
    let respiration = c.whole(
        "respiration",
        "Respiration",
        "/min",
        &input.respiration,
        RESPIRATION,
    );
    let spo2 = c.whole("spo2", "SpO2", "%", &input.spo2, SPO2);

    let temperature_c = c
        .number("temperature", "Temperature", &input.temperature)
        .and_then(|v| {
            let unit = input.temperature_unit;
            let typed = format!("{} {}", input.temperature.trim(), unit.symbol());
            c.possible(
                "temperature",
                "Temperature",
                unit.to_celsius(v),
                &typed,
                TEMPERATURE_C,
            )
        })
        .map(one_decimal);

    let height_cm = height(&mut c, input).map(one_decimal);

    let weight_kg = c
        .number("weight", "Weight", &input.weight)
        .and_then(|v| {
            let unit: WeightUnit = input.weight_unit;
            let typed = format!("{} {}", input.weight.trim(), unit.symbol());
            c.possible("weight", "Weight", unit.to_kg(v), &typed, WEIGHT_KG)
        })
        .map(one_decimal);

    let head_circumference_cm = c
        .number(
            "headCircumference",
            "Head circumference",
            &input.head_circumference,
        )
        .and_then(|v| {
            let unit: LengthUnit = input.head_circumference_unit;
            let typed = format!("{} {}", input.head_circumference.trim(), unit.symbol());
            c.possible(
                "headCircumference",
                "Head circumference",
                unit.to_cm(v),
                &typed,
                HEAD_CIRCUMFERENCE_CM,
            )
        })
        .map(one_decimal);

    let pain_score = c
        .number("painScore", "Pain score", &input.pain_score)
        .and_then(|v| {
            if v.fract() != 0.0 || v < PAIN.0 || v > PAIN.1 {
                c.fail(
                    "painScore",
                    "Pain score is a whole number from 0 to 10".into(),
                );
                None
            } else {
                Some(v as i64)
            }
        });

    let valid = ValidVitals {
        taken_at,
        systolic: systolic.filter(|_| diastolic.is_some()),
        diastolic: diastolic.filter(|_| systolic.is_some()),
        bp_position: input.bp_position,
        pulse,
        respiration,
        temperature_c,
        spo2,
        height_cm,
        weight_kg,
        head_circumference_cm,
        pain_score,
    };
    if c.errors.is_empty() && valid.is_empty() {
        c.fail("measurements", "Enter at least one measurement".into());
    }
    if c.errors.is_empty() {
        Ok(valid)
    } else {
        Err(CoreError::Invalid(c.errors))
    }
}

/// The height in cm: one box for cm or inches, two (feet, inches) for feet and inches.
fn height(c: &mut Check, input: &VitalsInput) -> Option<f64> {
    let range = possible::HEIGHT_CM;
    match input.height_unit {
        HeightUnit::Cm | HeightUnit::In => {
            let unit = if input.height_unit == HeightUnit::Cm {
                LengthUnit::Cm
            } else {
                LengthUnit::In
            };
            let v = c.number("height", "Height", &input.height)?;
            let typed = format!("{} {}", input.height.trim(), unit.symbol());
            c.possible("height", "Height", unit.to_cm(v), &typed, range)
        }
        HeightUnit::FtIn => {
            let feet_text = input.height.trim();
            let inches_text = input.height_inches.trim();
            if feet_text.is_empty() && inches_text.is_empty() {
                return None;
            }
            let feet = if feet_text.is_empty() {
                Some(0.0)
            } else {
                c.number("height", "Height", feet_text)
            };
            let inches = if inches_text.is_empty() {
                Some(0.0)
            } else {
                c.number("heightInches", "Inches", inches_text)
            };
            let (feet, inches) = (feet?, inches?);
            if !(0.0..12.0).contains(&inches) {
                c.fail("heightInches", "Inches go from 0 to 11.9 with feet".into());
                return None;
            }
            let typed = format!(
                "{} ft {} in",
                feet_text,
                if inches_text.is_empty() {
                    "0"
                } else {
                    inches_text
                }
            );
            let cm = LengthUnit::In.to_cm(feet * 12.0 + inches);
            c.possible("height", "Height", cm, &typed, range)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::vitals::units::TemperatureUnit;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 15, 0, 0).unwrap()
    }

    fn born() -> NaiveDate {
        NaiveDate::from_ymd_opt(1980, 3, 14).unwrap()
    }

    #[test]
    fn feet_and_inches_become_centimetres() {
        let input = VitalsInput {
            height: "5".into(),
            height_inches: "7".into(),
            height_unit: HeightUnit::FtIn,
            ..Default::default()
        };
        let v = validate(&input, now(), born(), Tz::UTC).unwrap();
        assert_eq!(v.height_cm, Some(170.2));
    }

    #[test]
    fn a_fahrenheit_reading_is_refused_in_fahrenheit() {
        let input = VitalsInput {
            temperature: "130".into(),
            temperature_unit: TemperatureUnit::Fahrenheit,
            ..Default::default()
        };
        let err = validate(&input, now(), born(), Tz::UTC).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "temperature");
        assert_eq!(
            err.field_errors()[0].message,
            "Temperature 130 °F is not possible; check the reading"
        );
    }
}

//! Abnormal-value flags: the patient's age band on the day a set was taken, the reference
//! range of each measurement for that band, and where a value falls. Computed on every read,
//! never stored, so a corrected range applies to the whole history at once.
//!
//! Sources (also in the README, "Vitals"):
//! - Children: American Heart Association, *Pediatric Advanced Life Support Provider Manual*
//!   (2020), tables "Normal heart rates" (awake), "Normal respiratory rates", "Normal blood
//!   pressures" and "Definition of hypotension by systolic blood pressure and age" (systolic
//!   < 60 mmHg newborn, < 70 infant, < 70 + 2 × age in years from 1 to 10, < 90 from 10); PALS
//!   also treats a respiratory rate above 60/min as abnormal at any age and < 60/min heart rate
//!   with poor perfusion as an arrest rhythm, which is where the children's critical limits
//!   come from. A fever (≥ 38.0 °C) in a newborn is critical (febrile neonate).
//! - Adults: Royal College of Physicians, *National Early Warning Score (NEWS) 2* (2017), the
//!   parameters scoring 3 (pulse ≤ 40 or ≥ 131, respiration ≤ 8 or ≥ 25, SpO2 ≤ 91 %,
//!   temperature ≤ 35.0 °C) as critical; blood pressure by the 2017 ACC/AHA guideline (high
//!   from stage 1, 130/80; critical at a hypertensive crisis, ≥ 180 or ≥ 120); BMI by the WHO
//!   classes (< 18.5 underweight, ≥ 30 obese). A child's BMI needs the CDC percentile
//!   charts and is not flagged, nor are height, weight and head circumference.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a value compares with its reference range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum VitalFlag {
    Normal,
    Low,
    High,
    CriticalLow,
    CriticalHigh,
}

/// The age bands of the paediatric tables, then adults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AgeBand {
    /// The first 28 days.
    Newborn,
    /// From day 29 to the first birthday.
    Infant,
    /// 1 and 2 years.
    Toddler,
    /// 3 to 5 years.
    Preschool,
    /// 6 to 11 years.
    SchoolAge,
    /// 12 to 17 years.
    Adolescent,
    /// 18 and over.
    Adult,
}

/// Whole years from `born` to `on` (0 before the first birthday or before birth).
pub fn age_years(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years.max(0)
}

impl AgeBand {
    /// The band of someone born on `born`, on the date `on`.
    pub fn at(born: NaiveDate, on: NaiveDate) -> AgeBand {
        let days = (on - born).num_days();
        let years = age_years(born, on);
        match (days, years) {
            (..=28, _) => AgeBand::Newborn,
            (_, 0) => AgeBand::Infant,
            (_, 1..=2) => AgeBand::Toddler,
            (_, 3..=5) => AgeBand::Preschool,
            (_, 6..=11) => AgeBand::SchoolAge,
            (_, 12..=17) => AgeBand::Adolescent,
            _ => AgeBand::Adult,
        }
    }
}

/// The measurements that have reference ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measurement {
    Systolic,
    Diastolic,
    Pulse,
    Respiration,
    Temperature,
    Spo2,
    Bmi,
    PainScore,
}

/// A reference range: `normal` inclusive at both ends; below it low, above it high; below
/// `critical_below` or above `critical_above` critical.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub critical_below: Option<f64>,
    pub normal: (f64, f64),
    pub critical_above: Option<f64>,
}

impl Limits {
    const fn new(
        critical_below: Option<f64>,
        low: f64,
        high: f64,
        critical_above: Option<f64>,
    ) -> Self {
        Limits {
            critical_below,
            normal: (low, high),
            critical_above,
        }
    }

    pub fn flag(&self, value: f64) -> VitalFlag {
        if self.critical_below.is_some_and(|c| value < c) {
            VitalFlag::CriticalLow
        } else if self.critical_above.is_some_and(|c| value > c) {
            VitalFlag::CriticalHigh
        } else if value < self.normal.0 {
            VitalFlag::Low
        } else if value > self.normal.1 {
            VitalFlag::High
        } else {
            VitalFlag::Normal
        }
    }
}

const fn l(
    critical_below: Option<f64>,
    low: f64,
    high: f64,
    critical_above: Option<f64>,
) -> Limits {
    Limits::new(critical_below, low, high, critical_above)
}

/// PALS: hypotension is a systolic below this (mmHg) at `years` of age, from the first birthday.
fn pals_hypotension(years: i32) -> f64 {
    if years >= 10 {
        90.0
    } else {
        70.0 + 2.0 * f64::from(years.max(1))
    }
}

/// The reference range of `m` for someone born on `born`, on `on`; `None` where none applies.
pub fn limits(m: Measurement, born: NaiveDate, on: NaiveDate) -> Option<Limits> {
    use AgeBand::*;
    use Measurement::*;
    let band = AgeBand::at(born, on);
    let years = age_years(born, on);
    let child_temperature = |critical_above| Some(l(Some(35.1), 36.0, 37.9, Some(critical_above)));
    // SpO2 and pain do not depend on age: NEWS2 scores ≤ 91 % as 3; pain 7–10 is severe.
    match m {
        Spo2 => return Some(l(Some(92.0), 95.0, 100.0, None)),
        PainScore => return Some(l(None, 0.0, 6.0, None)),
        _ => {}
    }
    Some(match (band, m) {
        (Adult, Systolic) => l(Some(80.0), 90.0, 129.0, Some(179.0)),
        (Adult, Diastolic) => l(None, 60.0, 79.0, Some(119.0)),
        (Adult, Pulse) => l(Some(41.0), 60.0, 100.0, Some(130.0)),
        (Adult, Respiration) => l(Some(9.0), 12.0, 20.0, Some(24.0)),
        (Adult, Temperature) => l(Some(35.1), 36.0, 37.9, Some(39.9)),
        (Adult, Bmi) => l(None, 18.5, 29.9, None),
        (_, Bmi) => return None,

        (Newborn, Systolic) => l(Some(60.0), 60.0, 84.0, None),
        (Newborn, Diastolic) => l(None, 30.0, 53.0, None),
        (Newborn, Pulse) => l(Some(60.0), 100.0, 205.0, Some(219.0)),
        (Newborn, Respiration) => l(Some(10.0), 30.0, 53.0, Some(60.0)),
        (Newborn, Temperature) => return child_temperature(37.9),

        (Infant, Systolic) => l(Some(70.0), 72.0, 104.0, None),
        (Infant, Diastolic) => l(None, 37.0, 56.0, None),
        (Infant, Pulse) => l(Some(60.0), 100.0, 180.0, Some(219.0)),
        (Infant, Respiration) => l(Some(10.0), 30.0, 53.0, Some(60.0)),

        (Toddler, Systolic) => l(Some(pals_hypotension(years)), 86.0, 106.0, None),
        (Toddler, Diastolic) => l(None, 42.0, 63.0, None),
        (Toddler, Pulse) => l(Some(60.0), 98.0, 140.0, Some(179.0)),
        (Toddler, Respiration) => l(Some(10.0), 22.0, 37.0, Some(60.0)),

        (Preschool, Systolic) => l(Some(pals_hypotension(years)), 89.0, 112.0, None),
        (Preschool, Diastolic) => l(None, 46.0, 72.0, None),
        (Preschool, Pulse) => l(Some(60.0), 80.0, 120.0, Some(179.0)),
        (Preschool, Respiration) => l(Some(10.0), 20.0, 28.0, Some(60.0)),

        (SchoolAge, Systolic) => l(Some(pals_hypotension(years)), 97.0, 120.0, None),
        (SchoolAge, Diastolic) => l(None, 57.0, 80.0, None),
        (SchoolAge, Pulse) => l(Some(60.0), 75.0, 118.0, Some(179.0)),
        (SchoolAge, Respiration) => l(Some(10.0), 18.0, 25.0, Some(60.0)),

        (Adolescent, Systolic) => l(Some(90.0), 110.0, 131.0, Some(179.0)),
        (Adolescent, Diastolic) => l(None, 64.0, 83.0, Some(119.0)),
        (Adolescent, Pulse) => l(Some(41.0), 60.0, 100.0, Some(130.0)),
        (Adolescent, Respiration) => l(Some(9.0), 12.0, 20.0, Some(24.0)),

        (_, Temperature) => return child_temperature(39.9),
        (_, Spo2 | PainScore) => return None,
    })
}

/// The flag of `value` for `m`, for someone born on `born`, measured on `on`.
pub fn flag(m: Measurement, value: f64, born: NaiveDate, on: NaiveDate) -> Option<VitalFlag> {
    limits(m, born, on).map(|lim| lim.flag(value))
}

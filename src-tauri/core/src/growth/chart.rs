//! A child's growth chart from their measurements: each weight, length/height, BMI, head
//! circumference (and, under 2, weight-for-length) placed on its reference, with the
//! percentile lines to draw. Pure: the door in `ops` reads the rows and audits.

use super::curves::{curves, PANELS};
use super::reference::{chart_for, place, TableSex, WHO_LAST_DAY};
use super::{GrowthChart, GrowthMeasure, GrowthPoint, GrowthReference};
use crate::error::CoreResult;
use crate::patient::SexAtBirth;
use crate::store::growth::GrowthRow;
use chrono::NaiveDate;
use chrono_tz::Tz;

/// The references end at 20 years.
pub const LAST_YEAR: u32 = 20;

fn noun(m: GrowthMeasure) -> &'static str {
    match m {
        GrowthMeasure::WeightForAge => "weight",
        GrowthMeasure::LengthHeightForAge => "length/height",
        GrowthMeasure::BmiForAge => "BMI",
        GrowthMeasure::HeadCircumferenceForAge => "head circumference",
        GrowthMeasure::WeightForLength => "weight-for-length",
    }
}

/// The chart of a child born on `born` as of `today` (practice zone), from the rows of
/// their vitals, oldest first.
pub fn build(
    born: NaiveDate,
    sex_at_birth: SexAtBirth,
    today: NaiveDate,
    rows: &[GrowthRow],
    tz: Tz,
) -> CoreResult<GrowthChart> {
    let age_days = (today - born).num_days();
    let mut chart = GrowthChart {
        points: Vec::new(),
        curves: Vec::new(),
        sex_at_birth,
        date_of_birth: born,
        age_days,
        reason: None,
        notes: Vec::new(),
    };
    let years = today.years_since(born).unwrap_or(0);
    if years >= LAST_YEAR {
        chart.reason = Some(format!(
            "Growth charts run from birth to 20 years; this patient is {years}."
        ));
        return Ok(chart);
    }
    let Some(sex) = TableSex::of(sex_at_birth) else {
        chart.reason = Some(format!(
            "The growth references are drawn separately for girls and boys, and this \
             patient's sex at birth is recorded as {}: no percentiles are given rather \
             than a guess. Record the sex at birth if it is known.",
            sex_at_birth.as_str()
        ));
        return Ok(chart);
    };
    for row in rows {
        let day = row.taken_at.with_timezone(&tz).date_naive();
        let age = (day - born).num_days();
        let wfl = match (row.weight_kg, row.height_cm) {
            (Some(w), Some(h)) if age <= WHO_LAST_DAY => Some((w, h)),
            _ => None,
        };
        let measures = [
            (GrowthMeasure::WeightForAge, row.weight_kg, None),
            (GrowthMeasure::LengthHeightForAge, row.height_cm, None),
            (GrowthMeasure::BmiForAge, row.bmi, None),
            (
                GrowthMeasure::HeadCircumferenceForAge,
                row.head_circumference_cm,
                None,
            ),
            (
                GrowthMeasure::WeightForLength,
                wfl.map(|(w, _)| w),
                wfl.map(|(_, h)| h),
            ),
        ];
        for (measure, value, at_cm) in measures {
            let Some(value) = value else { continue };
            match place(sex, measure, age, value, at_cm)? {
                Some(p) => chart.points.push(GrowthPoint {
                    measure,
                    age_days: age,
                    value,
                    z: p.z,
                    percentile: p.percentile,
                    reference: p.reference.source().to_string(),
                    chart: p.reference,
                    vitals_id: row.id,
                    taken_at: row.taken_at,
                    length_cm: at_cm,
                }),
                None => chart.notes.push(format!(
                    "The {} of {day} is not placed: no reference covers it{}.",
                    noun(measure),
                    if measure == GrowthMeasure::WeightForLength {
                        " (WHO weight-for-length runs from 45 to 110 cm)"
                    } else {
                        " at that age"
                    }
                )),
            }
        }
    }
    let shown = |m: GrowthMeasure, c: GrowthReference| {
        chart_for(m, age_days) == Some(c)
            || chart.points.iter().any(|p| p.measure == m && p.chart == c)
    };
    let panels: Vec<_> = PANELS.into_iter().filter(|&(m, c)| shown(m, c)).collect();
    for (m, c) in panels {
        chart.curves.extend(curves(sex, m, c)?);
    }
    Ok(chart)
}

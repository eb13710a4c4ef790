//! The percentile lines drawn under a child's points: the 3rd to 97th percentiles of each
//! measure on each chart for each sex, over the chart's whole span (WHO birth–2 years weekly,
//! CDC 2–20 years monthly, head circumference birth–36 months half-monthly, weight-for-length
//! 45–110 cm by half centimetres). Computed once and reused: they depend only on the tables.

use super::lms::CURVES;
use super::reference::{lms_at, TableSex, DAYS_PER_MONTH, WHO_LAST_DAY};
use super::{GrowthCurve, GrowthMeasure, GrowthReference};
use crate::error::{CoreError, CoreResult};
use std::sync::OnceLock;

/// Every (measure, chart) pair with a table.
pub const PANELS: [(GrowthMeasure, GrowthReference); 8] = [
    (GrowthMeasure::WeightForAge, GrowthReference::Who),
    (GrowthMeasure::LengthHeightForAge, GrowthReference::Who),
    (GrowthMeasure::BmiForAge, GrowthReference::Who),
    (GrowthMeasure::WeightForLength, GrowthReference::Who),
    (
        GrowthMeasure::HeadCircumferenceForAge,
        GrowthReference::CdcInfant,
    ),
    (GrowthMeasure::WeightForAge, GrowthReference::Cdc),
    (GrowthMeasure::LengthHeightForAge, GrowthReference::Cdc),
    (GrowthMeasure::BmiForAge, GrowthReference::Cdc),
];

/// The x values a panel's lines are drawn at (age in days, or cm for weight-for-length).
fn xs(measure: GrowthMeasure, chart: GrowthReference) -> Vec<f64> {
    match (measure, chart) {
        (GrowthMeasure::WeightForLength, _) => (0..=130).map(|i| 45.0 + i as f64 * 0.5).collect(),
        (_, GrowthReference::Who) => {
            let mut days: Vec<f64> = (0..=WHO_LAST_DAY / 7).map(|w| (w * 7) as f64).collect();
            days.push(WHO_LAST_DAY as f64);
            days
        }
        (_, GrowthReference::CdcInfant) => {
            (0..=72).map(|h| h as f64 * 0.5 * DAYS_PER_MONTH).collect()
        }
        (_, GrowthReference::Cdc) => (24..=240).map(|m| m as f64 * DAYS_PER_MONTH).collect(),
    }
}

fn panel(
    sex: TableSex,
    measure: GrowthMeasure,
    chart: GrowthReference,
) -> CoreResult<Vec<GrowthCurve>> {
    let xs = xs(measure, chart);
    let mut lms = Vec::with_capacity(xs.len());
    let mut kept = Vec::with_capacity(xs.len());
    for x in xs {
        if let Some(row) = lms_at(sex, measure, chart, x)? {
            lms.push(row);
            kept.push(x);
        }
    }
    Ok(CURVES
        .iter()
        .map(|&(p, z)| GrowthCurve {
            measure,
            chart,
            percentile: p,
            xs: kept.clone(),
            // A thousandth of a kg or cm is finer than any plot; shorter numbers keep the
            // chart's JSON small.
            ys: lms
                .iter()
                .map(|r| (r.value_at(z) * 1000.0).round() / 1000.0)
                .collect(),
        })
        .collect())
}

static ALL: OnceLock<Result<[Vec<GrowthCurve>; 2], String>> = OnceLock::new();

/// The lines of one panel for one sex (nine, 3rd to 97th percentile).
pub fn curves(
    sex: TableSex,
    measure: GrowthMeasure,
    chart: GrowthReference,
) -> CoreResult<Vec<GrowthCurve>> {
    let all = ALL.get_or_init(|| {
        let build = |sex: TableSex| -> Result<Vec<GrowthCurve>, String> {
            let mut out = Vec::new();
            for (m, c) in PANELS {
                out.extend(panel(sex, m, c).map_err(|e| e.to_string())?);
            }
            Ok(out)
        };
        Ok([build(TableSex::Male)?, build(TableSex::Female)?])
    });
    let all = all.as_ref().map_err(|e| CoreError::Corrupt(e.clone()))?;
    Ok(all[sex as usize]
        .iter()
        .filter(|c| c.measure == measure && c.chart == chart)
        .cloned()
        .collect())
}

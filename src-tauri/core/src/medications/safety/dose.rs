//! Dose: each ingredient's daily amount by the sig (dose × doses a day × amount per dose
//! unit) against the formulary's maximum daily dose — for adults, or for a child (under 18)
//! by weight (mg/kg/day, capped) when the chart has a weight.

use super::substances::capitalised;
use super::{Candidate, PatientFacts};
use crate::medications::sig::doses_per_day;
use crate::medications::{AlertKind, AlertSeverity, DoseLimit, Route, SafetyAlert};

/// Factor to milligrams for the mass units; other units only compare with themselves.
fn to_mg(unit: &str) -> Option<f64> {
    match unit.trim().to_ascii_lowercase().as_str() {
        "mg" => Some(1.0),
        "mcg" | "µg" | "ug" => Some(0.001),
        "g" => Some(1000.0),
        _ => None,
    }
}

/// `amount` in `from` expressed in `to`, when they are the same or both masses.
fn convert(amount: f64, from: &str, to: &str) -> Option<f64> {
    if from.trim().eq_ignore_ascii_case(to.trim()) {
        return Some(amount);
    }
    Some(amount * to_mg(from)? / to_mg(to)?)
}

fn figure(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

/// The most this patient may take a day by `limit`, with how it was reached; none when the
/// limit gives no figure that applies.
fn ceiling(limit: &DoseLimit, patient: &PatientFacts) -> Option<(f64, String)> {
    let u = &limit.unit;
    let child = patient.age_years.is_some_and(|a| a < 18);
    let adult = limit.adult_max_per_day;
    if !child {
        return adult.map(|m| (m, format!("the adult maximum of {} {u} a day", figure(m))));
    }
    let by_weight = match (limit.child_max_per_kg_per_day, patient.weight_kg) {
        (Some(per_kg), Some(kg)) if kg > 0.0 => Some(per_kg * kg),
        _ => None,
    };
    // A child is never given more than an adult, whatever the weight.
    let candidates = [by_weight, limit.child_max_per_day, adult];
    let max = candidates.into_iter().flatten().reduce(f64::min)?;
    let how = match (by_weight, limit.child_max_per_kg_per_day, patient.weight_kg) {
        (Some(w), Some(per_kg), Some(kg)) if w <= max => format!(
            "the maximum for a child of {} kg ({} {u}/kg a day = {} {u})",
            figure(kg),
            figure(per_kg),
            figure(max)
        ),
        _ => format!("the maximum for a child of {} {u} a day", figure(max)),
    };
    Some((max, how))
}

/// Dose alerts for the candidate, with `limit` giving an ingredient's limit by route (the
/// formulary's `dose_limit` in the app; tests pass their own).
pub(super) fn alerts<'l>(
    candidate: &Candidate,
    patient: &PatientFacts,
    limit: impl Fn(&str, Route) -> Option<&'l DoseLimit>,
) -> Vec<SafetyAlert> {
    let sig = &candidate.sig;
    let product = &candidate.product;
    let per_day = doses_per_day(sig.frequency);
    let mut out = Vec::new();
    if !(sig.dose.is_finite() && sig.dose > 0.0) {
        return out;
    }
    let single = product.ingredients.len() == 1;
    for ingredient in &product.ingredients {
        let Some(l) = limit(&ingredient.code, sig.route) else {
            continue;
        };
        // The sig counts dose units (tablets, mL) or, for a single ingredient, the
        // ingredient's own unit ("500 mg").
        let per_dose = if sig
            .dose_unit
            .trim()
            .eq_ignore_ascii_case(product.dose_unit.trim())
        {
            ingredient.amount.map(|a| sig.dose * a)
        } else if single && to_mg(&sig.dose_unit).is_some() {
            convert(sig.dose, &sig.dose_unit, &ingredient.unit)
        } else {
            None
        };
        let Some(per_dose) = per_dose else {
            continue;
        };
        let Some(daily) = convert(per_dose * per_day, &ingredient.unit, &l.unit) else {
            continue;
        };
        let Some((max, how)) = ceiling(l, patient) else {
            continue;
        };
        // Float noise (0.1 × 3) must not turn the maximum itself into an alert; a
        // non-finite amount (a damaged import) is not a dose to judge.
        if !daily.is_finite() || daily <= max * (1.0 + 1e-9) {
            continue;
        }
        let u = &l.unit;
        out.push(SafetyAlert {
            key: format!("dose:{}", ingredient.code),
            kind: AlertKind::Dose,
            severity: AlertSeverity::Major,
            title: format!(
                "{} {} {u} a day is above the maximum of {} {u}",
                capitalised(&ingredient.name),
                figure(daily),
                figure(max)
            ),
            detail: format!(
                "{} {} × {} a day gives {} {u} of {} a day, above {how}.",
                figure(sig.dose),
                sig.dose_unit,
                figure(per_day),
                figure(daily),
                ingredient.name
            ),
            action: format!(
                "Lower the dose or the frequency (usual: {}).",
                l.adult_usual
            ),
            source: l.source.clone(),
            rule_id: None,
            medication_id: None,
            allergy_id: None,
        });
    }
    out
}

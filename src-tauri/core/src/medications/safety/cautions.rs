//! Renal and age cautions: the candidate's ingredients and classes against the cautions
//! table, for the patient's eGFR and age when the chart has them (missing data is silent).

use super::substances::{capitalised, Substances};
use super::tables::{tables, CautionKind, CautionUnit};
use super::PatientFacts;
use crate::medications::{AlertKind, SafetyAlert};

fn value(unit: CautionUnit, patient: &PatientFacts) -> Option<f64> {
    match unit {
        CautionUnit::Egfr => patient.egfr.filter(|v| v.is_finite()),
        CautionUnit::Years => patient
            .age_years
            .map(f64::from)
            .or_else(|| patient.age_months.map(|m| f64::from(m) / 12.0)),
        CautionUnit::Months => patient
            .age_months
            .or_else(|| patient.age_years.map(|y| y.saturating_mul(12)))
            .map(f64::from),
    }
}

fn figure(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

pub(super) fn check(
    candidate: &Substances,
    candidate_name: &str,
    patient: &PatientFacts,
    out: &mut Vec<SafetyAlert>,
) {
    let label = capitalised(&candidate.label(candidate_name));
    for caution in &tables().cautions {
        if !candidate.meets(&caution.drugs) {
            continue;
        }
        let Some(v) = value(caution.unit, patient) else {
            continue;
        };
        if !caution.covers(v) {
            continue;
        }
        let (kind, prefix, title) = match (caution.kind, caution.unit) {
            (CautionKind::Renal, _) => (
                AlertKind::Renal,
                "renal",
                format!("{label} with eGFR {}", figure(v)),
            ),
            (CautionKind::Age, CautionUnit::Months) => (
                AlertKind::Age,
                "age",
                format!("{label} at {} months", figure(v)),
            ),
            (CautionKind::Age, _) => (
                AlertKind::Age,
                "age",
                format!("{label} at age {}", figure(v.floor())),
            ),
        };
        out.push(SafetyAlert {
            key: format!("{prefix}:{}", caution.id),
            kind,
            severity: caution.severity,
            title,
            detail: format!("{}.", caution.note),
            action: format!("{}.", caution.action),
            source: caution.citation.to_string(),
            rule_id: Some(caution.id.to_string()),
            medication_id: None,
            allergy_id: None,
        });
    }
}

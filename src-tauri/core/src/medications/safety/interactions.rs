//! Drug–drug interactions and duplicate therapy: the candidate against each active
//! medication, by ingredient and class, from the cited rule tables.

use super::substances::{capitalised, Substances};
use super::tables::{tables, Side};
use super::ActiveMedication;
use crate::medications::{AlertKind, SafetyAlert};

/// One alert per rule per active medication, however many members of a group both sides
/// share (clarithromycin + a statin is one finding, not one per class the drugs are in).
pub(super) fn drug_drug(
    candidate: &Substances,
    candidate_name: &str,
    active: &[(&ActiveMedication, Substances)],
    out: &mut Vec<SafetyAlert>,
) {
    let t = tables();
    // The rule sides the candidate is on, each once.
    let mut hits: Vec<(usize, Side)> = candidate
        .codes
        .iter()
        .filter_map(|c| t.rules_by_code.get(c.as_str()))
        .flatten()
        .copied()
        .collect();
    hits.sort_by_key(|&(i, side)| (i, side == Side::Right));
    hits.dedup();
    if hits.is_empty() {
        return;
    }
    let label = candidate.label(candidate_name);
    for (med, subs) in active {
        let mut fired: Vec<usize> = Vec::new();
        for &(i, side) in &hits {
            if fired.contains(&i) {
                continue;
            }
            let rule = &t.rules[i];
            let other = match side {
                Side::Left => &rule.right,
                Side::Right => &rule.left,
            };
            if !subs.meets(other) {
                continue;
            }
            fired.push(i);
            out.push(SafetyAlert {
                key: format!("ddi:{}:{}", rule.id, med.id),
                kind: AlertKind::DrugDrug,
                severity: rule.severity,
                title: format!(
                    "{} + {}: {}",
                    capitalised(&label),
                    subs.label(&med.name),
                    rule.effect
                ),
                detail: format!("{}.", rule.mechanism),
                action: format!("{}.", rule.action),
                source: rule.citation.to_string(),
                rule_id: Some(rule.id.to_string()),
                medication_id: Some(med.id),
                allergy_id: None,
            });
        }
    }
}

/// The same ingredient (major: a double dose) or two members of a class whose duplication
/// is a problem (the duplicates table); one alert per active medication, the first row
/// that matches deciding.
pub(super) fn duplicates(
    candidate: &Substances,
    candidate_name: &str,
    active: &[(&ActiveMedication, Substances)],
    out: &mut Vec<SafetyAlert>,
) {
    let t = tables();
    let label = candidate.label(candidate_name);
    for (med, subs) in active {
        for row in &t.duplicates {
            let shared: Vec<&str> = match &row.members {
                None => candidate
                    .ingredients
                    .intersection(&subs.ingredients)
                    .map(String::as_str)
                    .collect(),
                Some(members) => {
                    if !(candidate.meets(members) && subs.meets(members)) {
                        continue;
                    }
                    Vec::new()
                }
            };
            if row.members.is_none() && shared.is_empty() {
                continue;
            }
            let title = if shared.is_empty() {
                format!(
                    "Duplicate therapy: {} with {}",
                    capitalised(&label),
                    subs.label(&med.name)
                )
            } else {
                let names: Vec<&str> = shared
                    .iter()
                    .map(|c| crate::allergens::get(c).map_or(*c, |a| a.name))
                    .collect();
                format!(
                    "Duplicate therapy: {} is already taken in {}",
                    capitalised(&names.join("/")),
                    med.name
                )
            };
            out.push(SafetyAlert {
                key: format!("duplicate:{}", med.id),
                kind: AlertKind::DuplicateTherapy,
                severity: row.severity,
                title,
                detail: format!("{}.", row.note),
                action: "Stop one of them, or record why both are intended.".to_string(),
                source: row.citation.to_string(),
                rule_id: Some(row.id.to_string()),
                medication_id: Some(med.id),
                allergy_id: None,
            });
            break;
        }
    }
}

//! Drug–allergy: the candidate against each active allergy, by the same substance or class
//! and by the cited cross-reactivity table (penicillin → cephalosporin, low risk …). An
//! allergy recorded as free text matches when its folded text is a vocabulary name, synonym
//! or brand ("penicillin", "Augmentin").

use super::substances::{capitalised, Substances};
use super::tables::tables;
use crate::allergens;
use crate::chart::allergies::{Allergy, AllergyKind};
use crate::medications::{AlertKind, AlertSeverity, SafetyAlert};
use crate::text::fold;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// Folded name, synonym or brand → the vocabulary codes it names.
fn names() -> &'static HashMap<String, Vec<&'static str>> {
    static NAMES: OnceLock<HashMap<String, Vec<&'static str>>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut map: HashMap<String, Vec<&'static str>> = HashMap::new();
        for row in allergens::all() {
            let all = std::iter::once(row.name)
                .chain(row.synonyms.iter().copied())
                .chain(row.brands.iter().copied());
            for name in all {
                let codes = map.entry(fold(name.trim())).or_default();
                if !codes.contains(&row.code) {
                    codes.push(row.code);
                }
            }
        }
        map
    })
}

/// The codes an allergy is about: its catalogue code, or what its free text names.
pub(super) fn allergy_codes(allergy: &Allergy) -> Vec<&'static str> {
    match &allergy.fields.substance_code {
        Some(code) => allergens::get(code)
            .map(|a| vec![a.code])
            .unwrap_or_default(),
        None => names()
            .get(&fold(allergy.fields.substance.trim()))
            .cloned()
            .unwrap_or_default(),
    }
}

pub(super) fn check(
    candidate: &Substances,
    candidate_name: &str,
    allergies: &[Allergy],
    out: &mut Vec<SafetyAlert>,
) {
    let label = capitalised(&candidate.label(candidate_name));
    for allergy in allergies {
        let codes = allergy_codes(allergy);
        if codes.is_empty() {
            continue;
        }
        // The culprit itself: the code and, for a combination, its ingredients.
        let mut culprit: BTreeSet<&'static str> = BTreeSet::new();
        // The culprit and every class of it, for the cross-reactivity rows.
        let mut family: BTreeSet<&'static str> = BTreeSet::new();
        for code in codes {
            let Some(row) = allergens::get(code) else {
                continue;
            };
            culprit.insert(row.code);
            family.insert(row.code);
            family.extend(row.classes.iter().copied());
            for part in row.ingredients.iter().filter_map(|p| allergens::get(p)) {
                culprit.insert(part.code);
                family.insert(part.code);
                family.extend(part.classes.iter().copied());
            }
        }
        let found = tables().allergy.iter().find(|row| match &row.sides {
            None => culprit.iter().any(|c| candidate.has(c)),
            Some((allergen, drug)) => {
                family.iter().any(|c| allergen.contains(c)) && candidate.meets(drug)
            }
        });
        let Some(row) = found else {
            continue;
        };
        let Some(mut severity) = row.severity else {
            continue;
        };
        // An intolerance is a non-immune reaction (nausea with codeine): worth showing,
        // not worth stopping the prescriber for.
        if allergy.fields.kind == AllergyKind::Intolerance {
            severity = severity.min(AlertSeverity::Moderate);
        }
        let what = match allergy.fields.kind {
            AllergyKind::Allergy => "allergy",
            AllergyKind::Intolerance => "intolerance",
        };
        let reaction = allergy.fields.reaction.trim();
        let reaction = if reaction.is_empty() {
            String::new()
        } else {
            format!(" ({reaction})")
        };
        out.push(SafetyAlert {
            key: format!("allergy:{}", allergy.id),
            kind: AlertKind::DrugAllergy,
            severity,
            title: format!(
                "{label}: recorded {what} to {}{reaction}",
                allergy.fields.substance
            ),
            detail: format!("{}.", row.note),
            action: format!("{}.", row.action),
            source: row.citation.to_string(),
            rule_id: Some(row.id.to_string()),
            medication_id: None,
            allergy_id: Some(allergy.id),
        });
    }
}

//! The safety checks run when a prescription is signed, all offline, against the patient's
//! active medications and allergies: drug–drug interactions from the cited rule table
//! (`assets/interactions/`), drug–allergy with class cross-reactivity, duplicate therapy,
//! doses above the daily maximum, and renal and age cautions where the chart has the data.
//!
//! Pure: the caller loads the chart's facts; nothing here reads the database. The rule
//! tables are compiled in and parsed once (`tables.rs`); every alert carries its rule's id
//! and citation. Keys (what an override names): `ddi:<rule id>:<medication id>`,
//! `allergy:<allergy id>`, `duplicate:<medication id>`, `dose:<ingredient code>`,
//! `renal:<caution id>`, `age:<caution id>`.

mod allergy;
mod cautions;
mod dose;
mod interactions;
mod substances;
mod tables;

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests_allergy;
#[cfg(test)]
mod tests_assets;
#[cfg(test)]
mod tests_checks;
#[cfg(test)]
mod tests_rules;

use super::{AlertKind, Product, SafetyAlert, SafetyCheck, Sig};
use crate::chart::allergies::Allergy;
use crate::ids::MedicationId;
use substances::Substances;

/// What is about to be signed.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub product: Product,
    pub sig: Sig,
}

/// One active medication the candidate is checked against (prescribed or reported; an
/// uncoded one has no ingredients and is only matched by nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveMedication {
    pub id: MedicationId,
    pub name: String,
    pub product_code: Option<String>,
    pub ingredient_codes: Vec<String>,
    /// The product's classes when coded (empty otherwise).
    pub classes: Vec<String>,
}

/// What the chart knows about the patient that changes a check. Each is optional: a check
/// whose data is missing stays silent (and says so nowhere — missing data is not an alert).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PatientFacts {
    /// Age in whole years on the day of prescribing.
    pub age_years: Option<u32>,
    /// Age in months, for children under 2.
    pub age_months: Option<u32>,
    /// The latest recorded weight.
    pub weight_kg: Option<f64>,
    /// The latest eGFR in mL/min/1.73 m² (from the labs, when they exist).
    pub egfr: Option<f64>,
}

/// Everything one check needs.
#[derive(Debug, Clone)]
pub struct CheckInput<'a> {
    pub candidate: &'a Candidate,
    pub active: &'a [ActiveMedication],
    /// The patient's active allergies (not entered in error, status active).
    pub allergies: &'a [Allergy],
    pub patient: &'a PatientFacts,
}

/// Runs every check; alerts most serious first, each once. The caller leaves out of
/// `active` the prescription a renewal or change replaces (it is not taken together with
/// its successor).
pub fn check(input: &CheckInput<'_>) -> SafetyCheck {
    check_with_limits(input, super::formulary::dose_limit)
}

/// [`check`] with the dose limits given by `limit` (the formulary's in the app).
fn check_with_limits<'l>(
    input: &CheckInput<'_>,
    limit: impl Fn(&str, super::Route) -> Option<&'l super::DoseLimit>,
) -> SafetyCheck {
    let product = &input.candidate.product;
    let candidate = Substances::of(
        product.ingredients.iter().map(|i| i.code.as_str()),
        product.classes.iter().map(String::as_str),
    );
    let active: Vec<(&ActiveMedication, Substances)> = input
        .active
        .iter()
        .map(|m| {
            let s = Substances::of(
                m.ingredient_codes.iter().map(String::as_str),
                m.classes.iter().map(String::as_str),
            );
            (m, s)
        })
        .collect();
    let name = product.name.as_str();
    let mut alerts = Vec::new();
    interactions::drug_drug(&candidate, name, &active, &mut alerts);
    allergy::check(&candidate, name, input.allergies, &mut alerts);
    interactions::duplicates(&candidate, name, &active, &mut alerts);
    alerts.extend(dose::alerts(input.candidate, input.patient, limit));
    cautions::check(&candidate, name, input.patient, &mut alerts);
    finish(alerts)
}

fn kind_order(kind: AlertKind) -> usize {
    AlertKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(usize::MAX)
}

/// Most serious first (then drug–drug, allergy, duplicate, dose, renal, age), each key once.
fn finish(mut alerts: Vec<SafetyAlert>) -> SafetyCheck {
    alerts.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(kind_order(a.kind).cmp(&kind_order(b.kind)))
            .then(a.key.cmp(&b.key))
    });
    let mut seen = std::collections::HashSet::new();
    alerts.retain(|a| seen.insert(a.key.clone()));
    let needs_override = alerts.iter().any(|a| a.severity.interrupts());
    SafetyCheck {
        alerts,
        needs_override,
    }
}

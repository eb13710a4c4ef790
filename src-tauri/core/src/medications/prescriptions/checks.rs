//! Loads what the safety engine needs for one prescription from the chart — the candidate
//! (its product and sig), the patient's other active entries, active allergies and the facts
//! that change a check (age, latest weight) — and runs `safety::check` on it.

use super::as_of;
use crate::chart::allergies::{Allergy, AllergyStatus};
use crate::error::{CoreError, CoreResult};
use crate::medications::safety::{self, ActiveMedication, Candidate, CheckInput, PatientFacts};
use crate::medications::{
    formulary, Ingredient, Medication, MedicationStatus, Product, ProductSource, SafetyCheck,
};
use crate::store;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use std::collections::HashMap;

/// The product a prescription names: the catalogue's (classes, amounts), or — when the
/// catalogue no longer has it — one rebuilt from the prescription's own snapshot, so the
/// ingredient checks still run.
fn product_of(conn: &Connection, m: &Medication) -> CoreResult<Product> {
    if let Some(code) = &m.product_code {
        if let Some(p) = formulary::lookup(conn, code)? {
            return Ok(p);
        }
    }
    let sig = m.sig.as_ref();
    Ok(Product {
        code: m.product_code.clone().unwrap_or_default(),
        rxcui: m.rxcui.clone(),
        name: m.name.clone(),
        ingredients: m
            .ingredient_codes
            .iter()
            .map(|c| Ingredient {
                code: c.clone(),
                name: c.clone(),
                amount: None,
                unit: String::new(),
            })
            .collect(),
        strength: String::new(),
        dose_form: String::new(),
        dose_unit: sig.map(|s| s.dose_unit.clone()).unwrap_or_default(),
        route: sig.map_or(crate::medications::Route::Other, |s| s.route),
        classes: Vec::new(),
        controlled: m.controlled,
        brands: Vec::new(),
        source: ProductSource::Formulary,
    })
}

/// Age in whole years and months on `today`.
fn age(born: NaiveDate, today: NaiveDate) -> (u32, u32) {
    let mut months = (today.year() - born.year()) * 12 + today.month() as i32 - born.month() as i32;
    if today.day() < born.day() {
        months -= 1;
    }
    let months = months.max(0) as u32;
    (months / 12, months)
}

/// What the chart knows that changes a check.
fn facts(conn: &Connection, m: &Medication, today: NaiveDate) -> CoreResult<PatientFacts> {
    let (age_years, age_months) = match store::vitals::birth_date(conn, m.patient_id)? {
        Some(born) => {
            let (years, months) = age(born, today);
            (Some(years), (years < 2).then_some(months))
        }
        None => (None, None),
    };
    Ok(PatientFacts {
        age_years,
        age_months,
        weight_kg: store::medications::latest_weight_kg(conn, m.patient_id)?,
        // The latest creatinine-based eGFR of the year (reported, or computed CKD-EPI 2021).
        egfr: crate::labs::latest_egfr(conn, m.patient_id, today)?,
    })
}

/// Everything one check of `m` reads, owned so the engine can borrow it.
pub(crate) struct Loaded {
    pub candidate: Candidate,
    pub active: Vec<ActiveMedication>,
    pub allergies: Vec<Allergy>,
    pub facts: PatientFacts,
}

/// Loads the check's input for prescription `m` on the practice's `today`. The active list
/// leaves out `m` itself and the prescription it renews or replaces (it is about to be
/// superseded, so checking against it would only raise a duplicate of itself).
pub(crate) fn load(conn: &Connection, m: &Medication, today: NaiveDate) -> CoreResult<Loaded> {
    let sig = m
        .sig
        .clone()
        .ok_or_else(|| CoreError::Corrupt(format!("prescription {} has no sig", m.id)))?;
    let candidate = Candidate {
        product: product_of(conn, m)?,
        sig,
    };
    let skip = [Some(m.id), m.renews, m.replaces];
    let mut classes: HashMap<String, Vec<String>> = HashMap::new();
    let mut active = Vec::new();
    for other in store::medications::list(conn, m.patient_id)? {
        let other = as_of(other, today);
        if other.status != MedicationStatus::Active || skip.contains(&Some(other.id)) {
            continue;
        }
        let other_classes = match &other.product_code {
            Some(code) => match classes.get(code) {
                Some(c) => c.clone(),
                None => {
                    let c = formulary::lookup(conn, code)?
                        .map(|p| p.classes)
                        .unwrap_or_default();
                    classes.insert(code.clone(), c.clone());
                    c
                }
            },
            None => Vec::new(),
        };
        active.push(ActiveMedication {
            id: other.id,
            name: other.name,
            product_code: other.product_code,
            ingredient_codes: other.ingredient_codes,
            classes: other_classes,
        });
    }
    let allergies = store::allergies::list(conn, m.patient_id)?
        .into_iter()
        .filter(|a| a.entered_in_error.is_none() && a.fields.status == AllergyStatus::Active)
        .collect();
    Ok(Loaded {
        candidate,
        active,
        allergies,
        facts: facts(conn, m, today)?,
    })
}

/// The safety engine's signature: `safety::check` in the app, a stand-in in unit tests of
/// the signing flow (so they need not depend on which rules the table holds).
pub(crate) type Engine = fn(&CheckInput<'_>) -> SafetyCheck;

/// Loads and runs every check on prescription `m`.
pub(crate) fn run(conn: &Connection, m: &Medication, today: NaiveDate) -> CoreResult<SafetyCheck> {
    run_with(conn, m, today, safety::check)
}

/// Loads the input and runs `engine` on it.
pub(crate) fn run_with(
    conn: &Connection,
    m: &Medication,
    today: NaiveDate,
    engine: Engine,
) -> CoreResult<SafetyCheck> {
    let loaded = load(conn, m, today)?;
    Ok(engine(&CheckInput {
        candidate: &loaded.candidate,
        active: &loaded.active,
        allergies: &loaded.allergies,
        patient: &loaded.facts,
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::age;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_counts_whole_years_and_months_up_to_the_day_before_the_birthday() {
        assert_eq!(age(d(1980, 2, 3), d(2026, 2, 2)), (45, 551));
        assert_eq!(age(d(1980, 2, 3), d(2026, 2, 3)), (46, 552));
        assert_eq!(age(d(2025, 6, 15), d(2026, 11, 26)), (1, 17));
        assert_eq!(age(d(2026, 11, 26), d(2026, 11, 26)), (0, 0));
    }
}

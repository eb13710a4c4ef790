//! Fixtures for the safety tests: products, active medications and allergies made from
//! vocabulary codes, and the class members the tables expand to.

use super::tables::tables;
use super::{check_with_limits, ActiveMedication, Candidate, CheckInput, PatientFacts};
use crate::allergens::{self, AllergenCategory};
use crate::chart::allergies::{Allergy, AllergyKind, AllergySnapshot, AllergyStatus, Criticality};
use crate::ids::{AllergyId, MedicationId, PatientId};
use crate::medications::{
    AlertKind, DoseLimit, Ingredient, Product, ProductSource, Route, SafetyCheck, Sig, SigFrequency,
};
use crate::testing::test_now;

/// The vocabulary's name of a code (the code itself if unknown).
pub fn name(code: &str) -> String {
    allergens::get(code).map_or(code.to_string(), |a| a.name.to_string())
}

/// A one-tablet oral product of the given ingredients (100 mg each).
pub fn product(codes: &[&str]) -> Product {
    let ingredients = codes
        .iter()
        .map(|c| Ingredient {
            code: c.to_string(),
            name: name(c),
            amount: Some(100.0),
            unit: "mg".to_string(),
        })
        .collect();
    let mut classes: Vec<String> = Vec::new();
    for c in codes {
        for k in allergens::get(c)
            .map(|a| a.classes.clone())
            .unwrap_or_default()
        {
            if !classes.iter().any(|x| x == k) {
                classes.push(k.to_string());
            }
        }
    }
    let names: Vec<String> = codes.iter().map(|c| name(c)).collect();
    Product {
        code: format!("charta:test-{}", codes.join("-").replace(':', "-")),
        rxcui: None,
        name: format!("{} 100 mg oral tablet", names.join("/")),
        ingredients,
        strength: "100 mg".to_string(),
        dose_form: "tablet".to_string(),
        dose_unit: "tablet".to_string(),
        route: Route::Oral,
        classes,
        controlled: None,
        brands: Vec::new(),
        source: ProductSource::Formulary,
    }
}

pub fn sig(dose: f64, frequency: SigFrequency) -> Sig {
    Sig {
        dose,
        dose_unit: "tablet".to_string(),
        route: Route::Oral,
        frequency,
        prn: false,
        prn_indication: String::new(),
        duration_days: None,
        extra: String::new(),
    }
}

pub fn candidate(codes: &[&str]) -> Candidate {
    Candidate {
        product: product(codes),
        sig: sig(1.0, SigFrequency::OnceDaily),
    }
}

/// An active medication of the given ingredients; `n` makes its id.
pub fn active(n: u128, codes: &[&str]) -> ActiveMedication {
    let p = product(codes);
    ActiveMedication {
        id: MedicationId::from_u128(n),
        name: p.name,
        product_code: Some(p.code),
        ingredient_codes: codes.iter().map(|c| c.to_string()).collect(),
        classes: p.classes,
    }
}

/// An active allergy to a catalogue code (or free text when `code` is none).
pub fn allergy(n: u128, code: Option<&str>, text: &str, kind: AllergyKind) -> Allergy {
    let category = code
        .and_then(allergens::get)
        .map_or(AllergenCategory::Other, |a| a.category);
    Allergy {
        id: AllergyId::from_u128(n),
        patient_id: PatientId::from_u128(1),
        fields: AllergySnapshot {
            substance_code: code.map(str::to_string),
            substance: code.map_or(text.to_string(), name),
            category,
            kind,
            reaction: "hives".to_string(),
            severity: None,
            criticality: Criticality::Low,
            status: AllergyStatus::Active,
            onset: None,
            comment: String::new(),
        },
        classes: Vec::new(),
        version: 1,
        recorded_at: test_now(),
        recorded_by_name: "Dr Test".to_string(),
        updated_at: test_now(),
        updated_by_name: "Dr Test".to_string(),
        entered_in_error: None,
    }
}

pub fn run(
    candidate: &Candidate,
    active: &[ActiveMedication],
    allergies: &[Allergy],
    patient: &PatientFacts,
) -> SafetyCheck {
    let input = CheckInput {
        candidate,
        active,
        allergies,
        patient,
    };
    check_with_limits(&input, |_: &str, _: Route| -> Option<&DoseLimit> { None })
}

/// The drug–drug rule ids that fire for `a` prescribed to a patient taking `b`.
pub fn ddi(a: &str, b: &str) -> Vec<String> {
    let c = candidate(&[a]);
    run(&c, &[active(7, &[b])], &[], &PatientFacts::default())
        .alerts
        .into_iter()
        .filter(|x| x.kind == AlertKind::DrugDrug)
        .filter_map(|x| x.rule_id)
        .collect()
}

/// Single-ingredient drugs of the vocabulary a code stands for: the drug itself, or every
/// single-ingredient member of a class.
pub fn members(code: &str) -> Vec<&'static str> {
    allergens::all()
        .iter()
        .filter(|a| a.category == AllergenCategory::Drug && a.ingredients.is_empty())
        .filter(|a| a.code == code || a.classes.contains(&code))
        .map(|a| a.code)
        .collect()
}

/// Every single-ingredient drug a rule side (group-expanded codes) stands for.
pub fn side_members<'a>(codes: impl IntoIterator<Item = &'a &'static str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = codes.into_iter().flat_map(|c| members(c)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether any rule pairs drug `a` (with its classes) with drug `b`: the table lookup that
/// proves a control drug unrelated.
pub fn any_rule_pairs(a: &str, b: &str) -> bool {
    let sa = super::Substances::of([a], []);
    let sb = super::Substances::of([b], []);
    tables().rules.iter().any(|r| {
        (sa.meets(&r.left) && sb.meets(&r.right)) || (sa.meets(&r.right) && sb.meets(&r.left))
    })
}

pub fn limit(
    ingredient: &str,
    adult: Option<f64>,
    per_kg: Option<f64>,
    cap: Option<f64>,
) -> DoseLimit {
    DoseLimit {
        ingredient: ingredient.to_string(),
        route: Route::Oral,
        unit: "mg".to_string(),
        adult_usual: "500 mg every 8 hours".to_string(),
        adult_max_per_day: adult,
        child_max_per_kg_per_day: per_kg,
        child_max_per_day: cap,
        source: "test limit".to_string(),
    }
}

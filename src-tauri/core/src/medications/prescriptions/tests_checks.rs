//! Unit tests of what the checks are given: the active list without the prescription itself
//! or the one it renews, only active allergies, and the patient's age and latest weight.

#![allow(clippy::unwrap_used)]

use super::checks::load;
use crate::chart::allergies::{AllergyDraft, AllergyKind, AllergyStatus, Criticality};
use crate::chart::vitals::VitalsInput;
use crate::db::ChartDb;
use crate::ids::{AllergyId, MedicationId, PatientId, VitalsId};
use crate::medications::{
    Ingredient, PrescriptionDraft, Product, ProductSource, Route, Sig, SigFrequency,
};
use crate::testing::{insert_test_product, person, staffed_practice, test_now};
use chrono::{Duration, NaiveDate};

fn product(code: &str, ingredient: &str) -> Product {
    Product {
        code: code.into(),
        rxcui: Some(code.trim_start_matches("rx:").into()),
        name: format!("{ingredient} tablet"),
        ingredients: vec![Ingredient {
            code: format!("drug:{ingredient}"),
            name: ingredient.into(),
            amount: Some(10.0),
            unit: "mg".into(),
        }],
        strength: "10 mg".into(),
        dose_form: "tablet".into(),
        dose_unit: "tablet".into(),
        route: Route::Oral,
        classes: vec!["class:test".into()],
        controlled: None,
        brands: Vec::new(),
        source: ProductSource::RxnormImport,
    }
}

fn draft(code: &str) -> PrescriptionDraft {
    PrescriptionDraft {
        product_code: code.into(),
        sig: Sig {
            dose: 1.0,
            dose_unit: "tablet".into(),
            route: Route::Oral,
            frequency: SigFrequency::OnceDaily,
            prn: false,
            prn_indication: String::new(),
            duration_days: None,
            extra: String::new(),
        },
        quantity: 30.0,
        quantity_unit: "tablet".into(),
        refills: 0,
        dispense_as_written: false,
        note_to_pharmacist: String::new(),
        indication: String::new(),
        visit_id: None,
        start_date: None,
    }
}

fn allergy(code: &str, status: AllergyStatus) -> AllergyDraft {
    AllergyDraft {
        substance_code: Some(code.into()),
        substance: String::new(),
        kind: AllergyKind::Allergy,
        reaction: "rash".into(),
        severity: None,
        criticality: Criticality::Low,
        status,
        onset: String::new(),
        comment: String::new(),
    }
}

#[test]
fn the_check_sees_the_other_active_entries_active_allergies_age_and_latest_weight() {
    let mut db = ChartDb::open_in_memory().unwrap();
    let now = test_now();
    let staff = staffed_practice(&mut db, now).unwrap();
    let patient = PatientId::from_u128(7);
    db.as_user(&staff.front_desk)
        .register_patient(&person("Lind", "Eva", "1950-12-01", ""), true, patient, now)
        .unwrap();
    for (code, ing) in [
        ("rx:1", "warfarin"),
        ("rx:2", "ibuprofen"),
        ("rx:3", "amoxicillin"),
    ] {
        insert_test_product(&mut db, &product(code, ing), staff.admin.user_id(), now).unwrap();
    }
    let doc = staff.physician.clone();
    let mut u = db.as_user(&doc);
    let sign = |u: &mut crate::AsUser<'_>, code: &str, n: u128| {
        let id = MedicationId::from_u128(n);
        let m = u
            .draft_prescription(patient, &draft(code), id, now)
            .unwrap();
        // Whatever the rules say about these pairs, answer every alert: this test is about
        // the input, not the findings.
        let overrides: Vec<_> = u
            .check_prescription(id, now)
            .unwrap()
            .alerts
            .into_iter()
            .map(|a| crate::medications::AlertOverride {
                key: a.key,
                reason: "reviewed".into(),
                title: String::new(),
                severity: None,
            })
            .collect();
        u.sign_prescription(id, m.version, &overrides, now).unwrap();
        id
    };
    let warfarin = sign(&mut u, "rx:1", 1);
    let ibuprofen = sign(&mut u, "rx:2", 2);
    let stopped = sign(&mut u, "rx:3", 3);
    u.discontinue_medication(stopped, "finished", now).unwrap();
    let renewal = u
        .renew_prescription(warfarin, MedicationId::from_u128(4), now)
        .unwrap();
    u.record_allergy(
        patient,
        &allergy("drug:amoxicillin", AllergyStatus::Active),
        AllergyId::from_u128(1),
        now,
    )
    .unwrap();
    u.record_allergy(
        patient,
        &allergy("drug:ibuprofen", AllergyStatus::Inactive),
        AllergyId::from_u128(2),
        now,
    )
    .unwrap();
    let wrong = u
        .record_allergy(
            patient,
            &allergy("drug:codeine", AllergyStatus::Active),
            AllergyId::from_u128(3),
            now,
        )
        .unwrap();
    u.allergy_entered_in_error(wrong.id, "other patient", now)
        .unwrap();
    for (n, kg, days_ago) in [(1u128, "80", 30), (2, "77.5", 2)] {
        let input = VitalsInput {
            weight: kg.into(),
            taken_at: Some(now - Duration::days(days_ago)),
            ..Default::default()
        };
        u.record_vitals(patient, None, &input, VitalsId::from_u128(n), now)
            .unwrap();
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let loaded = db.read(|c| load(c, &renewal, today)).unwrap();
    assert_eq!(loaded.candidate.product.code, "rx:1");
    assert_eq!(
        loaded.active.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![ibuprofen],
        "not itself, not the one it renews, not the stopped one"
    );
    assert_eq!(loaded.active[0].classes, vec!["class:test".to_string()]);
    assert_eq!(
        loaded
            .allergies
            .iter()
            .map(|a| a.fields.substance_code.clone().unwrap())
            .collect::<Vec<_>>(),
        vec!["drug:amoxicillin".to_string()]
    );
    assert_eq!(loaded.facts.age_years, Some(75));
    assert_eq!(loaded.facts.age_months, None, "months only under 2");
    assert_eq!(loaded.facts.weight_kg, Some(77.5));
    assert_eq!(loaded.facts.egfr, None);
}

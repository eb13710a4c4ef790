//! Unit tests of the signing flow with a stand-in safety engine (one major and one moderate
//! alert), so they hold whatever the interaction table says: refusal without a reason,
//! nothing kept on refusal, every alert kept, overrides listed, audited and on the history.

#![allow(clippy::unwrap_used)]

use crate::audit::{AuditQuery, Outcome};
use crate::db::ChartDb;
use crate::error::CoreError;
use crate::ids::{MedicationId, PatientId};
use crate::medications::safety::CheckInput;
use crate::medications::{
    AlertKind, AlertOverride, AlertSeverity, Ingredient, MedicationStatus, PrescriptionDraft,
    Product, ProductSource, Route, SafetyAlert, SafetyCheck, Sig, SigFrequency,
};
use crate::store;
use crate::testing::{insert_test_product, person, staffed_practice, test_now, Staff};
use chrono::Duration;

const MAJOR: &str = "Warfarin + ibuprofen (NSAID): bleeding";

fn alert(key: &str, title: &str, severity: AlertSeverity) -> SafetyAlert {
    SafetyAlert {
        key: key.into(),
        kind: AlertKind::DrugDrug,
        severity,
        title: title.into(),
        detail: "both impair haemostasis".into(),
        action: "avoid, or monitor INR".into(),
        source: "Phansalkar et al., JAMIA 2012".into(),
        rule_id: Some("ddi-test".into()),
        medication_id: None,
        allergy_id: None,
    }
}

/// The stand-in engine: one interrupting alert and one that only informs.
fn two_alerts(_: &CheckInput<'_>) -> SafetyCheck {
    SafetyCheck {
        alerts: vec![
            alert("ddi:test:1", MAJOR, AlertSeverity::Major),
            alert(
                "dup:test:1",
                "Another anticoagulant",
                AlertSeverity::Moderate,
            ),
        ],
        needs_override: true,
    }
}

fn answer(key: &str, reason: &str) -> AlertOverride {
    AlertOverride {
        key: key.into(),
        reason: reason.into(),
        title: String::new(),
        severity: None,
    }
}

fn setup() -> (ChartDb, Staff, MedicationId, u32) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let now = test_now();
    let staff = staffed_practice(&mut db, now).unwrap();
    let patient = PatientId::from_u128(8);
    db.as_user(&staff.front_desk)
        .register_patient(&person("Berg", "Ola", "1970-03-04", ""), true, patient, now)
        .unwrap();
    let product = Product {
        code: "rx:855332".into(),
        rxcui: Some("855332".into()),
        name: "warfarin sodium 5 mg oral tablet".into(),
        ingredients: vec![Ingredient {
            code: "drug:warfarin".into(),
            name: "warfarin".into(),
            amount: Some(5.0),
            unit: "mg".into(),
        }],
        strength: "5 mg".into(),
        dose_form: "tablet".into(),
        dose_unit: "tablet".into(),
        route: Route::Oral,
        classes: Vec::new(),
        controlled: None,
        brands: Vec::new(),
        source: ProductSource::RxnormImport,
    };
    insert_test_product(&mut db, &product, staff.admin.user_id(), now).unwrap();
    let draft = PrescriptionDraft {
        product_code: product.code.clone(),
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
        refills: 2,
        dispense_as_written: false,
        note_to_pharmacist: String::new(),
        indication: "atrial fibrillation".into(),
        visit_id: None,
        start_date: None,
    };
    let id = MedicationId::from_u128(1);
    let doc = staff.physician.clone();
    let m = db
        .as_user(&doc)
        .draft_prescription(patient, &draft, id, now)
        .unwrap();
    (db, staff, id, m.version)
}

fn audit_rows(db: &mut ChartDb, staff: &Staff, action: &str) -> Vec<(Outcome, String)> {
    let q = AuditQuery {
        action: Some(action.into()),
        limit: Some(100),
        ..Default::default()
    };
    db.as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(1))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.outcome, e.detail))
        .collect()
}

#[test]
fn signing_is_refused_while_the_major_alert_has_no_reason_and_nothing_is_kept() {
    let (mut db, staff, id, version) = setup();
    let doc = staff.physician.clone();
    let only_moderate = [answer("dup:test:1", "on purpose")];
    let err = db
        .as_user(&doc)
        .sign_with(id, version, &only_moderate, test_now(), two_alerts)
        .unwrap_err();
    match &err {
        CoreError::Invalid(errors) => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].field, "overrides");
            assert_eq!(
                errors[0].message,
                format!("{MAJOR} needs a reason to override")
            );
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    let m = db
        .read(|c| store::medications::get(c, id))
        .unwrap()
        .unwrap();
    assert_eq!(m.status, MedicationStatus::Draft);
    assert!(db
        .read(|c| store::medications::alerts_kept(c, id))
        .unwrap()
        .is_empty());
    assert!(audit_rows(&mut db, &staff, "override_alert").is_empty());
    assert!(audit_rows(&mut db, &staff, "sign_prescription").is_empty());
}

#[test]
fn every_alert_shown_is_kept_and_each_override_is_listed_audited_and_on_the_history() {
    let (mut db, staff, id, version) = setup();
    let doc = staff.physician.clone();
    let overrides = [answer("ddi:test:1", "  INR checked weekly by the clinic ")];
    let signed = db
        .as_user(&doc)
        .sign_with(id, version, &overrides, test_now(), two_alerts)
        .unwrap();
    assert_eq!(signed.medication.status, MedicationStatus::Active);
    assert_eq!(signed.check.alerts.len(), 2);
    assert_eq!(
        signed.medication.overrides,
        vec![AlertOverride {
            key: "ddi:test:1".into(),
            reason: "INR checked weekly by the clinic".into(),
            title: MAJOR.into(),
            severity: Some(AlertSeverity::Major),
        }]
    );
    assert_eq!(
        db.read(|c| store::medications::alerts_kept(c, id)).unwrap(),
        vec![
            (
                "ddi:test:1".to_string(),
                Some("INR checked weekly by the clinic".to_string())
            ),
            ("dup:test:1".to_string(), None),
        ]
    );
    assert_eq!(
        audit_rows(&mut db, &staff, "override_alert"),
        vec![(
            Outcome::Ok,
            format!("{MAJOR}: INR checked weekly by the clinic")
        )]
    );
    let signs = audit_rows(&mut db, &staff, "sign_prescription");
    assert_eq!(signs.len(), 1);
    assert!(
        signs[0].1.contains("2 alerts, 1 overridden"),
        "{}",
        signs[0].1
    );
    let history = db.as_user(&doc).medication_history(id, test_now()).unwrap();
    let signed_row = history.iter().find(|h| h.change == "signed").unwrap();
    assert_eq!(signed_row.overrides, signed.medication.overrides);
    let list = db
        .as_user(&doc)
        .medication_list(signed.medication.patient_id, test_now())
        .unwrap();
    assert_eq!(list.active[0].overrides, signed.medication.overrides);
}

#[test]
fn a_reason_given_for_an_alert_that_only_informs_is_kept_too() {
    let (mut db, staff, id, version) = setup();
    let doc = staff.physician.clone();
    let overrides = [
        answer("ddi:test:1", "benefit outweighs risk"),
        answer("dup:test:1", "bridging for five days"),
    ];
    let signed = db
        .as_user(&doc)
        .sign_with(id, version, &overrides, test_now(), two_alerts)
        .unwrap();
    assert_eq!(signed.medication.overrides.len(), 2);
    assert_eq!(
        signed.medication.overrides[0].key, "ddi:test:1",
        "most serious first"
    );
    assert_eq!(audit_rows(&mut db, &staff, "override_alert").len(), 2);
}

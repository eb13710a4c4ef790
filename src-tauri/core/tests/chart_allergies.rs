//! Allergies through the door: coded and free-text substances, versions, entered in error,
//! "no known (drug) allergies" against active allergies, the badge, permissions and audit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::allergens::AllergenCategory;
use charta_core::audit::AuditQuery;
use charta_core::chart::allergies::{
    AllergyChange, AllergyDraft, AllergyKind, AllergyState, AllergyStatus, Criticality, Severity,
};
use charta_core::ids::{AllergyId, AllergyStatementId};
use charta_core::testing::{person, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, CoreError, PatientId};
use chrono::Duration;

fn setup() -> (ChartDb, Staff, PatientId) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let patient = PatientId::from_u128(500);
    db.as_user(&staff.front_desk)
        .register_patient(
            &person("Rivera", "Ana", "1980-02-03", ""),
            true,
            patient,
            test_now(),
        )
        .unwrap();
    (db, staff, patient)
}

fn coded(code: &str) -> AllergyDraft {
    AllergyDraft {
        substance_code: Some(code.into()),
        substance: String::new(),
        kind: AllergyKind::Allergy,
        reaction: "anaphylaxis".into(),
        severity: Some(Severity::Severe),
        criticality: Criticality::High,
        status: AllergyStatus::Active,
        onset: "2019-04".into(),
        comment: String::new(),
    }
}

fn free_text(text: &str) -> AllergyDraft {
    AllergyDraft {
        substance_code: None,
        substance: text.into(),
        reaction: "rash".into(),
        severity: None,
        criticality: Criticality::Low,
        ..coded("x")
    }
}

fn fields(err: &CoreError) -> Vec<String> {
    err.field_errors().iter().map(|e| e.field.clone()).collect()
}

fn audit_actions(db: &mut ChartDb, staff: &Staff) -> Vec<String> {
    let q = AuditQuery {
        limit: Some(500),
        ..Default::default()
    };
    db.as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(2))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[test]
fn a_coded_allergy_takes_its_name_category_and_classes_from_the_catalogue() {
    let (mut db, staff, patient) = setup();
    let a = db
        .as_user(&staff.nurse)
        .record_allergy(
            patient,
            &coded("drug:amoxicillin"),
            AllergyId::from_u128(1),
            test_now(),
        )
        .unwrap();
    assert_eq!(a.fields.substance, "amoxicillin");
    assert_eq!(a.fields.category, AllergenCategory::Drug);
    assert_eq!(a.classes, ["Penicillins", "Beta-lactam antibiotics"]);
    assert_eq!(a.version, 1);
    assert_eq!(a.recorded_by_name, "Test nurse");
}

#[test]
fn free_text_is_recorded_as_uncoded_with_category_other() {
    let (mut db, staff, patient) = setup();
    let a = db
        .as_user(&staff.physician)
        .record_allergy(
            patient,
            &free_text("grandma's cough syrup"),
            AllergyId::from_u128(1),
            test_now(),
        )
        .unwrap();
    assert_eq!(a.fields.substance_code, None);
    assert!(!a.fields.coded());
    assert_eq!(a.fields.category, AllergenCategory::Other);
}

#[test]
fn bad_input_is_refused_by_field_and_nothing_is_saved() {
    let (mut db, staff, patient) = setup();
    let mut draft = free_text("  ");
    draft.onset = "2099".into();
    draft.reaction = "x".repeat(501);
    let err = db
        .as_user(&staff.nurse)
        .record_allergy(patient, &draft, AllergyId::from_u128(1), test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["substance", "reaction", "onset"]);
    let err = db
        .as_user(&staff.nurse)
        .record_allergy(
            patient,
            &coded("drug:unobtainium"),
            AllergyId::from_u128(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&err), ["substanceCode"]);
    let list = db
        .as_user(&staff.nurse)
        .allergies(patient, test_now())
        .unwrap();
    assert!(list.active.is_empty());
    assert_eq!(list.state, AllergyState::NotAsked);
}

#[test]
fn a_second_active_allergy_to_the_same_substance_is_refused_on_the_substance_field() {
    let (mut db, staff, patient) = setup();
    let mut me = db.as_user(&staff.nurse);
    me.record_allergy(
        patient,
        &coded("food:peanut"),
        AllergyId::from_u128(1),
        test_now(),
    )
    .unwrap();
    let err = me
        .record_allergy(
            patient,
            &coded("food:peanut"),
            AllergyId::from_u128(2),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&err), ["substanceCode"]);
    me.record_allergy(
        patient,
        &free_text("Bandages"),
        AllergyId::from_u128(3),
        test_now(),
    )
    .unwrap();
    let err = me
        .record_allergy(
            patient,
            &free_text("bandages "),
            AllergyId::from_u128(4),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&err), ["substance"]);
    // An inactive one to the same substance is history, not a duplicate.
    let mut old = coded("food:peanut");
    old.status = AllergyStatus::Resolved;
    me.record_allergy(patient, &old, AllergyId::from_u128(5), test_now())
        .unwrap();
}

#[test]
fn an_update_keeps_every_version_and_a_stale_one_is_a_conflict() {
    let (mut db, staff, patient) = setup();
    let id = AllergyId::from_u128(1);
    let mut me = db.as_user(&staff.nurse);
    me.record_allergy(patient, &coded("drug:lisinopril"), id, test_now())
        .unwrap();
    let mut draft = coded("drug:lisinopril");
    draft.kind = AllergyKind::Intolerance;
    draft.reaction = "cough".into();
    draft.severity = Some(Severity::Mild);
    let later = test_now() + Duration::minutes(5);
    let a = me.update_allergy(id, 1, &draft, later).unwrap();
    assert_eq!(a.version, 2);
    assert_eq!(a.fields.reaction, "cough");
    let err = me.update_allergy(id, 1, &draft, later).unwrap_err();
    assert!(matches!(err, CoreError::Conflict { .. }), "{err:?}");
    let history = me.allergy_history(id, later).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].change, AllergyChange::Created);
    assert_eq!(history[0].snapshot.reaction, "anaphylaxis");
    assert_eq!(history[1].change, AllergyChange::Updated);
    assert_eq!(history[1].snapshot.kind, AllergyKind::Intolerance);
}

#[test]
fn entered_in_error_needs_a_reason_keeps_the_entry_readable_and_freezes_it() {
    let (mut db, staff, patient) = setup();
    let id = AllergyId::from_u128(1);
    let mut me = db.as_user(&staff.physician);
    me.record_allergy(patient, &coded("drug:codeine"), id, test_now())
        .unwrap();
    let err = me
        .allergy_entered_in_error(id, " ", test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["reason"]);
    let a = me
        .allergy_entered_in_error(id, "wrong patient", test_now())
        .unwrap();
    assert_eq!(a.entered_in_error.as_ref().unwrap().reason, "wrong patient");
    let err = me
        .update_allergy(id, a.version, &coded("drug:codeine"), test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["substance"]);
    let list = me.allergies(patient, test_now()).unwrap();
    assert!(list.active.is_empty());
    assert_eq!(list.entered_in_error.len(), 1);
    assert_eq!(list.state, AllergyState::NotAsked);
    let history = me.allergy_history(id, test_now()).unwrap();
    assert_eq!(
        history.last().unwrap().change,
        AllergyChange::EnteredInError
    );
    assert_eq!(
        history.last().unwrap().reason.as_deref(),
        Some("wrong patient")
    );
}

#[test]
fn no_known_drug_allergies_differs_from_not_asked_and_a_drug_allergy_withdraws_it() {
    let (mut db, staff, patient) = setup();
    let mut me = db.as_user(&staff.nurse);
    assert_eq!(
        me.allergy_state(patient, test_now()).unwrap().state,
        AllergyState::NotAsked
    );
    let list = me
        .record_no_known_allergies(patient, true, AllergyStatementId::from_u128(1), test_now())
        .unwrap();
    assert_eq!(
        list.state,
        AllergyState::NoKnownAllergies { drugs_only: true }
    );
    // A food allergy does not contradict "no known drug allergies".
    me.record_allergy(
        patient,
        &coded("food:peanut"),
        AllergyId::from_u128(1),
        test_now(),
    )
    .unwrap();
    let list = me.allergies(patient, test_now()).unwrap();
    assert!(list.statements[0].withdrawn_at.is_none());
    let later = test_now() + Duration::minutes(1);
    me.record_allergy(
        patient,
        &coded("class:penicillins"),
        AllergyId::from_u128(2),
        later,
    )
    .unwrap();
    let list = me.allergies(patient, later).unwrap();
    assert!(list.statements[0].withdrawn_at.is_some());
    let badge = me.allergy_state(patient, later).unwrap();
    assert_eq!(
        badge.state,
        AllergyState::Allergies {
            active: 2,
            high_criticality: 2
        }
    );
    assert_eq!(badge.substances[0].substance, "Peanut");
    assert_eq!(badge.substances[1].substance, "Penicillins");
}

#[test]
fn no_known_allergies_is_refused_while_an_active_allergy_of_its_scope_exists() {
    let (mut db, staff, patient) = setup();
    let mut me = db.as_user(&staff.nurse);
    me.record_allergy(
        patient,
        &coded("env:latex"),
        AllergyId::from_u128(1),
        test_now(),
    )
    .unwrap();
    let err = me
        .record_no_known_allergies(patient, false, AllergyStatementId::from_u128(1), test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["noKnownAllergies"]);
    // Latex is not a drug: NKDA may be stated alongside it.
    me.record_no_known_allergies(patient, true, AllergyStatementId::from_u128(2), test_now())
        .unwrap();
    me.record_allergy(
        patient,
        &coded("drug:naproxen"),
        AllergyId::from_u128(2),
        test_now(),
    )
    .unwrap();
    let err = me
        .record_no_known_allergies(patient, true, AllergyStatementId::from_u128(3), test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["noKnownAllergies"]);
}

#[test]
fn the_front_desk_is_refused_and_the_refusal_is_audited() {
    let (mut db, staff, patient) = setup();
    let err = db
        .as_user(&staff.front_desk)
        .record_allergy(
            patient,
            &coded("food:egg"),
            AllergyId::from_u128(1),
            test_now(),
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let err = db
        .as_user(&staff.front_desk)
        .allergy_state(patient, test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let err = db
        .as_user(&staff.front_desk)
        .allergens_search("pen", 5, test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let actions = audit_actions(&mut db, &staff);
    assert!(actions.contains(&"record_allergy".to_string()));
    assert!(actions.contains(&"view_allergies".to_string()));
}

#[test]
fn every_write_and_read_is_audited_with_the_fixed_action_names() {
    let (mut db, staff, patient) = setup();
    let id = AllergyId::from_u128(1);
    let mut me = db.as_user(&staff.physician);
    me.record_allergy(patient, &coded("food:milk"), id, test_now())
        .unwrap();
    me.update_allergy(id, 1, &coded("food:milk"), test_now())
        .unwrap();
    me.allergy_entered_in_error(id, "duplicate entry", test_now())
        .unwrap();
    me.record_no_known_allergies(patient, false, AllergyStatementId::from_u128(1), test_now())
        .unwrap();
    me.allergy_state(patient, test_now()).unwrap();
    let actions = audit_actions(&mut db, &staff);
    for a in [
        "record_allergy",
        "update_allergy",
        "allergy_entered_in_error",
        "record_no_known_allergies",
        "view_allergies",
    ] {
        assert!(
            actions.contains(&a.to_string()),
            "{a} not audited: {actions:?}"
        );
    }
}

#[test]
fn a_new_statement_replaces_the_earlier_one_and_both_stay_on_record() {
    let (mut db, staff, patient) = setup();
    let mut me = db.as_user(&staff.nurse);
    me.record_no_known_allergies(patient, false, AllergyStatementId::from_u128(1), test_now())
        .unwrap();
    let later = test_now() + Duration::minutes(1);
    let list = me
        .record_no_known_allergies(patient, true, AllergyStatementId::from_u128(2), later)
        .unwrap();
    assert_eq!(
        list.state,
        AllergyState::NoKnownAllergies { drugs_only: true }
    );
    assert_eq!(list.statements.len(), 2);
    assert!(list.statements[0].drugs_only && list.statements[0].withdrawn_at.is_none());
    assert!(list.statements[1].withdrawn_at.is_some());
}

#[test]
fn a_restricted_chart_hides_its_allergies_without_emergency_access() {
    let (mut db, staff, patient) = setup();
    db.as_user(&staff.physician)
        .set_restricted(patient, true, test_now())
        .unwrap();
    let err = db
        .as_user(&staff.nurse)
        .allergy_state(patient, test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::Restricted(_)), "{err:?}");
    db.as_user(&staff.nurse)
        .emergency_access(patient, "patient collapsed in the waiting room", test_now())
        .unwrap();
    let badge = db
        .as_user(&staff.nurse)
        .allergy_state(patient, test_now())
        .unwrap();
    assert_eq!(badge.state, AllergyState::NotAsked);
}

//! Visit diagnoses as the physician codes them: the search with the practice's recent codes
//! first, one primary per visit, billable codes only, a signed visit frozen but correctable by
//! entered in error, and who may do what.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditEntry, AuditQuery, Outcome};
use charta_core::error::CoreError;
use charta_core::ids::{DiagnosisId, VisitId};
use charta_core::patient::RegisterOutcome;
use charta_core::testing::{
    insert_test_visit, person, sign_test_visit, staffed_practice, test_now, Staff,
};
use charta_core::{ChartDb, PatientId};
use chrono::Duration;

fn patient() -> PatientId {
    PatientId::from_u128(10)
}

fn visit(n: u128) -> VisitId {
    VisitId::from_u128(100 + n)
}

fn dx(n: u128) -> DiagnosisId {
    DiagnosisId::from_u128(200 + n)
}

/// A practice with one patient and two unsigned visits of hers.
fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let outcome = db
        .as_user(&staff.physician)
        .register_patient(
            &person("Rivera", "Ana", "1961-05-02", ""),
            true,
            patient(),
            test_now(),
        )
        .unwrap();
    assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    for n in [1, 2] {
        insert_test_visit(
            &mut db,
            visit(n),
            patient(),
            &staff.physician,
            test_now() - Duration::days(i64::try_from(n).unwrap()),
            "follow-up",
        )
        .unwrap();
    }
    (db, staff)
}

fn field(e: &CoreError) -> &str {
    e.field_errors()
        .first()
        .map(|f| f.field.as_str())
        .unwrap_or("")
}

fn audit(db: &mut ChartDb, staff: &Staff, action: &str) -> Vec<AuditEntry> {
    let q = AuditQuery {
        action: Some(action.into()),
        ..Default::default()
    };
    db.as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(1))
        .unwrap()
        .entries
}

#[test]
fn search_shows_each_code_with_its_chapter_and_block_path() {
    let (mut db, staff) = practice();
    let hits = db
        .as_user(&staff.physician)
        .diagnosis_search("E11.2", 5, test_now())
        .unwrap();
    assert_eq!(hits[0].code, "E11.21");
    assert_eq!(
        hits[0].path,
        "Endocrine, nutritional and metabolic diseases (E00-E89) › Diabetes mellitus (E08-E13)"
    );
    assert!(!hits[0].recent);
}

#[test]
fn the_practices_recently_used_codes_come_first_among_the_hits() {
    let (mut db, staff) = practice();
    let before = db
        .as_user(&staff.physician)
        .diagnosis_search("E11.2", 10, test_now())
        .unwrap();
    assert_eq!(before[0].code, "E11.21");
    assert!(before.iter().any(|h| h.code == "E11.29"));
    db.as_user(&staff.physician)
        .add_visit_diagnosis(visit(1), "E11.29", false, dx(1), test_now())
        .unwrap();
    let after = db
        .as_user(&staff.physician)
        .diagnosis_search("E11.2", 10, test_now())
        .unwrap();
    assert_eq!(after[0].code, "E11.29");
    assert!(after[0].recent);
    assert!(!after[1].recent);
}

#[test]
fn an_empty_search_suggests_the_most_used_codes() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    db.as_user(doc)
        .add_visit_diagnosis(visit(1), "I10", false, dx(1), test_now())
        .unwrap();
    db.as_user(doc)
        .add_visit_diagnosis(visit(1), "E78.5", false, dx(2), test_now())
        .unwrap();
    db.as_user(doc)
        .add_visit_diagnosis(visit(2), "I10", false, dx(3), test_now())
        .unwrap();
    let suggested = db
        .as_user(doc)
        .diagnosis_search("  ", 10, test_now())
        .unwrap();
    let codes: Vec<&str> = suggested.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["I10", "E78.5"]);
    assert!(suggested.iter().all(|c| c.recent && c.matched.is_none()));
}

#[test]
fn the_first_diagnosis_is_primary_and_a_new_primary_demotes_the_old() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    let list = db
        .as_user(doc)
        .add_visit_diagnosis(visit(1), "i10", false, dx(1), test_now())
        .unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].primary);
    assert_eq!(list[0].code, "I10");
    assert_eq!(list[0].description, "Essential (primary) hypertension");
    let list = db
        .as_user(doc)
        .add_visit_diagnosis(visit(1), "E11.9", false, dx(2), test_now())
        .unwrap();
    assert!(list[0].primary && !list[1].primary);
    let list = db
        .as_user(doc)
        .add_visit_diagnosis(visit(1), "E78.5", true, dx(3), test_now())
        .unwrap();
    let primaries: Vec<&str> = list
        .iter()
        .filter(|d| d.primary)
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(primaries, ["E78.5"]);
    let list = db
        .as_user(doc)
        .set_primary_diagnosis(dx(2), test_now())
        .unwrap();
    let primaries: Vec<&str> = list
        .iter()
        .filter(|d| d.primary)
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(primaries, ["E11.9"]);
    assert_eq!(
        list.iter().map(|d| d.position).collect::<Vec<_>>(),
        [0, 1, 2]
    );
}

#[test]
fn only_a_billable_code_is_taken_and_its_description_comes_from_the_code_set() {
    let (mut db, staff) = practice();
    for bad in ["E11", "E11.2", "ZZZ.9", "", "diabetes"] {
        let e = db
            .as_user(&staff.physician)
            .add_visit_diagnosis(visit(1), bad, false, dx(1), test_now())
            .unwrap_err();
        assert_eq!(field(&e), "code", "{bad:?}");
    }
    let list = db
        .as_user(&staff.physician)
        .visit_diagnoses(visit(1), test_now())
        .unwrap();
    assert!(list.is_empty());
}

#[test]
fn the_same_code_twice_on_one_visit_is_refused() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    db.as_user(doc)
        .add_visit_diagnosis(visit(1), "J06.9", false, dx(1), test_now())
        .unwrap();
    let e = db
        .as_user(doc)
        .add_visit_diagnosis(visit(1), "J069", false, dx(2), test_now())
        .unwrap_err();
    assert_eq!(field(&e), "code");
    // Another visit may carry it.
    db.as_user(doc)
        .add_visit_diagnosis(visit(2), "J06.9", false, dx(3), test_now())
        .unwrap();
}

#[test]
fn a_signed_visit_takes_no_new_diagnoses_but_a_wrong_one_can_be_entered_in_error() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    db.as_user(doc)
        .add_visit_diagnosis(visit(1), "I10", false, dx(1), test_now())
        .unwrap();
    db.as_user(doc)
        .add_visit_diagnosis(visit(1), "E11.9", false, dx(2), test_now())
        .unwrap();
    sign_test_visit(&mut db, visit(1), doc, test_now()).unwrap();
    let e = db
        .as_user(doc)
        .add_visit_diagnosis(visit(1), "E78.5", false, dx(3), test_now())
        .unwrap_err();
    assert_eq!(field(&e), "visit");
    assert!(e.to_string().contains("signed"));
    let e = db
        .as_user(doc)
        .set_primary_diagnosis(dx(2), test_now())
        .unwrap_err();
    assert_eq!(field(&e), "visit");

    let e = db
        .as_user(doc)
        .diagnosis_entered_in_error(dx(2), " ", test_now())
        .unwrap_err();
    assert_eq!(field(&e), "reason");
    let list = db
        .as_user(doc)
        .diagnosis_entered_in_error(dx(2), "wrong patient's result", test_now())
        .unwrap();
    let marked = list.iter().find(|d| d.id == dx(2)).unwrap();
    let mark = marked.entered_in_error.as_ref().unwrap();
    assert_eq!(mark.reason, "wrong patient's result");
    assert_eq!(mark.by, doc.user_id());
    assert_eq!(marked.code, "E11.9", "the original stays readable");
    let e = db
        .as_user(doc)
        .diagnosis_entered_in_error(dx(2), "again", test_now())
        .unwrap_err();
    assert_eq!(field(&e), "reason");
    let rows = audit(&mut db, &staff, "diagnosis_entered_in_error");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].patient_id, Some(patient()));
    assert_eq!(rows[0].entity_id, dx(2).to_string());
}

#[test]
fn an_entered_in_error_primary_frees_the_mark_for_the_next_diagnosis() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    db.as_user(doc)
        .add_visit_diagnosis(visit(1), "I10", false, dx(1), test_now())
        .unwrap();
    db.as_user(doc)
        .diagnosis_entered_in_error(dx(1), "typed the wrong code", test_now())
        .unwrap();
    let list = db
        .as_user(doc)
        .add_visit_diagnosis(visit(1), "I10", false, dx(2), test_now())
        .unwrap();
    assert!(list.iter().find(|d| d.id == dx(2)).unwrap().primary);
    assert!(!list.iter().find(|d| d.id == dx(1)).unwrap().primary);
}

#[test]
fn a_nurse_reads_diagnoses_but_cannot_add_them_and_the_front_desk_sees_none() {
    let (mut db, staff) = practice();
    db.as_user(&staff.physician)
        .add_visit_diagnosis(visit(1), "I10", false, dx(1), test_now())
        .unwrap();
    let list = db
        .as_user(&staff.nurse)
        .visit_diagnoses(visit(1), test_now())
        .unwrap();
    assert_eq!(list.len(), 1);
    let e = db
        .as_user(&staff.nurse)
        .add_visit_diagnosis(visit(1), "E11.9", false, dx(2), test_now())
        .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e}");
    let e = db
        .as_user(&staff.nurse)
        .diagnosis_entered_in_error(dx(1), "not mine to undo", test_now())
        .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e}");
    let e = db
        .as_user(&staff.front_desk)
        .visit_diagnoses(visit(1), test_now())
        .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e}");
    let e = db
        .as_user(&staff.front_desk)
        .diagnosis_search("I10", 5, test_now())
        .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e}");
    let denied: Vec<AuditEntry> = audit(&mut db, &staff, "add_visit_diagnosis")
        .into_iter()
        .filter(|r| r.outcome == Outcome::Denied)
        .collect();
    assert_eq!(denied.len(), 1);
    assert_eq!(denied[0].username, "nurse");
    assert_eq!(denied[0].patient_id, Some(patient()));
}

#[test]
fn adding_a_diagnosis_and_reading_the_list_are_audited_under_the_patient() {
    let (mut db, staff) = practice();
    db.as_user(&staff.physician)
        .add_visit_diagnosis(visit(1), "I10", false, dx(1), test_now())
        .unwrap();
    db.as_user(&staff.nurse)
        .visit_diagnoses(visit(1), test_now())
        .unwrap();
    let added = audit(&mut db, &staff, "add_visit_diagnosis");
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].entity, "diagnosis");
    assert_eq!(added[0].patient_id, Some(patient()));
    assert!(added[0].detail.contains("I10"));
    let viewed = audit(&mut db, &staff, "view_visit");
    assert!(viewed
        .iter()
        .any(|r| r.username == "nurse" && r.entity_id == visit(1).to_string()));
}

#[test]
fn an_unknown_visit_is_not_found() {
    let (mut db, staff) = practice();
    let e = db
        .as_user(&staff.physician)
        .add_visit_diagnosis(visit(9), "I10", false, dx(1), test_now())
        .unwrap_err();
    assert!(matches!(e, CoreError::NotFound { .. }), "{e}");
}

//! The problem list: coded and free-text problems, validation at the field, versions with a
//! history of every change, conflicts on stale forms, visits linked, one action from a visit
//! diagnosis, entered in error kept readable, and who may do what.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditEntry, AuditQuery};
use charta_core::chart::problems::{ProblemChange, ProblemDraft, ProblemLink, ProblemStatus};
use charta_core::error::CoreError;
use charta_core::ids::{DiagnosisId, ProblemId, VisitId};
use charta_core::patient::RegisterOutcome;
use charta_core::testing::{insert_test_visit, person, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, PatientId};
use chrono::Duration;

fn patient(n: u128) -> PatientId {
    PatientId::from_u128(10 + n)
}

fn visit(n: u128) -> VisitId {
    VisitId::from_u128(100 + n)
}

fn problem(n: u128) -> ProblemId {
    ProblemId::from_u128(300 + n)
}

/// Two patients; visits 1 and 2 are the first's, visit 3 the second's.
fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    for (n, family) in [(1, "Rivera"), (2, "Okafor")] {
        let outcome = db
            .as_user(&staff.physician)
            .register_patient(
                &person(family, "Ana", "1961-05-02", ""),
                true,
                patient(n),
                test_now(),
            )
            .unwrap();
        assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    }
    for (n, who, days, reason) in [
        (1, 1, 30, "diabetes follow-up"),
        (2, 1, 2, "cough"),
        (3, 2, 1, "knee pain"),
    ] {
        insert_test_visit(
            &mut db,
            visit(n),
            patient(who),
            &staff.physician,
            test_now() - Duration::days(days),
            reason,
        )
        .unwrap();
    }
    (db, staff)
}

fn draft(code: Option<&str>, description: &str, status: ProblemStatus) -> ProblemDraft {
    ProblemDraft {
        code: code.map(str::to_string),
        description: description.into(),
        status,
        onset: String::new(),
        resolved: String::new(),
        comment: String::new(),
    }
}

fn fields(e: &CoreError) -> Vec<&str> {
    e.field_errors().iter().map(|f| f.field.as_str()).collect()
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
fn a_coded_problem_takes_the_codes_description_when_none_is_typed() {
    let (mut db, staff) = practice();
    let p = db
        .as_user(&staff.physician)
        .add_problem(
            patient(1),
            &draft(Some("e11.9"), "", ProblemStatus::Active),
            problem(1),
            None,
            test_now(),
        )
        .unwrap();
    assert_eq!(p.code.as_deref(), Some("E11.9"));
    assert_eq!(
        p.description,
        "Type 2 diabetes mellitus without complications"
    );
    assert!(p.path.contains("Diabetes mellitus (E08-E13)"));
    assert_eq!(p.version, 1);
    assert_eq!(p.created_by_name, "Test doc");
}

#[test]
fn a_free_text_problem_needs_a_description_and_is_uncoded() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    let e = db
        .as_user(doc)
        .add_problem(
            patient(1),
            &draft(None, "  ", ProblemStatus::Active),
            problem(1),
            None,
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&e), ["description"]);
    let p = db
        .as_user(doc)
        .add_problem(
            patient(1),
            &draft(Some(""), "Lives alone, fall risk", ProblemStatus::Active),
            problem(1),
            None,
            test_now(),
        )
        .unwrap();
    assert_eq!(p.code, None);
    assert_eq!(p.path, "");
}

#[test]
fn every_wrong_field_is_named_at_once_and_nothing_is_saved() {
    let (mut db, staff) = practice();
    let mut d = draft(Some("E11"), "", ProblemStatus::Active);
    d.onset = "2019-13".into();
    d.resolved = "2020".into();
    d.comment = "x".repeat(2001);
    let e = db
        .as_user(&staff.physician)
        .add_problem(patient(1), &d, problem(1), None, test_now())
        .unwrap_err();
    assert_eq!(fields(&e), ["code", "onset", "resolved", "comment"]);
    let list = db
        .as_user(&staff.physician)
        .problems(patient(1), test_now())
        .unwrap();
    assert!(list.is_empty());
}

#[test]
fn a_resolved_date_needs_the_status_resolved_and_may_not_precede_the_onset() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    let mut d = draft(None, "Frozen shoulder", ProblemStatus::Active);
    d.onset = "2021-06".into();
    d.resolved = "2022".into();
    let e = db
        .as_user(doc)
        .add_problem(patient(1), &d, problem(1), None, test_now())
        .unwrap_err();
    assert_eq!(fields(&e), ["resolved"]);
    d.status = ProblemStatus::Resolved;
    d.resolved = "2021-05-30".into();
    let e = db
        .as_user(doc)
        .add_problem(patient(1), &d, problem(1), None, test_now())
        .unwrap_err();
    assert_eq!(fields(&e), ["resolved"]);
    d.resolved = "2021".into();
    let p = db
        .as_user(doc)
        .add_problem(patient(1), &d, problem(1), None, test_now())
        .unwrap();
    assert_eq!(p.resolved.as_deref(), Some("2021"));
    d.onset = "2030".into();
    let e = db
        .as_user(doc)
        .update_problem(problem(1), 1, &d, test_now())
        .unwrap_err();
    assert_eq!(fields(&e), ["onset"]);
}

#[test]
fn the_list_runs_active_then_inactive_then_resolved_then_entered_in_error() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    let mut add = |n: u128, text: &str, status: ProblemStatus| {
        db.as_user(doc)
            .add_problem(
                patient(1),
                &draft(None, text, status),
                problem(n),
                None,
                test_now(),
            )
            .unwrap();
    };
    add(1, "Resolved thing", ProblemStatus::Resolved);
    add(2, "Inactive thing", ProblemStatus::Inactive);
    add(3, "B active", ProblemStatus::Active);
    add(4, "a active", ProblemStatus::Active);
    add(5, "Mistake", ProblemStatus::Active);
    db.as_user(doc)
        .problem_entered_in_error(problem(5), "wrong chart", test_now())
        .unwrap();
    let list = db.as_user(doc).problems(patient(1), test_now()).unwrap();
    let order: Vec<&str> = list.iter().map(|p| p.description.as_str()).collect();
    assert_eq!(
        order,
        [
            "a active",
            "B active",
            "Inactive thing",
            "Resolved thing",
            "Mistake"
        ]
    );
    assert!(list[4].entered_in_error.is_some());
    let other = db.as_user(doc).problems(patient(2), test_now()).unwrap();
    assert!(other.is_empty());
}

#[test]
fn a_stale_form_is_a_conflict_and_changes_nothing() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    let d = draft(Some("I10"), "", ProblemStatus::Active);
    db.as_user(doc)
        .add_problem(patient(1), &d, problem(1), None, test_now())
        .unwrap();
    let mut edit = d.clone();
    edit.comment = "home readings fine".into();
    let p = db
        .as_user(doc)
        .update_problem(problem(1), 1, &edit, test_now())
        .unwrap();
    assert_eq!(p.version, 2);
    edit.comment = "overwrites?".into();
    let e = db
        .as_user(doc)
        .update_problem(problem(1), 1, &edit, test_now())
        .unwrap_err();
    assert!(matches!(e, CoreError::Conflict { .. }), "{e}");
    let list = db.as_user(doc).problems(patient(1), test_now()).unwrap();
    assert_eq!(list[0].comment, "home readings fine");
}

#[test]
fn the_history_keeps_every_version_with_who_when_and_what_changed() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    let mut d = draft(Some("J45.909"), "", ProblemStatus::Active);
    d.onset = "2010".into();
    db.as_user(doc)
        .add_problem(patient(1), &d, problem(1), None, test_now())
        .unwrap();
    d.status = ProblemStatus::Resolved;
    d.resolved = "2024-03".into();
    let later = test_now() + Duration::minutes(5);
    db.as_user(doc)
        .update_problem(problem(1), 1, &d, later)
        .unwrap();
    db.as_user(doc)
        .problem_entered_in_error(problem(1), "was another patient's asthma", later)
        .unwrap();
    let history = db
        .as_user(&staff.nurse)
        .problem_history(problem(1), later)
        .unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0].change, ProblemChange::Created);
    assert!(history[0].changed.is_empty());
    assert_eq!(history[0].status, ProblemStatus::Active);
    assert_eq!(history[0].changed_at, test_now());
    assert_eq!(history[0].changed_by_name, "Test doc");
    assert_eq!(history[1].change, ProblemChange::Updated);
    assert_eq!(history[1].changed, ["status", "resolved"]);
    assert_eq!(history[1].changed_at, later);
    assert_eq!(history[2].change, ProblemChange::EnteredInError);
    assert_eq!(
        history[2].reason.as_deref(),
        Some("was another patient's asthma")
    );
    assert_eq!(history[2].description, history[0].description);
    assert_eq!(audit(&mut db, &staff, "view_problem_history").len(), 1);
}

#[test]
fn an_entered_in_error_problem_stays_readable_and_takes_no_more_changes() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    let d = draft(None, "Gout", ProblemStatus::Active);
    db.as_user(doc)
        .add_problem(patient(1), &d, problem(1), None, test_now())
        .unwrap();
    let e = db
        .as_user(doc)
        .problem_entered_in_error(problem(1), "x", test_now())
        .unwrap_err();
    assert_eq!(fields(&e), ["reason"]);
    let p = db
        .as_user(doc)
        .problem_entered_in_error(problem(1), "pseudogout, not gout", test_now())
        .unwrap();
    assert_eq!(p.description, "Gout");
    assert_eq!(
        p.entered_in_error.as_ref().unwrap().reason,
        "pseudogout, not gout"
    );
    assert_eq!(p.version, 2);
    assert!(db
        .as_user(doc)
        .update_problem(problem(1), 2, &d, test_now())
        .is_err());
    assert!(db
        .as_user(doc)
        .link_problem_visit(problem(1), visit(1), test_now())
        .is_err());
}

#[test]
fn a_problem_lists_the_visits_that_addressed_it_latest_first() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    db.as_user(doc)
        .add_problem(
            patient(1),
            &draft(Some("E11.9"), "", ProblemStatus::Active),
            problem(1),
            Some(visit(1)),
            test_now(),
        )
        .unwrap();
    let p = db
        .as_user(doc)
        .link_problem_visit(problem(1), visit(2), test_now())
        .unwrap();
    let reasons: Vec<&str> = p.visits.iter().map(|v| v.reason.as_str()).collect();
    assert_eq!(reasons, ["cough", "diabetes follow-up"]);
    // Linking again changes nothing and writes no second audit row.
    let p = db
        .as_user(doc)
        .link_problem_visit(problem(1), visit(2), test_now())
        .unwrap();
    assert_eq!(p.visits.len(), 2);
    assert_eq!(audit(&mut db, &staff, "link_problem_visit").len(), 1);
    let e = db
        .as_user(doc)
        .link_problem_visit(problem(1), visit(3), test_now())
        .unwrap_err();
    assert_eq!(fields(&e), ["visitId"]);
}

#[test]
fn a_visit_diagnosis_goes_on_the_problem_list_in_one_action_or_links_the_existing_problem() {
    let (mut db, staff) = practice();
    let doc = &staff.physician;
    db.as_user(doc)
        .add_visit_diagnosis(
            visit(1),
            "E11.9",
            false,
            DiagnosisId::from_u128(1),
            test_now(),
        )
        .unwrap();
    let first = db
        .as_user(doc)
        .problem_from_diagnosis(DiagnosisId::from_u128(1), problem(1), test_now())
        .unwrap();
    assert_eq!(first.outcome, ProblemLink::Added);
    assert_eq!(first.problem.code.as_deref(), Some("E11.9"));
    assert_eq!(first.problem.status, ProblemStatus::Active);
    assert_eq!(first.problem.visits[0].visit_id, visit(1));
    let dx = db
        .as_user(doc)
        .visit_diagnoses(visit(1), test_now())
        .unwrap();
    assert!(dx[0].on_problem_list);

    db.as_user(doc)
        .add_visit_diagnosis(
            visit(2),
            "E11.9",
            false,
            DiagnosisId::from_u128(2),
            test_now(),
        )
        .unwrap();
    let second = db
        .as_user(doc)
        .problem_from_diagnosis(DiagnosisId::from_u128(2), problem(2), test_now())
        .unwrap();
    assert_eq!(second.outcome, ProblemLink::Linked);
    assert_eq!(second.problem.id, problem(1));
    assert_eq!(second.problem.visits.len(), 2);
    let list = db.as_user(doc).problems(patient(1), test_now()).unwrap();
    assert_eq!(list.len(), 1);
}

#[test]
fn a_nurse_reads_the_problem_list_but_only_a_physician_changes_it() {
    let (mut db, staff) = practice();
    let d = draft(None, "Obesity", ProblemStatus::Active);
    let e = db
        .as_user(&staff.nurse)
        .add_problem(patient(1), &d, problem(1), None, test_now())
        .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e}");
    db.as_user(&staff.physician)
        .add_problem(patient(1), &d, problem(1), None, test_now())
        .unwrap();
    assert_eq!(
        db.as_user(&staff.nurse)
            .problems(patient(1), test_now())
            .unwrap()
            .len(),
        1
    );
    let e = db
        .as_user(&staff.nurse)
        .update_problem(problem(1), 1, &d, test_now())
        .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e}");
    let e = db
        .as_user(&staff.front_desk)
        .problems(patient(1), test_now())
        .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e}");
    let views = audit(&mut db, &staff, "view_problems");
    assert!(views.iter().any(|r| r.username == "nurse"));
    assert!(views.iter().any(|r| r.username == "desk"));
    let added = audit(&mut db, &staff, "add_problem");
    assert_eq!(added.len(), 2, "one denied, one done");
}

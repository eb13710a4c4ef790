//! Visits and their SOAP notes through the checked door: starting, continuous drafts with
//! conflicts, signing (and the nurse's draft co-signed) and the lock, each audited. What
//! follows a signed note, and who may do what, is in `chart_visits_after.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod visits_fixture;

use charta_core::audit::Outcome;
use charta_core::chart::common::VisitType;
use charta_core::chart::visits::{SoapNote, MAX_REASON_CHARS, MAX_SECTION_CHARS};
use charta_core::testing::test_now;
use chrono::Duration;
use visits_fixture::*;

#[test]
fn a_physician_starts_a_visit_drafts_it_and_signs_it() {
    let (mut db, staff) = practice();
    let now = test_now();
    let id = visit_id(1);
    let v = db
        .as_user(&staff.physician)
        .start_visit(
            ADA(),
            &draft(VisitType::Office, "  Blood pressure  "),
            id,
            now,
        )
        .unwrap();
    assert_eq!(v.provider_id, staff.physician.user_id());
    assert_eq!(v.provider_name, "Test doc");
    assert_eq!(v.reason, "Blood pressure");
    assert_eq!(v.started_at, now);
    assert_eq!(v.draft_version, 0);
    assert!(v.note.is_empty() && v.signed.is_none());

    let later = now + Duration::seconds(2);
    let saved = db
        .as_user(&staff.physician)
        .save_draft(id, 0, &note("Headaches", "Hypertension"), later)
        .unwrap();
    assert_eq!((saved.draft_version, saved.saved_at), (1, later));
    let signed_at = now + Duration::minutes(10);
    let v = db
        .as_user(&staff.physician)
        .sign_note(id, 1, signed_at)
        .unwrap();
    let signature = v.signed.unwrap();
    assert_eq!(signature.by, staff.physician.user_id());
    assert_eq!(signature.by_name, "Test doc");
    assert_eq!(signature.at, signed_at);
    assert_eq!(v.note.subjective, "Headaches");
    assert_eq!(v.draft_saved_by_name.as_deref(), Some("Test doc"));

    let row = &rows(&mut db, &staff, "sign_note")[0];
    assert_eq!(row.patient_id, Some(ADA()));
    assert_eq!(
        (row.entity.as_str(), row.entity_id.clone()),
        ("visit", id.to_string())
    );
    assert_eq!(rows(&mut db, &staff, "start_visit").len(), 1);
    assert_eq!(rows(&mut db, &staff, "save_draft").len(), 1);
}

#[test]
fn a_signed_note_refuses_drafts_and_a_second_signature() {
    let (mut db, staff) = practice();
    let id = drafted(&mut db, &staff, 1);
    let now = test_now();
    db.as_user(&staff.physician).sign_note(id, 1, now).unwrap();
    let err = db
        .as_user(&staff.physician)
        .save_draft(id, 1, &note("rewritten", "rewritten"), now)
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("amendment"), "{err}");
    let err = db
        .as_user(&staff.physician)
        .sign_note(id, 1, now)
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "note");
    let v = db.as_user(&staff.physician).visit(id, now).unwrap();
    assert_eq!(v.note.subjective, "Headaches");
    assert_eq!(v.draft_version, 1);
}

#[test]
fn a_stale_draft_version_is_a_conflict_and_writes_nothing() {
    let (mut db, staff) = practice();
    let id = drafted(&mut db, &staff, 1);
    let now = test_now();
    // Another window saved version 2 meanwhile.
    db.as_user(&staff.nurse)
        .save_draft(id, 1, &note("From the nurse", ""), now)
        .unwrap();
    let err = db
        .as_user(&staff.physician)
        .save_draft(id, 1, &note("From the doctor", ""), now)
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    let err = db
        .as_user(&staff.physician)
        .sign_note(id, 1, now)
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    let v = db.as_user(&staff.physician).visit(id, now).unwrap();
    assert_eq!(v.note.subjective, "From the nurse");
    assert_eq!(v.draft_version, 2);
    assert_eq!(v.draft_saved_by_name.as_deref(), Some("Test nurse"));
    assert!(v.signed.is_none());
}

#[test]
fn an_empty_note_has_nothing_to_sign() {
    let (mut db, staff) = practice();
    let id = visit_id(1);
    let now = test_now();
    db.as_user(&staff.physician)
        .start_visit(ADA(), &draft(VisitType::Telephone, "Results"), id, now)
        .unwrap();
    db.as_user(&staff.physician)
        .save_draft(
            id,
            0,
            &SoapNote {
                plan: "   \n".into(),
                ..SoapNote::default()
            },
            now,
        )
        .unwrap();
    let err = db
        .as_user(&staff.physician)
        .sign_note(id, 1, now)
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "note");
    assert!(db
        .as_user(&staff.physician)
        .visit(id, now)
        .unwrap()
        .signed
        .is_none());
}

#[test]
fn a_section_beyond_the_limit_is_refused_by_name() {
    let (mut db, staff) = practice();
    let id = drafted(&mut db, &staff, 1);
    let long = SoapNote {
        objective: "x".repeat(MAX_SECTION_CHARS + 1),
        ..SoapNote::default()
    };
    let err = db
        .as_user(&staff.physician)
        .save_draft(id, 1, &long, test_now())
        .unwrap_err();
    assert_eq!(err.field_errors().len(), 1);
    assert_eq!(err.field_errors()[0].field, "objective");
    let exactly = SoapNote {
        objective: "é".repeat(MAX_SECTION_CHARS),
        ..SoapNote::default()
    };
    db.as_user(&staff.physician)
        .save_draft(id, 1, &exactly, test_now())
        .unwrap();
}

#[test]
fn starting_a_visit_checks_the_reason_the_time_and_the_provider() {
    let (mut db, staff) = practice();
    let now = test_now();
    let mut d = draft(VisitType::Home, " ");
    d.started_at = Some(now + Duration::days(2));
    let err = db
        .as_user(&staff.physician)
        .start_visit(ADA(), &d, visit_id(1), now)
        .unwrap_err();
    let fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["reason", "startedAt"]);
    d.reason = "r".repeat(MAX_REASON_CHARS + 1);
    d.started_at = Some(now + Duration::hours(23));
    let err = db
        .as_user(&staff.physician)
        .start_visit(ADA(), &d, visit_id(1), now)
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "reason");

    // A nurse names the physician; herself or a non-physician is refused.
    let err = db
        .as_user(&staff.nurse)
        .start_visit(
            ADA(),
            &draft(VisitType::Office, "Flu shot"),
            visit_id(2),
            now,
        )
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "providerId");
    let mut d = draft(VisitType::Office, "Flu shot");
    d.provider_id = Some(staff.nurse.user_id());
    let err = db
        .as_user(&staff.nurse)
        .start_visit(ADA(), &d, visit_id(2), now)
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "providerId");
    d.provider_id = Some(staff.physician.user_id());
    let v = db
        .as_user(&staff.nurse)
        .start_visit(ADA(), &d, visit_id(2), now)
        .unwrap();
    assert_eq!(v.provider_name, "Test doc");
    assert_eq!(v.created_by_name, "Test nurse");
    let visits = db.as_user(&staff.physician).visits(ADA(), now).unwrap();
    assert_eq!(visits.len(), 1, "nothing was saved by the refused starts");
}

#[test]
fn a_nurse_drafts_but_only_the_physician_signs_it() {
    let (mut db, staff) = practice();
    let now = test_now();
    let mut d = draft(VisitType::Office, "Flu shot");
    d.provider_id = Some(staff.physician.user_id());
    let id = visit_id(1);
    db.as_user(&staff.nurse)
        .start_visit(ADA(), &d, id, now)
        .unwrap();
    db.as_user(&staff.nurse)
        .save_draft(id, 0, &note("Wants flu shot", "Immunization"), now)
        .unwrap();
    let err = db.as_user(&staff.nurse).sign_note(id, 1, now).unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let denied = rows(&mut db, &staff, "sign_note");
    assert_eq!(denied[0].outcome, Outcome::Denied);
    assert_eq!(denied[0].patient_id, Some(ADA()));
    let v = db.as_user(&staff.physician).sign_note(id, 1, now).unwrap();
    assert_eq!(v.signed.unwrap().by, staff.physician.user_id());
    assert_eq!(v.draft_saved_by_name.as_deref(), Some("Test nurse"));
}

//! After a visit's note is signed: amendments, entered in error, the visit list, the co-sign
//! queue, the after-visit summary — and who may do what (the front desk refused, restricted
//! charts behind emergency access, the providers to choose), each audited.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod visits_fixture;

use charta_core::audit::Outcome;
use charta_core::chart::common::VisitType;
use charta_core::ids::{AmendmentId, VisitId};
use charta_core::patient::shown_in_detail;
use charta_core::testing::test_now;
use charta_core::PatientId;
use chrono::{DateTime, Duration, TimeZone, Utc};
use visits_fixture::*;

#[test]
fn amendments_are_listed_under_the_signed_original_oldest_first() {
    let (mut db, staff) = practice();
    let id = drafted(&mut db, &staff, 1);
    let now = test_now();
    let err = db
        .as_user(&staff.physician)
        .amend_note(id, "too early", "text", AmendmentId::from_u128(1), now)
        .unwrap_err();
    assert_eq!(
        err.field_errors()[0].field,
        "note",
        "a draft is edited, not amended"
    );
    db.as_user(&staff.physician).sign_note(id, 1, now).unwrap();
    let err = db
        .as_user(&staff.physician)
        .amend_note(id, " ", "  ", AmendmentId::from_u128(1), now)
        .unwrap_err();
    let fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["reason", "text"]);
    db.as_user(&staff.nurse)
        .amend_note(
            id,
            "dose was wrong",
            "Lisinopril 5 mg, not 10 mg",
            AmendmentId::from_u128(1),
            now + Duration::hours(1),
        )
        .unwrap();
    let v = db
        .as_user(&staff.physician)
        .amend_note(
            id,
            "follow-up date",
            "Recheck in 2 weeks",
            AmendmentId::from_u128(2),
            now + Duration::hours(2),
        )
        .unwrap();
    assert_eq!(v.amendments.len(), 2);
    assert_eq!(v.amendments[0].author_name, "Test nurse");
    assert_eq!(v.amendments[0].reason, "dose was wrong");
    assert_eq!(v.amendments[1].text, "Recheck in 2 weeks");
    assert_eq!(
        v.note.plan, "Lisinopril 10 mg daily; recheck in 4 weeks",
        "original kept"
    );
    let list = db.as_user(&staff.physician).visits(ADA(), now).unwrap();
    assert_eq!(list[0].amendment_count, 2);
    assert_eq!(rows(&mut db, &staff, "amend_note").len(), 2);
}

#[test]
fn entered_in_error_keeps_the_visit_readable_and_a_signed_one_needs_a_physician() {
    let (mut db, staff) = practice();
    let now = test_now();
    let draft_id = drafted(&mut db, &staff, 1);
    let signed_id = drafted(&mut db, &staff, 2);
    db.as_user(&staff.physician)
        .sign_note(signed_id, 1, now)
        .unwrap();

    let err = db
        .as_user(&staff.nurse)
        .visit_entered_in_error(draft_id, "", now)
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "reason");
    let v = db
        .as_user(&staff.nurse)
        .visit_entered_in_error(draft_id, "wrong patient", now)
        .unwrap();
    let mark = v.entered_in_error.unwrap();
    assert_eq!(
        (mark.reason.as_str(), mark.by_name.as_str()),
        ("wrong patient", "Test nurse")
    );
    assert_eq!(v.note.subjective, "Headaches");
    let err = db
        .as_user(&staff.physician)
        .save_draft(draft_id, 1, &note("more", ""), now)
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "note");
    let err = db
        .as_user(&staff.physician)
        .visit_entered_in_error(draft_id, "again", now)
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "reason");

    let err = db
        .as_user(&staff.nurse)
        .visit_entered_in_error(signed_id, "wrong patient", now)
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let v = db
        .as_user(&staff.physician)
        .visit_entered_in_error(signed_id, "wrong patient", now)
        .unwrap();
    assert!(v.entered_in_error.is_some() && v.signed.is_some());
    let list = db.as_user(&staff.physician).visits(ADA(), now).unwrap();
    assert!(list.iter().all(|s| s.entered_in_error));
}

#[test]
fn the_visit_list_is_newest_first_with_the_assessments_first_line_only() {
    let (mut db, staff) = practice();
    let now = test_now();
    for (n, days_ago, assessment) in [(1, 30, "\n  Otitis media\nright ear"), (2, 1, "URI")] {
        let mut d = draft(VisitType::Office, "Ear ache");
        d.started_at = Some(now - Duration::days(days_ago));
        db.as_user(&staff.physician)
            .start_visit(ADA(), &d, visit_id(n), now)
            .unwrap();
        db.as_user(&staff.physician)
            .save_draft(visit_id(n), 0, &note("s", assessment), now)
            .unwrap();
    }
    db.as_user(&staff.physician)
        .sign_note(visit_id(1), 1, now)
        .unwrap();
    let list = db.as_user(&staff.physician).visits(ADA(), now).unwrap();
    assert_eq!(
        list.iter().map(|s| s.id).collect::<Vec<_>>(),
        [visit_id(2), visit_id(1)]
    );
    assert_eq!(list[1].assessment_first_line, "Otitis media");
    assert!(list[1].signed.is_some() && list[0].signed.is_none());
    let row = &rows(&mut db, &staff, "view_visits")[0];
    assert_eq!(row.patient_id, Some(ADA()));
    // Nobody else's visits.
    assert!(db
        .as_user(&staff.physician)
        .visits(PatientId::from_u128(2), now)
        .unwrap()
        .is_empty());
}

fn at_utc(h: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, h, 0, 0).unwrap()
}

#[test]
fn the_cosign_queue_holds_unsigned_notes_from_before_the_practices_today() {
    let (mut db, staff) = practice();
    let now = test_now(); // 26 Nov 10:00 in New York
    let hidden = PatientId::from_u128(2);
    let mut start = |n: u128, patient: PatientId, at: DateTime<Utc>| {
        let mut d = draft(VisitType::Office, &format!("visit {n}"));
        d.started_at = Some(at);
        d.provider_id = Some(staff.physician.user_id());
        db.as_user(&staff.nurse)
            .start_visit(patient, &d, visit_id(n), now)
            .unwrap();
    };
    start(1, ADA(), at_utc(4, 26)); // 23:00 the 25th in New York: yesterday
    start(2, ADA(), at_utc(6, 26)); // 01:00 the 26th: today, not yet due
    start(3, hidden, at_utc(15, 20));
    start(4, ADA(), at_utc(15, 19)); // signed below
    start(5, ADA(), at_utc(15, 18)); // entered in error below
    db.as_user(&staff.nurse)
        .save_draft(visit_id(4), 0, &note("s", "a"), now)
        .unwrap();
    db.as_user(&staff.physician)
        .sign_note(visit_id(4), 1, now)
        .unwrap();
    db.as_user(&staff.nurse)
        .visit_entered_in_error(visit_id(5), "duplicate visit", now)
        .unwrap();

    // Restricted after its visit was started: the queue still lists it, without the name.
    db.as_user(&staff.physician)
        .set_restricted(hidden, true, now)
        .unwrap();
    let queue = db.as_user(&staff.physician).cosign_queue(now).unwrap();
    let ids: Vec<VisitId> = queue.iter().map(|q| q.visit_id).collect();
    assert_eq!(
        ids,
        [visit_id(3), visit_id(1)],
        "oldest first, only before today"
    );
    assert_eq!(queue[0].patient_name, "Restricted chart");
    assert!(queue[0].restricted);
    assert_eq!(queue[1].patient_name, "Ada Okafor");
    assert_eq!(queue[1].mrn, 1001);
    assert_eq!(queue[1].author_name, "Test nurse");

    let row = &rows(&mut db, &staff, "view_cosign_queue")[0];
    let mut shown = shown_in_detail(&row.detail).unwrap();
    shown.sort();
    assert_eq!(shown, [ADA(), hidden]);

    let err = db.as_user(&staff.nurse).cosign_queue(now).unwrap_err();
    assert_eq!(err.code(), "forbidden");
}

#[test]
fn the_after_visit_summary_names_the_patient_and_the_plan() {
    let (mut db, staff) = practice();
    let id = drafted(&mut db, &staff, 1);
    let avs = db
        .as_user(&staff.nurse)
        .after_visit_summary(id, test_now())
        .unwrap();
    assert_eq!(avs.practice_name, "Test Practice");
    assert_eq!(avs.patient_name, "Ada Okafor");
    assert_eq!(avs.date_of_birth.to_string(), "1970-03-04");
    assert_eq!(avs.mrn, 1001);
    assert_eq!(avs.reason, "Blood pressure");
    assert_eq!(avs.plan, "Lisinopril 10 mg daily; recheck in 4 weeks");
    assert_eq!(avs.assessment, "Hypertension\nwell controlled");
    assert!(avs.diagnoses.is_empty() && avs.vitals.is_empty() && avs.allergies.is_empty());
    let row = &rows(&mut db, &staff, "print_after_visit_summary")[0];
    assert_eq!(row.patient_id, Some(ADA()));
    assert_eq!(row.entity_id, id.to_string());
}

#[test]
fn the_front_desk_is_refused_every_visit_operation_and_each_refusal_is_audited() {
    let (mut db, staff) = practice();
    let id = drafted(&mut db, &staff, 1);
    let now = test_now();
    let desk = staff.front_desk.clone();
    let mut u = db.as_user(&desk);
    let refusals = [
        u.start_visit(ADA(), &draft(VisitType::Office, "x"), visit_id(9), now)
            .map(|_| ()),
        u.visits(ADA(), now).map(|_| ()),
        u.visit(id, now).map(|_| ()),
        u.save_draft(id, 1, &note("x", "x"), now).map(|_| ()),
        u.sign_note(id, 1, now).map(|_| ()),
        u.amend_note(id, "reason", "text", AmendmentId::from_u128(1), now)
            .map(|_| ()),
        u.visit_entered_in_error(id, "reason", now).map(|_| ()),
        u.cosign_queue(now).map(|_| ()),
        u.after_visit_summary(id, now).map(|_| ()),
        // An unknown visit is refused the same way: the id tells the front desk nothing.
        u.visit(visit_id(404), now).map(|_| ()),
    ];
    for (i, r) in refusals.into_iter().enumerate() {
        assert_eq!(r.unwrap_err().code(), "forbidden", "operation {i}");
    }
    for action in [
        "start_visit",
        "view_visits",
        "view_visit",
        "save_draft",
        "sign_note",
        "amend_note",
        "visit_entered_in_error",
        "view_cosign_queue",
        "print_after_visit_summary",
    ] {
        let denied: Vec<_> = rows(&mut db, &staff, action)
            .into_iter()
            .filter(|r| r.outcome == Outcome::Denied)
            .collect();
        assert!(!denied.is_empty(), "{action} denial not audited");
    }
    let v = db.as_user(&staff.physician).visit(id, now).unwrap();
    assert_eq!(v.draft_version, 1, "nothing changed");
}

#[test]
fn a_restricted_chart_needs_emergency_access_for_its_visits() {
    let (mut db, staff) = practice();
    let id = drafted(&mut db, &staff, 1);
    let now = test_now();
    db.as_user(&staff.physician)
        .set_restricted(ADA(), true, now)
        .unwrap();
    let err = db.as_user(&staff.nurse).visit(id, now).unwrap_err();
    assert_eq!(err.code(), "restricted");
    let err = db
        .as_user(&staff.nurse)
        .save_draft(id, 1, &note("x", "x"), now)
        .unwrap_err();
    assert_eq!(err.code(), "restricted");
    db.as_user(&staff.physician)
        .emergency_access(ADA(), "patient in the waiting room, urgent", now)
        .unwrap();
    let v = db.as_user(&staff.physician).visit(id, now).unwrap();
    assert_eq!(v.note.subjective, "Headaches");
    let row = &rows(&mut db, &staff, "view_visit")
        .into_iter()
        .find(|r| r.outcome == Outcome::Ok)
        .unwrap();
    assert!(row.emergency);
}

#[test]
fn the_providers_to_choose_are_the_active_physicians() {
    let (mut db, staff) = practice();
    let providers = db
        .as_user(&staff.nurse)
        .visit_providers(test_now())
        .unwrap();
    let ids: Vec<_> = providers.iter().map(|p| p.id).collect();
    assert_eq!(ids, [staff.physician.user_id()]);
    assert_eq!(providers[0].name, "Test doc");
    let err = db
        .as_user(&staff.front_desk)
        .visit_providers(test_now())
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
}

//! Changing booked appointments — moves re-checked against the rules, stale versions, a
//! cancelled one kept where it was, one occurrence of a series edited on its own — and how
//! the calendar shows them: 09:00 staying 09:00 across daylight-saving time, the chosen
//! providers in one audit row, nothing deletable even with raw SQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod booking_fixture;

use booking_fixture::*;
use charta_core::schedule::time::utc_to_local;
use charta_core::schedule::{AppointmentChange, AppointmentStatus, CancelKind};
use charta_core::CoreError;

fn change_of(a: &charta_core::schedule::Appointment, local: &str) -> AppointmentChange {
    AppointmentChange {
        provider_id: a.provider_id,
        type_id: a.type_id,
        room_id: a.room_id,
        starts_at: at(local),
        minutes: 15,
        reason: a.reason.clone(),
        note: a.note.clone(),
        overbook_reason: None,
    }
}

#[test]
fn a_move_is_checked_against_the_rules_but_not_against_itself() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    let a = p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    p.book(2, &draft(patient(2), &doc, "2026-11-30 10:00"));
    // Overlapping its own old time is fine.
    let moved =
        p.db.as_user(&desk)
            .change_appointment(
                appt(1),
                a.version,
                &change_of(&a, "2026-11-30 09:10"),
                now(),
            )
            .unwrap();
    assert_eq!(moved.starts_at, at("2026-11-30 09:10"));
    assert_eq!(moved.version, a.version + 1);
    let err =
        p.db.as_user(&desk)
            .change_appointment(
                appt(1),
                moved.version,
                &change_of(&a, "2026-11-30 09:55"),
                now(),
            )
            .unwrap_err();
    assert!(refusal(&err).contains("Smith, John"), "{err:?}");
    let err =
        p.db.as_user(&desk)
            .change_appointment(
                appt(1),
                moved.version,
                &change_of(&a, "2026-11-30 12:30"),
                now(),
            )
            .unwrap_err();
    assert!(refusal(&err).contains("outside"), "{err:?}");
    // Only the reason changes: an edit.
    let mut edit = change_of(&moved, "2026-11-30 09:10");
    edit.reason = "Diabetes".into();
    let edited =
        p.db.as_user(&desk)
            .change_appointment(appt(1), moved.version, &edit, now())
            .unwrap();
    assert_eq!(edited.reason, "Diabetes");
    let history =
        p.db.as_user(&desk)
            .appointment_history(appt(1), now())
            .unwrap();
    let changes: Vec<&str> = history.iter().map(|h| h.change.as_str()).collect();
    assert_eq!(changes, ["booked", "moved", "edited"]);
    assert!(
        history[1].detail.contains("09:00–09:15"),
        "{}",
        history[1].detail
    );
}

#[test]
fn a_stale_version_is_a_conflict_and_changes_nothing() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    let a = p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    p.db.as_user(&desk)
        .change_appointment(
            appt(1),
            a.version,
            &change_of(&a, "2026-11-30 09:30"),
            now(),
        )
        .unwrap();
    let err =
        p.db.as_user(&desk)
            .change_appointment(
                appt(1),
                a.version,
                &change_of(&a, "2026-11-30 10:30"),
                now(),
            )
            .unwrap_err();
    assert!(matches!(err, CoreError::Conflict { .. }), "{err:?}");
    let err =
        p.db.as_user(&desk)
            .cancel_appointment(
                appt(1),
                a.version,
                CancelKind::Practice,
                "Doctor ill",
                now(),
            )
            .unwrap_err();
    assert!(matches!(err, CoreError::Conflict { .. }), "{err:?}");
    let range =
        p.db.as_user(&desk)
            .schedule_range(at("2026-11-30 12:00").date_naive(), 1, None, now())
            .unwrap();
    assert_eq!(range.appointments[0].starts_at, at("2026-11-30 09:30"));
    assert_eq!(range.appointments[0].status, AppointmentStatus::Booked);
}

#[test]
fn a_cancelled_appointment_cannot_be_moved() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    let a = p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    let c =
        p.db.as_user(&desk)
            .cancel_appointment(
                appt(1),
                a.version,
                CancelKind::Practice,
                "Doctor ill",
                now(),
            )
            .unwrap();
    let err =
        p.db.as_user(&desk)
            .change_appointment(
                appt(1),
                c.version,
                &change_of(&a, "2026-11-30 10:00"),
                now(),
            )
            .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "status");
}

#[test]
fn nine_oclock_in_winter_and_in_summer_are_different_utc_hours_shown_as_nine() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let winter = p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    let summer = p.book(2, &draft(patient(1), &doc, "2027-06-07 09:00"));
    assert_eq!(winter.starts_at.to_rfc3339(), "2026-11-30T14:00:00+00:00");
    assert_eq!(summer.starts_at.to_rfc3339(), "2027-06-07T13:00:00+00:00");
    for a in [&winter, &summer] {
        assert_eq!(
            utc_to_local(zone(), a.starts_at)
                .format("%H:%M")
                .to_string(),
            "09:00"
        );
    }
    let desk = p.staff.front_desk.clone();
    let june =
        p.db.as_user(&desk)
            .schedule_range(at("2027-06-07 12:00").date_naive(), 1, None, now())
            .unwrap();
    assert_eq!(june.appointments.len(), 1);
    assert_eq!(june.providers.len(), 2);
    assert_eq!(june.providers[0].open[0].starts_at, at("2027-06-07 08:00"));
}

#[test]
fn the_calendar_shows_the_chosen_providers_their_hours_and_blocks_in_one_audit_row() {
    let mut p = practice();
    let (doc, doc2) = (p.staff.physician.clone(), p.doc2.clone());
    p.book(1, &draft(patient(1), &doc, "2026-12-07 09:00"));
    let desk = p.staff.front_desk.clone();
    let monday = at("2026-12-07 12:00").date_naive();
    let both =
        p.db.as_user(&desk)
            .schedule_range(monday, 7, None, now())
            .unwrap();
    assert_eq!(both.providers.len(), 2);
    assert_eq!(both.providers[0].provider_id, doc.user_id());
    assert_eq!(
        both.providers[0].open.len(),
        10,
        "two stretches on each of five days"
    );
    assert_eq!(both.blocks.len(), 1, "the leave; Christmas is later");
    let only_doc =
        p.db.as_user(&desk)
            .schedule_range(monday, 1, Some(&[doc.user_id()]), now())
            .unwrap();
    assert_eq!(only_doc.providers.len(), 1);
    assert!(
        only_doc.blocks.is_empty(),
        "the other physician's leave is not shown"
    );
    assert_eq!(only_doc.appointments.len(), 1);
    let only_doc2 =
        p.db.as_user(&desk)
            .schedule_range(monday, 1, Some(&[doc2.user_id()]), now())
            .unwrap();
    assert!(only_doc2.appointments.is_empty());
    let rows = p.audit("view_schedule");
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.patient_id.is_none()));
    let err =
        p.db.as_user(&desk)
            .schedule_range(monday, 43, None, now())
            .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "days");
}

#[test]
fn appointments_and_their_history_cannot_be_deleted_even_with_raw_sql() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    let file = p._dir.path().join("chart.db");
    let conn = rusqlite::Connection::open(&file).unwrap();
    let err = conn.execute("DELETE FROM appointments", []).unwrap_err();
    assert!(err.to_string().contains("never deleted"), "{err}");
    let err = conn
        .execute("DELETE FROM appointment_history", [])
        .unwrap_err();
    assert!(err.to_string().contains("never rewritten"), "{err}");
}

#[test]
fn an_occurrence_of_a_series_edited_on_its_own_becomes_an_exception() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    let plain = p.book(2, &draft(patient(2), &doc, "2026-11-30 10:00"));
    // Make the first an occurrence of a series (the series area writes these).
    let conn = rusqlite::Connection::open(p._dir.path().join("chart.db")).unwrap();
    conn.execute(
        "INSERT INTO appointment_series (id, patient_id, rule, first_local, created_at,
            created_by, updated_at, updated_by)
         VALUES ('00000000-0000-0000-0000-0000000c0001', ?1, '{}', '2026-11-30T09:00', ?2, ?3, ?2, ?3)",
        rusqlite::params![
            patient(1).to_string(),
            "2026-11-26T15:00:00.000000Z",
            desk.user_id().to_string()
        ],
    )
    .unwrap();
    conn.execute(
        "UPDATE appointments SET series_id = '00000000-0000-0000-0000-0000000c0001', occurrence = 0
         WHERE id = ?1",
        [appt(1).to_string()],
    )
    .unwrap();
    drop(conn);
    let range =
        p.db.as_user(&desk)
            .schedule_range(at("2026-11-30 12:00").date_naive(), 1, None, now())
            .unwrap();
    let occurrence = range.appointments[0].clone();
    assert!(occurrence.series_id.is_some() && !occurrence.is_exception);
    let moved =
        p.db.as_user(&desk)
            .change_appointment(
                appt(1),
                occurrence.version,
                &change_of(&occurrence, "2026-11-30 11:00"),
                now(),
            )
            .unwrap();
    assert!(moved.is_exception);
    let edited =
        p.db.as_user(&desk)
            .change_appointment(
                appt(2),
                plain.version,
                &change_of(&plain, "2026-11-30 10:30"),
                now(),
            )
            .unwrap();
    assert!(!edited.is_exception, "a single appointment is no exception");
}

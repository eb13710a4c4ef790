//! Booking by the rules: double-booking of a provider or room, availability, blocked time,
//! overbooking with a reason, cancellation freeing the slot, bad fields, who may book, and
//! patients who cannot be booked. Changing a booking is in `schedule_changes.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod booking_fixture;

use booking_fixture::*;
use charta_core::audit::Outcome;
use charta_core::schedule::{AppointmentStatus, CancelKind, CollisionKind};
use charta_core::CoreError;

#[test]
fn double_booking_a_provider_is_refused_naming_the_patient_already_booked() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    let desk = p.staff.front_desk.clone();
    let err =
        p.db.as_user(&desk)
            .book_appointment(&draft(patient(2), &doc, "2026-11-30 09:10"), appt(2), now())
            .unwrap_err();
    let message = refusal(&err);
    assert!(message.contains("Okafor, Ada"), "{message}");
    assert!(message.contains("09:00–09:15"), "{message}");
    let range =
        p.db.as_user(&desk)
            .schedule_range(at("2026-11-30 12:00").date_naive(), 1, None, now())
            .unwrap();
    assert_eq!(range.appointments.len(), 1, "nothing was stored");
}

#[test]
fn back_to_back_appointments_are_allowed() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    let second = p.book(2, &draft(patient(2), &doc, "2026-11-30 09:15"));
    assert_eq!(second.status, AppointmentStatus::Booked);
    assert_eq!(second.overbook_reason, None);
}

#[test]
fn the_same_time_with_another_provider_is_fine_but_not_in_the_same_room() {
    let mut p = practice();
    let (doc, doc2) = (p.staff.physician.clone(), p.doc2.clone());
    let mut first = draft(patient(1), &doc, "2026-11-30 09:00");
    first.room_id = Some(room(1));
    p.book(1, &first);
    let mut second = draft(patient(2), &doc2, "2026-11-30 09:05");
    second.room_id = Some(room(1));
    let desk = p.staff.front_desk.clone();
    let err =
        p.db.as_user(&desk)
            .book_appointment(&second, appt(2), now())
            .unwrap_err();
    assert!(refusal(&err).contains("Room 1 is in use"), "{err:?}");
    second.room_id = Some(room(2));
    p.book(2, &second);
}

#[test]
fn lunch_early_morning_and_sunday_are_outside_the_providers_hours() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    for (n, local) in [
        (1, "2026-11-30 12:00"),
        (2, "2026-11-30 12:50"),
        (3, "2026-11-30 07:45"),
        (4, "2026-11-29 10:00"),
        (5, "2026-11-30 16:50"),
    ] {
        let found =
            p.db.as_user(&desk)
                .check_booking(&draft(patient(1), &doc, local), None, now())
                .unwrap();
        assert_eq!(
            found.iter().map(|c| c.kind).collect::<Vec<_>>(),
            vec![CollisionKind::OutsideHours],
            "{local}"
        );
        let err =
            p.db.as_user(&desk)
                .book_appointment(&draft(patient(1), &doc, local), appt(n), now())
                .unwrap_err();
        assert!(refusal(&err).contains("outside"), "{local}: {err:?}");
    }
    assert!(p
        .db
        .as_user(&desk)
        .check_booking(&draft(patient(1), &doc, "2026-11-30 13:00"), None, now())
        .unwrap()
        .is_empty());
}

#[test]
fn a_providers_leave_and_a_practice_holiday_are_blocked() {
    let mut p = practice();
    let (doc, doc2) = (p.staff.physician.clone(), p.doc2.clone());
    let desk = p.staff.front_desk.clone();
    let err =
        p.db.as_user(&desk)
            .book_appointment(
                &draft(patient(1), &doc2, "2026-12-07 10:00"),
                appt(1),
                now(),
            )
            .unwrap_err();
    assert!(refusal(&err).contains("Leave — Conference"), "{err:?}");
    // The other physician works that day.
    p.book(2, &draft(patient(1), &doc, "2026-12-07 10:00"));
    let err =
        p.db.as_user(&desk)
            .book_appointment(&draft(patient(2), &doc, "2026-12-25 10:00"), appt(3), now())
            .unwrap_err();
    assert!(
        refusal(&err).contains("Practice: Holiday — Christmas"),
        "{err:?}"
    );
}

#[test]
fn an_overbooking_with_a_reason_is_stored_and_audited_with_what_it_collided_with() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    let mut over = draft(patient(2), &doc, "2026-11-30 09:00");
    over.overbook_reason = Some("  Chest pain, seen today  ".into());
    let booked = p.book(2, &over);
    assert_eq!(
        booked.overbook_reason.as_deref(),
        Some("Chest pain, seen today")
    );
    let rows = p.audit("overbook_appointment");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].patient_id, Some(patient(2)));
    assert_eq!(rows[0].entity_id, appt(2).to_string());
    assert!(rows[0].detail.contains("Chest pain"), "{}", rows[0].detail);
    assert!(rows[0].detail.contains("Okafor, Ada"), "{}", rows[0].detail);
    assert_eq!(
        p.audit("book_appointment").len(),
        1,
        "only the first is a plain booking"
    );
}

#[test]
fn a_blank_overbook_reason_is_no_reason() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    let mut over = draft(patient(2), &doc, "2026-11-30 09:00");
    over.overbook_reason = Some("   ".into());
    let desk = p.staff.front_desk.clone();
    let err =
        p.db.as_user(&desk)
            .book_appointment(&over, appt(2), now())
            .unwrap_err();
    refusal(&err);
    assert!(p.audit("overbook_appointment").is_empty());
}

#[test]
fn a_cancelled_appointment_frees_its_slot_and_is_kept() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    let first = p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    let err =
        p.db.as_user(&desk)
            .cancel_appointment(appt(1), first.version, CancelKind::Patient, "  ", now())
            .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "reason");
    let cancelled =
        p.db.as_user(&desk)
            .cancel_appointment(
                appt(1),
                first.version,
                CancelKind::Patient,
                "Sick child",
                now(),
            )
            .unwrap();
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    assert_eq!(cancelled.cancel_kind, Some(CancelKind::Patient));
    assert_eq!(cancelled.cancel_reason.as_deref(), Some("Sick child"));
    p.book(2, &draft(patient(2), &doc, "2026-11-30 09:00"));
    let range =
        p.db.as_user(&desk)
            .schedule_range(at("2026-11-30 12:00").date_naive(), 1, None, now())
            .unwrap();
    assert_eq!(
        range.appointments.len(),
        2,
        "the cancelled one is still shown"
    );
    let history =
        p.db.as_user(&desk)
            .appointment_history(appt(1), now())
            .unwrap();
    let changes: Vec<&str> = history.iter().map(|h| h.change.as_str()).collect();
    assert_eq!(changes, ["booked", "cancelled"]);
}

#[test]
fn bad_fields_are_refused_by_name() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let nurse = p.staff.nurse.clone();
    let desk = p.staff.front_desk.clone();
    let mut d = draft(patient(1), &doc, "2026-11-30 09:00");
    d.minutes = 4;
    d.reason = "x".repeat(201);
    d.room_id = Some(room(9));
    let err =
        p.db.as_user(&desk)
            .book_appointment(&d, appt(1), now())
            .unwrap_err();
    let mut fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["minutes", "reason", "roomId"]);
    // The nurse is not a provider on the schedule; the patient must be registered.
    let err =
        p.db.as_user(&desk)
            .book_appointment(
                &draft(patient(1), &nurse, "2026-11-30 09:00"),
                appt(1),
                now(),
            )
            .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "providerId");
    let err =
        p.db.as_user(&desk)
            .book_appointment(
                &draft(patient(99), &doc, "2026-11-30 09:00"),
                appt(1),
                now(),
            )
            .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "patientId");
    // Yesterday is past; more than two years ahead is not open yet.
    for local in ["2026-11-25 09:00", "2029-01-08 09:00"] {
        let err =
            p.db.as_user(&desk)
                .book_appointment(&draft(patient(1), &doc, local), appt(1), now())
                .unwrap_err();
        assert_eq!(err.field_errors()[0].field, "startsAt", "{local}");
    }
}

#[test]
fn earlier_today_can_be_booked_to_record_a_walk_in() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    // now is Thursday 26 Nov 2026, 10:00 in New York.
    let a = p.book(1, &draft(patient(1), &doc, "2026-11-26 09:00"));
    assert_eq!(a.starts_at, at("2026-11-26 09:00"));
}

#[test]
fn the_front_desk_books_but_the_admin_may_not_and_the_denial_is_audited() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let admin = p.staff.admin.clone();
    let err =
        p.db.as_user(&admin)
            .book_appointment(&draft(patient(1), &doc, "2026-11-30 09:00"), appt(1), now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let denied = p.audit("book_appointment");
    assert_eq!(denied.len(), 1);
    assert_eq!(denied[0].outcome, Outcome::Denied);
    let err =
        p.db.as_user(&admin)
            .schedule_range(at("2026-11-30 12:00").date_naive(), 1, None, now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let booked = p.book(1, &draft(patient(1), &doc, "2026-11-30 09:00"));
    assert_eq!(booked.patient_name, "Okafor, Ada");
    let rows = p.audit("book_appointment");
    assert_eq!(rows.len(), 2);
    assert!(rows
        .iter()
        .any(|r| r.outcome == Outcome::Ok && r.patient_id == Some(patient(1))));
}

#[test]
fn a_deceased_patient_cannot_be_booked() {
    use charta_core::patient::PatientStatus;
    use charta_core::testing::person;
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    let mut record = person("Smith", "John", "1970-03-04", "");
    record.status = PatientStatus::Deceased;
    record.deceased_on = "2026-11-20".into();
    p.db.as_user(&desk)
        .update_patient(patient(2), 1, &record, now())
        .unwrap();
    let err =
        p.db.as_user(&desk)
            .book_appointment(&draft(patient(2), &doc, "2026-11-30 09:00"), appt(1), now())
            .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "patientId");
    assert!(err.to_string().contains("deceased"), "{err}");
}

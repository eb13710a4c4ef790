//! The wait list against a real database (bookings written through the store, see
//! `slots::tests`).

use super::*;
use crate::ids::{AppointmentTypeId, PatientId, UserId};
use crate::schedule::slots::tests::{book, cancel, follow_up, local, practice, Practice};
use crate::schedule::TimeOfDay;
use crate::testing::test_now;

fn physical() -> AppointmentTypeId {
    AppointmentTypeId::parse("00000000-0000-0000-0006-000000000003").unwrap()
}

fn draft(patient: PatientId) -> WaitListDraft {
    WaitListDraft {
        patient_id: patient,
        provider_id: None,
        type_id: follow_up(),
        appointment_id: None,
        earliest: None,
        latest: None,
        time_of_day: TimeOfDay::Any,
        note: "  prefers mornings  ".into(),
    }
}

fn add(p: &mut Practice, n: u128, d: &WaitListDraft, minutes_later: i64) -> WaitListEntry {
    let desk = p.desk.clone();
    p.db.as_user(&desk)
        .add_to_wait_list(
            d,
            WaitListId::from_u128(n),
            test_now() + chrono::Duration::minutes(minutes_later),
        )
        .unwrap()
}

fn fields(err: CoreError) -> Vec<String> {
    match err {
        CoreError::Invalid(f) => f.into_iter().map(|f| f.field).collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_added_entry_is_listed_with_the_patients_phone_and_a_trimmed_note() {
    let mut p = practice();
    let patient = p.patients[0];
    let desk = p.desk.clone();
    p.db.write(|tx| {
        tx.execute(
            "INSERT INTO patient_phones (patient_id, position, kind, number, digits)
             VALUES (?1, 0, 'mobile', '555-0101', '5550101')",
            [patient.to_string()],
        )?;
        Ok(())
    })
    .unwrap();
    let added = add(&mut p, 1, &draft(patient), 0);
    assert_eq!(added.note, "prefers mornings");
    assert_eq!(added.phone.as_deref(), Some("555-0101"));
    assert_eq!(added.type_name, "Follow-up");
    let list = p.db.as_user(&desk).wait_list(test_now()).unwrap();
    assert_eq!(list, vec![added]);
}

#[test]
fn bad_entries_name_their_fields_and_nothing_is_stored() {
    let mut p = practice();
    let desk = p.desk.clone();
    let mut d = draft(PatientId::from_u128(77));
    d.provider_id = Some(UserId::from_u128(3));
    d.earliest = NaiveDate::from_ymd_opt(2026, 12, 10);
    d.latest = NaiveDate::from_ymd_opt(2026, 12, 9);
    d.appointment_id = Some(AppointmentId::from_u128(1));
    let err =
        p.db.as_user(&desk)
            .add_to_wait_list(&d, WaitListId::from_u128(1), test_now())
            .unwrap_err();
    assert_eq!(
        fields(err),
        ["patientId", "providerId", "latest", "appointmentId"]
    );
    assert!(p
        .db
        .as_user(&desk)
        .wait_list(test_now())
        .unwrap()
        .is_empty());
}

#[test]
fn the_booking_to_move_earlier_must_be_the_patients_own_and_ahead() {
    let mut p = practice();
    let doc = p.doc;
    book(&mut p, 1, doc, local("2026-12-20", "09:00"), 15); // patients[1]
    book(&mut p, 2, doc, local("2026-11-20", "09:00"), 15); // patients[2], past
    let desk = p.desk.clone();
    for (patient, appointment) in [(p.patients[0], 1), (p.patients[2], 2)] {
        let mut d = draft(patient);
        d.appointment_id = Some(AppointmentId::from_u128(appointment));
        let err =
            p.db.as_user(&desk)
                .add_to_wait_list(&d, WaitListId::from_u128(9), test_now())
                .unwrap_err();
        assert_eq!(fields(err), ["appointmentId"]);
    }
    let mut d = draft(p.patients[1]);
    d.appointment_id = Some(AppointmentId::from_u128(1));
    let entry = add(&mut p, 1, &d, 0);
    assert_eq!(entry.current_starts_at, Some(local("2026-12-20", "09:00")));
}

#[test]
fn removing_needs_a_reason_and_a_resolved_entry_leaves_the_list_but_stays_stored() {
    let mut p = practice();
    let entry = {
        let d = draft(p.patients[0]);
        add(&mut p, 1, &d, 0)
    };
    let desk = p.desk.clone();
    let err =
        p.db.as_user(&desk)
            .resolve_wait_list(entry.id, None, "  ", test_now())
            .unwrap_err();
    assert_eq!(fields(err), ["note"]);
    p.db.as_user(&desk)
        .resolve_wait_list(entry.id, None, "found another practice", test_now())
        .unwrap();
    assert!(p
        .db
        .as_user(&desk)
        .wait_list(test_now())
        .unwrap()
        .is_empty());
    let err =
        p.db.as_user(&desk)
            .resolve_wait_list(entry.id, None, "again", test_now())
            .unwrap_err();
    assert_eq!(fields(err), ["id"]);
    let (resolution, note): (String, String) =
        p.db.read(|c| {
            Ok(c.query_row(
                "SELECT resolution, resolution_note FROM wait_list WHERE id = ?1",
                [entry.id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(
        (resolution.as_str(), note.as_str()),
        ("removed", "found another practice")
    );
    let deleted = p.db.write(|tx| {
        tx.execute("DELETE FROM wait_list", [])?;
        Ok(())
    });
    assert!(deleted.is_err(), "entries are never deleted");
}

#[test]
fn booked_resolution_records_the_patients_appointment_and_refuses_someone_elses() {
    let mut p = practice();
    let doc = p.doc;
    book(&mut p, 1, doc, local("2026-12-20", "09:00"), 15); // patients[1]
    let entry = {
        let d = draft(p.patients[0]);
        add(&mut p, 1, &d, 0)
    };
    let desk = p.desk.clone();
    let err =
        p.db.as_user(&desk)
            .resolve_wait_list(entry.id, Some(AppointmentId::from_u128(1)), "", test_now())
            .unwrap_err();
    assert_eq!(fields(err), ["booked"]);
    let mine = {
        let d = draft(p.patients[1]);
        add(&mut p, 2, &d, 1)
    };
    p.db.as_user(&desk)
        .resolve_wait_list(mine.id, Some(AppointmentId::from_u128(1)), "", test_now())
        .unwrap();
    let booked: String =
        p.db.read(|c| {
            Ok(c.query_row(
                "SELECT booked_appointment FROM wait_list WHERE id = ?1 AND resolution = 'booked'",
                [mine.id.to_string()],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(booked, AppointmentId::from_u128(1).to_string());
    let (action, patient): (String, Option<String>) =
        p.db.read(|c| {
            Ok(c.query_row(
                "SELECT action, patient_id FROM audit_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(action, "resolve_wait_list");
    assert_eq!(patient, Some(p.patients[1].to_string()));
}

#[test]
fn a_freed_slot_lists_who_fits_oldest_first() {
    let mut p = practice();
    let (doc, second) = (p.doc, p.second);
    // Freed: Tue 8 Dec 09:00–09:30 with doc, cancelled.
    book(&mut p, 1, doc, local("2026-12-08", "09:00"), 30);
    book(&mut p, 2, doc, local("2026-12-18", "10:00"), 15); // patients[2]'s later booking
    book(&mut p, 3, doc, local("2026-12-08", "08:00"), 15); // patients[3]'s earlier booking
    cancel(&mut p, 1);
    let pt = p.patients.clone();
    let any = add(&mut p, 10, &draft(pt[0]), 5);
    let mut d = draft(pt[1]);
    d.provider_id = Some(doc);
    d.time_of_day = TimeOfDay::Morning;
    let doc_mornings = add(&mut p, 11, &d, 1);
    let mut d = draft(pt[2]);
    d.appointment_id = Some(AppointmentId::from_u128(2));
    let later_booking = add(&mut p, 12, &d, 2);
    let mut d = draft(pt[3]);
    d.appointment_id = Some(AppointmentId::from_u128(3));
    add(&mut p, 13, &d, 3); // holds an earlier booking: does not fit
    let mut d = draft(pt[4]);
    d.provider_id = Some(second);
    add(&mut p, 14, &d, 4); // another provider
    let mut d = draft(pt[5]);
    d.type_id = physical();
    add(&mut p, 15, &d, 6); // 40 minutes: too long
    let mut d = draft(pt[6]);
    d.time_of_day = TimeOfDay::Afternoon;
    add(&mut p, 16, &d, 7);
    let mut d = draft(pt[7]);
    d.earliest = NaiveDate::from_ymd_opt(2026, 12, 9);
    add(&mut p, 17, &d, 8);
    let desk = p.desk.clone();
    let fits =
        p.db.as_user(&desk)
            .wait_list_fits(AppointmentId::from_u128(1), test_now())
            .unwrap();
    let ids: Vec<WaitListId> = fits.iter().map(|e| e.id).collect();
    assert_eq!(ids, [doc_mornings.id, later_booking.id, any.id]);
    let err =
        p.db.as_user(&desk)
            .wait_list_fits(AppointmentId::from_u128(2), test_now())
            .unwrap_err();
    assert_eq!(fields(err), ["freed"]);
}

#[test]
fn the_admin_may_neither_see_nor_change_the_wait_list() {
    let mut p = practice();
    let admin = p.db.actor(UserId::from_u128(1)).unwrap();
    let d = draft(p.patients[0]);
    assert!(matches!(
        p.db.as_user(&admin).wait_list(test_now()),
        Err(CoreError::Forbidden(_))
    ));
    assert!(matches!(
        p.db.as_user(&admin)
            .add_to_wait_list(&d, WaitListId::from_u128(1), test_now()),
        Err(CoreError::Forbidden(_))
    ));
}

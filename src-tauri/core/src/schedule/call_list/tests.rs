//! The call list and the day-list print record, on appointments written straight through the
//! store (the booking operations belong to another area and are tested there).

use crate::audit::Outcome;
use crate::db::ChartDb;
use crate::ids::{AppointmentId, AppointmentTypeId, PatientId, UserId};
use crate::patient::RegisterOutcome;
use crate::store::appointments::{insert, NewAppointment};
use crate::store::{self, instant_to_sql};
use crate::testing::{person, staffed_practice, test_now, Staff};
use crate::CoreError;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

const FOLLOW_UP: &str = "00000000-0000-0000-0006-000000000002";

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn register(db: &mut ChartDb, staff: &Staff, family: &str, phone: &str, n: u128) -> PatientId {
    let id = PatientId::from_u128(n);
    let mut draft = person(family, "Ann", "1980-03-14", phone);
    if family == "Twophones" {
        draft.phones.push(crate::patient::Phone {
            kind: crate::patient::PhoneKind::Home,
            number: "555-0199".into(),
        });
    }
    let outcome = db
        .as_user(&staff.front_desk)
        .register_patient(&draft, true, id, test_now())
        .unwrap();
    assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    id
}

/// Writes a booked appointment of the physician (made bookable) straight into the table.
fn book(
    db: &mut ChartDb,
    staff: &Staff,
    patient: PatientId,
    starts: DateTime<Utc>,
    n: u128,
) -> AppointmentId {
    let id = AppointmentId::from_u128(n);
    let provider = staff.physician.user_id();
    let by = staff.front_desk.user_id();
    db.write(|tx| {
        tx.execute(
            "INSERT OR IGNORE INTO schedule_providers (user_id, colour, updated_at) VALUES (?1, '#336699', ?2)",
            rusqlite::params![provider.to_string(), instant_to_sql(test_now())],
        )?;
        let new = NewAppointment {
            patient_id: patient,
            provider_id: provider,
            room_id: None,
            type_id: AppointmentTypeId::parse(FOLLOW_UP).unwrap(),
            starts_at: starts,
            ends_at: starts + Duration::minutes(15),
            reason: "Follow-up",
            note: "",
            overbook_reason: None,
            series: None,
        };
        insert(tx, id, &new, by, test_now())
    })
    .unwrap();
    id
}

fn set_status(db: &mut ChartDb, id: AppointmentId, status: &str, cancel_kind: Option<&str>) {
    db.write(|tx| {
        tx.execute(
            "UPDATE appointments SET status = ?2, cancel_kind = ?3 WHERE id = ?1",
            rusqlite::params![id.to_string(), status, cancel_kind],
        )?;
        Ok(())
    })
    .unwrap();
}

fn last_event(db: &ChartDb) -> crate::audit::AuditEvent {
    db.read(|c| store::audit::events_after(c, 0))
        .unwrap()
        .pop()
        .unwrap()
        .1
}

fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    (db, staff)
}

#[test]
fn the_call_list_holds_the_days_booked_and_confirmed_appointments_with_every_phone() {
    let (mut db, staff) = practice();
    let early = register(&mut db, &staff, "Early", "555-0101", 11);
    let two = register(&mut db, &staff, "Twophones", "555-0102", 12);
    let gone = register(&mut db, &staff, "Cancelled", "555-0103", 13);
    let late = register(&mut db, &staff, "Late", "", 14);
    let before = register(&mut db, &staff, "Daybefore", "555-0105", 15);
    let arrived = register(&mut db, &staff, "Arrived", "555-0106", 16);
    // 27 Nov in New York (UTC−5): 09:00, 15:00, 12:00 (cancelled), 23:00 local (04:00 UTC the
    // next day), and 22:00 local the day before (03:00 UTC on the 27th).
    let a = book(&mut db, &staff, early, utc(2026, 11, 27, 14, 0), 1);
    let b = book(&mut db, &staff, two, utc(2026, 11, 27, 20, 0), 2);
    let c = book(&mut db, &staff, gone, utc(2026, 11, 27, 17, 0), 3);
    let d = book(&mut db, &staff, late, utc(2026, 11, 28, 4, 0), 4);
    book(&mut db, &staff, before, utc(2026, 11, 27, 3, 0), 5);
    let f = book(&mut db, &staff, arrived, utc(2026, 11, 27, 15, 0), 6);
    set_status(&mut db, b, "confirmed", None);
    set_status(&mut db, c, "cancelled", Some("patient"));
    set_status(&mut db, f, "arrived", None);

    let rows = db
        .as_user(&staff.front_desk)
        .call_list(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(), test_now())
        .unwrap();
    let ids: Vec<AppointmentId> = rows.iter().map(|r| r.appointment.id).collect();
    assert_eq!(
        ids,
        vec![a, b, d],
        "booked and confirmed on the local day, soonest first"
    );
    assert_eq!(rows[0].phones, vec!["555-0101".to_string()]);
    assert_eq!(
        rows[1].phones,
        vec!["555-0102".to_string(), "555-0199".to_string()]
    );
    assert!(
        rows[2].phones.is_empty(),
        "a patient without a phone is still listed"
    );

    let event = last_event(&db);
    assert_eq!(event.action, "view_call_list");
    assert_eq!(event.outcome, Outcome::Ok);
    assert_eq!(event.detail, "2026-11-27, 3 appointments");
    assert_eq!(
        event.patient_id, None,
        "one row for the list, not one per patient"
    );
}

#[test]
fn the_admin_may_not_see_the_call_list_and_the_denial_is_audited() {
    let (mut db, staff) = practice();
    let err = db
        .as_user(&staff.admin)
        .call_list(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(), test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let event = last_event(&db);
    assert_eq!(event.action, "view_call_list");
    assert_eq!(event.outcome, Outcome::Denied);
}

#[test]
fn printing_a_day_list_is_audited_with_the_provider_and_date() {
    let (mut db, staff) = practice();
    let provider = staff.physician.user_id();
    db.as_user(&staff.front_desk)
        .log_day_list_print(
            provider,
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            test_now(),
        )
        .unwrap();
    let event = last_event(&db);
    assert_eq!(event.action, "print_day_list");
    assert_eq!(event.outcome, Outcome::Ok);
    assert_eq!(event.entity_id, provider.to_string());
    assert_eq!(event.detail, "2026-11-27, Test doc");
}

#[test]
fn printing_the_day_list_of_an_unknown_provider_is_refused() {
    let (mut db, staff) = practice();
    let err = db
        .as_user(&staff.nurse)
        .log_day_list_print(
            UserId::from_u128(99),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            test_now(),
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound { .. }), "{err:?}");
}

#[test]
fn the_admin_may_not_print_a_day_list() {
    let (mut db, staff) = practice();
    let err = db
        .as_user(&staff.admin)
        .log_day_list_print(
            staff.physician.user_id(),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            test_now(),
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    assert_eq!(last_event(&db).outcome, Outcome::Denied);
}

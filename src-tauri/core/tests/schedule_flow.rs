//! The visit flow: the order of statuses with who and when, the undo of one step, no-show
//! only after the start, starting the chart visit from an arrived appointment, the flow
//! board's waiting times from an injected clock, and a patient's appointments.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod booking_fixture;

use booking_fixture::*;
use charta_core::audit::Outcome;
use charta_core::ids::VisitId;
use charta_core::schedule::{AppointmentStatus as S, CancelKind};
use charta_core::{Actor, CoreError};
use chrono::{DateTime, Duration, Utc};

fn set(
    p: &mut Booking,
    who: &Actor,
    n: u128,
    status: S,
    room_id: Option<charta_core::ids::RoomId>,
    at: DateTime<Utc>,
) -> Result<charta_core::schedule::Appointment, CoreError> {
    let version = current_version(p, n);
    p.db.as_user(who)
        .set_appointment_status(appt(n), version, status, room_id, at)
}

fn current_version(p: &mut Booking, n: u128) -> i64 {
    let desk = p.staff.front_desk.clone();
    let history =
        p.db.as_user(&desk)
            .appointment_history(appt(n), now())
            .unwrap();
    assert!(!history.is_empty());
    let range =
        p.db.as_user(&desk)
            .schedule_range(at("2026-11-26 12:00").date_naive(), 14, None, now())
            .unwrap();
    range
        .appointments
        .iter()
        .find(|a| a.id == appt(n))
        .map(|a| a.version)
        .unwrap()
}

fn field(err: &CoreError) -> &str {
    err.field_errors()
        .first()
        .map(|e| e.field.as_str())
        .unwrap_or_else(|| panic!("not a field error: {err:?}"))
}

#[test]
fn the_flow_goes_forward_with_a_history_row_for_each_step_naming_who_and_when() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let (desk, nurse) = (p.staff.front_desk.clone(), p.staff.nurse.clone());
    p.book(1, &draft(patient(1), &doc, "2026-11-26 11:00"));
    let t = |m: i64| now() + Duration::minutes(m);
    set(&mut p, &desk, 1, S::Confirmed, None, t(1)).unwrap();
    let arrived = set(&mut p, &desk, 1, S::Arrived, None, t(50)).unwrap();
    assert_eq!(arrived.status_at, t(50));
    let err = set(&mut p, &nurse, 1, S::InRoom, None, t(55)).unwrap_err();
    assert_eq!(field(&err), "roomId");
    let in_room = set(&mut p, &nurse, 1, S::InRoom, Some(room(2)), t(55)).unwrap();
    assert_eq!(in_room.room_name.as_deref(), Some("Room 2"));
    set(&mut p, &doc, 1, S::WithProvider, None, t(60)).unwrap();
    let done = set(&mut p, &desk, 1, S::CheckedOut, None, t(80)).unwrap();
    assert_eq!(done.status, S::CheckedOut);
    // Backwards further than one step, or out of the flow, is refused.
    let err = set(&mut p, &desk, 1, S::Arrived, None, t(81)).unwrap_err();
    assert_eq!(field(&err), "status");
    let err = set(&mut p, &desk, 1, S::Cancelled, None, t(81)).unwrap_err();
    assert_eq!(field(&err), "status");
    let history =
        p.db.as_user(&desk)
            .appointment_history(appt(1), t(90))
            .unwrap();
    let steps: Vec<(&str, S, &str, DateTime<Utc>)> = history
        .iter()
        .map(|h| (h.change.as_str(), h.status, h.by_name.as_str(), h.at))
        .collect();
    assert_eq!(
        steps,
        [
            ("booked", S::Booked, "Test desk", now()),
            ("status", S::Confirmed, "Test desk", t(1)),
            ("status", S::Arrived, "Test desk", t(50)),
            ("status", S::InRoom, "Test nurse", t(55)),
            ("status", S::WithProvider, "Test doc", t(60)),
            ("status", S::CheckedOut, "Test desk", t(80)),
        ]
    );
    assert_eq!(history[3].room_name.as_deref(), Some("Room 2"));
    assert_eq!(p.audit("set_appointment_status").len(), 5);
}

#[test]
fn check_in_may_skip_confirming_and_a_mis_click_is_undone_by_one_step_back() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-26 11:00"));
    let t = |m: i64| now() + Duration::minutes(m);
    set(&mut p, &desk, 1, S::Arrived, None, t(1)).unwrap();
    // The wrong patient was checked in: one step back is an undo, kept as its own row.
    let undone = set(&mut p, &desk, 1, S::Booked, None, t(2)).unwrap();
    assert_eq!(undone.status, S::Booked);
    let err = set(&mut p, &desk, 1, S::CheckedOut, None, t(3)).unwrap_err();
    assert_eq!(field(&err), "status");
    set(&mut p, &desk, 1, S::Arrived, None, t(40)).unwrap();
    let seen = set(&mut p, &doc, 1, S::WithProvider, None, t(45)).unwrap();
    assert_eq!(seen.room_id, None, "with provider without a room");
    // Two steps back is not an undo.
    let err = set(&mut p, &desk, 1, S::Booked, None, t(46)).unwrap_err();
    assert_eq!(field(&err), "status");
    let history =
        p.db.as_user(&desk)
            .appointment_history(appt(1), t(50))
            .unwrap();
    let rows: Vec<(S, &str)> = history
        .iter()
        .map(|h| (h.status, h.detail.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (S::Booked, ""),
            (S::Arrived, ""),
            (S::Booked, "undo: back from arrived"),
            (S::Arrived, ""),
            (S::WithProvider, ""),
        ]
    );
}

#[test]
fn a_no_show_is_only_recorded_after_the_start_and_only_before_arrival() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-26 11:00"));
    p.book(2, &draft(patient(2), &doc, "2026-11-26 11:15"));
    let err = set(&mut p, &desk, 1, S::NoShow, None, at("2026-11-26 10:59")).unwrap_err();
    assert_eq!(field(&err), "status");
    assert!(err.to_string().contains("11:00"), "{err}");
    let gone = set(&mut p, &desk, 1, S::NoShow, None, at("2026-11-26 11:20")).unwrap();
    assert_eq!(gone.status, S::NoShow);
    set(&mut p, &desk, 2, S::Arrived, None, at("2026-11-26 11:10")).unwrap();
    let err = set(&mut p, &desk, 2, S::NoShow, None, at("2026-11-26 11:30")).unwrap_err();
    assert_eq!(field(&err), "status");
    // The no-show frees the slot.
    p.book(3, &draft(patient(3), &doc, "2026-11-26 11:00"));
    let lists =
        p.db.as_user(&desk)
            .patient_appointments(patient(1), at("2026-11-26 12:00"))
            .unwrap();
    assert_eq!(lists.no_shows, 1);
    assert_eq!(lists.past.len(), 1);
    assert!(lists.upcoming.is_empty());
}

#[test]
fn starting_the_visit_from_an_arrived_appointment_links_it_and_moves_it_to_with_provider() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-26 11:00"));
    let visit = VisitId::from_u128(77);
    let err =
        p.db.as_user(&doc)
            .start_visit_from_appointment(appt(1), None, visit, now())
            .unwrap_err();
    assert_eq!(field(&err), "status", "not checked in yet");
    set(&mut p, &desk, 1, S::Arrived, None, now()).unwrap();
    let t = now() + Duration::minutes(10);
    let started =
        p.db.as_user(&doc)
            .start_visit_from_appointment(appt(1), None, visit, t)
            .unwrap();
    assert_eq!(started.id, visit);
    assert_eq!(started.patient_id, patient(1));
    assert_eq!(started.reason, "Blood pressure");
    let range =
        p.db.as_user(&desk)
            .schedule_range(at("2026-11-26 12:00").date_naive(), 1, None, t)
            .unwrap();
    let a = &range.appointments[0];
    assert_eq!(a.visit_id, Some(visit));
    assert_eq!(a.status, S::WithProvider);
    let history = p.db.as_user(&desk).appointment_history(appt(1), t).unwrap();
    let changes: Vec<&str> = history.iter().map(|h| h.change.as_str()).collect();
    assert_eq!(changes, ["booked", "status", "status", "visitStarted"]);
    assert_eq!(history[2].status, S::WithProvider);
    let err =
        p.db.as_user(&doc)
            .start_visit_from_appointment(appt(1), None, VisitId::from_u128(78), t)
            .unwrap_err();
    assert_eq!(field(&err), "visitId");
    assert!(err.to_string().contains(&visit.to_string()), "{err}");
    assert_eq!(p.audit("start_visit_from_appointment").len(), 1);
    assert_eq!(p.audit("start_visit").len(), 1);
}

#[test]
fn the_front_desk_checks_in_but_cannot_start_a_visit() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-26 11:00"));
    set(&mut p, &desk, 1, S::Arrived, None, now()).unwrap();
    let err =
        p.db.as_user(&desk)
            .start_visit_from_appointment(appt(1), None, VisitId::from_u128(77), now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let denied = p.audit("start_visit_from_appointment");
    assert_eq!(denied.len(), 1);
    assert_eq!(denied[0].outcome, Outcome::Denied);
    assert_eq!(denied[0].patient_id, Some(patient(1)));
    let version = current_version(&mut p, 1);
    assert_eq!(version, 2, "nothing changed by the refusal");
    let admin = p.staff.admin.clone();
    let err =
        p.db.as_user(&admin)
            .set_appointment_status(appt(1), version, S::InRoom, Some(room(1)), now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
}

#[test]
fn the_flow_board_counts_waiting_and_status_minutes_from_the_injected_clock() {
    let mut p = practice();
    let (doc, doc2) = (p.staff.physician.clone(), p.doc2.clone());
    let desk = p.staff.front_desk.clone();
    p.book(1, &draft(patient(1), &doc, "2026-11-26 10:00"));
    p.book(2, &draft(patient(2), &doc2, "2026-11-26 10:15"));
    p.book(3, &draft(patient(3), &doc, "2026-11-26 11:00"));
    p.book(4, &draft(patient(3), &doc2, "2026-11-26 11:30"));
    p.book(5, &draft(patient(1), &doc, "2026-11-27 10:00"));
    let v4 = current_version(&mut p, 4);
    p.db.as_user(&desk)
        .cancel_appointment(appt(4), v4, CancelKind::Patient, "Feels better", now())
        .unwrap();
    let t = |m: i64| now() + Duration::minutes(m);
    set(&mut p, &desk, 1, S::Arrived, None, t(0)).unwrap();
    set(&mut p, &doc, 1, S::WithProvider, None, t(20)).unwrap();
    set(&mut p, &desk, 2, S::Arrived, None, t(10)).unwrap();
    set(&mut p, &desk, 2, S::InRoom, Some(room(1)), t(25)).unwrap();
    let board = p.db.as_user(&doc).flow_board(t(30)).unwrap();
    assert_eq!(board.now, t(30));
    assert_eq!(board.date, at("2026-11-26 12:00").date_naive());
    let ids: Vec<_> = board.rows.iter().map(|r| r.appointment.id).collect();
    assert_eq!(
        ids,
        [appt(1), appt(2), appt(3)],
        "today's, by start, cancelled left out"
    );
    let first = &board.rows[0];
    assert_eq!(first.arrived_at, Some(t(0)));
    assert_eq!(first.minutes_waiting, Some(20), "arrival until seen");
    assert_eq!(first.minutes_in_status, 10);
    let second = &board.rows[1];
    assert_eq!(
        second.minutes_waiting,
        Some(20),
        "arrived at +10, still waiting at +30"
    );
    assert_eq!(second.minutes_in_status, 5);
    assert_eq!(second.appointment.room_name.as_deref(), Some("Room 1"));
    assert_eq!(board.rows[2].arrived_at, None);
    assert_eq!(board.rows[2].minutes_waiting, None);
    let rows = p.audit("view_flow_board");
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0].detail.contains("3 appointment"),
        "{}",
        rows[0].detail
    );
    assert_eq!(rows[0].patient_id, None);
}

#[test]
fn a_patients_page_lists_upcoming_soonest_first_and_past_latest_first() {
    let mut p = practice();
    let doc = p.staff.physician.clone();
    let desk = p.staff.front_desk.clone();
    p.book(1, &draft(patient(1), &doc, "2026-12-14 09:00"));
    p.book(2, &draft(patient(1), &doc, "2026-11-30 09:00"));
    p.book(3, &draft(patient(1), &doc, "2026-12-01 09:00"));
    p.book(4, &draft(patient(2), &doc, "2026-12-01 10:00"));
    let v3 = current_version(&mut p, 3);
    p.db.as_user(&desk)
        .cancel_appointment(appt(3), v3, CancelKind::Practice, "Doctor ill", now())
        .unwrap();
    let lists =
        p.db.as_user(&desk)
            .patient_appointments(patient(1), now())
            .unwrap();
    let upcoming: Vec<_> = lists.upcoming.iter().map(|a| a.id).collect();
    assert_eq!(upcoming, [appt(2), appt(1)]);
    assert!(lists.past.is_empty());
    let later =
        p.db.as_user(&desk)
            .patient_appointments(patient(1), at("2026-12-20 09:00"))
            .unwrap();
    let past: Vec<_> = later.past.iter().map(|a| a.id).collect();
    assert_eq!(
        past,
        [appt(1), appt(3), appt(2)],
        "every status, latest first"
    );
    let rows = p.audit("view_patient_appointments");
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.patient_id == Some(patient(1))));
}

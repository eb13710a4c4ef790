//! Recurring series end to end in the core: occurrences stay at their local time across the
//! clock changes, month ends and leap days; a series crossing a holiday is refused or booked
//! around it; "this and following" splits the series and leaves the earlier ones alone;
//! exceptions survive series edits; cancelling keeps what came before; nothing is deleted.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod booking;
mod edits;
mod exported;

use charta_core::audit::AuditQuery;
use charta_core::error::CoreError;
use charta_core::ids::{AppointmentId, AppointmentTypeId, SeriesId};
use charta_core::schedule::time::{local_to_utc, utc_to_local};
use charta_core::schedule::{
    Appointment, AppointmentChange, AppointmentDraft, AppointmentStatus, CancelKind, CollisionKind,
    Frequency, RecurrenceEnd, RecurrenceRule, SeriesScope,
};
use charta_core::testing::{
    history_changes, schedule_recurrence_practice, schedule_row_counts, series_occurrences,
    series_split, test_now, Staff,
};
use charta_core::{ChartDb, PatientId};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;

fn chicago() -> Tz {
    "America/Chicago".parse().unwrap()
}

/// A Chicago wall-clock time as the instant stored.
fn local(text: &str) -> DateTime<Utc> {
    local_to_utc(
        chicago(),
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap(),
    )
}

fn shown(t: DateTime<Utc>) -> String {
    utc_to_local(chicago(), t)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn follow_up() -> AppointmentTypeId {
    AppointmentTypeId::parse("00000000-0000-0000-0006-000000000002").unwrap()
}

struct Setup {
    db: ChartDb,
    staff: Staff,
    patient: PatientId,
}

fn practice() -> Setup {
    let mut db = ChartDb::open_in_memory().unwrap();
    let (staff, patient) = schedule_recurrence_practice(&mut db, test_now()).unwrap();
    Setup { db, staff, patient }
}

fn draft(s: &Setup, starts: &str) -> AppointmentDraft {
    AppointmentDraft {
        patient_id: s.patient,
        provider_id: s.staff.physician.user_id(),
        type_id: follow_up(),
        room_id: None,
        starts_at: local(starts),
        minutes: 15,
        reason: "blood pressure check".into(),
        note: String::new(),
        overbook_reason: None,
    }
}

fn rule(frequency: Frequency, interval: u32, count: u32) -> RecurrenceRule {
    RecurrenceRule {
        frequency,
        interval,
        ends: RecurrenceEnd::Count { count },
    }
}

fn series(n: u128) -> SeriesId {
    SeriesId::from_u128(0x5e_0000 + n)
}

fn first(n: u128) -> AppointmentId {
    AppointmentId::from_u128(n << 32)
}

/// Books `rule` from `starts` as series `n`, all occurrences expected to fit.
fn book(s: &mut Setup, n: u128, starts: &str, rule: &RecurrenceRule) -> Vec<Appointment> {
    let d = draft(s, starts);
    let booking =
        s.db.as_user(&s.staff.front_desk)
            .book_series(&d, rule, false, series(n), first(n), test_now())
            .unwrap();
    assert!(booking.skipped.is_empty());
    booking.booked
}

fn change_of(a: &Appointment, starts: &str) -> AppointmentChange {
    AppointmentChange {
        provider_id: a.provider_id,
        type_id: a.type_id,
        room_id: a.room_id,
        starts_at: local(starts),
        minutes: 15,
        reason: a.reason.clone(),
        note: a.note.clone(),
        overbook_reason: None,
    }
}

fn field(e: &CoreError) -> Vec<&str> {
    e.field_errors().iter().map(|f| f.field.as_str()).collect()
}

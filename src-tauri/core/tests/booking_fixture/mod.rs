//! The practice the booking and flow tests share: two physicians on the schedule, each
//! available Mon–Fri 08:00–12:00 and 13:00–17:00 (New York time), two rooms, Dr Two's leave
//! on Mon 7 Dec 2026 and a practice holiday on Fri 25 Dec 2026, three registered patients.
//! The set-up rows are written with plain SQL (the set-up operations are another area's).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use charta_core::audit::{AuditEntry, AuditQuery};
use charta_core::ids::{AppointmentId, AppointmentTypeId, RoomId, UserId};
use charta_core::patient::RegisterOutcome;
use charta_core::permissions::Role;
use charta_core::schedule::time::local_to_utc;
use charta_core::schedule::{Appointment, AppointmentDraft};
use charta_core::testing::{person, staffed_practice, test_now, user_draft, Staff};
use charta_core::{Actor, ChartDb, PatientId};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;

pub fn follow_up() -> AppointmentTypeId {
    AppointmentTypeId::from_u128(0x0006_0000_0000_0002)
}

pub struct Booking {
    pub _dir: tempfile::TempDir,
    pub db: ChartDb,
    pub staff: Staff,
    /// The second physician.
    pub doc2: Actor,
}

pub fn room(n: u128) -> RoomId {
    RoomId::from_u128(0x100 + n)
}

pub fn patient(n: u128) -> PatientId {
    PatientId::from_u128(n)
}

pub fn appt(n: u128) -> AppointmentId {
    AppointmentId::from_u128(0x1000 + n)
}

pub fn zone() -> Tz {
    "America/New_York".parse().unwrap()
}

/// A local wall-clock time in the practice zone, `2026-11-30 09:00`.
pub fn at(local: &str) -> DateTime<Utc> {
    local_to_utc(
        zone(),
        NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap(),
    )
}

pub fn now() -> DateTime<Utc> {
    test_now()
}

pub fn practice() -> Booking {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.db");
    let mut db = ChartDb::open_unencrypted(&path).unwrap();
    let staff = staffed_practice(&mut db, now()).unwrap();
    let doc2 = db
        .as_user(&staff.admin)
        .create_user(
            &user_draft("doc2", &[Role::Physician]),
            UserId::from_u128(5),
            now(),
        )
        .unwrap();
    let doc2 = db.actor(doc2.id).unwrap();
    for (n, family, given) in [
        (1, "Okafor", "Ada"),
        (2, "Smith", "John"),
        (3, "Lee", "May"),
    ] {
        let outcome = db
            .as_user(&staff.front_desk)
            .register_patient(
                &person(family, given, "1970-03-04", ""),
                true,
                patient(n),
                now(),
            )
            .unwrap();
        assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let stamp = "2026-11-01T00:00:00.000000Z";
    for (order, user) in [(1, staff.physician.user_id()), (2, doc2.user_id())] {
        let template = format!("00000000-0000-0000-0000-0000000a000{order}");
        conn.execute(
            "INSERT INTO schedule_providers (user_id, colour, display_order, updated_at)
             VALUES (?1, '#2f6fb0', ?2, ?3)",
            rusqlite::params![user.to_string(), order, stamp],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO availability_templates (id, provider_id, effective_from, created_at)
             VALUES (?1, ?2, '2026-01-01', ?3)",
            rusqlite::params![template, user.to_string(), stamp],
        )
        .unwrap();
        for weekday in 1..=5 {
            for (s, e) in [("08:00", "12:00"), ("13:00", "17:00")] {
                conn.execute(
                    "INSERT INTO availability_intervals (template_id, weekday, starts, ends)
                     VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![template, weekday, s, e],
                )
                .unwrap();
            }
        }
    }
    for n in 1..=2 {
        conn.execute(
            "INSERT INTO rooms (id, name, display_order, updated_at) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![room(n).to_string(), format!("Room {n}"), n as i64, stamp],
        )
        .unwrap();
    }
    let sql = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    conn.execute(
        "INSERT INTO schedule_blocks (id, provider_id, starts_at, ends_at, kind, reason, created_at)
         VALUES ('00000000-0000-0000-0000-0000000b0001', ?1, ?2, ?3, 'leave', 'Conference', ?4)",
        rusqlite::params![
            doc2.user_id().to_string(),
            sql(at("2026-12-07 00:00")),
            sql(at("2026-12-08 00:00")),
            stamp
        ],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO schedule_blocks (id, provider_id, starts_at, ends_at, kind, reason, created_at)
         VALUES ('00000000-0000-0000-0000-0000000b0002', NULL, ?1, ?2, 'holiday', 'Christmas', ?3)",
        rusqlite::params![
            sql(at("2026-12-25 00:00")),
            sql(at("2026-12-26 00:00")),
            stamp
        ],
    )
    .unwrap();
    drop(conn);
    Booking {
        _dir: dir,
        db,
        staff,
        doc2,
    }
}

/// A 15-minute follow-up of `patient` with `provider` at a local time, no room.
pub fn draft(patient: PatientId, provider: &Actor, local: &str) -> AppointmentDraft {
    AppointmentDraft {
        patient_id: patient,
        provider_id: provider.user_id(),
        type_id: follow_up(),
        room_id: None,
        starts_at: at(local),
        minutes: 15,
        reason: "Blood pressure".into(),
        note: String::new(),
        overbook_reason: None,
    }
}

impl Booking {
    pub fn book(&mut self, n: u128, d: &AppointmentDraft) -> Appointment {
        let desk = self.staff.front_desk.clone();
        self.db
            .as_user(&desk)
            .book_appointment(d, appt(n), now())
            .unwrap()
    }

    pub fn audit(&mut self, action: &str) -> Vec<AuditEntry> {
        let q = AuditQuery {
            action: Some(action.into()),
            ..Default::default()
        };
        let admin = self.staff.admin.clone();
        self.db
            .as_user(&admin)
            .audit_report(&q, now() + Duration::days(400))
            .unwrap()
            .entries
    }
}

/// The message of the `collisions` field error a refused booking or move carries.
pub fn refusal(err: &charta_core::CoreError) -> String {
    let field = err
        .field_errors()
        .iter()
        .find(|e| e.field == "collisions")
        .unwrap_or_else(|| panic!("no collisions error in {err:?}"));
    field.message.clone()
}

//! The generated schedule: deterministic, inside availability and outside blocked time, no
//! two slot-holding bookings on one provider or room at once, plausible statuses, series
//! materialised in order, and never mixed into a real appointment book.

use super::*;
use crate::ids::{AppointmentId, RoomId};
use crate::schedule::rules::{collisions, Proposed};
use crate::store::instant_from_sql;
use chrono::TimeZone;

/// A Tuesday, 10:30 in New York: the flow board is busy.
fn tuesday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 15, 30, 0).unwrap()
}

fn practice(seed: u64) -> (ChartDb, GeneratedSchedule) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let now = tuesday();
    let staff = crate::testing::staffed_practice(&mut db, now).unwrap();
    let mut generator = super::super::PracticeGenerator::new(11);
    db.add_generated_patients(&mut generator, 300, 1, now)
        .unwrap();
    let second = db
        .as_user(&staff.admin)
        .create_user(
            &crate::testing::user_draft("doc2", &[crate::permissions::Role::Physician]),
            UserId::from_u128(5),
            now,
        )
        .unwrap();
    let providers = ScheduleProviders {
        physicians: vec![staff.physician.user_id(), second.id],
        nurse: Some(staff.nurse.user_id()),
        desk: Some(staff.front_desk.user_id()),
    };
    let made = db
        .add_generated_schedule_years(seed, &providers, 1, now)
        .unwrap();
    (db, made)
}

fn number(db: &ChartDb, sql: &str) -> f64 {
    db.read(|c| Ok(c.query_row(sql, [], |r| r.get::<_, f64>(0))?))
        .unwrap()
}

fn rows(db: &ChartDb, sql: &str) -> Vec<Vec<String>> {
    db.read(|c| {
        let mut stmt = c.prepare(sql)?;
        let n = stmt.column_count();
        let out = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(out)
    })
    .unwrap()
}

#[test]
fn the_same_seed_gives_the_same_schedule_and_another_seed_another() {
    let (a, made_a) = practice(3);
    let (b, made_b) = practice(3);
    let (c, _) = practice(4);
    assert_eq!(made_a, made_b);
    let dump = "SELECT * FROM appointments ORDER BY id";
    let history = "SELECT appointment_id, at, by_user, change, status, room_id, detail
                   FROM appointment_history ORDER BY id";
    assert_eq!(rows(&a, dump), rows(&b, dump));
    assert_eq!(rows(&a, history), rows(&b, history));
    assert_eq!(
        rows(&a, "SELECT * FROM appointment_series ORDER BY id"),
        rows(&b, "SELECT * FROM appointment_series ORDER BY id")
    );
    assert_ne!(rows(&a, dump), rows(&c, dump));
}

#[test]
fn no_two_slot_holding_appointments_share_a_provider_or_a_room_and_each_is_bookable() {
    let (db, made) = practice(7);
    assert!(made.appointments > 10_000, "{made:?}");
    // Every pair, by SQL: the same provider or room, overlapping, both holding their slot.
    for column in ["provider_id", "room_id"] {
        let overlaps = number(
            &db,
            &format!(
                "SELECT count(*) FROM appointments a JOIN appointments b
                   ON b.{column} = a.{column} AND b.id > a.id
                  AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at
                  AND b.starts_at > strftime('%Y-%m-%dT%H:%M:%fZ', a.starts_at, '-8 hours')
                WHERE a.status NOT IN ('cancelled', 'noShow')
                  AND b.status NOT IN ('cancelled', 'noShow')"
            ),
        );
        assert_eq!(overlaps, 0.0, "{column}");
    }
    // A sample through the booking rules: availability, practice hours, blocks, both resources.
    let sample = rows(
        &db,
        "SELECT id, provider_id, room_id, starts_at, ends_at FROM appointments
         WHERE status NOT IN ('cancelled', 'noShow') ORDER BY id",
    );
    let zone = db.read(practice_zone).unwrap();
    let text = |v: &str| {
        v.trim_start_matches("Text(\"")
            .trim_end_matches("\")")
            .to_string()
    };
    let mut checked = 0;
    for row in sample.iter().step_by(53) {
        let proposed = Proposed {
            provider: UserId::parse(&text(&row[1])).unwrap(),
            room: RoomId::parse(&text(&row[2])),
            starts_at: instant_from_sql(&text(&row[3])).unwrap(),
            ends_at: instant_from_sql(&text(&row[4])).unwrap(),
            except: AppointmentId::parse(&text(&row[0])),
        };
        assert!(proposed.except.is_some());
        let found = db.read(|c| collisions(c, zone, &proposed)).unwrap();
        assert!(found.is_empty(), "{row:?}: {found:?}");
        checked += 1;
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn past_appointments_are_mostly_checked_out_today_is_in_flow_and_the_future_booked() {
    let (db, _) = practice(9);
    let share = |wheres: &str, status: &str| {
        number(
            &db,
            &format!("SELECT avg(status = '{status}') FROM appointments WHERE {wheres}"),
        )
    };
    let past = "ends_at < '2026-11-24T05:00:00Z'";
    assert!(
        share(past, "checkedOut") > 0.8,
        "{}",
        share(past, "checkedOut")
    );
    let no_show = share(past, "noShow");
    let cancelled = share(past, "cancelled");
    assert!((0.03..0.08).contains(&no_show), "{no_show}");
    assert!((0.05..0.12).contains(&cancelled), "{cancelled}");
    let future = "starts_at > '2026-11-25T05:00:00Z'";
    assert_eq!(
        number(
            &db,
            &format!(
                "SELECT count(*) FROM appointments WHERE {future}
                   AND status NOT IN ('booked', 'confirmed', 'cancelled')"
            )
        ),
        0.0
    );
    // Today (New York) at 10:30: the morning's earlier patients are done, some are in the
    // building now, the afternoon is still to come.
    let today = |status: &str| {
        number(
            &db,
            &format!(
                "SELECT count(*) FROM appointments WHERE status = '{status}'
                   AND starts_at >= '2026-11-24T05:00:00Z' AND starts_at < '2026-11-25T05:00:00Z'"
            ),
        )
    };
    assert!(today("checkedOut") > 10.0);
    assert!(today("withProvider") + today("inRoom") >= 1.0);
    assert!(today("booked") + today("confirmed") > 10.0);
    // Cancellations say who and why; every appointment has its booking in the history.
    assert_eq!(
        number(
            &db,
            "SELECT count(*) FROM appointments WHERE status = 'cancelled'
               AND (cancel_kind IS NULL OR cancel_reason IS NULL OR cancel_reason = '')"
        ),
        0.0
    );
    assert_eq!(
        number(
            &db,
            "SELECT count(*) FROM appointments a WHERE NOT EXISTS (SELECT 1 FROM appointment_history h
               WHERE h.appointment_id = a.id AND h.change = 'booked')
               OR (a.status <> 'booked' AND NOT EXISTS (SELECT 1 FROM appointment_history h
               WHERE h.appointment_id = a.id AND h.status = a.status))"
        ),
        0.0
    );
    let fill = number(
        &db,
        "SELECT sum((julianday(ends_at) - julianday(starts_at)) * 24) FROM appointments
         WHERE status <> 'cancelled' AND ends_at < '2026-11-24T05:00:00Z'",
    );
    let days = number(
        &db,
        "SELECT count(DISTINCT provider_id || substr(starts_at, 1, 10)) FROM appointments
         WHERE ends_at < '2026-11-24T05:00:00Z'",
    );
    // About 85 % of each working day's eight hours is booked (no-shows included: their slot
    // was booked; cancelled ones left out: their slot was free again).
    let share = fill / (days * 8.0);
    assert!((0.78..0.95).contains(&share), "{share}");
    assert!(
        number(
            &db,
            "SELECT count(*) FROM wait_list WHERE resolved_at IS NULL"
        ) >= 3.0
    );
}

#[test]
fn series_are_materialised_with_occurrences_numbered_from_zero_at_one_local_time() {
    let (db, made) = practice(5);
    assert!(made.series >= 6, "{made:?}");
    assert_eq!(
        number(&db, "SELECT count(*) FROM appointment_series"),
        f64::from(made.series)
    );
    let zone = db.read(practice_zone).unwrap();
    for series in rows(
        &db,
        "SELECT id, rule, first_local, patient_id FROM appointment_series",
    ) {
        let text = |v: &str| {
            v.trim_start_matches("Text(\"")
                .trim_end_matches("\")")
                .replace("\\\"", "\"")
        };
        let id = text(&series[0]);
        let rule: RecurrenceRule = serde_json::from_str(&text(&series[1])).unwrap();
        let RecurrenceEnd::Count { count } = rule.ends else {
            panic!("{rule:?}")
        };
        let occurrences = rows(
            &db,
            &format!(
                "SELECT occurrence, starts_at, patient_id FROM appointments
                 WHERE series_id = '{id}' ORDER BY occurrence"
            ),
        );
        assert_eq!(occurrences.len(), count as usize, "{id}");
        // Booked all at once, when the series was made.
        let booked = rows(
            &db,
            &format!(
                "SELECT DISTINCT h.at FROM appointment_history h JOIN appointments a
                   ON a.id = h.appointment_id WHERE a.series_id = '{id}' AND h.change = 'booked'"
            ),
        );
        let created = rows(
            &db,
            &format!("SELECT created_at FROM appointment_series WHERE id = '{id}'"),
        );
        assert_eq!(booked, created, "{id}");
        for (n, o) in occurrences.iter().enumerate() {
            assert_eq!(o[0], format!("Integer({n})"));
            assert_eq!(o[2], series[3]);
            let local =
                crate::schedule::time::utc_to_local(zone, instant_from_sql(&text(&o[1])).unwrap());
            assert_eq!(local.format("%H:%M").to_string(), text(&series[2])[11..]);
            if n == 0 {
                assert_eq!(local.format("%Y-%m-%dT%H:%M").to_string(), text(&series[2]));
            }
        }
    }
}

#[test]
fn each_transaction_leaves_one_audit_row_and_a_second_schedule_is_refused() {
    let (mut db, _) = practice(2);
    let today = local_date(db.read(practice_zone).unwrap(), tuesday());
    let days = (AHEAD_DAYS + 365 + 1) as f64;
    let batches = (days / BATCH_DAYS as f64).ceil();
    assert_eq!(
        number(
            &db,
            "SELECT count(*) FROM audit_log WHERE action = 'add_generated_schedule'"
        ),
        batches + 1.0,
        "{today}"
    );
    let before = number(&db, "SELECT count(*) FROM appointments");
    let again = db.add_generated_schedule_years(
        2,
        &ScheduleProviders {
            physicians: vec![UserId::from_u128(2)],
            nurse: None,
            desk: None,
        },
        1,
        tuesday(),
    );
    assert!(matches!(again, Err(CoreError::Forbidden(_))), "{again:?}");
    assert_eq!(number(&db, "SELECT count(*) FROM appointments"), before);
    let none = db.add_generated_schedule(
        2,
        &ScheduleProviders {
            physicians: vec![],
            nurse: None,
            desk: None,
        },
        tuesday(),
    );
    assert!(matches!(none, Err(CoreError::Invalid(_))), "{none:?}");
}

#[test]
fn providers_get_distinct_colours_rooms_and_holidays_and_one_works_part_time() {
    let (db, _) = practice(6);
    assert_eq!(
        number(&db, "SELECT count(DISTINCT colour) FROM schedule_providers"),
        3.0
    );
    assert_eq!(number(&db, "SELECT count(*) FROM rooms"), 5.0);
    assert_eq!(
        number(
            &db,
            "SELECT count(*) FROM schedule_blocks WHERE provider_id IS NULL
               AND reason = 'Thanksgiving' AND starts_at LIKE '2026-11-26%'"
        ),
        1.0
    );
    // The second physician only on Tuesdays and Thursdays (strftime %w: 2 and 4).
    let days = rows(
        &db,
        "SELECT DISTINCT strftime('%w', starts_at) FROM appointments
         WHERE provider_id = '00000000-0000-0000-0000-000000000005' ORDER BY 1",
    );
    assert_eq!(days.len(), 2, "{days:?}");
}

//! The search against a real database: bookings written straight through the store (the
//! booking operation is built elsewhere), so the rules every slot must pass are checked here.

use super::*;
use crate::access::Actor;
use crate::db::ChartDb;
use crate::ids::{AppointmentId, AppointmentTypeId, BlockId, PatientId, UserId};
use crate::permissions::Role;
use crate::schedule::rules::{collisions, Proposed};
use crate::schedule::time::{local_to_utc, practice_zone};
use crate::store::appointments::NewAppointment;
use crate::testing::{
    add_test_block, add_test_schedule_provider, person, staffed_practice, test_now, user_draft,
};
use chrono::{Duration, NaiveDateTime};

/// 15-minute follow-up, one of the seeded starter types.
pub(crate) fn follow_up() -> AppointmentTypeId {
    AppointmentTypeId::parse("00000000-0000-0000-0006-000000000002").unwrap()
}

pub(crate) struct Practice {
    pub db: ChartDb,
    pub desk: Actor,
    pub doc: UserId,
    pub second: UserId,
    pub patients: Vec<PatientId>,
}

pub(crate) fn practice() -> Practice {
    let mut db = ChartDb::open_in_memory().unwrap();
    let now = test_now();
    let staff = staffed_practice(&mut db, now).unwrap();
    let second = db
        .as_user(&staff.admin)
        .create_user(
            &user_draft("second", &[Role::Physician]),
            UserId::from_u128(5),
            now,
        )
        .unwrap()
        .id;
    add_test_schedule_provider(&mut db, staff.physician.user_id(), 0, now).unwrap();
    add_test_schedule_provider(&mut db, second, 1, now).unwrap();
    let mut patients = Vec::new();
    let names = [
        "Adams", "Baker", "Clark", "Davis", "Evans", "Fox", "Gray", "Hill",
    ];
    for (n, family) in names.iter().enumerate() {
        let id = PatientId::from_u128(1000 + n as u128);
        db.as_user(&staff.front_desk)
            .register_patient(&person(family, "Pat", "1980-01-01", ""), true, id, now)
            .unwrap();
        patients.push(id);
    }
    Practice {
        db,
        desk: staff.front_desk,
        doc: staff.physician.user_id(),
        second,
        patients,
    }
}

pub(crate) fn local(date: &str, time: &str) -> DateTime<Utc> {
    let zone: Tz = "America/New_York".parse().unwrap();
    local_to_utc(
        zone,
        NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap(),
    )
}

pub(crate) fn book(
    p: &mut Practice,
    n: u128,
    provider: UserId,
    starts: DateTime<Utc>,
    minutes: i64,
) {
    let patient = p.patients[(n as usize) % p.patients.len()];
    let by = p.desk.user_id();
    p.db.write(|tx| {
        crate::store::appointments::insert(
            tx,
            AppointmentId::from_u128(n),
            &NewAppointment {
                patient_id: patient,
                provider_id: provider,
                room_id: None,
                type_id: follow_up(),
                starts_at: starts,
                ends_at: starts + Duration::minutes(minutes),
                reason: "",
                note: "",
                overbook_reason: None,
                series: None,
            },
            by,
            test_now(),
        )
    })
    .unwrap();
}

pub(crate) fn cancel(p: &mut Practice, n: u128) {
    p.db.write(|tx| {
        tx.execute(
            "UPDATE appointments SET status = 'cancelled', cancel_kind = 'patient' WHERE id = ?1",
            [AppointmentId::from_u128(n).to_string()],
        )?;
        Ok(())
    })
    .unwrap();
}

fn query(provider: Option<UserId>, from: &str, time_of_day: TimeOfDay, count: u32) -> SlotQuery {
    SlotQuery {
        provider_id: provider,
        type_id: follow_up(),
        minutes: None,
        from: NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap(),
        time_of_day,
        count,
    }
}

fn clock(t: DateTime<Utc>) -> String {
    let zone: Tz = "America/New_York".parse().unwrap();
    utc_to_local(zone, t).format("%a %H:%M").to_string()
}

/// A small deterministic generator (no dependency on a random source in tests).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// Mon 7 – Fri 11 Dec 2026, both providers booked nearly solid with odd lengths and gaps,
/// some cancelled, a lunch block each day for one and a practice meeting on Wednesday.
fn busy_week(p: &mut Practice) {
    let mut rng = Lcg(42);
    let mut n = 1u128;
    for day in [
        "2026-12-07",
        "2026-12-08",
        "2026-12-09",
        "2026-12-10",
        "2026-12-11",
    ] {
        for provider in [p.doc, p.second] {
            let mut t = local(day, "07:45");
            let close = local(day, "17:30");
            while t < close {
                let minutes = [5, 10, 15, 20, 30, 45][rng.next(6) as usize];
                book(p, n, provider, t, minutes);
                if rng.next(7) == 0 {
                    cancel(p, n);
                }
                n += 1;
                t += Duration::minutes(minutes + [0, 0, 0, 5, 10, 15, 25][rng.next(7) as usize]);
            }
        }
        let doc = p.doc;
        add_test_block(
            &mut p.db,
            BlockId::from_u128(n),
            Some(doc),
            local(day, "12:00"),
            local(day, "13:00"),
            test_now(),
        )
        .unwrap();
        n += 1;
    }
    add_test_block(
        &mut p.db,
        BlockId::from_u128(9999),
        None,
        local("2026-12-09", "14:00"),
        local("2026-12-09", "15:30"),
        test_now(),
    )
    .unwrap();
}

#[test]
fn every_slot_found_in_a_busy_week_passes_the_booking_rules() {
    let mut p = practice();
    busy_week(&mut p);
    let mut checked = 0;
    for provider in [None, Some(p.doc), Some(p.second)] {
        for time_of_day in [TimeOfDay::Any, TimeOfDay::Morning, TimeOfDay::Afternoon] {
            for minutes in [5, 10, 15, 30, 60] {
                let mut q = query(provider, "2026-12-07", time_of_day, 20);
                q.minutes = Some(minutes);
                let desk = p.desk.clone();
                let slots = p.db.as_user(&desk).next_free_slots(&q, test_now()).unwrap();
                assert!(
                    !slots.is_empty(),
                    "{minutes} min {time_of_day:?} {provider:?}"
                );
                for s in &slots {
                    assert_eq!((s.ends_at - s.starts_at).num_minutes(), i64::from(minutes));
                    let found =
                        p.db.read(|conn| {
                            let zone = practice_zone(conn)?;
                            collisions(
                                conn,
                                zone,
                                &Proposed {
                                    provider: s.provider_id,
                                    room: None,
                                    starts_at: s.starts_at,
                                    ends_at: s.ends_at,
                                    except: None,
                                },
                            )
                        })
                        .unwrap();
                    assert!(
                        found.is_empty(),
                        "{} collides: {found:?}",
                        clock(s.starts_at)
                    );
                    checked += 1;
                }
                assert!(slots.windows(2).all(|w| w[0].starts_at <= w[1].starts_at));
            }
        }
    }
    assert!(checked > 500, "only {checked} slots checked");
}

#[test]
fn a_cancelled_booking_frees_its_time_and_the_search_finds_it() {
    let mut p = practice();
    let doc = p.doc;
    // Tuesday 8 Dec booked solid 08:00–17:00 in 30-minute appointments but one.
    let mut t = local("2026-12-08", "08:00");
    let mut n = 1;
    while t < local("2026-12-08", "17:00") {
        book(&mut p, n, doc, t, 30);
        n += 1;
        t += Duration::minutes(30);
    }
    let desk = p.desk.clone();
    let q = query(Some(doc), "2026-12-08", TimeOfDay::Any, 1);
    let before = p.db.as_user(&desk).next_free_slots(&q, test_now()).unwrap();
    assert_eq!(clock(before[0].starts_at), "Wed 08:00");
    cancel(&mut p, 5); // 10:00
    let after = p.db.as_user(&desk).next_free_slots(&q, test_now()).unwrap();
    assert_eq!(clock(after[0].starts_at), "Tue 10:00");
}

#[test]
fn any_provider_interleaves_by_start_and_ties_go_in_display_order() {
    let mut p = practice();
    let (doc, second) = (p.doc, p.second);
    book(&mut p, 1, doc, local("2026-12-08", "08:00"), 15);
    let desk = p.desk.clone();
    let slots =
        p.db.as_user(&desk)
            .next_free_slots(&query(None, "2026-12-08", TimeOfDay::Any, 4), test_now())
            .unwrap();
    let got: Vec<(String, UserId)> = slots
        .iter()
        .map(|s| (clock(s.starts_at), s.provider_id))
        .collect();
    assert_eq!(
        got,
        [
            ("Tue 08:00".to_string(), second),
            ("Tue 08:15".to_string(), doc),
            ("Tue 08:15".to_string(), second),
            ("Tue 08:30".to_string(), doc),
        ]
    );
}

#[test]
fn today_starts_after_now_and_an_earlier_from_date_means_today() {
    let mut p = practice();
    let desk = p.desk.clone();
    // Thursday 26 Nov 2026 15:00 UTC is 10:00 in New York; 10:02 rounds up to 10:05.
    let now = test_now() + Duration::minutes(2);
    let slots =
        p.db.as_user(&desk)
            .next_free_slots(&query(Some(p.doc), "2026-01-01", TimeOfDay::Any, 2), now)
            .unwrap();
    let got: Vec<String> = slots.iter().map(|s| clock(s.starts_at)).collect();
    assert_eq!(got, ["Thu 10:15", "Thu 10:30"]);
}

#[test]
fn the_afternoon_skips_the_morning_and_the_weekend() {
    let mut p = practice();
    let desk = p.desk.clone();
    // Fri 11 Dec: an hour from 12:00 to 16:00 (17 starts), then Monday afternoon.
    let mut q = query(Some(p.doc), "2026-12-11", TimeOfDay::Afternoon, 20);
    q.minutes = Some(60);
    let slots = p.db.as_user(&desk).next_free_slots(&q, test_now()).unwrap();
    assert_eq!(clock(slots[0].starts_at), "Fri 12:00");
    assert_eq!(clock(slots[16].starts_at), "Fri 16:00");
    assert_eq!(clock(slots[17].starts_at), "Mon 12:00");
    assert_eq!(clock(slots[19].starts_at), "Mon 12:30");
}

#[test]
fn a_provider_on_leave_for_four_months_has_no_slot_within_the_search_window() {
    let mut p = practice();
    let doc = p.doc;
    add_test_block(
        &mut p.db,
        BlockId::from_u128(1),
        Some(doc),
        local("2026-11-26", "00:00"),
        local("2027-06-01", "00:00"),
        test_now(),
    )
    .unwrap();
    let desk = p.desk.clone();
    let slots =
        p.db.as_user(&desk)
            .next_free_slots(
                &query(Some(doc), "2026-11-26", TimeOfDay::Any, 5),
                test_now(),
            )
            .unwrap();
    assert!(slots.is_empty());
}

#[test]
fn bad_queries_name_their_fields_and_retired_types_are_refused() {
    let mut p = practice();
    let desk = p.desk.clone();
    let mut q = query(Some(UserId::from_u128(3)), "2026-12-08", TimeOfDay::Any, 0);
    q.minutes = Some(600);
    let err =
        p.db.as_user(&desk)
            .next_free_slots(&q, test_now())
            .unwrap_err();
    let CoreError::Invalid(fields) = err else {
        panic!("{err:?}")
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, ["count", "minutes", "providerId"]);
    p.db.write(|tx| {
        tx.execute(
            "UPDATE appointment_types SET retired = 1 WHERE id = ?1",
            [follow_up().to_string()],
        )?;
        Ok(())
    })
    .unwrap();
    let err =
        p.db.as_user(&desk)
            .next_free_slots(&query(None, "2026-12-08", TimeOfDay::Any, 3), test_now())
            .unwrap_err();
    assert!(format!("{err:?}").contains("typeId"), "{err:?}");
}

#[test]
fn a_search_is_audited_without_a_patient_and_the_admin_may_not_search() {
    let mut p = practice();
    let desk = p.desk.clone();
    p.db.as_user(&desk)
        .next_free_slots(&query(None, "2026-12-08", TimeOfDay::Any, 3), test_now())
        .unwrap();
    let (action, patient): (String, Option<String>) =
        p.db.read(|conn| {
            Ok(conn.query_row(
                "SELECT action, patient_id FROM audit_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!((action.as_str(), patient), ("find_free_slot", None));
    let admin = p.db.actor(UserId::from_u128(1)).unwrap();
    let err =
        p.db.as_user(&admin)
            .next_free_slots(&query(None, "2026-12-08", TimeOfDay::Any, 3), test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
}

fn plan(db: &ChartDb, sql: &str) -> String {
    db.read(|conn| {
        // Literals for the parameters: the plan of a range is the same for any bound.
        let sql = (1..=4).fold(sql.to_string(), |s, n| {
            s.replace(&format!("?{n}"), "'2026-12-08'")
        });
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(3))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row?);
        }
        Ok(out.join("; "))
    })
    .unwrap()
}

#[test]
fn the_per_day_reads_are_index_ranges_not_scans_of_the_past() {
    let p = practice();
    let busy = plan(&p.db, crate::store::appointments::BUSY_SPANS);
    assert!(
        busy.contains("appointments_by_provider_time") && busy.contains("starts_at>?"),
        "{busy}"
    );
    let blocks = plan(&p.db, crate::store::schedule_setup::BLOCK_SPANS);
    assert!(
        blocks.contains("COVERING INDEX schedule_blocks_open_by_end"),
        "{blocks}"
    );
    // The calendar's and the conflict check's read filters in the index, then reads the rows.
    let between = plan(&p.db, crate::store::schedule_setup::BLOCKS_BETWEEN);
    assert!(
        between.contains("INDEX schedule_blocks_open_by_end (ends_at>?)"),
        "{between}"
    );
}

#[test]
fn a_day_of_appointments_names_its_patients_from_the_covering_index() {
    let p = practice();
    let day = plan(&p.db, crate::store::appointments::BETWEEN);
    assert!(
        day.contains("appointments_by_time") && day.contains("COVERING INDEX patients_named_by_id"),
        "{day}"
    );
}

#[test]
fn open_hours_are_the_newest_template_within_the_practice_hours_across_the_clock_change() {
    let mut p = practice();
    let (doc, second) = (p.doc, p.second);
    let now = test_now();
    // doc: a template from 1 Dec (Mon 09–12 and 13–18, Wed 07–10), replaced from 15 Dec by
    // one with Tuesdays only; second: none (the practice's hours).
    p.db.write(|tx| {
        let at = crate::store::instant_to_sql(now);
        for (id, from, rows) in [
            (
                "t1",
                "2026-12-01",
                vec![
                    (1, "09:00", "12:00"),
                    (1, "13:00", "18:00"),
                    (3, "07:00", "10:00"),
                ],
            ),
            ("t2", "2026-12-15", vec![(2, "10:00", "16:00")]),
        ] {
            tx.execute(
                "INSERT INTO availability_templates (id, provider_id, effective_from, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![id, doc.to_string(), from, at],
            )?;
            for (w, s, e) in rows {
                tx.execute(
                    "INSERT INTO availability_intervals (template_id, weekday, starts, ends)
                     VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![id, w, s, e],
                )?;
            }
        }
        Ok(())
    })
    .unwrap();
    // (provider, date, expected local spans); the practice is open Mon–Fri 08–17.
    type Case<'a> = (UserId, &'a str, Vec<(&'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        // Before doc's first template: not available (a later template means "not yet").
        (doc, "2026-11-30", vec![]),
        // Monday of the first: 09–12 and 13–18, cut to the practice's 17:00.
        (
            doc,
            "2026-12-07",
            vec![("09:00", "12:00"), ("13:00", "17:00")],
        ),
        (doc, "2026-12-08", vec![]),
        // Wednesday 07–10 starts at the practice's 08:00.
        (doc, "2026-12-09", vec![("08:00", "10:00")]),
        (doc, "2026-12-12", vec![]),
        // From the 15th the second template alone: Tuesdays, no Mondays.
        (doc, "2026-12-15", vec![("10:00", "16:00")]),
        (doc, "2026-12-21", vec![]),
        // After the spring clock change (14 March 2027) the same wall clock.
        (doc, "2027-03-16", vec![("10:00", "16:00")]),
        // No template at all: the practice's hours, on open days only.
        (second, "2026-11-30", vec![("08:00", "17:00")]),
        (second, "2026-12-05", vec![]),
        (second, "2027-03-15", vec![("08:00", "17:00")]),
    ];
    p.db.read(|conn| {
        let zone = practice_zone(conn)?;
        let hours = crate::store::schedule_setup::opening_hours(conn)?;
        for (provider, day, local_spans) in &cases {
            let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
            let expected: &Vec<(DateTime<Utc>, DateTime<Utc>)> = &local_spans
                .iter()
                .map(|(s, e)| (local(day, s), local(day, e)))
                .collect();
            // The window read (one for all the dates) and the one-day read agree with it.
            let window = super::calendar::OpenHours::read(conn, *provider)?;
            assert_eq!(
                &window.on(zone, &hours, date),
                expected,
                "{provider:?} on {day}"
            );
            assert_eq!(
                &crate::store::schedule_setup::open_spans(conn, zone, *provider, date)?,
                expected,
                "{provider:?} on {day}"
            );
        }
        Ok(())
    })
    .unwrap();
}

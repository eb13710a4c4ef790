//! Tests of the set-up's providers, practice hours and availability: each form's field
//! errors, who may change what, templates taking over from their date, every change audited.
//! The fixtures here serve the sibling files too (`blocks_tests.rs`, `kinds_tests.rs`).

use super::*;
use crate::chart::common::VisitType;
use crate::db::ChartDb;
use crate::error::CoreError;
use crate::ids::{AppointmentTypeId, AvailabilityId, RoomId};
use crate::schedule::{AvailabilityInterval, BlockKind, WeekdayHours};
use crate::store;
use crate::testing::{staffed_practice, test_now, Staff};
use chrono::{Duration, NaiveDate};

pub(super) fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    (db, staff)
}

pub(super) fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub(super) fn fields(err: CoreError) -> Vec<String> {
    match err {
        CoreError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

pub(super) fn iv(weekday: u8, starts: &str, ends: &str) -> AvailabilityInterval {
    AvailabilityInterval {
        weekday,
        starts: starts.into(),
        ends: ends.into(),
    }
}

pub(super) fn block_draft(
    provider: Option<UserId>,
    starts: &str,
    ends: &str,
    all_day: bool,
) -> BlockDraft {
    BlockDraft {
        provider_id: provider,
        starts_at: starts.into(),
        ends_at: ends.into(),
        all_day,
        kind: BlockKind::Holiday,
        reason: "Thanksgiving".into(),
    }
}

pub(super) fn type_draft(name: &str, minutes: u32) -> AppointmentTypeDraft {
    AppointmentTypeDraft {
        name: name.into(),
        default_minutes: minutes,
        colour: "#123abc".into(),
        visit_type: VisitType::Office,
        display_order: 9,
        retired: false,
    }
}

/// The physician on the schedule, colour blue.
pub(super) fn with_provider(db: &mut ChartDb, staff: &Staff) {
    db.as_user(&staff.admin)
        .save_schedule_provider(staff.physician.user_id(), "#2f6fb0", 1, true, test_now())
        .unwrap();
}

pub(super) fn audit_rows(db: &ChartDb, action: &str) -> Vec<(String, String, String)> {
    db.read(|c| {
        let mut stmt = c.prepare(
            "SELECT entity, outcome, detail FROM audit_log WHERE action = ?1 ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([action], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
    .unwrap()
}

#[test]
fn an_active_physician_becomes_a_provider_with_a_lower_case_colour() {
    let (mut db, staff) = practice();
    let p = db
        .as_user(&staff.admin)
        .save_schedule_provider(staff.physician.user_id(), "#2F6FB0", 3, true, test_now())
        .unwrap();
    assert_eq!(p.colour, "#2f6fb0");
    assert_eq!(p.display_order, 3);
    assert!(p.active);
    assert_eq!(p.display_name, "Test doc");
    let candidates = db
        .as_user(&staff.admin)
        .schedule_provider_candidates(test_now())
        .unwrap();
    let names: Vec<_> = candidates
        .iter()
        .map(|c| (c.display_name.as_str(), c.is_provider))
        .collect();
    assert_eq!(names, vec![("Test doc", true), ("Test nurse", false)]);
    let rows = audit_rows(&db, "save_schedule_provider");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "schedule_provider");
    assert!(
        rows[0].2.contains("Test doc added: #2f6fb0"),
        "{:?}",
        rows[0]
    );
}

#[test]
fn the_front_desk_or_an_admin_cannot_be_a_provider_and_a_bad_colour_is_refused() {
    let (mut db, staff) = practice();
    let mut admin = db.as_user(&staff.admin);
    let desk = admin
        .save_schedule_provider(staff.front_desk.user_id(), "#2f6fb0", 1, true, test_now())
        .unwrap_err();
    assert_eq!(fields(desk), vec!["userId"]);
    let me = admin
        .save_schedule_provider(staff.admin.user_id(), "#2f6fb0", 1, true, test_now())
        .unwrap_err();
    assert_eq!(fields(me), vec!["userId"]);
    for bad in ["blue", "#12345", "#12345g", "2f6fb0f"] {
        let err = admin
            .save_schedule_provider(staff.physician.user_id(), bad, 1, true, test_now())
            .unwrap_err();
        assert_eq!(fields(err), vec!["colour"], "{bad}");
    }
    assert!(db
        .read(store::schedule_setup::providers)
        .unwrap()
        .is_empty());
}

#[test]
fn a_provider_is_retired_and_stays_listed() {
    let (mut db, staff) = practice();
    with_provider(&mut db, &staff);
    let p = db
        .as_user(&staff.admin)
        .save_schedule_provider(staff.physician.user_id(), "#2f6fb0", 1, false, test_now())
        .unwrap();
    assert!(!p.active);
    let all = db.read(store::schedule_setup::providers).unwrap();
    assert_eq!(all.len(), 1);
    assert!(!db
        .read(|c| store::schedule_setup::is_active_provider(c, staff.physician.user_id()))
        .unwrap());
}

#[test]
fn only_the_admin_edits_the_set_up_and_each_refusal_is_audited() {
    let (mut db, staff) = practice();
    for actor in [&staff.physician, &staff.nurse, &staff.front_desk] {
        let mut u = db.as_user(actor);
        let e = u
            .save_schedule_provider(staff.physician.user_id(), "#2f6fb0", 1, true, test_now())
            .unwrap_err();
        assert!(matches!(e, CoreError::Forbidden(_)), "{e:?}");
        let hours = db.read(store::schedule_setup::practice_hours).unwrap();
        let mut u = db.as_user(actor);
        assert!(matches!(
            u.save_practice_hours(&hours, test_now()),
            Err(CoreError::Forbidden(_))
        ));
        assert!(matches!(
            u.save_room(
                RoomId::from_u128(1),
                &RoomDraft {
                    name: "Room 1".into(),
                    display_order: 1,
                    retired: false
                },
                test_now()
            ),
            Err(CoreError::Forbidden(_))
        ));
        assert!(matches!(
            u.save_appointment_type(
                AppointmentTypeId::from_u128(1),
                &type_draft("X", 15),
                test_now()
            ),
            Err(CoreError::Forbidden(_))
        ));
        let draft = AvailabilityDraft {
            provider_id: staff.physician.user_id(),
            effective_from: "2026-12-01".into(),
            intervals: vec![],
        };
        assert!(matches!(
            u.save_availability(&draft, AvailabilityId::from_u128(1), test_now()),
            Err(CoreError::Forbidden(_))
        ));
    }
    let denied = audit_rows(&db, "save_room");
    assert_eq!(denied.len(), 3);
    assert!(denied.iter().all(|(_, outcome, _)| outcome == "denied"));
    assert!(db.read(store::schedule_setup::rooms).unwrap().is_empty());
}

#[test]
fn practice_hours_name_the_weekday_field_that_is_wrong_and_change_nothing() {
    let (mut db, staff) = practice();
    let before = db.read(store::schedule_setup::practice_hours).unwrap();
    let mut hours = before.clone();
    hours[2].closes = Some("07:00".into()); // Wednesday closes before it opens
    hours[4].opens = Some("8:00".into()); // Friday: not HH:MM
    hours[5].opens = Some("09:00".into()); // Saturday: opens without closing
    let err = db
        .as_user(&staff.admin)
        .save_practice_hours(&hours, test_now())
        .unwrap_err();
    assert_eq!(
        fields(err),
        vec!["hours.2.closes", "hours.4.opens", "hours.5.closes"]
    );
    let err = db
        .as_user(&staff.admin)
        .save_practice_hours(&before[..6], test_now())
        .unwrap_err();
    assert_eq!(fields(err), vec!["hours"]);
    assert_eq!(
        db.read(store::schedule_setup::practice_hours).unwrap(),
        before
    );
    assert!(audit_rows(&db, "save_practice_hours").is_empty());
}

#[test]
fn saved_practice_hours_open_saturday_and_close_friday() {
    let (mut db, staff) = practice();
    let mut hours = db.read(store::schedule_setup::practice_hours).unwrap();
    hours[4].opens = Some(String::new());
    hours[4].closes = None;
    hours[5] = WeekdayHours {
        weekday: 6,
        opens: Some("09:00".into()),
        closes: Some("12:30".into()),
    };
    let saved = db
        .as_user(&staff.admin)
        .save_practice_hours(&hours, test_now())
        .unwrap();
    assert_eq!(saved[4].opens, None);
    assert_eq!(saved[5].closes.as_deref(), Some("12:30"));
    assert_eq!(
        db.read(store::schedule_setup::practice_hours).unwrap(),
        saved
    );
    let rows = audit_rows(&db, "save_practice_hours");
    assert!(
        rows[0].2.contains("Fri closed, Sat 09:00–12:30"),
        "{rows:?}"
    );
}

#[test]
fn availability_intervals_are_checked_one_by_one() {
    let (mut db, staff) = practice();
    with_provider(&mut db, &staff);
    let draft = AvailabilityDraft {
        provider_id: staff.physician.user_id(),
        effective_from: "1 Dec".into(),
        intervals: vec![
            iv(1, "08:00", "12:00"),
            iv(1, "11:00", "13:00"),
            iv(8, "08:00", "12:00"),
            iv(2, "13:00", "12:00"),
            iv(3, "8am", "12:00"),
        ],
    };
    let err = db
        .as_user(&staff.admin)
        .save_availability(&draft, AvailabilityId::from_u128(1), test_now())
        .unwrap_err();
    assert_eq!(
        fields(err),
        vec![
            "effectiveFrom",
            "intervals.1.starts",
            "intervals.2.weekday",
            "intervals.3.ends",
            "intervals.4.starts"
        ]
    );
    let nurse = AvailabilityDraft {
        provider_id: staff.nurse.user_id(),
        effective_from: "2026-12-01".into(),
        intervals: vec![iv(1, "08:00", "12:00")],
    };
    let err = db
        .as_user(&staff.admin)
        .save_availability(&nurse, AvailabilityId::from_u128(2), test_now())
        .unwrap_err();
    assert_eq!(fields(err), vec!["providerId"]);
}

#[test]
fn a_newer_availability_template_changes_the_open_hours_from_its_date_only() {
    let (mut db, staff) = practice();
    with_provider(&mut db, &staff);
    let doc = staff.physician.user_id();
    let mut admin = db.as_user(&staff.admin);
    let first = AvailabilityDraft {
        provider_id: doc,
        effective_from: "2026-11-30".into(),
        intervals: (1..=5)
            .flat_map(|d| [iv(d, "13:00", "17:00"), iv(d, "08:00", "12:00")])
            .collect(),
    };
    let t1 = admin
        .save_availability(&first, AvailabilityId::from_u128(1), test_now())
        .unwrap();
    assert_eq!(t1.intervals[0], iv(1, "08:00", "12:00"));
    let mornings = AvailabilityDraft {
        provider_id: doc,
        effective_from: "2026-12-07".into(),
        intervals: (1..=5).map(|d| iv(d, "08:00", "12:00")).collect(),
    };
    admin
        .save_availability(
            &mornings,
            AvailabilityId::from_u128(2),
            test_now() + Duration::minutes(1),
        )
        .unwrap();
    let listed = admin.availability_templates(doc, test_now()).unwrap();
    assert_eq!(
        listed.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![AvailabilityId::from_u128(2), AvailabilityId::from_u128(1)]
    );
    let zone: chrono_tz::Tz = "America/New_York".parse().unwrap();
    let hours = |db: &ChartDb, d: &str| -> Vec<i64> {
        db.read(|c| store::schedule_setup::open_spans(c, zone, doc, date(d)))
            .unwrap()
            .iter()
            .map(|(s, e)| (*e - *s).num_minutes())
            .collect()
    };
    // Friday before: mornings and afternoons; the Monday after: mornings only.
    assert_eq!(hours(&db, "2026-12-04"), vec![240, 240]);
    assert_eq!(hours(&db, "2026-12-07"), vec![240]);
    // Before the first template, none: the provider was not yet available.
    assert_eq!(hours(&db, "2026-11-27"), Vec::<i64>::new());
    assert_eq!(audit_rows(&db, "save_availability").len(), 2);
}

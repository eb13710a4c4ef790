//! BMI when a set has only a weight: an adult's from a height of the past year, a child's only
//! from the same day (split from `chart_vitals.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::chart::vitals::*;
use charta_core::ids::VitalsId;
use charta_core::patient::RegisterOutcome;
use charta_core::testing::{person, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, PatientId};
use chrono::Duration;

const ADULT: u128 = 1;
const CHILD: u128 = 2;

fn pid(n: u128) -> PatientId {
    PatientId::from_u128(n)
}

fn vid(n: u128) -> VitalsId {
    VitalsId::from_u128(n)
}

/// An adult born 1980 and a child born 2022-06-01 (4 years old at `test_now`).
fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    for (n, dob) in [(ADULT, "1980-03-14"), (CHILD, "2022-06-01")] {
        let out = db
            .as_user(&staff.physician)
            .register_patient(&person("Rowe", "Ada", dob, ""), true, pid(n), test_now())
            .unwrap();
        assert!(matches!(out, RegisterOutcome::Registered { .. }));
    }
    (db, staff)
}

#[test]
fn an_adults_weight_alone_takes_its_bmi_from_a_height_of_the_past_year() {
    let (mut db, staff) = practice();
    let mut u = db.as_user(&staff.nurse);
    let height = |days_ago: i64| VitalsInput {
        height: "180".into(),
        taken_at: Some(test_now() - Duration::days(days_ago)),
        ..Default::default()
    };
    let weight = VitalsInput {
        weight: "81".into(),
        ..Default::default()
    };
    u.record_vitals(pid(ADULT), None, &height(400), vid(1), test_now())
        .unwrap();
    let set = u
        .record_vitals(pid(ADULT), None, &weight, vid(2), test_now())
        .unwrap();
    assert_eq!(set.bmi, None, "a height older than a year is not used");

    u.record_vitals(pid(ADULT), None, &height(200), vid(3), test_now())
        .unwrap();
    let set = u
        .record_vitals(pid(ADULT), None, &weight, vid(4), test_now())
        .unwrap();
    assert_eq!(set.bmi.unwrap().value, 25.0);
    let from = set.bmi_height_from.unwrap();
    assert_eq!((from.vitals_id, from.height_cm), (vid(3), 180.0));
    assert_eq!(from.taken_at, test_now() - Duration::days(200));

    // Read back later, the list says the same.
    let listed = u.vitals(pid(ADULT), test_now()).unwrap();
    assert_eq!(
        listed
            .iter()
            .find(|s| s.id == vid(4))
            .unwrap()
            .bmi_height_from,
        Some(from)
    );
}

#[test]
fn a_childs_bmi_takes_only_a_height_from_the_same_day() {
    let (mut db, staff) = practice();
    let mut u = db.as_user(&staff.nurse);
    let height = |at| VitalsInput {
        height: "100".into(),
        taken_at: Some(at),
        ..Default::default()
    };
    let weight = VitalsInput {
        weight: "16".into(),
        ..Default::default()
    };
    // test_now is 10:00 in New York; 20 hours earlier is the day before there.
    u.record_vitals(
        pid(CHILD),
        None,
        &height(test_now() - Duration::hours(20)),
        vid(1),
        test_now(),
    )
    .unwrap();
    let set = u
        .record_vitals(pid(CHILD), None, &weight, vid(2), test_now())
        .unwrap();
    assert_eq!(set.bmi, None);

    u.record_vitals(
        pid(CHILD),
        None,
        &height(test_now() - Duration::hours(2)),
        vid(3),
        test_now(),
    )
    .unwrap();
    let set = u
        .record_vitals(pid(CHILD), None, &weight, vid(4), test_now())
        .unwrap();
    let bmi = set.bmi.unwrap();
    assert_eq!(bmi.value, 16.0);
    assert_eq!(
        bmi.flag, None,
        "a child's BMI needs percentile charts, not adult cut-offs"
    );
    assert_eq!(set.bmi_height_from.unwrap().vitals_id, vid(3));
    assert_eq!(set.age_band, AgeBand::Preschool);
}

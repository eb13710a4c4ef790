//! The built-in phrases against chart rows: which vitals count as today's or this visit's,
//! and which allergies and problems are listed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use crate::ids::{PatientId, VisitId};
use crate::store::phrases::fixtures;
use crate::testing::{person, staffed_practice, test_now, Staff};
use crate::ChartDb;
use chrono::Duration;

fn chart() -> (ChartDb, Staff, PatientId) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let patient = PatientId::from_u128(3);
    db.as_user(&staff.physician)
        .register_patient(
            &person("Reyes", "Marta", "1960-02-01", ""),
            true,
            patient,
            test_now(),
        )
        .unwrap();
    (db, staff, patient)
}

fn expand(
    db: &mut ChartDb,
    staff: &Staff,
    abbrev: &str,
    p: PatientId,
    v: Option<VisitId>,
) -> String {
    db.as_user(&staff.physician)
        .expand_phrase(abbrev, p, v, test_now())
        .unwrap()
        .text
}

#[test]
fn vitals_are_the_latest_set_of_the_practices_today_not_yesterdays_nor_one_in_error() {
    let (mut db, staff, p) = chart();
    let by = staff.nurse.user_id();
    // test_now is 10:00 in New York; 04:00 UTC the same date was still yesterday there.
    let now = test_now();
    db.write(|tx| {
        fixtures::vitals(
            tx,
            1,
            p,
            None,
            now - Duration::hours(11),
            by,
            (150, 95),
            90,
            false,
        );
        Ok(())
    })
    .unwrap();
    assert_eq!(
        expand(&mut db, &staff, ".vitals", p, None),
        "No vitals recorded today"
    );
    db.write(|tx| {
        fixtures::vitals(
            tx,
            2,
            p,
            None,
            now - Duration::hours(2),
            by,
            (128, 82),
            72,
            false,
        );
        fixtures::vitals(
            tx,
            3,
            p,
            None,
            now - Duration::hours(1),
            by,
            (180, 110),
            120,
            true,
        );
        Ok(())
    })
    .unwrap();
    assert_eq!(
        expand(&mut db, &staff, ".vitals", p, None),
        "BP 128/82 sitting, P 72"
    );
}

#[test]
fn during_a_visit_vitals_are_that_visits_whatever_the_day_else_todays() {
    let (mut db, staff, p) = chart();
    let by = staff.nurse.user_id();
    let visit = VisitId::from_u128(40);
    let other = VisitId::from_u128(41);
    let earlier = test_now() - Duration::days(3);
    db.write(|tx| {
        fixtures::visit(tx, visit, p, staff.physician.user_id(), earlier);
        fixtures::visit(tx, other, p, staff.physician.user_id(), test_now());
        fixtures::vitals(tx, 1, p, Some(visit), earlier, by, (118, 76), 64, false);
        fixtures::vitals(tx, 2, p, Some(other), test_now(), by, (140, 90), 80, false);
        Ok(())
    })
    .unwrap();
    assert_eq!(
        expand(&mut db, &staff, ".vitals", p, Some(visit)),
        "BP 118/76 sitting, P 64"
    );
    // A visit without its own set falls back to the latest taken today.
    let empty = VisitId::from_u128(42);
    db.write(|tx| {
        fixtures::visit(tx, empty, p, staff.physician.user_id(), test_now());
        Ok(())
    })
    .unwrap();
    assert_eq!(
        expand(&mut db, &staff, ".vitals", p, Some(empty)),
        "BP 140/90 sitting, P 80"
    );
}

#[test]
fn a_visit_with_no_vitals_on_a_day_without_any_says_none_today() {
    let (mut db, staff, p) = chart();
    let visit = VisitId::from_u128(43);
    db.write(|tx| {
        fixtures::visit(tx, visit, p, staff.physician.user_id(), test_now());
        Ok(())
    })
    .unwrap();
    assert_eq!(
        expand(&mut db, &staff, ".vitals", p, Some(visit)),
        "No vitals recorded today"
    );
}

#[test]
fn allergies_list_the_active_ones_and_otherwise_say_nkda_from_the_statement() {
    let (mut db, staff, p) = chart();
    let by = staff.nurse.user_id();
    db.write(|tx| {
        fixtures::no_known_drug_allergies(tx, p, by, test_now() - Duration::days(30));
        Ok(())
    })
    .unwrap();
    assert_eq!(
        expand(&mut db, &staff, ".allergies", p, None),
        "NKDA (no known drug allergies)"
    );
    db.write(|tx| {
        fixtures::allergy(tx, 1, p, ("Penicillins", "hives", "active"), by, test_now());
        fixtures::allergy(tx, 2, p, ("Codeine", "itch", "resolved"), by, test_now());
        Ok(())
    })
    .unwrap();
    assert_eq!(
        expand(&mut db, &staff, ".allergies", p, None),
        "Allergies: Penicillins: hives, moderate"
    );
}

#[test]
fn problems_list_only_the_active_ones_with_their_codes() {
    let (mut db, staff, p) = chart();
    let by = staff.physician.user_id();
    db.write(|tx| {
        fixtures::problem(
            tx,
            1,
            p,
            ("Essential hypertension", Some("I10"), "active"),
            by,
            test_now(),
        );
        fixtures::problem(
            tx,
            2,
            p,
            ("Ankle sprain", Some("S93.401A"), "resolved"),
            by,
            test_now(),
        );
        fixtures::problem(
            tx,
            3,
            p,
            ("Caregiver stress", None, "active"),
            by,
            test_now() + Duration::seconds(1),
        );
        Ok(())
    })
    .unwrap();
    assert_eq!(
        expand(&mut db, &staff, ".problems", p, None),
        "Active problems: Essential hypertension (I10); Caregiver stress"
    );
}

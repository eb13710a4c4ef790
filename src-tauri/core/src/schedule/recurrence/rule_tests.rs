//! Occurrence generation: each frequency, month ends, leap days, the 5th weekday, limits.

use super::*;
use proptest::prelude::*;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn rule(frequency: Frequency, interval: u32, count: u32) -> RecurrenceRule {
    RecurrenceRule {
        frequency,
        interval,
        ends: RecurrenceEnd::Count { count },
    }
}

fn dates(list: &[NaiveDateTime]) -> Vec<String> {
    list.iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect()
}

#[test]
fn every_three_days_steps_three_calendar_days() {
    let got = occurrences(at("2027-02-27 09:00"), &rule(Frequency::Daily, 3, 4));
    assert_eq!(
        dates(&got),
        ["2027-02-27", "2027-03-02", "2027-03-05", "2027-03-08"]
    );
    assert!(got.iter().all(|d| d.format("%H:%M").to_string() == "09:00"));
}

#[test]
fn every_two_weeks_keeps_the_weekday() {
    let got = occurrences(at("2026-12-01 14:30"), &rule(Frequency::Weekly, 2, 3));
    assert_eq!(dates(&got), ["2026-12-01", "2026-12-15", "2026-12-29"]);
}

#[test]
fn monthly_on_the_31st_falls_on_shorter_months_last_day_and_comes_back() {
    let got = occurrences(at("2027-01-31 10:00"), &rule(Frequency::Monthly, 1, 5));
    assert_eq!(
        dates(&got),
        [
            "2027-01-31",
            "2027-02-28",
            "2027-03-31",
            "2027-04-30",
            "2027-05-31"
        ]
    );
}

#[test]
fn a_leap_day_series_falls_on_the_28th_in_common_years() {
    let got = occurrences(at("2028-02-29 09:00"), &rule(Frequency::Monthly, 12, 2));
    assert_eq!(dates(&got), ["2028-02-29", "2029-02-28"]);
    let monthly = occurrences(at("2028-01-29 09:00"), &rule(Frequency::Monthly, 1, 3));
    assert_eq!(dates(&monthly), ["2028-01-29", "2028-02-29", "2028-03-29"]);
}

#[test]
fn the_second_tuesday_stays_the_second_tuesday() {
    // 8 Dec 2026 is the 2nd Tuesday of December.
    let got = occurrences(
        at("2026-12-08 09:00"),
        &rule(Frequency::MonthlyByWeekday, 1, 4),
    );
    assert_eq!(
        dates(&got),
        ["2026-12-08", "2027-01-12", "2027-02-09", "2027-03-09"]
    );
}

#[test]
fn a_fifth_weekday_falls_on_the_months_last_such_weekday() {
    // 29 Dec 2026 is the 5th Tuesday; January 2027's Tuesdays are the 5th, 12th, 19th and
    // 26th, so the last one, the 26th.
    let got = occurrences(
        at("2026-12-29 09:00"),
        &rule(Frequency::MonthlyByWeekday, 1, 3),
    );
    assert_eq!(dates(&got), ["2026-12-29", "2027-01-26", "2027-02-23"]);
}

#[test]
fn until_is_the_last_date_an_occurrence_may_fall_on() {
    let until = RecurrenceRule {
        frequency: Frequency::Weekly,
        interval: 1,
        ends: RecurrenceEnd::Until {
            date: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
        },
    };
    let got = occurrences(at("2026-12-01 09:00"), &until);
    assert_eq!(dates(&got), ["2026-12-01", "2026-12-08", "2026-12-15"]);
}

#[test]
fn a_rule_without_interval_or_with_too_many_occurrences_is_refused_by_field() {
    let first = at("2026-12-01 09:00");
    let e = check(first, &rule(Frequency::Weekly, 0, 3)).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "rule.interval");
    let e = check(first, &rule(Frequency::Weekly, 1, 105)).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "rule.ends");
    let e = check(first, &rule(Frequency::Weekly, 1, 0)).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "rule.ends");
    // Daily until a year later is 366 occurrences: too many.
    let long = RecurrenceRule {
        frequency: Frequency::Daily,
        interval: 1,
        ends: RecurrenceEnd::Until {
            date: NaiveDate::from_ymd_opt(2027, 12, 1).unwrap(),
        },
    };
    let e = check(first, &long).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "rule.ends");
    // Beyond two years.
    let e = check(first, &rule(Frequency::Monthly, 3, 10)).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "rule.ends");
    let before = RecurrenceRule {
        ends: RecurrenceEnd::Until {
            date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        },
        ..rule(Frequency::Weekly, 1, 1)
    };
    assert!(check(first, &before).is_err());
    assert!(check(first, &rule(Frequency::Weekly, 1, 104)).is_ok());
    assert!(check(first, &rule(Frequency::Monthly, 1, 24)).is_ok());
}

#[test]
fn a_rule_reads_as_the_desk_says_it() {
    assert_eq!(
        describe(at("2026-12-01 09:00"), &rule(Frequency::Weekly, 2, 6)),
        "Every 2 weeks on Tuesday, 6 times"
    );
    assert_eq!(
        describe(
            at("2026-12-08 09:00"),
            &rule(Frequency::MonthlyByWeekday, 1, 3)
        ),
        "Every month on the 2nd Tuesday, 3 times"
    );
    assert_eq!(
        describe(at("2027-01-31 09:00"), &rule(Frequency::Monthly, 1, 1)),
        "Every month on day 31, once"
    );
}

fn any_rule() -> impl Strategy<Value = RecurrenceRule> {
    (
        prop_oneof![
            Just(Frequency::Daily),
            Just(Frequency::Weekly),
            Just(Frequency::Monthly),
            Just(Frequency::MonthlyByWeekday)
        ],
        1u32..6,
        prop_oneof![
            (1u32..=MAX_OCCURRENCES).prop_map(|count| RecurrenceEnd::Count { count }),
            (0i64..800).prop_map(|days| RecurrenceEnd::Until {
                date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(days)
            }),
        ],
    )
        .prop_map(|(frequency, interval, ends)| RecurrenceRule {
            frequency,
            interval,
            ends,
        })
}

proptest! {
    #[test]
    fn occurrences_increase_keep_the_time_and_honour_the_end(
        rule in any_rule(),
        day in 0i64..1500,
        minute in 0u32..(24 * 60),
    ) {
        let first = (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Duration::days(day))
            .and_hms_opt(minute / 60, minute % 60, 0)
            .unwrap();
        let got = occurrences(first, &rule);
        prop_assert!(got.len() as u32 <= MAX_OCCURRENCES);
        prop_assert!(got.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(got.iter().all(|d| d.time() == first.time()));
        prop_assert!(got.iter().all(|d| d.date() <= horizon(first.date())));
        match rule.ends {
            RecurrenceEnd::Count { count } => {
                prop_assert!(got.len() as u32 <= count);
                if check(first, &rule).is_ok() {
                    prop_assert_eq!(got.len() as u32, count);
                }
            }
            RecurrenceEnd::Until { date } => {
                prop_assert!(got.iter().all(|d| d.date() <= date));
                if date >= first.date() {
                    prop_assert_eq!(got.first().copied(), Some(first));
                }
            }
        }
    }
}

//! The rule table per series at edge ages and intervals, through the pure engine.

use super::super::{forecast, ForecastEntry, ForecastStatus, ImmunizationKind, SeriesForecast};
use crate::patient::SexAtBirth;
use chrono::NaiveDate;

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn given(cvx: &str, on: &str) -> ForecastEntry {
    ForecastEntry {
        cvx: cvx.to_string(),
        kind: ImmunizationKind::Given,
        on: d(on),
        refusal_reason: None,
    }
}

fn refused(cvx: &str, on: &str, why: &str) -> ForecastEntry {
    ForecastEntry {
        cvx: cvx.to_string(),
        kind: ImmunizationKind::Refused,
        on: d(on),
        refusal_reason: Some(why.to_string()),
    }
}

fn series(dob: &str, today: &str, entries: &[ForecastEntry], id: &str) -> SeriesForecast {
    forecast(d(dob), SexAtBirth::Female, d(today), entries)
        .series
        .into_iter()
        .find(|s| s.series == id)
        .unwrap()
}

#[test]
fn a_two_month_old_is_due_dtap_dose_1_and_a_six_week_old_is_not_yet() {
    let f = series("2026-01-10", "2026-03-10", &[], "dtap-tdap-td");
    assert_eq!(f.status, ForecastStatus::Due);
    assert_eq!(f.next_dose, Some(1));
    assert_eq!(f.earliest, Some(d("2026-02-21")), "6 weeks");
    assert_eq!(f.due, Some(d("2026-03-10")), "2 months");
    assert!(f
        .source
        .contains("Child and Adolescent Immunization Schedule"));
    let early = series("2026-01-10", "2026-02-25", &[], "dtap-tdap-td");
    assert_eq!(early.status, ForecastStatus::NotYetDue);
    let late = series("2026-01-10", "2026-04-10", &[], "dtap-tdap-td");
    assert_eq!(
        late.status,
        ForecastStatus::Overdue,
        "3 months without dose 1"
    );
}

#[test]
fn dtap_dose_2_waits_four_weeks_and_a_dose_too_soon_is_named_and_not_counted() {
    let doses = [given("20", "2026-03-10"), given("20", "2026-03-20")];
    let f = series("2026-01-10", "2026-05-12", &doses, "dtap-tdap-td");
    assert_eq!(f.doses_counted, 1);
    assert_eq!(f.next_dose, Some(2));
    assert_eq!(f.not_counted.len(), 1);
    assert!(
        f.not_counted[0].contains("2026-03-20"),
        "{:?}",
        f.not_counted
    );
    assert!(f.not_counted[0].contains("4 weeks"));
    // The 4-day grace: 24 days after dose 1 still counts as the 4-week interval.
    let doses = [given("20", "2026-03-10"), given("20", "2026-04-03")];
    let f = series("2026-01-10", "2026-05-12", &doses, "dtap-tdap-td");
    assert_eq!(f.doses_counted, 2);
    let doses = [given("20", "2026-03-10"), given("20", "2026-04-02")];
    let f = series("2026-01-10", "2026-05-12", &doses, "dtap-tdap-td");
    assert_eq!(f.doses_counted, 1, "5 days short is beyond the grace");
}

#[test]
fn mmr_at_ten_months_is_not_counted_and_named() {
    let f = series(
        "2024-01-15",
        "2025-02-01",
        &[given("03", "2024-11-15")],
        "mmr",
    );
    assert_eq!(f.doses_counted, 0);
    assert_eq!(f.next_dose, Some(1));
    assert_eq!(f.status, ForecastStatus::Due, "due at 12 months");
    assert_eq!(f.not_counted.len(), 1);
    assert!(
        f.not_counted[0].contains("10 months"),
        "{:?}",
        f.not_counted
    );
    assert!(f.not_counted[0].contains("minimum age of 12 months"));
    // Four days early still counts (grace); five do not.
    assert_eq!(
        series(
            "2024-01-15",
            "2025-02-01",
            &[given("03", "2025-01-11")],
            "mmr"
        )
        .doses_counted,
        1
    );
    assert_eq!(
        series(
            "2024-01-15",
            "2025-02-01",
            &[given("03", "2025-01-10")],
            "mmr"
        )
        .doses_counted,
        0
    );
}

#[test]
fn mmr_is_complete_after_two_valid_doses_and_dose_2_is_due_at_four() {
    let one = [given("03", "2025-01-15")];
    let f = series("2024-01-15", "2027-06-01", &one, "mmr");
    assert_eq!(f.status, ForecastStatus::NotYetDue);
    assert_eq!(f.due, Some(d("2028-01-15")));
    assert_eq!(f.earliest, Some(d("2025-02-12")), "4 weeks after dose 1");
    let f = series("2024-01-15", "2028-01-20", &one, "mmr");
    assert_eq!(f.status, ForecastStatus::Due);
    let two = [given("03", "2025-01-15"), given("94", "2028-01-20")];
    let f = series("2024-01-15", "2028-02-01", &two, "mmr");
    assert_eq!(f.status, ForecastStatus::Complete);
    assert_eq!(f.next_dose, None);
    // MMRV counts toward varicella too.
    assert_eq!(
        series("2024-01-15", "2028-02-01", &two, "varicella").doses_counted,
        1
    );
}

#[test]
fn hpv_started_before_fifteen_needs_two_doses_and_after_fifteen_three() {
    let young = [given("165", "2024-03-01"), given("165", "2024-09-01")];
    let f = series("2012-06-01", "2025-01-01", &young, "hpv");
    assert_eq!(f.status, ForecastStatus::Complete, "{}", f.reason);
    let older = [given("165", "2027-07-01"), given("165", "2028-01-05")];
    let f = series("2012-06-01", "2028-02-01", &older, "hpv");
    assert_eq!(f.doses_counted, 2);
    assert_eq!(f.next_dose, Some(3), "started at 15: three doses");
    // The 2-dose series' dose 2 needs 5 months (less the grace).
    let short = [given("165", "2024-03-01"), given("165", "2024-07-01")];
    let f = series("2012-06-01", "2025-01-01", &short, "hpv");
    assert_eq!(f.doses_counted, 1);
    assert_eq!(f.not_counted.len(), 1);
    // Not before 9, not started at 27.
    assert_eq!(
        series("2020-01-01", "2028-06-01", &[], "hpv").status,
        ForecastStatus::NotApplicable
    );
    assert_eq!(
        series("1990-01-01", "2026-06-01", &[], "hpv").status,
        ForecastStatus::NotApplicable
    );
}

#[test]
fn zoster_is_due_at_fifty_not_at_forty_nine_and_dose_two_follows_in_two_months() {
    let f = series("1976-05-10", "2026-05-09", &[], "zoster");
    assert_eq!(f.status, ForecastStatus::NotApplicable);
    let f = series("1976-05-10", "2026-05-10", &[], "zoster");
    assert_eq!(f.status, ForecastStatus::Due);
    assert!(f.source.contains("Adult Immunization Schedule"));
    let one = [given("187", "2026-06-01")];
    let f = series("1976-05-10", "2026-07-01", &one, "zoster");
    assert_eq!(f.status, ForecastStatus::NotYetDue);
    assert_eq!(f.earliest, Some(d("2026-06-29")));
    assert_eq!(f.due, Some(d("2026-08-01")));
    let f = series("1976-05-10", "2027-01-02", &one, "zoster");
    assert_eq!(f.status, ForecastStatus::Overdue, "6 months after dose 1");
    // The live vaccine does not count.
    let f = series(
        "1950-01-01",
        "2026-01-02",
        &[given("121", "2015-01-01")],
        "zoster",
    );
    assert_eq!(f.doses_counted, 0);
}

#[test]
fn rsv_is_one_dose_at_seventy_five_and_not_yet_at_sixty_to_seventy_four() {
    let f = series("1951-03-01", "2026-03-01", &[], "rsv-adult");
    assert_eq!(f.status, ForecastStatus::Due);
    let f = series("1951-03-01", "2026-02-28", &[], "rsv-adult");
    assert_eq!(f.status, ForecastStatus::NotYetDue);
    assert!(
        f.earliest.unwrap() < d("2026-02-28"),
        "60-74 at risk may have it"
    );
    let f = series("1970-01-01", "2026-02-28", &[], "rsv-adult");
    assert_eq!(f.status, ForecastStatus::NotApplicable, "under 60");
    let f = series(
        "1940-01-01",
        "2026-03-01",
        &[given("305", "2024-10-01")],
        "rsv-adult",
    );
    assert_eq!(f.status, ForecastStatus::Complete);
}

#[test]
fn influenza_is_owed_once_each_season_and_overdue_from_november() {
    let dose = [given("140", "2025-10-01")];
    let f = series("1980-01-01", "2026-03-01", &dose, "influenza");
    assert_eq!(f.status, ForecastStatus::NotYetDue, "{}", f.reason);
    assert_eq!(f.earliest, Some(d("2026-08-01")));
    let f = series("1980-01-01", "2026-08-15", &dose, "influenza");
    assert_eq!(f.status, ForecastStatus::Due);
    let f = series("1980-01-01", "2026-11-05", &dose, "influenza");
    assert_eq!(f.status, ForecastStatus::Overdue);
    let f = series("1980-01-01", "2026-07-10", &[], "influenza");
    assert_eq!(
        f.status,
        ForecastStatus::NotYetDue,
        "July is between seasons"
    );
    // Under 6 months: not yet; a dose at 4 months does not count.
    let f = series(
        "2026-06-01",
        "2026-10-01",
        &[given("140", "2026-10-01")],
        "influenza",
    );
    assert_eq!(f.doses_counted, 0);
    assert_eq!(f.status, ForecastStatus::NotYetDue);
    assert_eq!(f.earliest, Some(d("2026-12-01")));
}

#[test]
fn td_or_tdap_is_due_every_ten_years_after_the_series() {
    let child = [
        "2000-03-01",
        "2000-05-01",
        "2000-07-01",
        "2001-04-01",
        "2004-01-10",
    ];
    let mut doses: Vec<ForecastEntry> = child.iter().map(|on| given("20", on)).collect();
    doses.push(given("115", "2011-02-01"));
    let f = series("2000-01-01", "2020-01-01", &doses, "dtap-tdap-td");
    assert_eq!(f.doses_counted, 6);
    assert_eq!(f.due, Some(d("2021-02-01")));
    assert_eq!(f.status, ForecastStatus::NotYetDue);
    let f = series("2000-01-01", "2021-02-01", &doses, "dtap-tdap-td");
    assert_eq!(f.status, ForecastStatus::Due);
    doses.push(given("113", "2021-03-01"));
    let f = series("2000-01-01", "2026-01-01", &doses, "dtap-tdap-td");
    assert_eq!(f.due, Some(d("2031-03-01")));
    assert_eq!(f.status, ForecastStatus::NotYetDue);
}

#[test]
fn an_unvaccinated_adult_starts_with_tdap_then_td_after_four_weeks_and_six_months() {
    let f = series("1990-01-01", "2026-01-01", &[], "dtap-tdap-td");
    assert_eq!(f.status, ForecastStatus::Due);
    assert_eq!(f.next_dose, Some(1));
    let one = [given("115", "2026-01-01")];
    let f = series("1990-01-01", "2026-01-10", &one, "dtap-tdap-td");
    assert_eq!(f.next_dose, Some(2));
    assert_eq!(f.earliest, Some(d("2026-01-29")));
}

#[test]
fn rotavirus_is_not_started_from_fifteen_weeks_and_hib_not_given_from_five_years() {
    let f = series("2026-01-01", "2026-04-16", &[], "rotavirus");
    assert_eq!(f.status, ForecastStatus::NotApplicable);
    let f = series("2026-01-01", "2026-04-15", &[], "rotavirus");
    assert_eq!(
        f.status,
        ForecastStatus::Overdue,
        "14 weeks 6 days: still in time"
    );
    let f = series("2020-01-01", "2026-01-01", &[], "hib");
    assert_eq!(f.status, ForecastStatus::NotApplicable);
}

#[test]
fn hep_b_dose_3_waits_for_24_weeks_of_age_and_16_weeks_after_dose_1() {
    let doses = [given("08", "2026-01-01"), given("08", "2026-02-01")];
    let f = series("2026-01-01", "2026-03-01", &doses, "hepb");
    assert_eq!(f.next_dose, Some(3));
    assert_eq!(f.earliest, Some(d("2026-06-18")), "24 weeks of age");
    assert_eq!(f.due, Some(d("2026-07-01")), "6 months");
}

#[test]
fn the_adult_pneumococcal_dose_is_owed_from_fifty() {
    assert_eq!(
        series("1980-01-01", "2029-12-31", &[], "pneumococcal-adult").status,
        ForecastStatus::NotApplicable
    );
    assert_eq!(
        series("1976-01-01", "2026-01-01", &[], "pneumococcal-adult").status,
        ForecastStatus::Due
    );
    let f = series(
        "1950-01-01",
        "2026-01-01",
        &[given("216", "2025-01-01")],
        "pneumococcal-adult",
    );
    assert_eq!(f.status, ForecastStatus::Complete);
}

#[test]
fn a_refusal_stands_until_a_dose_is_given_after_it() {
    let r = [refused("03", "2025-02-01", "parent wants to wait")];
    let f = series("2024-01-15", "2025-03-01", &r, "mmr");
    assert_eq!(f.status, ForecastStatus::Refused);
    assert!(f.reason.contains("parent wants to wait"));
    assert_eq!(f.next_dose, Some(1), "the next dose stays visible");
    let then = [r[0].clone(), given("03", "2025-04-01")];
    let f = series("2024-01-15", "2025-05-01", &then, "mmr");
    assert_eq!(f.status, ForecastStatus::NotYetDue);
    // Last season's flu refusal does not carry into this season.
    let flu = [refused("140", "2025-10-01", "declined")];
    assert_eq!(
        series("1980-01-01", "2025-12-01", &flu, "influenza").status,
        ForecastStatus::Refused
    );
    assert_eq!(
        series("1980-01-01", "2026-09-01", &flu, "influenza").status,
        ForecastStatus::Due
    );
}

#[test]
fn every_series_has_a_line_for_everyone_with_a_reason_and_a_citation() {
    for (dob, today) in [("2026-01-01", "2026-01-02"), ("1940-01-01", "2026-01-01")] {
        let all = forecast(d(dob), SexAtBirth::Male, d(today), &[]);
        assert_eq!(all.series.len(), 16);
        for s in &all.series {
            assert!(!s.reason.is_empty(), "{}", s.series);
            assert!(s.source.contains("2025"), "{}", s.series);
        }
    }
}

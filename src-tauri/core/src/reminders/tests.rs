//! The engine against the committed rule table, rule by rule: edge ages, intervals, sex,
//! not-applicable problems, conditions (BMI, smoking, pack-years) and decisions.

#![allow(clippy::unwrap_used)]

use super::engine::{evaluate, Done, PatientFacts, SmokingFact};
use super::rules::{self, parse, rule, ScreeningProcedureKind as P};
use super::{DecisionKind, Reminder, ReminderDecision, ReminderStatus as S};
use crate::ids::ReminderDecisionId;
use chrono::{NaiveDate, TimeZone, Utc};

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The day every test is judged on.
fn today() -> NaiveDate {
    d("2026-11-26")
}

/// A patient whose birthday is `today` minus `years` (plus `days_older` days).
fn aged(years: u32, days_older: i64, sex: &str) -> PatientFacts {
    let born = today()
        .checked_sub_months(chrono::Months::new(years * 12))
        .unwrap()
        - chrono::Duration::days(days_older);
    PatientFacts {
        date_of_birth: Some(born),
        sex: sex.into(),
        ..PatientFacts::default()
    }
}

fn eval(id: &str, f: &PatientFacts) -> Option<Reminder> {
    evaluate(rule(id).unwrap(), f, today())
}

fn status(id: &str, f: &PatientFacts) -> Option<S> {
    eval(id, f).map(|r| r.status)
}

fn done(on: &str) -> Done {
    Done {
        on: d(on),
        outside: false,
    }
}

fn decision(
    rule: &str,
    kind: DecisionKind,
    done_on: Option<&str>,
    decided: &str,
) -> ReminderDecision {
    ReminderDecision {
        id: ReminderDecisionId::from_u128(1),
        rule: rule.into(),
        kind,
        done_on: done_on.map(d),
        place: Some("City Hospital".into()),
        reason: Some("patient's choice".into()),
        decided_on: d(decided),
        recorded_at: Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap(),
        recorded_by_name: "Dr Test".into(),
    }
}

#[test]
fn the_committed_rule_table_parses_with_every_rule_the_brief_names() {
    let ids: Vec<&str> = rules::rules()
        .unwrap()
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    for id in [
        "colorectal",
        "breast",
        "cervical-21-29",
        "cervical-30-65",
        "statin",
        "diabetes",
        "hypertension",
        "depression",
        "aaa",
        "lung",
        "osteoporosis",
        "hiv",
        "hepatitis-c",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for r in rules::rules().unwrap() {
        assert!(
            r.url.starts_with("uspreventiveservicestaskforce.org/"),
            "{}",
            r.id
        );
        assert!(
            r.grade == "A" || r.grade == "B" || r.grade == "A/B",
            "{}",
            r.id
        );
    }
}

#[test]
fn a_malformed_rule_table_is_an_error_not_a_panic() {
    let header = "id\ttitle\tsex\tmin_age\tmax_age\tcondition\tnot_applicable\tsatisfiers\telsewhere_months\tgrade\tpublished\turl\tcitation\n";
    assert!(parse("").is_err());
    assert!(parse(&format!("{header}x\ty\n")).is_err());
    let row = |sex: &str, sat: &str, ages: (&str, &str)| {
        format!(
            "{header}r\tR\t{sex}\t{}\t{}\t-\t-\t{sat}\t12\tB\t2020-01-01\tu\tc\n",
            ages.0, ages.1
        )
    };
    assert!(parse(&row("any", "procedure:fit:12", ("40", "50"))).is_ok());
    assert!(parse(&row("other", "procedure:fit:12", ("40", "50"))).is_err());
    assert!(parse(&row("any", "procedure:nope:12", ("40", "50"))).is_err());
    assert!(parse(&row("any", "procedure:fit:x", ("40", "50"))).is_err());
    assert!(parse(&row("any", "procedure:fit:12", ("50", "40"))).is_err());
    assert!(parse(&row("any", "dna:fit:12", ("40", "50"))).is_err());
}

#[test]
fn colorectal_screening_starts_at_45_and_ends_after_75() {
    assert_eq!(status("colorectal", &aged(44, 364, "female")), None);
    assert!(status("colorectal", &aged(45, 0, "female"))
        .unwrap()
        .is_due());
    assert!(status("colorectal", &aged(75, 364, "male"))
        .unwrap()
        .is_due());
    assert_eq!(status("colorectal", &aged(76, 0, "male")), None);
}

#[test]
fn a_newly_eligible_patient_is_due_and_a_long_eligible_one_overdue() {
    let r = eval("colorectal", &aged(45, 30, "female")).unwrap();
    assert_eq!(r.status, S::Due);
    assert_eq!(r.due_on, Some(today() - chrono::Duration::days(30)));
    assert_eq!(
        status("colorectal", &aged(46, 1, "female")),
        Some(S::Overdue)
    );
    let why = eval("colorectal", &aged(52, 0, "female")).unwrap().why;
    assert!(why.contains("Age 52, sex female"), "{why}");
    assert!(why.contains("no colonoscopy"), "{why}");
    assert!(why.contains("Recommended for adults aged 45–75"), "{why}");
}

#[test]
fn a_colonoscopy_nine_years_ago_satisfies_and_eleven_years_ago_does_not() {
    let mut f = aged(60, 0, "male");
    f.procedures.insert(P::Colonoscopy, done("2017-11-27"));
    let r = eval("colorectal", &f).unwrap();
    assert_eq!(r.status, S::UpToDate);
    assert_eq!(r.due_on, Some(d("2027-11-27")));
    assert!(r.why.contains("last colonoscopy 2017-11-27"), "{}", r.why);
    f.procedures.insert(P::Colonoscopy, done("2015-11-20"));
    let r = eval("colorectal", &f).unwrap();
    assert_eq!(r.status, S::Overdue);
    assert!(r.why.contains("last colonoscopy 2015-11-20"), "{}", r.why);
}

#[test]
fn an_interval_just_run_out_is_due_and_three_months_later_overdue() {
    let mut f = aged(60, 0, "male");
    f.labs.insert("29771-3".into(), done("2025-11-26"));
    assert_eq!(status("colorectal", &f), Some(S::Due));
    f.labs.insert("29771-3".into(), done("2025-11-27"));
    assert_eq!(status("colorectal", &f), Some(S::UpToDate));
    f.labs.insert("29771-3".into(), done("2025-08-25"));
    assert_eq!(status("colorectal", &f), Some(S::Overdue));
}

#[test]
fn the_longest_lasting_satisfier_decides() {
    let mut f = aged(60, 0, "male");
    f.labs.insert("57905-2".into(), done("2024-01-01"));
    f.procedures.insert(P::FitDna, done("2024-06-01"));
    let r = eval("colorectal", &f).unwrap();
    assert_eq!(r.status, S::UpToDate);
    assert_eq!(r.due_on, Some(d("2027-06-01")));
}

#[test]
fn an_outside_result_counts_and_says_so() {
    let mut f = aged(60, 0, "male");
    f.labs.insert(
        "29771-3".into(),
        Done {
            on: d("2026-05-01"),
            outside: true,
        },
    );
    let r = eval("colorectal", &f).unwrap();
    assert_eq!(r.status, S::UpToDate);
    assert!(r.why.contains("(outside)"), "{}", r.why);
}

#[test]
fn colon_cancer_or_ulcerative_colitis_on_the_problem_list_makes_colorectal_screening_not_applicable(
) {
    let mut f = aged(60, 0, "male");
    f.problems
        .push(("C18.9".into(), "Malignant neoplasm of colon".into()));
    let r = eval("colorectal", &f).unwrap();
    assert_eq!(r.status, S::NotApplicable);
    assert!(r.why.contains("C18.9"), "{}", r.why);
    let mut f = aged(60, 0, "male");
    f.problems
        .push(("K51.90".into(), "Ulcerative colitis".into()));
    assert_eq!(status("colorectal", &f), Some(S::NotApplicable));
    let mut f = aged(60, 0, "male");
    f.problems.push(("K52.9".into(), "Colitis".into()));
    assert_eq!(status("colorectal", &f), Some(S::Overdue));
}

#[test]
fn breast_screening_is_for_women_40_to_74_every_two_years() {
    assert_eq!(status("breast", &aged(39, 364, "female")), None);
    assert!(status("breast", &aged(40, 0, "female")).unwrap().is_due());
    assert!(status("breast", &aged(74, 364, "female")).unwrap().is_due());
    assert_eq!(status("breast", &aged(75, 0, "female")), None);
    assert_eq!(status("breast", &aged(50, 0, "male")), None);
    let mut f = aged(50, 0, "female");
    f.procedures.insert(P::Mammogram, done("2024-12-01"));
    assert_eq!(status("breast", &f), Some(S::UpToDate));
    f.procedures.insert(P::Mammogram, done("2024-11-01"));
    assert_eq!(status("breast", &f), Some(S::Due));
    f.problems.push((
        "Z90.13".into(),
        "Acquired absence of bilateral breasts".into(),
    ));
    assert_eq!(status("breast", &f), Some(S::NotApplicable));
}

#[test]
fn cervical_screening_switches_rules_at_30_and_ends_after_65() {
    assert_eq!(status("cervical-21-29", &aged(20, 364, "female")), None);
    assert!(status("cervical-21-29", &aged(21, 0, "female")).is_some());
    assert!(status("cervical-21-29", &aged(29, 364, "female")).is_some());
    assert_eq!(status("cervical-21-29", &aged(30, 0, "female")), None);
    assert!(status("cervical-30-65", &aged(30, 0, "female")).is_some());
    assert!(status("cervical-30-65", &aged(65, 364, "female")).is_some());
    assert_eq!(status("cervical-30-65", &aged(66, 0, "female")), None);
    assert_eq!(status("cervical-30-65", &aged(40, 0, "male")), None);
}

#[test]
fn from_30_an_hpv_test_lasts_five_years_and_cytology_three() {
    let mut f = aged(40, 0, "female");
    f.procedures.insert(P::HpvTest, done("2022-01-01"));
    assert_eq!(status("cervical-30-65", &f), Some(S::UpToDate));
    let mut f = aged(40, 0, "female");
    f.procedures.insert(P::CervicalCytology, done("2022-01-01"));
    assert_eq!(status("cervical-30-65", &f), Some(S::Overdue));
    let mut f = aged(25, 0, "female");
    f.labs.insert("10524-7".into(), done("2024-01-01"));
    assert_eq!(status("cervical-21-29", &f), Some(S::UpToDate));
}

#[test]
fn a_total_hysterectomy_makes_cervical_screening_not_applicable() {
    let mut f = aged(40, 0, "female");
    f.problems.push((
        "Z90.710".into(),
        "Acquired absence of both cervix and uterus".into(),
    ));
    assert_eq!(status("cervical-30-65", &f), Some(S::NotApplicable));
}

#[test]
fn lipid_screening_runs_40_to_75_every_five_years() {
    assert_eq!(status("statin", &aged(39, 364, "male")), None);
    assert!(status("statin", &aged(40, 0, "male")).is_some());
    assert!(status("statin", &aged(75, 364, "male")).is_some());
    assert_eq!(status("statin", &aged(76, 0, "male")), None);
    let mut f = aged(50, 0, "male");
    f.labs.insert("2093-3".into(), done("2022-01-01"));
    assert_eq!(status("statin", &f), Some(S::UpToDate));
    f.labs.insert("2093-3".into(), done("2021-01-01"));
    assert_eq!(status("statin", &f), Some(S::Overdue));
}

#[test]
fn diabetes_screening_needs_a_bmi_of_25_between_35_and_70() {
    let mut f = aged(50, 0, "female");
    assert_eq!(status("diabetes", &f), None, "no BMI on record");
    f.bmi = Some((24.9, d("2026-01-01")));
    assert_eq!(status("diabetes", &f), None);
    f.bmi = Some((25.0, d("2026-01-01")));
    let r = eval("diabetes", &f).unwrap();
    assert!(r.status.is_due());
    assert!(r.why.contains("BMI 25.0"), "{}", r.why);
    let mut young = aged(34, 364, "female");
    young.bmi = Some((31.0, d("2026-01-01")));
    assert_eq!(status("diabetes", &young), None);
    let mut old = aged(71, 0, "female");
    old.bmi = Some((31.0, d("2026-01-01")));
    assert_eq!(status("diabetes", &old), None);
    f.labs.insert("4548-4".into(), done("2024-01-01"));
    assert_eq!(status("diabetes", &f), Some(S::UpToDate));
    f.problems.push(("E11.9".into(), "Type 2 diabetes".into()));
    assert_eq!(status("diabetes", &f), Some(S::NotApplicable));
}

#[test]
fn a_blood_pressure_in_the_last_year_satisfies_hypertension_screening() {
    assert_eq!(status("hypertension", &aged(17, 364, "male")), None);
    let mut f = aged(18, 0, "male");
    assert!(status("hypertension", &f).unwrap().is_due());
    f.last_bp = Some(d("2026-02-01"));
    assert_eq!(status("hypertension", &f), Some(S::UpToDate));
    f.last_bp = Some(d("2025-10-01"));
    assert_eq!(status("hypertension", &f), Some(S::Due));
    f.problems
        .push(("I10".into(), "Essential hypertension".into()));
    assert_eq!(status("hypertension", &f), Some(S::NotApplicable));
}

#[test]
fn depression_screening_starts_at_12_and_a_phq9_lasts_a_year() {
    assert_eq!(status("depression", &aged(11, 364, "male")), None);
    let mut f = aged(12, 0, "male");
    assert!(status("depression", &f).unwrap().is_due());
    f.procedures.insert(P::Phq9, done("2026-01-01"));
    assert_eq!(status("depression", &f), Some(S::UpToDate));
}

#[test]
fn aaa_screening_is_once_for_men_65_to_75_who_ever_smoked() {
    let smoker = |years, sex: &str, status: &str| {
        let mut f = aged(years, 0, sex);
        f.smoking = Some(SmokingFact {
            status: status.into(),
            pack_years: Some(5.0),
            quit_date: None,
        });
        f
    };
    assert_eq!(status("aaa", &smoker(64, "male", "former")), None);
    assert!(status("aaa", &smoker(65, "male", "former"))
        .unwrap()
        .is_due());
    assert!(status("aaa", &smoker(75, "male", "current_some_days"))
        .unwrap()
        .is_due());
    assert_eq!(status("aaa", &smoker(76, "male", "former")), None);
    assert_eq!(status("aaa", &smoker(70, "male", "never")), None);
    assert_eq!(
        status("aaa", &aged(70, 0, "male")),
        None,
        "no smoking history"
    );
    assert_eq!(status("aaa", &smoker(70, "female", "former")), None);
    let mut f = smoker(70, "male", "former");
    f.procedures.insert(P::AaaUltrasound, done("2010-01-01"));
    let r = eval("aaa", &f).unwrap();
    assert_eq!(r.status, S::UpToDate);
    assert_eq!(r.due_on, None, "once is enough");
}

#[test]
fn lung_screening_needs_20_pack_years_and_smoking_now_or_quit_within_15_years() {
    let smoker = |years, status: &str, py: f64, quit: Option<&str>| {
        let mut f = aged(years, 0, "female");
        f.smoking = Some(SmokingFact {
            status: status.into(),
            pack_years: Some(py),
            quit_date: quit.map(str::to_string),
        });
        f
    };
    assert_eq!(
        status("lung", &smoker(49, "current_every_day", 30.0, None)),
        None
    );
    assert!(status("lung", &smoker(50, "current_every_day", 20.0, None))
        .unwrap()
        .is_due());
    assert!(status("lung", &smoker(80, "current_every_day", 20.0, None))
        .unwrap()
        .is_due());
    assert_eq!(
        status("lung", &smoker(81, "current_every_day", 40.0, None)),
        None
    );
    assert_eq!(
        status("lung", &smoker(60, "current_every_day", 19.9, None)),
        None
    );
    assert!(status("lung", &smoker(60, "former", 25.0, Some("2012")))
        .unwrap()
        .is_due());
    assert!(
        status("lung", &smoker(60, "former", 25.0, Some("2011-11-27")))
            .unwrap()
            .is_due()
    );
    assert_eq!(
        status("lung", &smoker(60, "former", 25.0, Some("2011-11-26"))),
        None
    );
    assert_eq!(
        status("lung", &smoker(60, "former", 25.0, Some("2005"))),
        None
    );
    assert_eq!(
        status("lung", &smoker(60, "former", 25.0, None)),
        None,
        "quit date unknown"
    );
    assert_eq!(status("lung", &smoker(60, "never", 0.0, None)), None);
    let mut f = smoker(60, "current_every_day", 30.0, None);
    f.procedures.insert(P::Ldct, done("2026-03-01"));
    assert_eq!(status("lung", &f), Some(S::UpToDate));
    let why = eval("lung", &f).unwrap().why;
    assert!(why.contains("30 pack-years"), "{why}");
}

#[test]
fn osteoporosis_screening_is_for_women_from_65_and_one_dexa_satisfies() {
    assert_eq!(status("osteoporosis", &aged(64, 364, "female")), None);
    let mut f = aged(65, 0, "female");
    assert!(status("osteoporosis", &f).unwrap().is_due());
    assert_eq!(status("osteoporosis", &aged(70, 0, "male")), None);
    f.procedures.insert(P::Dexa, done("2015-01-01"));
    assert_eq!(status("osteoporosis", &f), Some(S::UpToDate));
}

#[test]
fn hiv_screening_is_once_between_15_and_65() {
    assert_eq!(status("hiv", &aged(14, 364, "male")), None);
    assert!(status("hiv", &aged(15, 0, "male")).is_some());
    assert!(status("hiv", &aged(65, 364, "male")).is_some());
    assert_eq!(status("hiv", &aged(66, 0, "male")), None);
    let mut f = aged(30, 0, "male");
    f.labs.insert("56888-1".into(), done("2012-01-01"));
    assert_eq!(status("hiv", &f), Some(S::UpToDate));
    let mut f = aged(30, 0, "male");
    f.problems.push(("B20".into(), "HIV disease".into()));
    assert_eq!(status("hiv", &f), Some(S::NotApplicable));
}

#[test]
fn hepatitis_c_screening_is_once_between_18_and_79() {
    assert_eq!(status("hepatitis-c", &aged(17, 364, "male")), None);
    assert!(status("hepatitis-c", &aged(18, 0, "male")).is_some());
    assert!(status("hepatitis-c", &aged(79, 364, "male")).is_some());
    assert_eq!(status("hepatitis-c", &aged(80, 0, "male")), None);
    let mut f = aged(40, 0, "female");
    f.labs.insert("16128-1".into(), done("2020-01-01"));
    assert_eq!(status("hepatitis-c", &f), Some(S::UpToDate));
}

#[test]
fn done_elsewhere_with_a_date_holds_for_the_rules_elsewhere_interval() {
    let mut f = aged(52, 0, "female");
    f.decisions.push(decision(
        "colorectal",
        DecisionKind::DoneElsewhere,
        Some("2026-06-01"),
        "2026-11-01",
    ));
    let r = eval("colorectal", &f).unwrap();
    assert_eq!(r.status, S::DoneElsewhere);
    assert_eq!(r.due_on, Some(d("2027-06-01")));
    assert!(
        r.why.contains("done elsewhere (City Hospital) 2026-06-01"),
        "{}",
        r.why
    );
    assert!(r.decision.is_some());
    f.decisions[0].done_on = Some(d("2025-06-01"));
    assert_eq!(status("colorectal", &f), Some(S::Overdue));
    // A decision on another rule does not count.
    let mut f = aged(52, 0, "female");
    f.decisions.push(decision(
        "breast",
        DecisionKind::DoneElsewhere,
        Some("2026-06-01"),
        "2026-11-01",
    ));
    assert_eq!(status("colorectal", &f), Some(S::Overdue));
}

#[test]
fn a_procedure_with_a_longer_interval_beats_a_done_elsewhere_decision() {
    let mut f = aged(52, 0, "female");
    f.decisions.push(decision(
        "colorectal",
        DecisionKind::DoneElsewhere,
        Some("2026-06-01"),
        "2026-11-01",
    ));
    f.procedures.insert(P::Colonoscopy, done("2020-01-01"));
    let r = eval("colorectal", &f).unwrap();
    assert_eq!(r.status, S::UpToDate);
    assert_eq!(r.due_on, Some(d("2030-01-01")));
}

#[test]
fn declined_holds_for_a_year_then_the_reminder_returns() {
    let mut f = aged(52, 0, "female");
    f.decisions.push(decision(
        "colorectal",
        DecisionKind::Declined,
        None,
        "2026-01-10",
    ));
    let r = eval("colorectal", &f).unwrap();
    assert_eq!(r.status, S::Declined);
    assert_eq!(r.due_on, Some(d("2027-01-10")));
    assert!(r.why.contains("patient's choice"), "{}", r.why);
    f.decisions[0].decided_on = d("2025-11-26");
    assert_eq!(status("colorectal", &f), Some(S::Overdue));
}

#[test]
fn not_applicable_decision_stands_until_withdrawn() {
    let mut f = aged(52, 0, "female");
    f.decisions.push(decision(
        "colorectal",
        DecisionKind::NotApplicable,
        None,
        "2010-01-10",
    ));
    let r = eval("colorectal", &f).unwrap();
    assert_eq!(r.status, S::NotApplicable);
    assert!(
        r.why.contains("marked not applicable on 2010-01-10"),
        "{}",
        r.why
    );
}

#[test]
fn intersex_and_unknown_sex_get_only_the_rules_for_everyone() {
    for sex in ["intersex", "unknown"] {
        assert_eq!(status("breast", &aged(50, 0, sex)), None);
        assert!(status("colorectal", &aged(50, 0, sex)).is_some());
    }
}

#[test]
fn every_reminder_cites_its_uspstf_source_and_offers_its_procedures() {
    let r = eval("colorectal", &aged(52, 0, "female")).unwrap();
    assert!(r.source.contains("USPSTF"), "{}", r.source);
    assert!(r.source.contains("2021-05-18"), "{}", r.source);
    assert!(r.source.contains(
        "uspreventiveservicestaskforce.org/uspstf/recommendation/colorectal-cancer-screening"
    ));
    assert!(r.procedures.contains(&P::Colonoscopy));
    assert!(r.procedures.contains(&P::Fit));
}

#[test]
fn a_deceased_patient_is_reminded_of_nothing() {
    let mut f = aged(52, 0, "female");
    assert!(status("colorectal", &f).is_some());
    f.deceased = true;
    assert_eq!(status("colorectal", &f), None);
}

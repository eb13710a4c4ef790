//! The sig text table (every frequency, PRN, fractions, plurals, each route's verb) and the
//! quantity check at its boundaries.

use super::*;

fn sig(dose: f64, unit: &str, route: Route, frequency: SigFrequency) -> Sig {
    Sig {
        dose,
        dose_unit: unit.into(),
        route,
        frequency,
        prn: false,
        prn_indication: String::new(),
        duration_days: None,
        extra: String::new(),
    }
}

fn tablets(dose: f64, frequency: SigFrequency, days: Option<u32>) -> Sig {
    Sig {
        duration_days: days,
        ..sig(dose, "tablet", Route::Oral, frequency)
    }
}

#[test]
fn the_brief_examples_read_as_a_label_does() {
    let mut inhaler = sig(2.0, "puff", Route::Inhaled, SigFrequency::Every4Hours);
    inhaler.prn = true;
    inhaler.prn_indication = "wheezing".into();
    let mut liquid = sig(5.0, "mL", Route::Oral, SigFrequency::ThreeTimesDaily);
    liquid.duration_days = Some(7);
    let table = [
        (
            tablets(1.0, SigFrequency::TwiceDaily, Some(10)),
            "Take 1 tablet by mouth twice daily for 10 days",
        ),
        (
            tablets(0.5, SigFrequency::OnceDaily, None),
            "Take 1/2 tablet by mouth once daily",
        ),
        (liquid, "Take 5 mL by mouth three times daily for 7 days"),
        (
            inhaler,
            "Inhale 2 puffs every 4 hours as needed for wheezing",
        ),
        (
            sig(1.0, "application", Route::Topical, SigFrequency::TwiceDaily),
            "Apply 1 application to the affected area twice daily",
        ),
        (
            sig(1.0, "drop", Route::Ophthalmic, SigFrequency::FourTimesDaily),
            "Instill 1 drop in each eye four times daily",
        ),
    ];
    for (s, expected) in table {
        assert_eq!(describe(&s), expected);
    }
}

#[test]
fn every_frequency_has_its_own_words() {
    let table = [
        (SigFrequency::OnceDaily, "once daily"),
        (SigFrequency::TwiceDaily, "twice daily"),
        (SigFrequency::ThreeTimesDaily, "three times daily"),
        (SigFrequency::FourTimesDaily, "four times daily"),
        (SigFrequency::Every4Hours, "every 4 hours"),
        (SigFrequency::Every6Hours, "every 6 hours"),
        (SigFrequency::Every8Hours, "every 8 hours"),
        (SigFrequency::Every12Hours, "every 12 hours"),
        (SigFrequency::EveryMorning, "every morning"),
        (SigFrequency::AtBedtime, "at bedtime"),
        (SigFrequency::EveryOtherDay, "every other day"),
        (SigFrequency::OnceWeekly, "once weekly"),
        (SigFrequency::Once, "once (single dose)"),
    ];
    for (frequency, words) in table {
        assert_eq!(
            describe(&tablets(1.0, frequency, None)),
            format!("Take 1 tablet by mouth {words}")
        );
    }
}

#[test]
fn each_route_starts_with_its_own_verb() {
    let table = [
        (Route::Oral, "tablet", "Take 1 tablet by mouth"),
        (
            Route::Sublingual,
            "tablet",
            "Place 1 tablet under the tongue",
        ),
        (
            Route::Buccal,
            "tablet",
            "Place 1 tablet between the cheek and gum",
        ),
        (
            Route::Topical,
            "application",
            "Apply 1 application to the affected area",
        ),
        (Route::Transdermal, "patch", "Apply 1 patch to the skin"),
        (Route::Ophthalmic, "drop", "Instill 1 drop in each eye"),
        (Route::Otic, "drop", "Instill 1 drop in each ear"),
        (Route::Nasal, "spray", "Use 1 spray in each nostril"),
        (Route::Inhaled, "puff", "Inhale 1 puff"),
        (
            Route::Rectal,
            "suppository",
            "Insert 1 suppository rectally",
        ),
        (
            Route::Vaginal,
            "applicatorful",
            "Insert 1 applicatorful vaginally",
        ),
        (Route::Subcutaneous, "unit", "Inject 1 unit under the skin"),
        (Route::Intramuscular, "mL", "Inject 1 mL into the muscle"),
        (Route::Intravenous, "mL", "Inject 1 mL intravenously"),
        (Route::Other, "dose", "Use 1 dose"),
    ];
    for (route, unit, start) in table {
        let text = describe(&sig(1.0, unit, route, SigFrequency::OnceDaily));
        assert_eq!(text, format!("{start} once daily"), "{route:?}");
    }
}

#[test]
fn counted_units_take_the_plural_and_measured_ones_do_not() {
    let two = |unit: &str, route: Route| describe(&sig(2.0, unit, route, SigFrequency::OnceDaily));
    assert_eq!(
        two("tablet", Route::Oral),
        "Take 2 tablets by mouth once daily"
    );
    assert_eq!(
        two("patch", Route::Transdermal),
        "Apply 2 patches to the skin once daily"
    );
    assert_eq!(
        two("suppository", Route::Rectal),
        "Insert 2 suppositories rectally once daily"
    );
    assert_eq!(
        two("spray", Route::Nasal),
        "Use 2 sprays in each nostril once daily"
    );
    assert_eq!(
        two("unit", Route::Subcutaneous),
        "Inject 2 units under the skin once daily"
    );
    assert_eq!(two("mL", Route::Oral), "Take 2 mL by mouth once daily");
    assert_eq!(
        two("extended-release tablet", Route::Oral),
        "Take 2 extended-release tablets by mouth once daily"
    );
}

#[test]
fn split_tablets_are_written_as_fractions_and_liquids_as_decimals() {
    let text =
        |dose: f64, unit: &str| describe(&sig(dose, unit, Route::Oral, SigFrequency::OnceDaily));
    assert_eq!(text(0.25, "tablet"), "Take 1/4 tablet by mouth once daily");
    assert_eq!(text(0.75, "tablet"), "Take 3/4 tablet by mouth once daily");
    assert_eq!(
        text(1.5, "tablet"),
        "Take 1 1/2 tablets by mouth once daily"
    );
    assert_eq!(text(2.5, "mL"), "Take 2.5 mL by mouth once daily");
    assert_eq!(text(0.3, "tablet"), "Take 0.3 tablet by mouth once daily");
}

#[test]
fn as_needed_reads_for_what_and_a_repeated_for_is_not_doubled() {
    let mut s = tablets(1.0, SigFrequency::Every6Hours, Some(5));
    s.prn = true;
    s.prn_indication = "for pain".into();
    assert_eq!(
        describe(&s),
        "Take 1 tablet by mouth every 6 hours as needed for pain for 5 days"
    );
    s.prn_indication = "  ".into();
    assert_eq!(
        describe(&s),
        "Take 1 tablet by mouth every 6 hours as needed for 5 days"
    );
}

#[test]
fn extra_instructions_follow_as_their_own_sentence() {
    let mut s = tablets(1.0, SigFrequency::TwiceDaily, Some(1));
    s.extra = "with food".into();
    assert_eq!(
        describe(&s),
        "Take 1 tablet by mouth twice daily for 1 day. With food."
    );
    s.extra = "Do not crush!".into();
    assert!(describe(&s).ends_with("for 1 day. Do not crush!"));
}

#[test]
fn a_single_dose_has_no_duration_on_its_label() {
    let s = tablets(4.0, SigFrequency::Once, Some(1));
    assert_eq!(describe(&s), "Take 4 tablets by mouth once (single dose)");
    assert_eq!(expected_quantity(&s), Some(4.0));
}

#[test]
fn the_preview_counts_dose_times_doses_a_day_times_days() {
    let p = preview(&tablets(1.0, SigFrequency::TwiceDaily, Some(10)));
    assert_eq!(p.text, "Take 1 tablet by mouth twice daily for 10 days");
    assert_eq!(p.doses_per_day, 2.0);
    assert_eq!(p.expected_quantity, Some(20.0));
    assert_eq!(
        preview(&tablets(1.0, SigFrequency::TwiceDaily, None)).expected_quantity,
        None
    );
    let mut liquid = sig(5.0, "mL", Route::Oral, SigFrequency::ThreeTimesDaily);
    liquid.duration_days = Some(7);
    assert_eq!(expected_quantity(&liquid), Some(105.0));
    liquid.dose = 2.5;
    assert_eq!(expected_quantity(&liquid), Some(52.5));
}

#[test]
fn split_tablets_round_up_to_whole_ones() {
    assert_eq!(
        expected_quantity(&tablets(0.5, SigFrequency::OnceDaily, Some(7))),
        Some(4.0)
    );
    assert_eq!(
        expected_quantity(&tablets(1.5, SigFrequency::TwiceDaily, Some(5))),
        Some(15.0)
    );
}

#[test]
fn every_other_day_and_weekly_count_the_days_a_dose_falls_on() {
    assert_eq!(
        expected_quantity(&tablets(1.0, SigFrequency::EveryOtherDay, Some(10))),
        Some(5.0)
    );
    assert_eq!(
        expected_quantity(&tablets(1.0, SigFrequency::EveryOtherDay, Some(9))),
        Some(5.0)
    );
    assert_eq!(
        expected_quantity(&tablets(1.0, SigFrequency::OnceWeekly, Some(28))),
        Some(4.0)
    );
    assert_eq!(
        expected_quantity(&tablets(1.0, SigFrequency::OnceWeekly, Some(30))),
        Some(5.0)
    );
}

#[test]
fn a_short_quantity_is_refused_with_what_the_sig_needs() {
    let s = tablets(1.0, SigFrequency::TwiceDaily, Some(10));
    let err = check_quantity(&s, 14.0, "tablet").unwrap_err();
    assert_eq!(err.field, "quantity");
    assert_eq!(
        err.message,
        "10 days of 1 tablet twice daily needs 20 tablets; 14 is short"
    );
    assert!(check_quantity(&s, 19.0, "tablets").is_err());
    assert!(check_quantity(&s, 20.0, "tablet").is_ok());
    assert!(check_quantity(&s, 20.0, "Tablets").is_ok());
}

#[test]
fn far_more_than_the_sig_needs_is_refused_past_both_limits() {
    // 20 needed: the limit is above 3 × 20 = 60 and above 20 + 30 = 50.
    let s = tablets(1.0, SigFrequency::TwiceDaily, Some(10));
    assert!(check_quantity(&s, 60.0, "tablet").is_ok());
    let err = check_quantity(&s, 61.0, "tablet").unwrap_err();
    assert_eq!(
        err.message,
        "10 days of 1 tablet twice daily needs 20 tablets; 61 is far more than the sig needs"
    );
    // 4 needed: 3 × 4 = 12 is passed long before 4 + 30 = 34.
    let short = tablets(1.0, SigFrequency::TwiceDaily, Some(2));
    assert!(check_quantity(&short, 34.0, "tablet").is_ok());
    assert!(check_quantity(&short, 35.0, "tablet").is_err());
}

#[test]
fn package_units_other_units_and_open_courses_are_not_checked() {
    let mut inhaler = sig(2.0, "puff", Route::Inhaled, SigFrequency::FourTimesDaily);
    inhaler.duration_days = Some(30);
    assert!(check_quantity(&inhaler, 1.0, "inhaler").is_ok());
    assert!(check_quantity(&inhaler, 1.0, "puff").is_err());
    for unit in [
        "inhaler", "tube", "bottle", "box", "pen", "vial", "kit", "bottles",
    ] {
        assert!(
            check_quantity(&tablets(1.0, SigFrequency::TwiceDaily, Some(10)), 1.0, unit).is_ok()
        );
    }
    let mut liquid = sig(5.0, "mL", Route::Oral, SigFrequency::ThreeTimesDaily);
    liquid.duration_days = Some(7);
    assert!(check_quantity(&liquid, 100.0, "mL").is_err());
    assert!(check_quantity(&liquid, 105.0, "mL").is_ok());
    assert!(check_quantity(&tablets(1.0, SigFrequency::TwiceDaily, None), 1.0, "tablet").is_ok());
}

#[test]
fn an_as_needed_sig_may_be_given_less_than_its_most_but_not_far_more() {
    let mut s = tablets(1.0, SigFrequency::Every6Hours, Some(5));
    s.prn = true;
    s.prn_indication = "pain".into();
    assert!(check_quantity(&s, 12.0, "tablet").is_ok());
    let err = check_quantity(&s, 100.0, "tablet").unwrap_err();
    assert!(err.message.contains("needs 20 tablets"), "{}", err.message);
}

#[test]
fn a_single_dose_is_checked_against_the_one_dose() {
    let s = tablets(4.0, SigFrequency::Once, None);
    let err = check_quantity(&s, 2.0, "tablet").unwrap_err();
    assert_eq!(
        err.message,
        "A single dose of 4 tablets needs 4 tablets; 2 is short"
    );
    assert!(check_quantity(&s, 4.0, "tablet").is_ok());
}

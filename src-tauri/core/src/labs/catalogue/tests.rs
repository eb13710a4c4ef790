use super::*;
use crate::labs::{LabFlag, LabValue};
use crate::patient::SexAtBirth;

const ADULT: Option<i64> = Some(40 * 365);
const CHILD: Option<i64> = Some(6 * 365);

fn num(test_code: &str, v: f64, unit: Option<&str>, sex: Option<SexAtBirth>) -> Judged {
    judge(
        test(test_code).unwrap(),
        &LabValue::Number(v),
        unit,
        sex,
        ADULT,
    )
}

fn check_digit(number: &str) -> u32 {
    let mut total = 0;
    for (i, c) in number.chars().rev().enumerate() {
        let mut d = c.to_digit(10).unwrap();
        if i % 2 == 0 {
            d *= 2;
            d = d / 10 + d % 10;
        }
        total += d;
    }
    (10 - total % 10) % 10
}

fn well_formed(code: &str) -> bool {
    let Some((number, check)) = code.split_once('-') else {
        return false;
    };
    !number.is_empty()
        && number.len() <= 7
        && number.chars().all(|c| c.is_ascii_digit())
        && check.len() == 1
        && check.parse::<u32>().ok() == Some(check_digit(number))
}

#[test]
fn every_row_of_the_embedded_tables_parses() {
    assert!(table::rejected().is_empty(), "{:?}", table::rejected());
    assert_eq!(tests().len(), 57);
    assert_eq!(panels().len(), 6);
}

#[test]
fn every_loinc_code_is_well_formed_with_its_check_digit() {
    assert!(well_formed("2160-0") && well_formed("4548-4"));
    assert!(!well_formed("2160-1"), "a wrong check digit must be caught");
    for t in tests() {
        assert!(well_formed(&t.loinc), "test {}", t.loinc);
    }
    for p in panels() {
        assert!(well_formed(&p.code), "panel {}", p.code);
        for code in &p.tests {
            assert!(
                test(code).is_some(),
                "panel {} lists unknown {code}",
                p.code
            );
        }
    }
}

#[test]
fn the_common_primary_care_tests_and_panels_are_there() {
    for code in [
        "6690-2", "718-7", "777-3", "2951-2", "2160-0", "2345-7", "2093-3", "18262-6", "2085-9",
        "2571-8", "4548-4", "3016-3", "3024-7", "2857-1", "62292-8", "98979-8", "14959-1",
        "6301-6", "2276-4", "2132-9", "16128-1", "56888-1", "5802-4",
    ] {
        assert!(test(code).is_some(), "{code}");
    }
    for code in ["58410-2", "24323-8", "51990-0", "57698-3", "24357-6"] {
        assert!(panel(code).is_some(), "{code}");
    }
    assert_eq!(panel("24323-8").unwrap().tests.len(), 14);
    assert_eq!(panel("51990-0").unwrap().tests.len(), 8);
}

#[test]
fn every_numeric_test_has_its_canonical_unit_first_and_every_range_a_source() {
    for t in tests() {
        match &t.canonical_unit {
            Some(c) => {
                assert_eq!(&t.units[0].unit, c, "{}", t.loinc);
                assert_eq!(t.units[0].to_canonical, 1.0);
                assert!(t.plausible_low.is_some() && t.plausible_high.is_some());
            }
            None => assert!(t.units.is_empty() && t.ranges.is_empty(), "{}", t.loinc),
        }
        for r in &t.ranges {
            assert!(!r.source.is_empty(), "{}", t.loinc);
        }
    }
}

#[test]
fn units_convert_both_ways() {
    for t in tests() {
        for u in &t.units {
            let canonical = convert(t, 7.5, Some(&u.unit)).unwrap();
            let back = (canonical - u.offset) / u.to_canonical;
            assert!((back - 7.5).abs() < 1e-9, "{} {}", t.loinc, u.unit);
        }
    }
    let glucose = test("2345-7").unwrap();
    assert!((convert(glucose, 5.5, Some("mmol/L")).unwrap() - 99.08).abs() < 0.05);
    let creatinine = test("2160-0").unwrap();
    assert!((convert(creatinine, 88.4, Some("µmol/L")).unwrap() - 1.0).abs() < 1e-3);
    let chol = test("2093-3").unwrap();
    assert!((convert(chol, 5.17, Some("mmol/L")).unwrap() - 199.9).abs() < 0.1);
    // HbA1c 53 mmol/mol is 7.0 % (IFCC–NGSP master equation).
    let a1c = test("4548-4").unwrap();
    assert!((convert(a1c, 53.0, Some("mmol/mol")).unwrap() - 7.0).abs() < 0.05);
    assert!((convert(a1c, 0.07, Some("{fraction}")).unwrap() - 7.0).abs() < 1e-9);
    assert_eq!(convert(a1c, 7.0, Some("furlongs")), None);
}

#[test]
fn ranges_pick_by_sex_and_age() {
    let hgb = test("718-7").unwrap();
    let male = range_for(hgb, Some(SexAtBirth::Male), ADULT).unwrap();
    let female = range_for(hgb, Some(SexAtBirth::Female), ADULT).unwrap();
    let child = range_for(hgb, Some(SexAtBirth::Male), CHILD).unwrap();
    assert_eq!((male.low, male.high), (Some(13.2), Some(16.6)));
    assert_eq!((female.low, female.high), (Some(11.6), Some(15.0)));
    assert_eq!((child.low, child.high), (Some(11.5), Some(15.5)));
    // The adult band starts on the 18th birthday (6,575 days).
    assert_eq!(
        range_for(hgb, Some(SexAtBirth::Female), Some(6574))
            .unwrap()
            .low,
        Some(11.5)
    );
    assert_eq!(
        range_for(hgb, Some(SexAtBirth::Female), Some(6575))
            .unwrap()
            .low,
        Some(11.6)
    );
    // Sex unknown: only a range for everyone (none for an adult's haemoglobin).
    assert!(range_for(hgb, None, ADULT).is_none());
    assert!(range_for(hgb, Some(SexAtBirth::Unknown), ADULT).is_none());
    let sodium = test("2951-2").unwrap();
    assert!(range_for(sodium, None, None).is_some());
    // Age unknown: only a range without an age band.
    assert!(range_for(hgb, Some(SexAtBirth::Male), None).is_none());
}

#[test]
fn judge_flags_low_high_and_critical_at_the_edges() {
    let k = |v| num("2823-3", v, None, None).flag;
    assert_eq!(k(3.6), LabFlag::Normal);
    assert_eq!(k(5.2), LabFlag::Normal);
    assert_eq!(k(3.59), LabFlag::Low);
    assert_eq!(k(5.21), LabFlag::High);
    assert_eq!(k(2.5), LabFlag::Low);
    assert_eq!(k(2.49), LabFlag::CriticalLow);
    assert_eq!(k(6.2), LabFlag::High);
    assert_eq!(k(6.21), LabFlag::CriticalHigh);
    // mEq/L is mmol/L for potassium.
    assert_eq!(
        num("2823-3", 6.5, Some("mEq/L"), None).flag,
        LabFlag::CriticalHigh
    );
}

#[test]
fn judge_gives_the_range_in_the_unit_the_value_came_in() {
    let j = num("2160-0", 150.0, Some("umol/L"), Some(SexAtBirth::Male));
    assert_eq!(j.flag, LabFlag::High);
    assert!((j.canonical_value.unwrap() - 1.697).abs() < 1e-3);
    assert_eq!(j.canonical_unit.as_deref(), Some("mg/dL"));
    assert!((j.ref_high.unwrap() - 119.3).abs() < 0.1);
    // The limit typed in the other unit is still the limit.
    let edge = num(
        "2160-0",
        1.35 * 88.4,
        Some("umol/L"),
        Some(SexAtBirth::Male),
    );
    assert_eq!(edge.flag, LabFlag::Normal);
    let a1c = num("4548-4", 53.0, Some("mmol/mol"), None);
    assert_eq!(a1c.flag, LabFlag::High);
    assert!((a1c.ref_high.unwrap() - 37.7).abs() < 0.1);
}

#[test]
fn judge_reads_text_results_against_the_expected_answer() {
    let nitrite = test("5802-4").unwrap();
    let t = |s: &str| judge(nitrite, &LabValue::Text(s.into()), None, None, ADULT).flag;
    assert_eq!(t("Negative"), LabFlag::Normal);
    assert_eq!(t("neg"), LabFlag::Normal);
    assert_eq!(t("positive"), LabFlag::Abnormal);
    assert_eq!(t("trace"), LabFlag::Abnormal);
    let hiv = test("56888-1").unwrap();
    let h = judge(
        hiv,
        &LabValue::Text("Non-reactive".into()),
        None,
        None,
        None,
    );
    assert_eq!(h.flag, LabFlag::Normal);
    // A numeric test's comparator text is flagged by its number, without a canonical value.
    let egfr = test("98979-8").unwrap();
    let over = judge(egfr, &LabValue::Text(">90".into()), None, None, ADULT);
    assert_eq!((over.flag, over.canonical_value), (LabFlag::Normal, None));
    let free = judge(
        egfr,
        &LabValue::Text("see comment".into()),
        None,
        None,
        ADULT,
    );
    assert_eq!(free.flag, LabFlag::None);
}

#[test]
fn judge_gives_no_flag_for_a_unit_it_does_not_know_or_without_a_range() {
    let j = num("2345-7", 100.0, Some("grains/gallon"), None);
    assert_eq!((j.flag, j.canonical_value), (LabFlag::None, None));
    // PSA has a range for men only.
    assert_eq!(
        num("2857-1", 9.0, None, Some(SexAtBirth::Female)).flag,
        LabFlag::None
    );
    assert_eq!(
        num("2857-1", 9.0, None, Some(SexAtBirth::Male)).flag,
        LabFlag::High
    );
    assert_eq!(num("2345-7", f64::NAN, None, None).flag, LabFlag::None);
}

#[test]
fn the_search_finds_tests_and_panels_as_a_physician_types_them() {
    let first = |q: &str| search(q, 5).first().map(|h| h.code.clone());
    assert_eq!(first("a1c").as_deref(), Some("4548-4"));
    assert_eq!(first("lipid").as_deref(), Some("57698-3"));
    assert_eq!(first("creat").as_deref(), Some("2160-0"));
    assert_eq!(first("cbc").as_deref(), Some("58410-2"));
    assert_eq!(first("TSH").as_deref(), Some("3016-3"));
    assert_eq!(first("2160").as_deref(), Some("2160-0"));
    let lipid = &search("lipid", 5)[0];
    assert_eq!(lipid.kind, CatalogueHitKind::Panel);
    assert_eq!(lipid.tests.len(), 4);
    assert!(search("zzzz", 5).is_empty());
    assert_eq!(search("", 50).len(), panels().len());
    assert!(search("urine", 3).len() == 3);
}

//! Units, the range that applies to one patient, and the flag a value gets.

use super::{Judged, LabTest, LabUnit, ReferenceRange};
use crate::labs::{LabFlag, LabValue};
use crate::patient::SexAtBirth;

/// A unit as typed or sent, compared loosely: case, spaces and the micro sign do not matter.
fn unit_key(unit: &str) -> String {
    // UCUM writes units in brackets (`m[IU]/L`) that labs and people write without.
    unit.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '[' | ']'))
        .map(|c| match c {
            '\u{3bc}' | '\u{b5}' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The test's unit matching `unit` (none: the canonical unit).
pub fn unit_of<'t>(test: &'t LabTest, unit: Option<&str>) -> Option<&'t LabUnit> {
    match unit.map(str::trim).filter(|u| !u.is_empty()) {
        None => test.units.first(),
        Some(u) => {
            let key = unit_key(u);
            test.units.iter().find(|x| unit_key(&x.unit) == key)
        }
    }
}

/// `value` in `unit` taken to the test's canonical unit (none: a unit it does not know).
pub fn convert(test: &LabTest, value: f64, unit: Option<&str>) -> Option<f64> {
    unit_of(test, unit).map(|u| value * u.to_canonical + u.offset)
}

fn as_known(sex: Option<SexAtBirth>) -> Option<SexAtBirth> {
    sex.filter(|s| matches!(s, SexAtBirth::Male | SexAtBirth::Female))
}

/// The range for a patient of this sex and age: one for that sex before one for everyone,
/// within its age band; with the sex or age unknown only ranges that do not depend on it.
pub fn range_for(
    test: &LabTest,
    sex: Option<SexAtBirth>,
    age_days: Option<i64>,
) -> Option<&ReferenceRange> {
    let sex = as_known(sex);
    let fits_age = |r: &ReferenceRange| match age_days {
        Some(age) => {
            r.min_age_days.is_none_or(|min| age >= min)
                && r.max_age_days.is_none_or(|max| age < max)
        }
        None => r.min_age_days.is_none() && r.max_age_days.is_none(),
    };
    let specific = test
        .ranges
        .iter()
        .find(|r| r.sex.is_some() && r.sex == sex && fits_age(r));
    specific.or_else(|| test.ranges.iter().find(|r| r.sex.is_none() && fits_age(r)))
}

/// Below `limit` by more than rounding noise (a limit typed in another unit and converted
/// lands a hair off it).
fn below(value: f64, limit: f64) -> bool {
    value < limit - 1e-9 * limit.abs().max(1.0)
}

fn above(value: f64, limit: f64) -> bool {
    value > limit + 1e-9 * limit.abs().max(1.0)
}

fn flag_number(canonical: f64, r: &ReferenceRange) -> LabFlag {
    if r.critical_low.is_some_and(|l| below(canonical, l)) {
        LabFlag::CriticalLow
    } else if r.critical_high.is_some_and(|h| above(canonical, h)) {
        LabFlag::CriticalHigh
    } else if r.low.is_some_and(|l| below(canonical, l)) {
        LabFlag::Low
    } else if r.high.is_some_and(|h| above(canonical, h)) {
        LabFlag::High
    } else {
        LabFlag::Normal
    }
}

/// Folded answer text: lower case, single spaces, no trailing full stop.
fn answer_key(text: &str) -> String {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `answer` says the same as the expected answer.
fn is_expected(answer: &str, expected: &str) -> bool {
    let a = answer_key(answer);
    let e = answer_key(expected);
    if a == e {
        return true;
    }
    let same: &[&str] = match e.as_str() {
        "negative" => &[
            "neg",
            "-",
            "nonreactive",
            "non-reactive",
            "non reactive",
            "not detected",
            "none detected",
            "absent",
            "normal",
        ],
        "yellow" => &["straw", "pale yellow", "light yellow", "dark yellow"],
        "clear" => &["transparent"],
        _ => &[],
    };
    same.contains(&a.as_str())
}

/// A numeric test's text with a comparator ("<0.01", ">90", "<= 5"): its number.
fn comparator_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let rest = t
        .strip_prefix("<=")
        .or_else(|| t.strip_prefix(">="))
        .or_else(|| t.strip_prefix('<'))
        .or_else(|| t.strip_prefix('>'))?;
    rest.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

pub(super) fn judge(
    test: &LabTest,
    value: &LabValue,
    unit: Option<&str>,
    sex: Option<SexAtBirth>,
    age_days: Option<i64>,
) -> Judged {
    let nothing = Judged {
        canonical_value: None,
        canonical_unit: None,
        ref_low: None,
        ref_high: None,
        flag: LabFlag::None,
    };
    match value {
        LabValue::Text(text) => {
            if let Some(expected) = &test.expected_text {
                let flag = if is_expected(text, expected) {
                    LabFlag::Normal
                } else {
                    LabFlag::Abnormal
                };
                return Judged { flag, ..nothing };
            }
            match comparator_number(text) {
                Some(n) => Judged {
                    canonical_value: None,
                    ..judge_number(test, n, unit, sex, age_days, nothing.clone())
                },
                None => nothing,
            }
        }
        LabValue::Number(n) => judge_number(test, *n, unit, sex, age_days, nothing),
    }
}

fn judge_number(
    test: &LabTest,
    value: f64,
    unit: Option<&str>,
    sex: Option<SexAtBirth>,
    age_days: Option<i64>,
    nothing: Judged,
) -> Judged {
    let (Some(canonical_unit), true) = (&test.canonical_unit, value.is_finite()) else {
        return nothing;
    };
    let Some(u) = unit_of(test, unit) else {
        return nothing;
    };
    let canonical = value * u.to_canonical + u.offset;
    let back = |x: f64| (x - u.offset) / u.to_canonical;
    let (ref_low, ref_high, flag) = match range_for(test, sex, age_days) {
        Some(r) => (r.low.map(back), r.high.map(back), flag_number(canonical, r)),
        None => (None, None, LabFlag::None),
    };
    Judged {
        canonical_value: Some(canonical),
        canonical_unit: Some(canonical_unit.clone()),
        ref_low,
        ref_high,
        flag,
    }
}

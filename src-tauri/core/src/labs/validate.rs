//! Manual entry checked and judged: every row's test, value and unit, the collection time,
//! the responsible physician; physiologically impossible values refused with the row's field
//! (`results.2.value`); flags computed by the catalogue; the eGFR added from a creatinine.

use super::catalogue::{self, LabTest, CREATININE_LOINC, EGFR_LOINC};
use super::egfr::ckd_epi_2021;
use super::report::{LabReportDraft, LabResultDraft, COMPUTED_EGFR};
use super::{LabValue, NewLabResult, ResultStatus};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{LabReportId, LabResultId};
use crate::patient::SexAtBirth;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// How far ahead of the clock a collection time may be (workstation clocks drift).
const FUTURE_SLACK_MINUTES: i64 = 5;
const MAX_TEXT: usize = 200;
const MAX_COMMENT: usize = 2000;

/// Who the values are judged for: sex at birth and date of birth.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Patient {
    pub born: NaiveDate,
    pub sex: Option<SexAtBirth>,
}

impl Patient {
    pub fn age_days(&self, on: NaiveDate) -> i64 {
        (on - self.born).num_days()
    }

    pub fn age_years(&self, on: NaiveDate) -> i64 {
        let mut years = i64::from(on.year() - self.born.year());
        if (on.month(), on.day()) < (self.born.month(), self.born.day()) {
            years -= 1;
        }
        years
    }
}

/// An id derived from another (a report's results from the report's id), so one call that
/// writes many rows stays deterministic.
pub(crate) fn derived(id: u128, salt: u128) -> u128 {
    id ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835)
}

/// The result id of row `index` of report `report`.
pub(crate) fn result_id(report: LabReportId, index: usize) -> LabResultId {
    LabResultId::from_u128(derived(report.as_u128(), index as u128 + 1))
}

/// The computed eGFR's id in report `report`.
pub(crate) fn egfr_id(report: LabReportId) -> LabResultId {
    LabResultId::from_u128(derived(report.as_u128(), 0xE6F8))
}

/// A collection time typed in the practice's zone (`YYYY-MM-DDTHH:MM`, seconds allowed).
pub(crate) fn collected_at(
    text: &str,
    tz: Tz,
    now: DateTime<Utc>,
    born: NaiveDate,
) -> CoreResult<DateTime<Utc>> {
    let t = text.trim();
    let local = NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M"))
        .map_err(|_| CoreError::invalid("collectedAt", "Enter the date and time collected"))?;
    // A time skipped by a clock change is taken as the instant after the gap.
    let at = tz
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .ok_or_else(|| CoreError::invalid("collectedAt", "That time does not exist here"))?
        .with_timezone(&Utc);
    if at > now + chrono::Duration::minutes(FUTURE_SLACK_MINUTES) {
        return Err(CoreError::invalid(
            "collectedAt",
            "Collected in the future?",
        ));
    }
    if local.date() < born {
        return Err(CoreError::invalid(
            "collectedAt",
            "Collected before the patient was born",
        ));
    }
    Ok(at)
}

fn format_limit(test: &LabTest, v: f64) -> String {
    format!("{v:.*}", usize::from(test.decimals))
}

/// One row judged: the value parsed in its unit, impossible ones refused.
fn row(
    i: usize,
    draft: &LabResultDraft,
    test: &LabTest,
    patient: Patient,
    on: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<NewLabResult> {
    let field = |name: &str| format!("results.{i}.{name}");
    let typed = draft.value.trim();
    let comment = draft.comment.trim();
    if comment.chars().count() > MAX_COMMENT {
        errors.push(FieldError::new(
            field("comment"),
            "Keep the comment under 2,000 characters",
        ));
    }
    let unit = draft
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let value = if test.canonical_unit.is_some() {
        match typed.replace(',', ".").parse::<f64>() {
            Ok(n) if n.is_finite() => LabValue::Number(n),
            _ if typed.starts_with('<') || typed.starts_with('>') => {
                LabValue::Text(typed.to_string())
            }
            _ => {
                errors.push(FieldError::new(field("value"), "Enter a number"));
                return None;
            }
        }
    } else {
        if typed.chars().count() > MAX_TEXT {
            errors.push(FieldError::new(
                field("value"),
                "Keep the answer under 200 characters",
            ));
            return None;
        }
        LabValue::Text(typed.to_string())
    };
    let unit_row = if test.canonical_unit.is_some() {
        match catalogue::unit_of(test, unit) {
            Some(u) => Some(u),
            None => {
                let known: Vec<&str> = test.units.iter().map(|u| u.unit.as_str()).collect();
                errors.push(FieldError::new(
                    field("unit"),
                    format!("Choose one of {}", known.join(", ")),
                ));
                return None;
            }
        }
    } else {
        None
    };
    if let (LabValue::Number(n), Some(u)) = (&value, unit_row) {
        let canonical = n * u.to_canonical + u.offset;
        let (lo, hi) = (test.plausible_low, test.plausible_high);
        if lo.is_some_and(|lo| canonical < lo) || hi.is_some_and(|hi| canonical > hi) {
            let back = |x: f64| (x - u.offset) / u.to_canonical;
            errors.push(FieldError::new(
                field("value"),
                format!(
                    "{typed} {} is not a possible {} (possible: {}–{} {})",
                    u.unit,
                    test.short_name,
                    lo.map_or_else(String::new, |x| format_limit(test, back(x))),
                    hi.map_or_else(String::new, |x| format_limit(test, back(x))),
                    u.unit
                ),
            ));
            return None;
        }
    }
    let judged = catalogue::judge(
        test,
        &value,
        unit_row.map(|u| u.unit.as_str()),
        patient.sex,
        Some(patient.age_days(on)),
    );
    Some(NewLabResult {
        id: LabResultId::from_u128(0),
        loinc: test.loinc.clone(),
        name: test.name.clone(),
        value,
        unit: unit_row.map(|u| u.unit.clone()),
        canonical_value: judged.canonical_value,
        canonical_unit: judged.canonical_unit,
        ref_low: judged.ref_low,
        ref_high: judged.ref_high,
        ref_text: None,
        flag: judged.flag,
        lab_flag: None,
        status: ResultStatus::Final,
        comment: (!comment.is_empty()).then(|| comment.to_string()),
        supersedes: None,
    })
}

/// The draft's rows judged for `patient` on the (practice-zone) day collected, each with its
/// id derived from `report`; all field errors at once.
pub(crate) fn results(
    draft: &LabReportDraft,
    report: LabReportId,
    patient: Patient,
    on: NaiveDate,
) -> CoreResult<Vec<NewLabResult>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, d) in draft.results.iter().enumerate() {
        if d.value.trim().is_empty() {
            continue;
        }
        let Some(test) = catalogue::test(&d.loinc) else {
            errors.push(FieldError::new(
                format!("results.{i}.loinc"),
                "Choose a test from the catalogue",
            ));
            continue;
        };
        if seen.contains(&test.loinc.as_str()) {
            errors.push(FieldError::new(
                format!("results.{i}.loinc"),
                format!("{} is already in this report", test.short_name),
            ));
            continue;
        }
        seen.push(&test.loinc);
        if let Some(mut r) = row(i, d, test, patient, on, &mut errors) {
            r.id = result_id(report, i);
            out.push(r);
        }
    }
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    if out.is_empty() {
        return Err(CoreError::invalid("results", "Enter at least one value"));
    }
    Ok(out)
}

/// The eGFR computed from a creatinine result for an adult with a known sex (CKD-EPI 2021),
/// as a result of the same report; none when the equation does not apply.
pub(crate) fn computed_egfr(
    creatinine: &NewLabResult,
    id: LabResultId,
    patient: Patient,
    on: NaiveDate,
) -> Option<NewLabResult> {
    if creatinine.loinc != CREATININE_LOINC {
        return None;
    }
    let scr = creatinine.canonical_value?;
    let sex = patient.sex?;
    let age = u32::try_from(patient.age_years(on)).ok()?;
    let egfr = ckd_epi_2021(scr, age, sex)?.round();
    let test = catalogue::test(EGFR_LOINC)?;
    let value = LabValue::Number(egfr);
    let judged = catalogue::judge(test, &value, None, Some(sex), Some(patient.age_days(on)));
    Some(NewLabResult {
        id,
        loinc: test.loinc.clone(),
        name: test.name.clone(),
        value,
        unit: test.canonical_unit.clone(),
        canonical_value: judged.canonical_value,
        canonical_unit: judged.canonical_unit,
        ref_low: judged.ref_low,
        ref_high: judged.ref_high,
        ref_text: None,
        flag: judged.flag,
        lab_flag: None,
        status: creatinine.status,
        comment: Some(format!(
            "{COMPUTED_EGFR} from creatinine {scr:.2} mg/dL, age {age}, {}",
            sex.as_str()
        )),
        supersedes: None,
    })
}

/// A free-text field trimmed and bounded (none when empty).
pub(crate) fn note(text: &str, field: &str, max: usize) -> CoreResult<Option<String>> {
    let t = text.trim();
    if t.chars().count() > max {
        return Err(CoreError::invalid(
            field,
            format!("Keep it under {max} characters"),
        ));
    }
    Ok((!t.is_empty()).then(|| t.to_string()))
}

/// A corrected value judged like a row of manual entry.
pub(crate) fn correction(
    test: &LabTest,
    value: &str,
    unit: Option<&str>,
    patient: Patient,
    on: NaiveDate,
) -> CoreResult<NewLabResult> {
    let draft = LabResultDraft {
        loinc: test.loinc.clone(),
        value: value.to_string(),
        unit: unit.map(str::to_string),
        comment: String::new(),
    };
    if value.trim().is_empty() {
        return Err(CoreError::invalid("value", "Enter the right value"));
    }
    let mut errors = Vec::new();
    let r = row(0, &draft, test, patient, on, &mut errors);
    if !errors.is_empty() {
        // The form has one row: its fields are `value` and `unit`.
        return Err(CoreError::Invalid(
            errors
                .into_iter()
                .map(|e| {
                    FieldError::new(
                        e.field.trim_start_matches("results.0.").to_string(),
                        e.message,
                    )
                })
                .collect(),
        ));
    }
    r.ok_or_else(|| CoreError::invalid("value", "Enter the right value"))
}

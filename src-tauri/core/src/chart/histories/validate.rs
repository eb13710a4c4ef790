//! Checking history forms: ranges, dates not in the future, the fixed list of relatives.

use super::{FamilyHistoryDraft, SocialHistoryDraft, SocialKind, SurgicalHistoryDraft};
use crate::chart::common::partial_date;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::icd10;
use chrono::NaiveDate;

/// The relatives family history names, as stored.
pub const RELATIVES: [&str; 15] = [
    "mother",
    "father",
    "sister",
    "brother",
    "daughter",
    "son",
    "maternal_grandmother",
    "maternal_grandfather",
    "paternal_grandmother",
    "paternal_grandfather",
    "aunt",
    "uncle",
    "cousin",
    "half_sibling",
    "other",
];

/// Packs per day × years, to one decimal.
pub fn pack_years(packs_per_day: f64, years: f64) -> f64 {
    (packs_per_day * years * 10.0).round() / 10.0
}

pub(crate) struct ValidSocial {
    pub status: String,
    pub detail: String,
    pub packs_per_day: Option<f64>,
    pub years: Option<f64>,
    pub pack_years: Option<f64>,
    pub quit_date: Option<String>,
    pub drinks_per_week: Option<f64>,
    pub audit_c: Option<u8>,
    pub as_of: String,
}

pub(crate) struct ValidFamily {
    pub relative: String,
    pub condition: String,
    pub code: Option<String>,
    pub onset_age: Option<u8>,
    pub comment: String,
}

pub(crate) struct ValidSurgical {
    pub procedure: String,
    pub performed_on: Option<String>,
    pub comment: String,
}

struct Errors(Vec<FieldError>);

impl Errors {
    fn add(&mut self, field: &str, message: &str) {
        self.0.push(FieldError::new(field, message));
    }

    fn take<T>(&mut self, r: CoreResult<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.extend(e.field_errors().iter().cloned());
                None
            }
        }
    }

    /// A number typed in `field`, within `min..=max`; empty is none.
    fn number(&mut self, text: &str, field: &str, min: f64, max: f64, unit: &str) -> Option<f64> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        match t.replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() && (min..=max).contains(&v) => Some(v),
            Ok(_) => {
                self.add(field, &format!("Use {min}–{max} {unit}"));
                None
            }
            Err(_) => {
                self.add(field, &format!("Type a number ({min}–{max} {unit})"));
                None
            }
        }
    }

    fn text(&mut self, text: &str, field: &str, max: usize, required: Option<&str>) -> String {
        let t = text.trim();
        if let Some(what) = required {
            if t.is_empty() {
                self.add(field, what);
            }
        }
        if t.chars().count() > max {
            self.add(field, &format!("Keep this under {max} characters"));
        }
        t.to_string()
    }

    fn done<T>(self, value: T) -> CoreResult<T> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(CoreError::Invalid(self.0))
        }
    }
}

pub(crate) fn social(
    kind: SocialKind,
    d: &SocialHistoryDraft,
    today: NaiveDate,
) -> CoreResult<ValidSocial> {
    let mut e = Errors(Vec::new());
    let status = d.status.trim().to_string();
    if !kind.statuses().contains(&status.as_str()) {
        e.add("status", "Pick one of the listed answers");
    }
    let detail = e.text(&d.detail, "detail", 1000, None);
    if kind == SocialKind::Occupation && detail.is_empty() && status == "employed" {
        e.add("detail", "Say what the patient does");
    }
    let smoking = kind == SocialKind::Smoking;
    let (mut packs, mut years, mut quit) = (None, None, None);
    if smoking {
        packs = e.number(&d.packs_per_day, "packsPerDay", 0.0, 10.0, "packs a day");
        years = e.number(&d.years, "years", 0.0, 100.0, "years");
        quit = e
            .take(partial_date(&d.quit_date, "quitDate", today))
            .flatten();
        if status == "never" && (packs.is_some() || years.is_some()) {
            e.add(
                "status",
                "A never-smoker has no packs or years; pick another status or clear them",
            );
        }
        if quit.is_some() && status != "former" {
            e.add("quitDate", "Only a former smoker has a quit date");
        }
    } else {
        for (text, field) in [
            (&d.packs_per_day, "packsPerDay"),
            (&d.years, "years"),
            (&d.quit_date, "quitDate"),
        ] {
            if !text.trim().is_empty() {
                e.add(field, "Only smoking history has this");
            }
        }
    }
    let (mut drinks, mut audit_c) = (None, None);
    if kind == SocialKind::Alcohol {
        drinks = e.number(
            &d.drinks_per_week,
            "drinksPerWeek",
            0.0,
            200.0,
            "drinks a week",
        );
        audit_c = e
            .number(&d.audit_c, "auditC", 0.0, 12.0, "points")
            .and_then(|v| {
                if v.fract() == 0.0 {
                    Some(v as u8)
                } else {
                    e.add("auditC", "AUDIT-C is a whole number, 0–12");
                    None
                }
            });
        if status == "none" && drinks.is_some_and(|d| d > 0.0) {
            e.add(
                "drinksPerWeek",
                "A patient who does not drink has no drinks a week",
            );
        }
    } else {
        for (text, field) in [
            (&d.drinks_per_week, "drinksPerWeek"),
            (&d.audit_c, "auditC"),
        ] {
            if !text.trim().is_empty() {
                e.add(field, "Only alcohol history has this");
            }
        }
    }
    let as_of = e
        .take(partial_date(&d.as_of, "asOf", today))
        .map(|d| d.unwrap_or_else(|| today.format("%Y-%m-%d").to_string()));
    let pack_years = match (packs, years) {
        (Some(p), Some(y)) => Some(pack_years(p, y)),
        _ => None,
    };
    e.done(ValidSocial {
        status,
        detail,
        packs_per_day: packs,
        years,
        pack_years,
        quit_date: quit,
        drinks_per_week: drinks,
        audit_c,
        as_of: as_of.unwrap_or_default(),
    })
}

pub(crate) fn family(d: &FamilyHistoryDraft) -> CoreResult<ValidFamily> {
    let mut e = Errors(Vec::new());
    let relative = d.relative.trim().to_string();
    if !RELATIVES.contains(&relative.as_str()) {
        e.add("relative", "Pick the relative from the list");
    }
    let code = d.code.trim().to_uppercase();
    let mut condition = e.text(&d.condition, "condition", 300, None);
    let code = if code.is_empty() {
        None
    } else {
        match icd10::search(&code, 1) {
            Ok(hits) if hits.first().is_some_and(|h| h.code == code) => {
                if condition.is_empty() {
                    condition = hits[0].description.clone();
                }
                Some(code)
            }
            _ => {
                e.add(
                    "code",
                    "Not a billable ICD-10-CM code; pick one from the list",
                );
                None
            }
        }
    };
    if condition.is_empty() && d.code.trim().is_empty() {
        e.add("condition", "Name the condition");
    }
    let onset_age = e
        .number(&d.onset_age, "onsetAge", 0.0, 130.0, "years of age")
        .and_then(|v| {
            if v.fract() == 0.0 {
                Some(v as u8)
            } else {
                e.add("onsetAge", "Age at onset in whole years");
                None
            }
        });
    let comment = e.text(&d.comment, "comment", 1000, None);
    e.done(ValidFamily {
        relative,
        condition,
        code,
        onset_age,
        comment,
    })
}

pub(crate) fn surgical(d: &SurgicalHistoryDraft, today: NaiveDate) -> CoreResult<ValidSurgical> {
    let mut e = Errors(Vec::new());
    let procedure = e.text(&d.procedure, "procedure", 300, Some("Name the procedure"));
    let performed_on = e
        .take(partial_date(&d.performed_on, "performedOn", today))
        .flatten();
    let comment = e.text(&d.comment, "comment", 1000, None);
    e.done(ValidSurgical {
        procedure,
        performed_on,
        comment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_years_are_packs_a_day_times_years_to_one_decimal() {
        assert_eq!(pack_years(1.5, 20.0), 30.0);
        assert_eq!(pack_years(0.33, 10.0), 3.3);
    }
}

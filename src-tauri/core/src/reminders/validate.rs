//! Checks of the decision and procedure forms: field errors by the drafts' camelCase names,
//! all at once, before anything is written.

use super::rules::{self, ScreeningProcedureKind};
use super::{DecisionKind, ProcedurePlace, ReminderDecisionDraft, ScreeningProcedureDraft};
use crate::chart::common::reason;
use crate::dates::parse_typed_date;
use crate::error::{CoreError, CoreResult, FieldError};
use chrono::{Datelike, NaiveDate};

/// A decision ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValidDecision {
    pub rule: String,
    pub kind: DecisionKind,
    pub done_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub reason: Option<String>,
}

/// A procedure ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValidProcedure {
    pub procedure: ScreeningProcedureKind,
    pub performed_on: NaiveDate,
    pub place: ProcedurePlace,
    pub facility: Option<String>,
    pub score: Option<u8>,
    pub result_note: String,
}

fn past_date(
    text: &str,
    field: &str,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        errors.push(FieldError::new(field, "Give the date it was done"));
        return None;
    }
    match parse_typed_date(text) {
        None => {
            errors.push(FieldError::new(
                field,
                "Use a date like 2024-03-02 or 03/02/2024",
            ));
            None
        }
        Some(d) if d > today => {
            errors.push(FieldError::new(field, "This date is in the future"));
            None
        }
        Some(d) if d.year() < 1900 => {
            errors.push(FieldError::new(field, "This date is too long ago"));
            None
        }
        Some(d) => Some(d),
    }
}

fn short(text: &str, field: &str, max: usize, errors: &mut Vec<FieldError>) -> Option<String> {
    let t = text.trim();
    if t.chars().count() > max {
        errors.push(FieldError::new(
            field,
            format!("Keep this under {max} characters"),
        ));
    }
    (!t.is_empty()).then(|| t.to_string())
}

fn finish<T>(errors: Vec<FieldError>, value: Option<T>) -> CoreResult<T> {
    match value {
        Some(v) if errors.is_empty() => Ok(v),
        _ => Err(CoreError::Invalid(errors)),
    }
}

pub(crate) fn decision(d: &ReminderDecisionDraft, today: NaiveDate) -> CoreResult<ValidDecision> {
    let mut errors = Vec::new();
    let rule = match rules::rule(d.rule.trim()) {
        Ok(r) => Some(r.id.clone()),
        Err(CoreError::Invalid(mut e)) => {
            errors.append(&mut e);
            None
        }
        Err(e) => return Err(e),
    };
    let Some(kind) = d.kind else {
        errors.push(FieldError::new(
            "kind",
            "Choose done elsewhere, declined or not applicable",
        ));
        return Err(CoreError::Invalid(errors));
    };
    let (done_on, place, why) = match kind {
        DecisionKind::DoneElsewhere => (
            past_date(&d.done_on, "doneOn", today, &mut errors),
            short(&d.place, "place", 200, &mut errors),
            None,
        ),
        DecisionKind::Declined | DecisionKind::NotApplicable => {
            let why = match reason(&d.reason, "reason") {
                Ok(r) => Some(r),
                Err(CoreError::Invalid(mut e)) => {
                    errors.append(&mut e);
                    None
                }
                Err(e) => return Err(e),
            };
            (None, None, why)
        }
    };
    let valid = rule.map(|rule| ValidDecision {
        rule,
        kind,
        done_on,
        place,
        reason: why,
    });
    finish(errors, valid)
}

pub(crate) fn procedure(
    d: &ScreeningProcedureDraft,
    today: NaiveDate,
) -> CoreResult<ValidProcedure> {
    let mut errors = Vec::new();
    if d.procedure.is_none() {
        errors.push(FieldError::new("procedure", "Choose the procedure"));
    }
    let performed_on = past_date(&d.performed_on, "performedOn", today, &mut errors);
    let facility = short(&d.facility, "facility", 200, &mut errors);
    let note = short(&d.result_note, "resultNote", 2000, &mut errors).unwrap_or_default();
    let score = match (d.procedure, d.score.trim()) {
        (Some(ScreeningProcedureKind::Phq9), "") => {
            errors.push(FieldError::new("score", "Give the PHQ-9 total (0–27)"));
            None
        }
        (Some(ScreeningProcedureKind::Phq9), s) => match s.parse::<u8>() {
            Ok(n) if n <= 27 => Some(n),
            _ => {
                errors.push(FieldError::new(
                    "score",
                    "The PHQ-9 total is a whole number from 0 to 27",
                ));
                None
            }
        },
        (_, "") => None,
        (_, _) => {
            errors.push(FieldError::new(
                "score",
                "Only a PHQ-9 takes a score; put results in the note",
            ));
            None
        }
    };
    let valid = match (d.procedure, performed_on) {
        (Some(procedure), Some(performed_on)) => Some(ValidProcedure {
            procedure,
            performed_on,
            place: d.place,
            facility,
            score,
            result_note: note,
        }),
        _ => None,
    };
    finish(errors, valid)
}

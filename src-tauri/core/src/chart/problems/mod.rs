//! The problem list: active, inactive and resolved problems, coded in ICD-10-CM or free
//! text, with onset and resolution dates, the visits that addressed them and the history of
//! every change. Types and validation here; the operations in `ops`.

mod ops;

use super::common::{partial_date, ErrorMark};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::icd10;
use crate::ids::{PatientId, ProblemId, UserId, VisitId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ProblemStatus {
    Active,
    Inactive,
    Resolved,
}

impl ProblemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemStatus::Active => "active",
            ProblemStatus::Inactive => "inactive",
            ProblemStatus::Resolved => "resolved",
        }
    }

    pub fn parse(text: &str) -> Option<ProblemStatus> {
        [
            ProblemStatus::Active,
            ProblemStatus::Inactive,
            ProblemStatus::Resolved,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// The problem form as typed. `code` empty or None is a free-text ("uncoded") problem; with
/// a code an empty description takes the code's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProblemDraft {
    pub code: Option<String>,
    pub description: String,
    pub status: ProblemStatus,
    /// Partial date: "2019", "2019-04" or "2019-04-12"; empty when unknown.
    pub onset: String,
    /// Partial date, only with status resolved.
    pub resolved: String,
    pub comment: String,
}

/// A visit that addressed a problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProblemVisit {
    pub visit_id: VisitId,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    pub reason: String,
}

/// One problem as it stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub id: ProblemId,
    pub patient_id: PatientId,
    /// None for a free-text problem.
    pub code: Option<String>,
    pub description: String,
    /// The code's chapter › block; empty when uncoded.
    pub path: String,
    pub status: ProblemStatus,
    pub onset: Option<String>,
    pub resolved: Option<String>,
    pub comment: String,
    pub version: u32,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    pub created_by_name: String,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
    pub entered_in_error: Option<ErrorMark>,
    /// Latest first.
    pub visits: Vec<ProblemVisit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ProblemChange {
    Created,
    Updated,
    EnteredInError,
}

impl ProblemChange {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemChange::Created => "created",
            ProblemChange::Updated => "updated",
            ProblemChange::EnteredInError => "entered_in_error",
        }
    }

    pub fn parse(text: &str) -> Option<ProblemChange> {
        [
            ProblemChange::Created,
            ProblemChange::Updated,
            ProblemChange::EnteredInError,
        ]
        .into_iter()
        .find(|c| c.as_str() == text)
    }
}

/// One version of a problem: what it said, who wrote it when, and which fields changed from
/// the version before (in form field names: code, description, status, onset, resolved,
/// comment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProblemVersion {
    pub version: u32,
    pub change: ProblemChange,
    pub code: Option<String>,
    pub description: String,
    pub status: ProblemStatus,
    pub onset: Option<String>,
    pub resolved: Option<String>,
    pub comment: String,
    #[ts(type = "string")]
    pub changed_at: DateTime<Utc>,
    pub changed_by: UserId,
    pub changed_by_name: String,
    /// The entered-in-error reason.
    pub reason: Option<String>,
    pub changed: Vec<String>,
}

/// What "add to problem list" did with a visit diagnosis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ProblemLink {
    /// A new active problem with the diagnosis's code, linked to its visit.
    Added,
    /// An active problem with that code was there: the visit was linked to it.
    Linked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProblemFromDiagnosis {
    pub outcome: ProblemLink,
    pub problem: Problem,
}

/// A problem that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValidProblem {
    pub code: Option<String>,
    pub description: String,
    pub status: ProblemStatus,
    pub onset: Option<String>,
    pub resolved: Option<String>,
    pub comment: String,
}

const MAX_DESCRIPTION: usize = 300;
const MAX_COMMENT: usize = 2000;

/// Checks every field of the form and answers with all that are wrong at once.
pub(crate) fn validate(draft: &ProblemDraft, today: NaiveDate) -> CoreResult<ValidProblem> {
    let mut errors = Vec::new();
    let typed_code = draft.code.as_deref().map(str::trim).unwrap_or_default();
    let coded = if typed_code.is_empty() {
        None
    } else {
        match icd10::lookup(typed_code)? {
            Some(info) => Some(info),
            None => {
                errors.push(FieldError::new(
                    "code",
                    "Choose a billable ICD-10-CM code, or clear the code for a free-text problem",
                ));
                None
            }
        }
    };
    let typed = draft.description.trim();
    let description = match (typed.is_empty(), &coded) {
        (true, Some(info)) => info.description.to_string(),
        _ => typed.to_string(),
    };
    if description.is_empty() && typed_code.is_empty() {
        errors.push(FieldError::new(
            "description",
            "Describe the problem, or choose a code",
        ));
    } else if description.chars().count() > MAX_DESCRIPTION {
        errors.push(FieldError::new(
            "description",
            format!("Keep the description under {MAX_DESCRIPTION} characters"),
        ));
    }
    let mut dated = |text: &str, field: &str| match partial_date(text, field, today) {
        Ok(d) => d,
        Err(e) => {
            errors.extend(e.field_errors().iter().cloned());
            None
        }
    };
    let onset = dated(&draft.onset, "onset");
    let resolved = dated(&draft.resolved, "resolved");
    if resolved.is_some() && draft.status != ProblemStatus::Resolved {
        errors.push(FieldError::new(
            "resolved",
            "A resolved date goes with the status Resolved; clear it or change the status",
        ));
    }
    if let (Some(o), Some(r)) = (&onset, &resolved) {
        if before(r, o) {
            errors.push(FieldError::new(
                "resolved",
                "The problem cannot be resolved before its onset",
            ));
        }
    }
    let comment = draft.comment.trim().to_string();
    if comment.chars().count() > MAX_COMMENT {
        errors.push(FieldError::new(
            "comment",
            format!("Keep the comment under {MAX_COMMENT} characters"),
        ));
    }
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    Ok(ValidProblem {
        code: coded.map(|c| c.code.to_string()),
        description,
        status: draft.status,
        onset,
        resolved,
        comment,
    })
}

/// Whether partial date `a` lies before `b` at the precision both have ("2019" is not
/// before "2019-04": the problem may have resolved later that year).
fn before(a: &str, b: &str) -> bool {
    let n = a.len().min(b.len());
    a.get(..n) < b.get(..n)
}

/// The fields that differ between two versions, in form field names.
pub(crate) fn changed_fields(old: &ProblemVersion, new: &ProblemVersion) -> Vec<String> {
    let mut changed = Vec::new();
    let mut check = |same: bool, field: &str| {
        if !same {
            changed.push(field.to_string());
        }
    };
    check(old.code == new.code, "code");
    check(old.description == new.description, "description");
    check(old.status == new.status, "status");
    check(old.onset == new.onset, "onset");
    check(old.resolved == new.resolved, "resolved");
    check(old.comment == new.comment, "comment");
    changed
}

#[cfg(test)]
mod tests {
    use super::before;

    #[test]
    fn partial_dates_compare_at_the_precision_both_have() {
        assert!(before("2018", "2019-04"));
        assert!(before("2019-03-31", "2019-04"));
        assert!(!before("2019", "2019-04"));
        assert!(!before("2019-04", "2019-04-20"));
        assert!(!before("2020-01-01", "2019-12-31"));
    }
}

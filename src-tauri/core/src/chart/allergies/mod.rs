//! Allergies and intolerances coded against the allergen catalogue, and "no known drug
//! allergies" as a statement someone made.
//!
//! An allergy row is its current state; every version (created, updated, entered in error) is
//! kept in `allergy_history` as a JSON snapshot, so nothing recorded is ever lost. "Not asked"
//! (nothing recorded), "no known (drug) allergies" (a statement, kept with who made it) and
//! active allergies are three different answers, and the banner never confuses them.

mod ops;

use crate::allergens::{self, AllergenCategory};
use crate::chart::common::{partial_date, ErrorMark};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{AllergyId, AllergyStatementId, PatientId, UserId};
use crate::text::fold;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the banner's allergy badge says. "Not asked" (nothing recorded) is never shown as
/// if it were "no known allergies".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum AllergyState {
    /// No allergy and no statement recorded: nobody has asked yet.
    NotAsked,
    /// The latest statement (not withdrawn) and no active allergy.
    #[serde(rename_all = "camelCase")]
    NoKnownAllergies { drugs_only: bool },
    /// Active allergies or intolerances (not entered in error).
    #[serde(rename_all = "camelCase")]
    Allergies { active: u32, high_criticality: u32 },
}

/// The banner's badge: the state and, with allergies, the active substances with their
/// reactions (high criticality first), so it reads "Penicillins (anaphylaxis), Peanut".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AllergyBadge {
    pub state: AllergyState,
    pub substances: Vec<BadgeSubstance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BadgeSubstance {
    pub substance: String,
    pub reaction: String,
    pub high_criticality: bool,
}

macro_rules! stored_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "camelCase")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// As stored.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }
    };
}

stored_enum!(
    /// An allergy (immune) or an intolerance (a non-immune adverse reaction).
    AllergyKind { Allergy = "allergy", Intolerance = "intolerance" }
);
stored_enum!(Severity { Mild = "mild", Moderate = "moderate", Severe = "severe" });
stored_enum!(
    /// The risk of a future reaction (FHIR AllergyIntolerance.criticality).
    Criticality { Low = "low", High = "high", UnableToAssess = "unable_to_assess" }
);
stored_enum!(AllergyStatus { Active = "active", Inactive = "inactive", Resolved = "resolved" });

/// The allergy form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AllergyDraft {
    /// A catalogue code (`drug:amoxicillin`); none for free text, recorded as uncoded.
    pub substance_code: Option<String>,
    /// The substance as typed; replaced by the catalogue name when coded.
    pub substance: String,
    pub kind: AllergyKind,
    pub reaction: String,
    pub severity: Option<Severity>,
    pub criticality: Criticality,
    pub status: AllergyStatus,
    /// A partial date: `2019`, `2019-04` or `2019-04-12`; empty when unknown.
    pub onset: String,
    pub comment: String,
}

/// One version of an allergy's fields, as kept in its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AllergySnapshot {
    pub substance_code: Option<String>,
    pub substance: String,
    pub category: AllergenCategory,
    pub kind: AllergyKind,
    pub reaction: String,
    pub severity: Option<Severity>,
    pub criticality: Criticality,
    pub status: AllergyStatus,
    pub onset: Option<String>,
    pub comment: String,
}

impl AllergySnapshot {
    pub fn coded(&self) -> bool {
        self.substance_code.is_some()
    }
}

/// A recorded allergy with who recorded and last changed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Allergy {
    pub id: AllergyId,
    pub patient_id: PatientId,
    #[serde(flatten)]
    pub fields: AllergySnapshot,
    /// The catalogue's classes of a coded drug, by name, nearest first.
    pub classes: Vec<String>,
    pub version: u32,
    #[ts(type = "string")]
    pub recorded_at: DateTime<Utc>,
    pub recorded_by_name: String,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
    pub entered_in_error: Option<ErrorMark>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AllergyChange {
    Created,
    Updated,
    EnteredInError,
}

impl AllergyChange {
    pub fn as_str(self) -> &'static str {
        match self {
            AllergyChange::Created => "created",
            AllergyChange::Updated => "updated",
            AllergyChange::EnteredInError => "entered_in_error",
        }
    }

    pub fn parse(text: &str) -> Option<AllergyChange> {
        [
            AllergyChange::Created,
            AllergyChange::Updated,
            AllergyChange::EnteredInError,
        ]
        .into_iter()
        .find(|c| c.as_str() == text)
    }
}

/// One kept version of an allergy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AllergyVersion {
    pub version: u32,
    pub change: AllergyChange,
    pub snapshot: AllergySnapshot,
    #[ts(type = "string")]
    pub changed_at: DateTime<Utc>,
    pub changed_by: UserId,
    pub changed_by_name: String,
    pub reason: Option<String>,
}

/// A "no known (drug) allergies" statement; withdrawn when an allergy of its scope is recorded
/// or a newer statement replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AllergyStatement {
    pub id: AllergyStatementId,
    pub drugs_only: bool,
    #[ts(type = "string")]
    pub recorded_at: DateTime<Utc>,
    pub recorded_by_name: String,
    #[ts(type = "string | null")]
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_by_name: Option<String>,
}

/// A patient's allergies, grouped as the list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AllergyList {
    pub state: AllergyState,
    pub active: Vec<Allergy>,
    /// Inactive and resolved.
    pub inactive: Vec<Allergy>,
    pub entered_in_error: Vec<Allergy>,
    /// Every statement, newest first.
    pub statements: Vec<AllergyStatement>,
}

const MAX_SUBSTANCE: usize = 200;
const MAX_REACTION: usize = 500;
const MAX_COMMENT: usize = 2000;

/// Checks a draft; a coded substance takes its name and category from the catalogue.
pub(crate) fn validate(draft: &AllergyDraft, today: NaiveDate) -> CoreResult<AllergySnapshot> {
    let mut errors = Vec::new();
    let code = draft
        .substance_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let (substance_code, substance, category) = match code {
        Some(code) => match allergens::get(code) {
            Some(a) => (Some(a.code.to_string()), a.name.to_string(), a.category),
            None => {
                errors.push(FieldError::new(
                    "substanceCode",
                    "This substance is not in the catalogue; pick one from the list or type it as free text",
                ));
                (None, String::new(), AllergenCategory::Other)
            }
        },
        None => {
            let text = draft.substance.trim();
            if text.is_empty() {
                errors.push(FieldError::new(
                    "substance",
                    "Name the substance: pick it from the list, or type it (recorded as uncoded)",
                ));
            } else if text.chars().count() > MAX_SUBSTANCE {
                errors.push(FieldError::new(
                    "substance",
                    "Keep the substance under 200 characters",
                ));
            }
            (None, text.to_string(), AllergenCategory::Other)
        }
    };
    let reaction = draft.reaction.trim().to_string();
    if reaction.chars().count() > MAX_REACTION {
        errors.push(FieldError::new(
            "reaction",
            "Keep the reaction under 500 characters",
        ));
    }
    let comment = draft.comment.trim().to_string();
    if comment.chars().count() > MAX_COMMENT {
        errors.push(FieldError::new(
            "comment",
            "Keep the comment under 2,000 characters",
        ));
    }
    let onset = match partial_date(&draft.onset, "onset", today) {
        Ok(o) => o,
        Err(e) => {
            errors.extend(e.field_errors().iter().cloned());
            None
        }
    };
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    Ok(AllergySnapshot {
        substance_code,
        substance,
        category,
        kind: draft.kind,
        reaction,
        severity: draft.severity,
        criticality: draft.criticality,
        status: draft.status,
        onset,
        comment,
    })
}

/// The key two active allergies to the same substance share: the code, or the folded text.
pub(crate) fn substance_key(s: &AllergySnapshot) -> String {
    match &s.substance_code {
        Some(code) => code.clone(),
        None => format!("text:{}", fold(&s.substance)),
    }
}

//! Smart phrases: `.abbrev` expansions of the practice and of each user (a user's own phrase
//! wins over the practice's of the same abbreviation), and the built-ins that pull chart data
//! in (`.vitals`, `.allergies`, `.problems`, `.age`; see [`builtin`]).

pub mod builtin;
#[cfg(test)]
mod chart_tests;

use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{PatientId, PhraseId, UserId, VisitId};
use crate::permissions::Operation;
use crate::store;
use builtin::BuiltIn;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Most characters after the leading dot of an abbreviation.
pub const ABBREVIATION_MAX: usize = 20;
/// Longest expansion, in characters.
pub const EXPANSION_MAX: usize = 4_000;

/// A phrase as the edit form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhraseDraft {
    pub abbreviation: String,
    pub expansion: String,
    /// The practice's (needs EditTemplates) rather than the user's own (EditClinical).
    pub practice_wide: bool,
}

/// Whose phrase it is, as the user asking sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PhraseOwner {
    Practice,
    Mine,
}

/// A phrase in use (not retired).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SmartPhrase {
    pub id: PhraseId,
    pub abbreviation: String,
    pub expansion: String,
    pub owner: PhraseOwner,
    /// A practice phrase the user's own phrase of the same abbreviation replaces.
    pub shadowed: bool,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// A built-in phrase, filled from the chart when it expands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BuiltinPhrase {
    pub abbreviation: String,
    pub description: String,
}

/// What the note editor loads once: the phrases in use and the built-ins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhraseBook {
    pub phrases: Vec<SmartPhrase>,
    pub built_ins: Vec<BuiltinPhrase>,
}

/// The text an abbreviation expands to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Expansion {
    pub text: String,
}

/// A phrase row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredPhrase {
    pub id: PhraseId,
    pub owner: Option<UserId>,
    pub abbreviation: String,
    pub expansion: String,
    pub retired: bool,
    pub updated_at: DateTime<Utc>,
}

/// An abbreviation as stored: `.` then 2–20 of a–z and 0–9, lower-cased; never a built-in's.
pub fn abbreviation(text: &str) -> CoreResult<String> {
    let t = text.trim().to_lowercase();
    let Some(rest) = t.strip_prefix('.') else {
        return Err(CoreError::invalid(
            "abbreviation",
            "Start the abbreviation with a dot, like .htn",
        ));
    };
    let n = rest.chars().count();
    if !(2..=ABBREVIATION_MAX).contains(&n)
        || !rest
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        return Err(CoreError::invalid(
            "abbreviation",
            format!("After the dot use 2 to {ABBREVIATION_MAX} letters a–z or digits"),
        ));
    }
    if BuiltIn::parse(&t).is_some() {
        return Err(CoreError::invalid(
            "abbreviation",
            format!("{t} is built in (it fills in from the chart); choose another"),
        ));
    }
    Ok(t)
}

fn validate(draft: &PhraseDraft) -> CoreResult<(String, String)> {
    let mut errors = Vec::new();
    let abbrev = match abbreviation(&draft.abbreviation) {
        Ok(a) => Some(a),
        Err(e) => {
            errors.extend(e.field_errors().iter().cloned());
            None
        }
    };
    let expansion = draft.expansion.trim();
    if expansion.is_empty() {
        errors.push(FieldError::new(
            "expansion",
            "Write the text the abbreviation expands to",
        ));
    } else if expansion.chars().count() > EXPANSION_MAX {
        errors.push(FieldError::new(
            "expansion",
            format!("Keep the text under {EXPANSION_MAX} characters"),
        ));
    }
    match abbrev {
        Some(a) if errors.is_empty() => Ok((a, expansion.to_string())),
        _ => Err(CoreError::Invalid(errors)),
    }
}

/// The phrases `me` sees: their own and the practice's, a practice phrase flagged when one of
/// theirs replaces it; by abbreviation, the user's first.
pub(crate) fn seen_by(rows: Vec<StoredPhrase>, me: UserId) -> Vec<SmartPhrase> {
    let mine: std::collections::HashSet<String> = rows
        .iter()
        .filter(|p| p.owner == Some(me))
        .map(|p| p.abbreviation.clone())
        .collect();
    let mut out: Vec<SmartPhrase> = rows
        .into_iter()
        .filter(|p| !p.retired && (p.owner.is_none() || p.owner == Some(me)))
        .map(|p| {
            let owner = if p.owner.is_some() {
                PhraseOwner::Mine
            } else {
                PhraseOwner::Practice
            };
            SmartPhrase {
                id: p.id,
                shadowed: owner == PhraseOwner::Practice && mine.contains(&p.abbreviation),
                abbreviation: p.abbreviation,
                expansion: p.expansion,
                owner,
                updated_at: p.updated_at,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.abbreviation.as_str(), a.owner == PhraseOwner::Practice)
            .cmp(&(b.abbreviation.as_str(), b.owner == PhraseOwner::Practice))
    });
    out
}

impl AsUser<'_> {
    /// Anyone who writes notes or edits the practice's phrases may read them. Phrases hold no
    /// patient data, so the read is checked but not audited.
    fn require_phrase_reader(&mut self, action: &str, now: DateTime<Utc>) -> CoreResult<()> {
        if self.actor.can(Operation::ViewClinical) || self.actor.can(Operation::EditTemplates) {
            return Ok(());
        }
        self.require(Operation::ViewClinical, action, now)
    }

    /// The practice's phrases and the user's own, in use (see [`seen_by`]).
    pub fn smart_phrases(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<SmartPhrase>> {
        self.require_phrase_reader("list_phrases", now)?;
        let me = self.actor.user_id();
        let rows = self.db.read(|c| store::phrases::list_for(c, me))?;
        Ok(seen_by(rows, me))
    }

    /// [`AsUser::smart_phrases`] with the built-ins, as the note editor loads it.
    pub fn phrase_book(&mut self, now: DateTime<Utc>) -> CoreResult<PhraseBook> {
        Ok(PhraseBook {
            phrases: self.smart_phrases(now)?,
            built_ins: builtin::described(),
        })
    }

    /// The permission a phrase needs: the practice's are edited with EditTemplates, one's
    /// own with EditClinical.
    fn require_phrase_editor(&mut self, practice_wide: bool, now: DateTime<Utc>) -> CoreResult<()> {
        let operation = if practice_wide {
            Operation::EditTemplates
        } else {
            Operation::EditClinical
        };
        self.require(operation, "save_phrase", now)
    }

    /// Adds the phrase `id` or saves an edit of it. Someone else's own phrase is not found;
    /// a phrase keeps its owner (to share one of yours, add it to the practice's).
    pub fn save_phrase(
        &mut self,
        id: PhraseId,
        draft: &PhraseDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<SmartPhrase> {
        self.require_phrase_editor(draft.practice_wide, now)?;
        let (abbrev, expansion) = validate(draft)?;
        let me = self.actor.user_id();
        let owner = (!draft.practice_wide).then_some(me);
        let actor = self.actor;
        self.db.write(|tx| {
            let existing = store::phrases::get(tx, id)?;
            if let Some(old) = &existing {
                if old.owner.is_some_and(|o| o != me) {
                    return Err(CoreError::NotFound {
                        entity: "smart phrase",
                        id: id.to_string(),
                    });
                }
                if old.retired {
                    return Err(CoreError::Conflict {
                        entity: "smart phrase",
                    });
                }
                if old.owner != owner {
                    return Err(CoreError::invalid(
                        "practiceWide",
                        "A phrase stays the practice's or yours; add a new one to change that",
                    ));
                }
            }
            if store::phrases::abbreviation_taken(tx, id, owner, &abbrev)? {
                let whose = if owner.is_some() {
                    "You already have"
                } else {
                    "The practice already has"
                };
                return Err(CoreError::invalid(
                    "abbreviation",
                    format!("{whose} a phrase {abbrev}; edit that one"),
                ));
            }
            let change = if existing.is_some() {
                store::phrases::update(tx, id, &abbrev, &expansion, me, now)?;
                "edited"
            } else {
                store::phrases::insert(tx, id, owner, &abbrev, &expansion, me, now)?;
                "added"
            };
            let whose = if owner.is_some() { "own" } else { "practice" };
            let event = actor
                .event(now, "save_phrase", Outcome::Ok)
                .entity("smart_phrase", id)
                .detail(format!("{abbrev} ({whose}, {change})"));
            audit::append(tx, &event)?;
            let rows = store::phrases::list_for(tx, me)?;
            seen_by(rows, me)
                .into_iter()
                .find(|p| p.id == id)
                .ok_or_else(|| {
                    CoreError::Corrupt("a phrase just saved could not be read back".into())
                })
        })
    }

    /// Retires a phrase: it no longer expands or lists, and the row stays.
    pub fn retire_phrase(&mut self, id: PhraseId, now: DateTime<Utc>) -> CoreResult<()> {
        let me = self.actor.user_id();
        let found = self.db.read(|c| store::phrases::get(c, id))?;
        let phrase = match found {
            Some(p) if p.owner.is_none_or(|o| o == me) => p,
            _ => {
                return Err(CoreError::NotFound {
                    entity: "smart phrase",
                    id: id.to_string(),
                })
            }
        };
        self.require_phrase_editor(phrase.owner.is_none(), now)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::phrases::retire(tx, id, me, now)? {
                return Err(CoreError::Conflict {
                    entity: "smart phrase",
                });
            }
            let whose = if phrase.owner.is_some() {
                "own"
            } else {
                "practice"
            };
            let event = actor
                .event(now, "save_phrase", Outcome::Ok)
                .entity("smart_phrase", id)
                .detail(format!("{} ({whose}, retired)", phrase.abbreviation));
            audit::append(tx, &event).map(|_| ())
        })
    }

    /// The text `abbreviation` expands to in a note on `patient`'s chart (during `visit`, if
    /// given). A built-in reads the chart, so it is checked against the chart (restrictions
    /// honoured) and audited as `expand_phrase`; a written phrase reads no patient data.
    pub fn expand_phrase(
        &mut self,
        abbreviation: &str,
        patient: PatientId,
        visit: Option<VisitId>,
        now: DateTime<Utc>,
    ) -> CoreResult<Expansion> {
        let abbrev = abbreviation.trim().to_lowercase();
        if let Some(built_in) = BuiltIn::parse(&abbrev) {
            let access =
                self.require_for_patient(Operation::ViewClinical, "expand_phrase", patient, now)?;
            let window = builtin::today_window(self.db, now)?;
            let actor = self.actor;
            return self.db.write_relaxed(|tx| {
                let text = builtin::expand(tx, built_in, patient, visit, window)?;
                let mut event = actor
                    .event(now, "expand_phrase", Outcome::Ok)
                    .entity("smart_phrase", &abbrev)
                    .patient(patient)
                    .emergency(access == Access::Emergency);
                if let Some(v) = visit {
                    event = event.detail(format!("during visit {v}"));
                }
                audit::append(tx, &event)?;
                Ok(Expansion { text })
            });
        }
        self.require(Operation::ViewClinical, "expand_phrase", now)?;
        let me = self.actor.user_id();
        let found = self.db.read(|c| store::phrases::find(c, me, &abbrev))?;
        found
            .map(|text| Expansion { text })
            .ok_or(CoreError::NotFound {
                entity: "smart phrase",
                id: abbrev,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_a_dot_and_two_to_twenty_letters_or_digits() {
        assert_eq!(abbreviation(" .HTN ").unwrap(), ".htn");
        assert_eq!(abbreviation(".dm2").unwrap(), ".dm2");
        assert_eq!(
            abbreviation(&format!(".{}", "a".repeat(20))).unwrap().len(),
            21
        );
        for bad in [
            "htn",
            ".h",
            ".",
            ".h-t",
            ".hé",
            ".ab cd",
            &format!(".{}", "a".repeat(21)),
        ] {
            let err = abbreviation(bad).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "abbreviation", "{bad}");
        }
    }

    #[test]
    fn a_built_in_name_cannot_be_taken() {
        let err = abbreviation(".Vitals").unwrap_err();
        assert!(err.to_string().contains("built in"), "{err}");
    }

    #[test]
    fn an_expansion_is_required_and_bounded() {
        let draft = |text: &str| PhraseDraft {
            abbreviation: ".ok".into(),
            expansion: text.into(),
            practice_wide: false,
        };
        assert!(validate(&draft("  ")).is_err());
        assert!(validate(&draft(&"x".repeat(EXPANSION_MAX + 1))).is_err());
        assert!(validate(&draft(&"x".repeat(EXPANSION_MAX))).is_ok());
    }
}

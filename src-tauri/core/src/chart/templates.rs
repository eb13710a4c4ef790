//! The practice's note templates per visit type, with the starter set, and their editing.

use super::common::VisitType;
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::TemplateId;
use crate::permissions::Operation;
use crate::store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest template name, in characters.
pub const NAME_MAX: usize = 80;
/// Longest SOAP section of a template, in characters (a long annual-physical skeleton is ~1,500).
pub const SECTION_MAX: usize = 20_000;

/// A note template: the SOAP text a new visit of its type starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteTemplate {
    pub id: TemplateId,
    pub visit_type: VisitType,
    pub name: String,
    pub subjective: String,
    pub objective: String,
    pub assessment: String,
    pub plan: String,
    pub retired: bool,
    pub version: u32,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// A template as the edit form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateDraft {
    /// `office`, `telephone` or `home`.
    pub visit_type: String,
    pub name: String,
    pub subjective: String,
    pub objective: String,
    pub assessment: String,
    pub plan: String,
    pub retired: bool,
}

/// A draft that passed validation, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValidTemplate {
    pub visit_type: VisitType,
    pub name: String,
    pub subjective: String,
    pub objective: String,
    pub assessment: String,
    pub plan: String,
    pub retired: bool,
}

/// Checks every field at once, so the form can show all its errors together.
pub(crate) fn validate_template(draft: &TemplateDraft) -> CoreResult<ValidTemplate> {
    let mut errors = Vec::new();
    let visit_type = VisitType::parse(draft.visit_type.trim());
    if visit_type.is_none() {
        errors.push(FieldError::new(
            "visitType",
            "Choose office, telephone or home",
        ));
    }
    let name = draft.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", "Give the template a name"));
    } else if name.chars().count() > NAME_MAX {
        errors.push(FieldError::new(
            "name",
            format!("Keep the name under {NAME_MAX} characters"),
        ));
    }
    for (field, text) in [
        ("subjective", &draft.subjective),
        ("objective", &draft.objective),
        ("assessment", &draft.assessment),
        ("plan", &draft.plan),
    ] {
        if text.chars().count() > SECTION_MAX {
            errors.push(FieldError::new(
                field,
                format!("Keep each section under {SECTION_MAX} characters"),
            ));
        }
    }
    match visit_type {
        Some(visit_type) if errors.is_empty() => Ok(ValidTemplate {
            visit_type,
            name: name.to_string(),
            // Sections keep their layout (blank lines, indents) but not trailing blank lines.
            subjective: draft.subjective.trim_end().to_string(),
            objective: draft.objective.trim_end().to_string(),
            assessment: draft.assessment.trim_end().to_string(),
            plan: draft.plan.trim_end().to_string(),
            retired: draft.retired,
        }),
        _ => Err(CoreError::Invalid(errors)),
    }
}

impl AsUser<'_> {
    /// The practice's templates (retired ones too, flagged), by type and name. Templates
    /// hold no patient data, so reading them is checked but not audited.
    pub fn note_templates(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<NoteTemplate>> {
        if !(self.actor.can(Operation::ViewClinical) || self.actor.can(Operation::EditTemplates)) {
            self.require(Operation::ViewClinical, "list_templates", now)?;
        }
        self.db.read(store::templates::list)
    }

    /// Adds a template (`expected_version` `None`: `id` must be new) or saves an edit of the
    /// one at `expected_version` (someone else's save in between is a conflict, nothing is
    /// written). Retiring is saving with `retired`: the template leaves the pickers but stays,
    /// since visits name the template they started from. Audited as `save_template`.
    pub fn save_template(
        &mut self,
        id: TemplateId,
        expected_version: Option<u32>,
        draft: &TemplateDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<NoteTemplate> {
        self.require(Operation::EditTemplates, "save_template", now)?;
        let valid = validate_template(draft)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !valid.retired && store::templates::name_taken(tx, id, &valid)? {
                return Err(CoreError::invalid(
                    "name",
                    format!(
                        "The practice already has a {} template named “{}”",
                        valid.visit_type.as_str(),
                        valid.name
                    ),
                ));
            }
            let detail = match expected_version {
                None => {
                    if !store::templates::insert(tx, id, &valid, actor.user_id(), now)? {
                        return Err(CoreError::Conflict { entity: "template" });
                    }
                    "added".to_string()
                }
                Some(version) => {
                    if !store::templates::update(tx, id, version, &valid, actor.user_id(), now)? {
                        return Err(match store::templates::get(tx, id)? {
                            Some(_) => CoreError::Conflict { entity: "template" },
                            None => CoreError::NotFound {
                                entity: "template",
                                id: id.to_string(),
                            },
                        });
                    }
                    let retired = if valid.retired { ", retired" } else { "" };
                    format!("version {version} replaced{retired}")
                }
            };
            let event = actor
                .event(now, "save_template", Outcome::Ok)
                .entity("template", id)
                .detail(format!("{} ({detail})", valid.name));
            audit::append(tx, &event)?;
            store::templates::get(tx, id)?.ok_or_else(|| {
                CoreError::Corrupt("a template just saved could not be read back".into())
            })
        })
    }
}

/// For a stored text that must name a visit type.
pub(crate) fn visit_type_from_sql(text: &str) -> CoreResult<VisitType> {
    VisitType::parse(text).ok_or_else(|| CoreError::Corrupt(format!("bad visit type {text:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> TemplateDraft {
        TemplateDraft {
            visit_type: "office".into(),
            name: " Knee pain ".into(),
            subjective: "HPI: ***\n\n".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_draft_is_trimmed_but_keeps_its_layout() {
        let v = validate_template(&draft()).unwrap();
        assert_eq!(v.name, "Knee pain");
        assert_eq!(v.subjective, "HPI: ***");
        assert_eq!(v.visit_type, VisitType::Office);
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let bad = TemplateDraft {
            visit_type: "ward".into(),
            name: "  ".into(),
            plan: "x".repeat(SECTION_MAX + 1),
            ..Default::default()
        };
        let err = validate_template(&bad).unwrap_err();
        let fields: Vec<&str> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["visitType", "name", "plan"]);
    }
}

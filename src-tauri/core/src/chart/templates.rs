//! The practice's note templates per visit type, with the starter set.

use super::common::VisitType;
use crate::access::AsUser;
use crate::error::{CoreError, CoreResult};
use crate::ids::TemplateId;
use crate::permissions::Operation;
use crate::store;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

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

impl AsUser<'_> {
    /// The practice's templates (retired ones too, flagged), by type and name. Templates
    /// hold no patient data, so reading them is checked but not audited.
    pub fn note_templates(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<NoteTemplate>> {
        if !(self.actor.can(Operation::ViewClinical) || self.actor.can(Operation::EditTemplates)) {
            self.require(Operation::ViewClinical, "list_templates", now)?;
        }
        self.db.read(store::templates::list)
    }
}

/// For a stored text that must name a visit type.
pub(crate) fn visit_type_from_sql(text: &str) -> CoreResult<VisitType> {
    VisitType::parse(text).ok_or_else(|| CoreError::Corrupt(format!("bad visit type {text:?}")))
}

//! The physicians a visit can be for: a nurse starting a visit names one of them.

use crate::access::AsUser;
use crate::error::CoreResult;
use crate::ids::UserId;
use crate::permissions::{Operation, Role};
use crate::store;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// An active physician of the practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Provider {
    pub id: UserId,
    pub name: String,
}

impl AsUser<'_> {
    /// The practice's active physicians by name. Staff names are no patient data: checked,
    /// not audited.
    pub fn visit_providers(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<Provider>> {
        self.require(Operation::EditClinical, "list_providers", now)?;
        let mut out: Vec<Provider> = self
            .db
            .read(store::users::list)?
            .into_iter()
            .filter(|u| u.active && u.roles.contains(&Role::Physician))
            .map(|u| Provider {
                id: u.id,
                name: u.display_name,
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }
}

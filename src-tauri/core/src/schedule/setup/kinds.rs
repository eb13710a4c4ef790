//! Appointment types (new patient, follow-up, …): their default length, colour and the kind
//! of chart visit they start. Retired, never deleted: old appointments keep their type.

use super::{validate, AppointmentTypeDraft};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::AppointmentTypeId;
use crate::permissions::Operation;
use crate::schedule::AppointmentType;
use crate::store;
use chrono::{DateTime, Utc};

impl AsUser<'_> {
    /// Creates the type `id`, or updates it if it exists. The name is unique among the types
    /// not retired (any case).
    pub fn save_appointment_type(
        &mut self,
        id: AppointmentTypeId,
        draft: &AppointmentTypeDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<AppointmentType> {
        self.require(Operation::EditScheduleSetup, "save_appointment_type", now)?;
        let valid = validate::appointment_type(draft)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !valid.retired && store::schedule_setup_edits::type_name_taken(tx, &valid.name, id)?
            {
                return Err(CoreError::invalid(
                    "name",
                    format!("There is already a type called {}", valid.name),
                ));
            }
            let existed = store::schedule_setup::appointment_types(tx)?
                .iter()
                .any(|t| t.id == id);
            store::schedule_setup_edits::upsert_type(tx, id, &valid, actor.user_id(), now)?;
            let event = actor
                .event(now, "save_appointment_type", Outcome::Ok)
                .entity("appointment_type", id)
                .detail(format!(
                    "{}{}: {} min, {}, {} visit, order {}{}",
                    valid.name,
                    if existed { "" } else { " added" },
                    valid.default_minutes,
                    valid.colour,
                    valid.visit_type.as_str(),
                    valid.display_order,
                    if valid.retired { ", retired" } else { "" }
                ));
            audit::append(tx, &event)?;
            store::schedule_setup::appointment_types(tx)?
                .into_iter()
                .find(|t| t.id == id)
                .ok_or_else(|| CoreError::NotFound {
                    entity: "appointment type",
                    id: id.to_string(),
                })
        })
    }
}

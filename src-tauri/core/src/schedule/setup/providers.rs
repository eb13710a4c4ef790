//! Who sees patients on the schedule: the admin adds an active physician or nurse with a
//! colour and a place in the column order, or retires them (the row stays).

use super::{validate, ProviderCandidate};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::UserId;
use crate::permissions::{Operation, Role};
use crate::schedule::ScheduleProvider;
use crate::store;
use chrono::{DateTime, Utc};

impl AsUser<'_> {
    /// The users who could be providers (active physicians and nurses), each saying whether
    /// they already are. No patient data: not audited.
    pub fn schedule_provider_candidates(
        &mut self,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<ProviderCandidate>> {
        self.require(Operation::EditScheduleSetup, "save_schedule_provider", now)?;
        self.db
            .read(store::schedule_setup_edits::provider_candidates)
    }

    /// Puts `user` on the schedule (or changes their colour, order, or retires them with
    /// `active` false). Only an active physician or nurse may be an active provider; a
    /// provider whose account was deactivated can still be retired.
    pub fn save_schedule_provider(
        &mut self,
        user: UserId,
        colour: &str,
        display_order: i64,
        active: bool,
        now: DateTime<Utc>,
    ) -> CoreResult<ScheduleProvider> {
        self.require(Operation::EditScheduleSetup, "save_schedule_provider", now)?;
        let colour = validate::colour(colour, "colour")?;
        let actor = self.actor;
        self.db.write(|tx| {
            let Some(account) = store::users::get(tx, user)? else {
                return Err(CoreError::invalid("userId", "No such user"));
            };
            let sees_patients = account
                .roles
                .iter()
                .any(|r| matches!(r, Role::Physician | Role::Nurse));
            let exists = store::schedule_setup_edits::provider_exists(tx, user)?;
            if active && !(account.active && sees_patients) {
                return Err(CoreError::invalid(
                    "userId",
                    format!(
                        "{} cannot see patients: only an active physician or nurse can be on the schedule",
                        account.display_name
                    ),
                ));
            }
            if !active && !exists {
                return Err(CoreError::invalid(
                    "userId",
                    format!("{} is not on the schedule", account.display_name),
                ));
            }
            store::schedule_setup_edits::upsert_provider(
                tx,
                user,
                &colour,
                display_order,
                active,
                actor.user_id(),
                now,
            )?;
            let event = actor
                .event(now, "save_schedule_provider", Outcome::Ok)
                .entity("schedule_provider", user)
                .detail(format!(
                    "{}{}: {colour}, order {display_order}, {}",
                    account.display_name,
                    if exists { "" } else { " added" },
                    if active { "active" } else { "retired" }
                ));
            audit::append(tx, &event)?;
            store::schedule_setup::providers(tx)?
                .into_iter()
                .find(|p| p.user_id == user)
                .ok_or_else(|| CoreError::NotFound {
                    entity: "schedule provider",
                    id: user.to_string(),
                })
        })
    }
}

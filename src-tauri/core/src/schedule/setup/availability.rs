//! Each provider's weekly availability, as templates effective from a date: a new template
//! takes over from its date until a template with a later date; the older ones stay (the
//! past keeps the availability it had).

use super::{validate, AvailabilityDraft};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AvailabilityId, UserId};
use crate::permissions::Operation;
use crate::schedule::AvailabilityTemplate;
use crate::store;
use chrono::{DateTime, Utc};

impl AsUser<'_> {
    /// A provider's templates, the newest effective date first.
    pub fn availability_templates(
        &mut self,
        provider: UserId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<AvailabilityTemplate>> {
        self.require(Operation::EditScheduleSetup, "save_availability", now)?;
        self.db
            .read(|c| store::schedule_setup_edits::templates(c, provider))
    }

    /// Adds a template from `draft.effective_from`; from that date the provider is open in
    /// its intervals (within the practice's hours) until a later-dated template.
    pub fn save_availability(
        &mut self,
        draft: &AvailabilityDraft,
        id: AvailabilityId,
        now: DateTime<Utc>,
    ) -> CoreResult<AvailabilityTemplate> {
        self.require(Operation::EditScheduleSetup, "save_availability", now)?;
        let (from, intervals) = validate::availability(draft)?;
        let provider = draft.provider_id;
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::schedule_setup_edits::provider_exists(tx, provider)? {
                return Err(CoreError::invalid(
                    "providerId",
                    "Put this user on the schedule first (Providers)",
                ));
            }
            store::schedule_setup_edits::insert_template(
                tx,
                id,
                provider,
                from,
                &intervals,
                actor.user_id(),
                now,
            )?;
            let name = store::users::display_name(tx, provider)?.unwrap_or_default();
            let week = if intervals.is_empty() {
                "not available".to_string()
            } else {
                intervals
                    .iter()
                    .map(|iv| {
                        format!(
                            "{} {}–{}",
                            &validate::weekday_name(iv.weekday)[..3],
                            iv.starts,
                            iv.ends
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let event = actor
                .event(now, "save_availability", Outcome::Ok)
                .entity("availability", id)
                .detail(format!("{name} from {from}: {week}"));
            audit::append(tx, &event)?;
            Ok(AvailabilityTemplate {
                id,
                provider_id: provider,
                effective_from: from,
                intervals,
            })
        })
    }
}

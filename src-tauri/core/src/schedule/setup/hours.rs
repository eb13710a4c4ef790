//! The practice's opening hours per weekday: no booking falls outside them, whatever a
//! provider's availability says.

use super::validate;
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::CoreResult;
use crate::permissions::Operation;
use crate::schedule::WeekdayHours;
use crate::store;
use chrono::{DateTime, Utc};

impl AsUser<'_> {
    /// Saves all seven weekdays at once (blank opens and closes: closed that day). Existing
    /// appointments are not touched; outside the new hours they show as collisions.
    pub fn save_practice_hours(
        &mut self,
        hours: &[WeekdayHours],
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<WeekdayHours>> {
        self.require(Operation::EditScheduleSetup, "save_practice_hours", now)?;
        let valid = validate::practice_hours(hours)?;
        let summary = valid
            .iter()
            .map(|h| {
                let day = &validate::weekday_name(h.weekday)[..3];
                match (&h.opens, &h.closes) {
                    (Some(o), Some(c)) => format!("{day} {o}–{c}"),
                    _ => format!("{day} closed"),
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let actor = self.actor;
        self.db.write(|tx| {
            store::schedule_setup_edits::save_hours(tx, &valid, actor.user_id(), now)?;
            let event = actor
                .event(now, "save_practice_hours", Outcome::Ok)
                .entity("practice_hours", "week")
                .detail(summary);
            audit::append(tx, &event)?;
            store::schedule_setup::practice_hours(tx)
        })
    }
}

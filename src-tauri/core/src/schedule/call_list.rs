//! The front desk's printed lists: the call list (who to remind by phone of their
//! appointment on a day) and the audit row of printing a provider's day list.

use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::UserId;
use crate::permissions::Operation;
use crate::schedule::time::{day_bounds, practice_zone};
use crate::schedule::Appointment;
use crate::store;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

#[cfg(test)]
mod tests;

/// One line of the call list: a booked or confirmed appointment and the numbers to call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallListRow {
    pub appointment: Appointment,
    /// Every phone of the patient, in the order registered.
    pub phones: Vec<String>,
}

impl AsUser<'_> {
    /// The booked and confirmed appointments on the local `date`, soonest first, with each
    /// patient's phones. One audit row for the whole list (date and count).
    pub fn call_list(
        &mut self,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<CallListRow>> {
        self.require(Operation::ViewSchedule, "view_call_list", now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let zone = practice_zone(tx)?;
            let (from, to) = day_bounds(zone, date);
            let mut rows = Vec::new();
            for appointment in store::call_list::to_remind(tx, from, to)? {
                let phones = store::call_list::phones(tx, appointment.patient_id)?;
                rows.push(CallListRow {
                    appointment,
                    phones,
                });
            }
            let event = actor
                .event(now, "view_call_list", Outcome::Ok)
                .detail(format!("{date}, {} appointments", rows.len()));
            audit::append(tx, &event)?;
            Ok(rows)
        })
    }

    /// Records that the desk printed `provider`'s day list for the local `date` (the list
    /// itself is the calendar's read, audited there).
    pub fn log_day_list_print(
        &mut self,
        provider: UserId,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        self.require(Operation::ViewSchedule, "print_day_list", now)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let name =
                store::users::display_name(tx, provider)?.ok_or_else(|| CoreError::NotFound {
                    entity: "provider",
                    id: provider.to_string(),
                })?;
            let event = actor
                .event(now, "print_day_list", Outcome::Ok)
                .entity("user", provider)
                .detail(format!("{date}, {name}"));
            audit::append(tx, &event)?;
            Ok(())
        })
    }
}

//! The schedule's set-up (owner: the set-up helper): providers, practice hours, availability
//! templates, blocked time, appointment types and rooms. The admin edits all of it
//! (`EditScheduleSetup`); blocked time is also the front desk's (`BlockTime`). Nothing is
//! deleted: providers, types and rooms are retired, blocks lifted, templates superseded.

mod availability;
mod blocks;
#[cfg(test)]
mod blocks_tests;
mod hours;
mod kinds;
#[cfg(test)]
mod kinds_tests;
mod providers;
mod rooms;
#[cfg(test)]
mod tests;
mod validate;

use crate::access::AsUser;
use crate::chart::common::VisitType;
use crate::error::CoreResult;
use crate::ids::UserId;
use crate::permissions::Operation;
use crate::schedule::{AvailabilityInterval, Block, BlockKind, ScheduleSetup};
use crate::store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A user who could see patients on the schedule (an active physician or nurse), and whether
/// they already do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderCandidate {
    pub user_id: UserId,
    pub display_name: String,
    /// "Physician", "Nurse", as the admin reads them.
    pub roles: Vec<String>,
    /// Has a row on the schedule (active or retired).
    pub is_provider: bool,
}

/// A provider's new weekly pattern from a local date (`YYYY-MM-DD`). An empty list of
/// intervals means not available from that date on (until a newer template).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AvailabilityDraft {
    pub provider_id: UserId,
    pub effective_from: String,
    pub intervals: Vec<AvailabilityInterval>,
}

/// New blocked time: one provider's, or (`provider_id` `None`) the whole practice's.
/// With `all_day`, `starts_at` and `ends_at` are the first and last local dates
/// (`YYYY-MM-DD`, both included) and the block runs from the first day's local midnight to
/// the midnight after the last (23 or 25 hours on the days the clocks change). Without it they
/// are instants (RFC 3339) or local wall-clock times in the practice zone (`YYYY-MM-DDTHH:MM`,
/// as a `datetime-local` field gives them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BlockDraft {
    pub provider_id: Option<UserId>,
    pub starts_at: String,
    pub ends_at: String,
    pub all_day: bool,
    pub kind: BlockKind,
    pub reason: String,
}

/// A block as saved, with how many booked appointments (not cancelled, not no-show) fall in
/// it: blocking over bookings is allowed, the desk then sees them as collisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BlockResult {
    pub block: Block,
    pub covered_appointments: u32,
}

/// An appointment type as the admin edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentTypeDraft {
    pub name: String,
    /// 5–480, in steps of 5.
    pub default_minutes: u32,
    /// `#rrggbb`
    pub colour: String,
    pub visit_type: VisitType,
    #[ts(type = "number")]
    pub display_order: i64,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomDraft {
    pub name: String,
    #[ts(type = "number")]
    pub display_order: i64,
    pub retired: bool,
}

impl AsUser<'_> {
    /// Everything the calendar and the booking form list: providers, types, rooms, hours.
    /// Any user who views the schedule or edits its set-up may read it; it holds no patient
    /// data, so the read is not audited.
    pub fn schedule_setup(&mut self, now: DateTime<Utc>) -> CoreResult<ScheduleSetup> {
        if !self.actor.can(Operation::EditScheduleSetup) {
            self.require(Operation::ViewSchedule, "view_schedule_setup", now)?;
        }
        self.db.read(store::schedule_setup::setup)
    }
}

pub(crate) use validate::{ValidBlock, ValidType};

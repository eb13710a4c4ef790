//! The schedule's set-up (owner: the set-up helper): providers, practice hours, availability
//! templates, blocked time, appointment types and rooms.

use crate::access::AsUser;
use crate::error::CoreResult;
use crate::permissions::Operation;
use crate::schedule::ScheduleSetup;
use crate::store;
use chrono::{DateTime, Utc};

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

//! Finding the next free slot (owner: the slots helper): for one provider or any, a type's
//! length, a time-of-day preference, from a date — open hours minus bookings and blocks.

use crate::access::AsUser;
use crate::error::CoreResult;
use crate::schedule::{not_built, FreeSlot, SlotQuery};
use chrono::{DateTime, Utc};

impl AsUser<'_> {
    /// The first `query.count` free slots, earliest first. Bench op `next_free_slot`.
    pub fn next_free_slots(
        &mut self,
        query: &SlotQuery,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<FreeSlot>> {
        let _ = (query, now);
        Err(not_built("finding a free slot"))
    }
}

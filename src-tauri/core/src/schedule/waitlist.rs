//! The wait list (owner: the slots helper): patients who want an earlier slot, and who on it
//! fits a slot a cancellation freed.

use crate::access::AsUser;
use crate::error::CoreResult;
use crate::ids::{AppointmentId, WaitListId};
use crate::schedule::{not_built, WaitListDraft, WaitListEntry};
use chrono::{DateTime, Utc};

impl AsUser<'_> {
    /// Open entries, oldest first.
    pub fn wait_list(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<WaitListEntry>> {
        let _ = now;
        Err(not_built("the wait list"))
    }

    pub fn add_to_wait_list(
        &mut self,
        draft: &WaitListDraft,
        id: WaitListId,
        now: DateTime<Utc>,
    ) -> CoreResult<WaitListEntry> {
        let _ = (draft, id, now);
        Err(not_built("the wait list"))
    }

    /// Takes an entry off the list: booked (into `appointment`) or removed, with a note.
    pub fn resolve_wait_list(
        &mut self,
        id: WaitListId,
        booked: Option<AppointmentId>,
        note: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let _ = (id, booked, note, now);
        Err(not_built("the wait list"))
    }

    /// Open entries that fit the slot of `freed` (a cancelled or no-show appointment): the
    /// provider (or any), the type's length fits, the date range and time of day match.
    pub fn wait_list_fits(
        &mut self,
        freed: AppointmentId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<WaitListEntry>> {
        let _ = (freed, now);
        Err(not_built("the wait list"))
    }
}

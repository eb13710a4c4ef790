//! The co-sign queue: notes still unsigned from before the practice's today, oldest first,
//! for the physician to sign (a nurse's draft signed by a physician is the co-signature).

use super::QueueItem;
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::CoreResult;
use crate::patient::shown_detail;
use crate::permissions::Operation;
use crate::practice::{practice_today, practice_zone};
use crate::store;
use chrono::{DateTime, TimeZone, Utc};

impl AsUser<'_> {
    /// Unsigned notes of visits that started before today at the practice; the rows name
    /// charts, so the audit row lists every one shown.
    pub fn cosign_queue(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<QueueItem>> {
        self.require(Operation::SignNote, "view_cosign_queue", now)?;
        let zone = practice_zone(self.db)?;
        let midnight = practice_today(self.db, now)?
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default();
        // A zone whose clocks skip midnight starts its day at the first instant after it.
        let start_of_today = zone.from_local_datetime(&midnight).earliest().map_or_else(
            || zone.from_utc_datetime(&midnight).with_timezone(&Utc),
            |t| t.with_timezone(&Utc),
        );
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let items = store::visits::unsigned_before(tx, start_of_today)?;
            let mut shown: Vec<_> = items.iter().map(|i| i.patient_id).collect();
            shown.sort_unstable();
            shown.dedup();
            let event = actor
                .event(now, "view_cosign_queue", Outcome::Ok)
                .detail(shown_detail(&shown));
            audit::append(tx, &event)?;
            Ok(items)
        })
    }
}

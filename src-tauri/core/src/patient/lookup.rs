//! Summary lines of charts chosen by id (a worklist, the charts opened recently), through the
//! same permission and audit as a search result.

use super::{PatientSummary, MAX_PAGE_SIZE};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use chrono::{DateTime, Utc};

impl AsUser<'_> {
    /// The summary line of each chart in `ids` that is on file, in the order asked; at most
    /// one page ([`MAX_PAGE_SIZE`]) per call. A summary is what a search result shows, so it
    /// needs the same permission; the ids shown are audited in one row.
    pub fn patient_summaries(
        &mut self,
        ids: &[PatientId],
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<PatientSummary>> {
        self.require(Operation::SearchPatients, "patient_summaries", now)?;
        if ids.len() > MAX_PAGE_SIZE as usize {
            return Err(CoreError::invalid(
                "ids",
                format!("Ask for at most {MAX_PAGE_SIZE} charts at a time"),
            ));
        }
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let mut found = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(patient) = store::patients::get(tx, *id, today)? {
                    found.push(patient.summary());
                }
            }
            let shown: Vec<String> = found.iter().map(|s| s.id.to_string()).collect();
            let event = actor
                .event(now, "patient_summaries", Outcome::Ok)
                .detail(format!("{} shown: {}", shown.len(), shown.join(" ")));
            audit::append(tx, &event)?;
            Ok(found)
        })
    }
}

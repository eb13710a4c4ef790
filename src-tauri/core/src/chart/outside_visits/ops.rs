//! Reading a patient's outside visits and marking one entered in error — through the checked
//! door, audited like the chart's own visits (they are patient data read from the chart).

use super::OutsideVisit;
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common;
use crate::error::{CoreError, CoreResult};
use crate::ids::{OutsideVisitId, PatientId};
use crate::permissions::Operation;
use crate::store;
use chrono::{DateTime, Utc};

fn not_found(visit: OutsideVisitId) -> CoreError {
    CoreError::NotFound {
        entity: "outside visit",
        id: visit.to_string(),
    }
}

impl AsUser<'_> {
    /// The patient's visits recorded elsewhere, with their notes and diagnoses, newest first;
    /// entered-in-error ones included (marked). Who may read the chart's visits may read
    /// these; the read is audited.
    pub fn outside_visits(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<OutsideVisit>> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_outside_visits", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let list = store::outside_visits::list(tx, patient)?;
            let event = actor
                .event(now, "view_outside_visits", Outcome::Ok)
                .patient(patient)
                .emergency(access == Access::Emergency)
                .detail(format!("{} outside visits", list.len()));
            audit::append(tx, &event)?;
            Ok(list)
        })
    }

    /// Marks an outside visit entered in error (filed in the wrong chart, a duplicate) with
    /// the reason; it stays readable, marked. Like a signed note of the practice's own, it is
    /// a finished record, so the mark takes a physician's authority (`SignNote`).
    pub fn outside_visit_entered_in_error(
        &mut self,
        visit: OutsideVisitId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<OutsideVisit> {
        const ACTION: &str = "outside_visit_entered_in_error";
        let Some((patient, in_error)) = self.db.read(|c| store::outside_visits::state(c, visit))?
        else {
            // Someone without the right learns nothing, not even that the id is unknown.
            self.require(Operation::SignNote, ACTION, now)?;
            return Err(not_found(visit));
        };
        let access = self.require_for_patient(Operation::SignNote, ACTION, patient, now)?;
        if in_error {
            return Err(CoreError::invalid(
                "reason",
                "This outside visit is already marked entered in error",
            ));
        }
        let reason = common::reason(reason, "reason")?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::outside_visits::mark_in_error(tx, visit, actor.user_id(), now, &reason)? {
                return Err(CoreError::Conflict {
                    entity: "outside visit",
                });
            }
            let event = actor
                .event(now, ACTION, Outcome::Ok)
                .entity("outside_visit", visit)
                .patient(patient)
                .emergency(access == Access::Emergency)
                .detail(&reason);
            audit::append(tx, &event)?;
            store::outside_visits::get(tx, visit)?.ok_or_else(|| not_found(visit))
        })
    }
}

//! The growth chart through the checked door: `ViewClinical`, audited `view_growth_chart`.

use super::chart::build;
use super::GrowthChart;
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::permissions::Operation;
use crate::practice::practice_zone;
use crate::store;
use chrono::{DateTime, Utc};

impl AsUser<'_> {
    /// The child's measurements as percentiles and z-scores (`ViewClinical`; audited
    /// `view_growth_chart`).
    pub fn growth_chart(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<GrowthChart> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_growth_chart", patient, now)?;
        let tz = practice_zone(self.db)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let (born, sex) =
                store::growth::child(tx, patient)?.ok_or_else(|| CoreError::NotFound {
                    entity: "patient",
                    id: patient.to_string(),
                })?;
            let rows = store::growth::measurements(tx, patient)?;
            let chart = build(born, sex, now.with_timezone(&tz).date_naive(), &rows, tz)?;
            let event = actor
                .event(now, "view_growth_chart", Outcome::Ok)
                .entity("patient", patient)
                .patient(patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(chart)
        })
    }
}

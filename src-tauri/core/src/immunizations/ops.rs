//! The immunization operations behind the checked door: record a dose, a historical dose or a
//! refusal, mark one entered in error, list the record, forecast, and search the catalogue.

use super::record::{validate, Recorder};
use super::{
    catalogue, forecast, Immunization, ImmunizationDraft, ImmunizationForecast, VaccineHit,
};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common::reason;
use crate::error::{CoreError, CoreResult};
use crate::ids::{ImmunizationId, PatientId};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use chrono::{DateTime, Utc};

fn not_found(id: ImmunizationId) -> CoreError {
    CoreError::NotFound {
        entity: "immunization",
        id: id.to_string(),
    }
}

fn no_patient(patient: PatientId) -> CoreError {
    CoreError::NotFound {
        entity: "patient",
        id: patient.to_string(),
    }
}

impl AsUser<'_> {
    /// Catalogue vaccines for the entry form. Reference data: checked (clinical users only)
    /// but not audited, since it reads nothing about a patient.
    pub fn search_vaccines(
        &mut self,
        query: &str,
        limit: usize,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<VaccineHit>> {
        self.require(Operation::ViewClinical, "search_vaccines", now)?;
        Ok(catalogue::search(query, limit.min(50))
            .into_iter()
            .map(|v| v.hit())
            .collect())
    }

    /// Records a dose given here, a historical dose or a refusal under `id` (`EditClinical`).
    pub fn record_immunization(
        &mut self,
        patient: PatientId,
        draft: &ImmunizationDraft,
        id: ImmunizationId,
        now: DateTime<Utc>,
    ) -> CoreResult<Immunization> {
        let access =
            self.require_for_patient(Operation::EditClinical, "record_immunization", patient, now)?;
        let today = practice_today(self.db, now)?;
        let born = self
            .db
            .read(|c| store::vitals::birth_date(c, patient))?
            .ok_or_else(|| no_patient(patient))?;
        let by = self.actor.user_id();
        let row = validate(
            draft,
            id,
            patient,
            born,
            today,
            Recorder { user: by, at: now },
        )?;
        let actor = self.actor;
        self.db.write(|tx| {
            store::immunizations::insert(tx, &row)?;
            let event = actor
                .event(now, "record_immunization", Outcome::Ok)
                .patient(patient)
                .entity("immunization", id)
                .emergency(access == Access::Emergency)
                .detail(format!(
                    "{} {} ({})",
                    row.kind.as_sql(),
                    row.vaccine,
                    row.cvx
                ));
            audit::append(tx, &event)?;
            store::immunizations::get(tx, id)?.ok_or_else(|| not_found(id))
        })
    }

    /// Marks an entry entered in error with the reason; it stays readable and leaves the
    /// forecast.
    pub fn immunization_entered_in_error(
        &mut self,
        id: ImmunizationId,
        why: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Immunization> {
        let patient = self
            .db
            .read(|c| store::immunizations::patient_of(c, id))?
            .ok_or_else(|| not_found(id))?;
        let access = self.require_for_patient(
            Operation::EditClinical,
            "immunization_entered_in_error",
            patient,
            now,
        )?;
        let why = reason(why, "reason")?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::immunizations::mark_entered_in_error(tx, id, &why, by, now)? {
                return Err(CoreError::invalid(
                    "reason",
                    "This entry is already marked entered in error",
                ));
            }
            let event = actor
                .event(now, "immunization_entered_in_error", Outcome::Ok)
                .patient(patient)
                .entity("immunization", id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            store::immunizations::get(tx, id)?.ok_or_else(|| not_found(id))
        })
    }

    /// The patient's immunization record, newest first, entries entered in error included
    /// (`ViewClinical`; audited `view_immunizations`).
    pub fn immunizations(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Immunization>> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_immunizations", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let list = store::immunizations::list(tx, patient)?;
            let event = actor
                .event(now, "view_immunizations", Outcome::Ok)
                .patient(patient)
                .entity("patient", patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(list)
        })
    }

    /// What the patient is due for, series by series (`ViewClinical`; audited
    /// `view_immunization_forecast`). One indexed read and the pure engine.
    pub fn immunization_forecast(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<ImmunizationForecast> {
        let access = self.require_for_patient(
            Operation::ViewClinical,
            "view_immunization_forecast",
            patient,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let (dob, sex, entries) = store::immunizations::forecast_inputs(tx, patient)?
                .ok_or_else(|| no_patient(patient))?;
            let event = actor
                .event(now, "view_immunization_forecast", Outcome::Ok)
                .patient(patient)
                .entity("patient", patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(forecast(dob, sex, today, &entries))
        })
    }
}

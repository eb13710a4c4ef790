//! Recording a set of vitals, listing a patient's sets with their flags, and marking a set
//! entered in error, each through the checked, audited door.

use super::flags::{flag, AgeBand, Measurement};
use super::validate::{validate, ValidVitals};
use super::{BmiHeight, Reading, VitalsInput, VitalsSet};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common::reason;
use crate::chart::vitals::units;
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, VisitId, VitalsId};
use crate::permissions::Operation;
use crate::practice::practice_zone;
use crate::store;
use crate::store::vitals::{NewVitals, StoredVitals};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

/// From this age a BMI may use a height measured up to a year before; a child grows, so a
/// child's BMI needs a height from the same day.
const ADULT_YEARS: i32 = 18;

impl AsUser<'_> {
    /// Records one set of vitals for `patient`, optionally within one of the patient's
    /// visits. Every field is checked first (all errors at once, nothing saved).
    pub fn record_vitals(
        &mut self,
        patient: PatientId,
        visit: Option<VisitId>,
        input: &VitalsInput,
        id: VitalsId,
        now: DateTime<Utc>,
    ) -> CoreResult<VitalsSet> {
        let access =
            self.require_for_patient(Operation::EditClinical, "record_vitals", patient, now)?;
        let tz = practice_zone(self.db)?;
        let born = birth_date(self, patient)?;
        let valid = validate(input, now, born, tz)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if let Some(visit) = visit {
                match store::visits::state(tx, visit)?.map(|v| v.patient) {
                    Some(p) if p == patient => {}
                    Some(_) => {
                        return Err(CoreError::invalid(
                            "visitId",
                            "This visit belongs to another patient",
                        ))
                    }
                    None => return Err(CoreError::invalid("visitId", "There is no such visit")),
                }
            }
            let (bmi, bmi_height_from) = bmi_for(tx, patient, &valid, born, tz)?;
            store::vitals::insert(
                tx,
                &NewVitals {
                    id,
                    patient,
                    visit,
                    valid: &valid,
                    bmi,
                    bmi_height_from,
                    recorded_by: actor.user_id(),
                    recorded_at: now,
                },
            )?;
            let event = actor
                .event(now, "record_vitals", Outcome::Ok)
                .entity("vitals", id)
                .patient(patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            let stored = store::vitals::get(tx, id)?.ok_or_else(|| {
                CoreError::Corrupt("vitals just recorded could not be read back".into())
            })?;
            Ok(present(&stored, born, tz))
        })
    }

    /// Every set of the patient's vitals, newest first, flagged for the patient's age at
    /// each; sets entered in error are included with their mark.
    pub fn vitals(&mut self, patient: PatientId, now: DateTime<Utc>) -> CoreResult<Vec<VitalsSet>> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_vitals", patient, now)?;
        let tz = practice_zone(self.db)?;
        let born = birth_date(self, patient)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let sets = store::vitals::list(tx, patient)?;
            let event = actor
                .event(now, "view_vitals", Outcome::Ok)
                .entity("patient", patient)
                .patient(patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(sets.iter().map(|s| present(s, born, tz)).collect())
        })
    }

    /// Marks a set entered in error with `why`; the set stays readable, struck through.
    pub fn vitals_entered_in_error(
        &mut self,
        id: VitalsId,
        why: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<VitalsSet> {
        // The role first, so whether a set exists is not told to someone who may not mark it.
        self.require(Operation::EditClinical, "vitals_entered_in_error", now)?;
        let patient = self
            .db
            .read(|c| store::vitals::patient_of(c, id))?
            .ok_or_else(|| CoreError::NotFound {
                entity: "vitals",
                id: id.to_string(),
            })?;
        let access = self.require_for_patient(
            Operation::EditClinical,
            "vitals_entered_in_error",
            patient,
            now,
        )?;
        let why = reason(why, "reason")?;
        let tz = practice_zone(self.db)?;
        let born = birth_date(self, patient)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::vitals::mark_entered_in_error(tx, id, actor.user_id(), &why, now)? {
                return Err(CoreError::invalid(
                    "reason",
                    "This set is already marked entered in error",
                ));
            }
            let event = actor
                .event(now, "vitals_entered_in_error", Outcome::Ok)
                .entity("vitals", id)
                .patient(patient)
                .emergency(access == Access::Emergency)
                .detail(why.as_str());
            audit::append(tx, &event)?;
            let stored = store::vitals::get(tx, id)?.ok_or_else(|| CoreError::NotFound {
                entity: "vitals",
                id: id.to_string(),
            })?;
            Ok(present(&stored, born, tz))
        })
    }
}

fn birth_date(u: &AsUser<'_>, patient: PatientId) -> CoreResult<NaiveDate> {
    u.db.read(|c| store::vitals::birth_date(c, patient))?
        .ok_or_else(|| CoreError::NotFound {
            entity: "patient",
            id: patient.to_string(),
        })
}

/// The BMI of a new set, and the earlier set whose height it used (`None`: its own height).
/// With only a weight, an adult's BMI uses the newest height of the year before; a child's
/// only a height from the same day (in the practice zone).
pub(crate) fn bmi_for(
    conn: &Connection,
    patient: PatientId,
    v: &ValidVitals,
    born: NaiveDate,
    tz: Tz,
) -> CoreResult<(Option<f64>, Option<VitalsId>)> {
    let Some(weight) = v.weight_kg else {
        return Ok((None, None));
    };
    if let Some(height) = v.height_cm {
        return Ok((units::bmi(weight, height), None));
    }
    let day = v.taken_at.with_timezone(&tz).date_naive();
    let adult = super::flags::age_years(born, day) >= ADULT_YEARS;
    let from = if adult {
        v.taken_at - Duration::days(365)
    } else {
        v.taken_at - Duration::days(1)
    };
    let found = store::vitals::latest_height(conn, patient, from, v.taken_at)?;
    Ok(match found {
        Some((id, at, height)) if adult || at.with_timezone(&tz).date_naive() == day => {
            (units::bmi(weight, height), Some(id))
        }
        _ => (None, None),
    })
}

/// A stored set with its flags for the patient's age on the (practice-zone) day it was taken.
/// Crate-visible so the chart summary can flag the sets it reads itself.
pub(crate) fn present(s: &StoredVitals, born: NaiveDate, tz: Tz) -> VitalsSet {
    let on = s.taken_at.with_timezone(&tz).date_naive();
    let flagged = |m: Measurement, value: Option<f64>| {
        value.map(|value| Reading {
            value,
            flag: flag(m, value, born, on),
        })
    };
    let plain = |value: Option<f64>| value.map(|value| Reading { value, flag: None });
    let whole = |v: Option<i64>| v.map(|v| v as f64);
    VitalsSet {
        id: s.id,
        patient_id: s.patient_id,
        visit_id: s.visit_id,
        taken_at: s.taken_at,
        recorded_at: s.recorded_at,
        recorded_by: s.recorded_by,
        recorded_by_name: s.recorded_by_name.clone(),
        age_band: AgeBand::at(born, on),
        systolic: flagged(Measurement::Systolic, whole(s.systolic)),
        diastolic: flagged(Measurement::Diastolic, whole(s.diastolic)),
        bp_position: s.bp_position,
        pulse: flagged(Measurement::Pulse, whole(s.pulse)),
        respiration: flagged(Measurement::Respiration, whole(s.respiration)),
        temperature_c: flagged(Measurement::Temperature, s.temperature_c),
        spo2: flagged(Measurement::Spo2, whole(s.spo2)),
        height_cm: plain(s.height_cm),
        weight_kg: plain(s.weight_kg),
        bmi: flagged(Measurement::Bmi, s.bmi),
        bmi_height_from: s
            .bmi_height_from
            .map(|(vitals_id, taken_at, height_cm)| BmiHeight {
                vitals_id,
                taken_at,
                height_cm,
            }),
        head_circumference_cm: plain(s.head_circumference_cm),
        pain_score: flagged(Measurement::PainScore, whole(s.pain_score)),
        entered_in_error: s.entered_in_error.clone(),
    }
}

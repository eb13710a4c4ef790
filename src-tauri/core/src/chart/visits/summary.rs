//! The after-visit summary: what the patient takes home from one visit — the practice, who
//! they are, why they came, what was found and the plan, that visit's diagnoses and vitals,
//! and their active allergies.

use super::Signature;
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::allergies::AllergyState;
use crate::chart::common::VisitType;
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, VisitId};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AvsDiagnosis {
    pub code: String,
    pub description: String,
    pub primary: bool,
}

/// One set of vitals as measured (canonical units: °C, cm, kg).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AvsVitals {
    #[ts(type = "string")]
    pub taken_at: DateTime<Utc>,
    pub systolic: Option<u32>,
    pub diastolic: Option<u32>,
    pub pulse: Option<u32>,
    pub respiration: Option<u32>,
    pub temperature_c: Option<f64>,
    pub spo2: Option<u32>,
    pub height_cm: Option<f64>,
    pub weight_kg: Option<f64>,
    pub bmi: Option<f64>,
    pub pain_score: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AvsAllergy {
    pub substance: String,
    /// `allergy` or `intolerance`.
    pub kind: String,
    pub reaction: String,
    pub severity: Option<String>,
    pub high_criticality: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AfterVisitSummary {
    pub practice_name: String,
    pub practice_address: String,
    pub practice_phone: String,
    pub patient_id: PatientId,
    pub patient_name: String,
    #[ts(type = "string")]
    pub date_of_birth: NaiveDate,
    pub mrn: u32,
    pub visit_id: VisitId,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    pub visit_type: VisitType,
    pub provider_name: String,
    pub reason: String,
    pub assessment: String,
    pub plan: String,
    pub signed: Option<Signature>,
    pub diagnoses: Vec<AvsDiagnosis>,
    pub vitals: Vec<AvsVitals>,
    pub allergy_state: AllergyState,
    pub allergies: Vec<AvsAllergy>,
}

impl AsUser<'_> {
    /// The after-visit summary of one visit, for printing; the read is audited.
    pub fn after_visit_summary(
        &mut self,
        visit: VisitId,
        now: DateTime<Utc>,
    ) -> CoreResult<AfterVisitSummary> {
        let (state, access) = self.open_visit(
            Operation::ViewClinical,
            "print_after_visit_summary",
            visit,
            now,
        )?;
        let patient = state.patient;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let v = store::visits::get(tx, visit)?.ok_or_else(|| not_found(visit))?;
            let p =
                store::patients::get(tx, patient, today)?.ok_or_else(|| CoreError::NotFound {
                    entity: "patient",
                    id: patient.to_string(),
                })?;
            let practice = store::practice::get(tx)?;
            let summary = AfterVisitSummary {
                practice_name: practice
                    .as_ref()
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                practice_address: practice
                    .as_ref()
                    .map(|p| p.address.clone())
                    .unwrap_or_default(),
                practice_phone: practice.map(|p| p.phone).unwrap_or_default(),
                patient_id: patient,
                patient_name: format!("{} {}", p.given_name, p.family_name),
                date_of_birth: p.date_of_birth,
                mrn: p.mrn,
                visit_id: visit,
                started_at: v.started_at,
                visit_type: v.visit_type,
                provider_name: v.provider_name,
                reason: v.reason,
                assessment: v.note.assessment,
                plan: v.note.plan,
                signed: v.signed,
                diagnoses: store::visits::visit_diagnoses(tx, visit)?,
                vitals: store::visits::visit_vitals(tx, visit)?,
                allergy_state: store::allergies::state(tx, patient)?,
                allergies: store::visits::active_allergies(tx, patient)?,
            };
            let event = actor
                .event(now, "print_after_visit_summary", Outcome::Ok)
                .entity("visit", visit)
                .patient(patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(summary)
        })
    }
}

pub(super) fn not_found(visit: VisitId) -> CoreError {
    CoreError::NotFound {
        entity: "visit",
        id: visit.to_string(),
    }
}

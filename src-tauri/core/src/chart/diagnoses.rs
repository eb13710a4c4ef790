//! Visit diagnoses coded in ICD-10-CM, the practice's recently used codes first: the search
//! the picker asks as the physician types, adding a billable code to an unsigned visit (one
//! primary), and marking one entered in error (also after signing).

use super::common::{reason, ErrorMark};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::icd10::{self, MatchedBy};
use crate::ids::{DiagnosisId, PatientId, UserId, VisitId};
use crate::permissions::Operation;
use crate::store;
use crate::store::diagnoses::NewDiagnosis;
use crate::store::visits::VisitState;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// One code the picker offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosisChoice {
    pub code: String,
    pub description: String,
    /// Chapter › block, e.g. "Endocrine, nutritional and metabolic diseases (E00-E89) ›
    /// Diabetes mellitus (E08-E13)".
    pub path: String,
    /// Why the search found it; none for a recent code suggested for an empty box.
    pub matched: Option<MatchedBy>,
    /// The inclusion term or abbreviation that matched.
    pub via: Option<String>,
    /// The practice used this code before (ranked first).
    pub recent: bool,
}

/// A diagnosis on a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitDiagnosis {
    pub id: DiagnosisId,
    pub visit_id: VisitId,
    pub patient_id: PatientId,
    pub code: String,
    pub description: String,
    pub path: String,
    pub primary: bool,
    pub position: u32,
    #[ts(type = "string")]
    pub added_at: DateTime<Utc>,
    pub added_by: UserId,
    pub added_by_name: String,
    /// An active problem with this code is on the patient's list.
    pub on_problem_list: bool,
    pub entered_in_error: Option<ErrorMark>,
}

/// The most suggestions an empty search box shows.
const RECENT_SUGGESTIONS: usize = 10;

impl AsUser<'_> {
    /// Codes for what the physician typed (see [`icd10::search`]), the practice's recently
    /// used ones first; for an empty query the practice's most used codes. Reference data:
    /// checked but not audited.
    pub fn diagnosis_search(
        &mut self,
        query: &str,
        limit: usize,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<DiagnosisChoice>> {
        self.require(Operation::ViewClinical, "search_diagnoses", now)?;
        let limit = limit.min(icd10::MAX_LIMIT);
        if limit == 0 {
            return Ok(Vec::new());
        }
        if query.trim().is_empty() {
            let codes = self
                .db
                .read(|c| store::diagnoses::top_recent(c, limit.min(RECENT_SUGGESTIONS)))?;
            let mut choices = Vec::new();
            for code in codes {
                if let Some(info) = icd10::lookup(&code)? {
                    choices.push(DiagnosisChoice {
                        code: info.code.to_string(),
                        description: info.description.to_string(),
                        path: info.path,
                        matched: None,
                        via: None,
                        recent: true,
                    });
                }
            }
            return Ok(choices);
        }
        // Ask for the most hits, so a recent code a little further down still comes first.
        let hits = icd10::search(query, icd10::MAX_LIMIT)?;
        let codes: Vec<&str> = hits.iter().map(|h| h.code.as_str()).collect();
        let uses = self.db.read(|c| store::diagnoses::recent_uses(c, &codes))?;
        let mut ranked: Vec<(u32, usize, DiagnosisChoice)> = Vec::with_capacity(hits.len());
        for (rank, hit) in hits.into_iter().enumerate() {
            let used = uses.get(&hit.code).copied();
            ranked.push((
                used.unwrap_or(0),
                rank,
                DiagnosisChoice {
                    path: icd10::path(&hit.code)?,
                    code: hit.code,
                    description: hit.description,
                    matched: Some(hit.matched),
                    via: hit.via,
                    recent: used.is_some(),
                },
            ));
        }
        // Recent codes, most used first, then the search's own order.
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(ranked
            .into_iter()
            .take(limit)
            .map(|(_, _, choice)| choice)
            .collect())
    }

    /// Adds billable `code` to an unsigned visit. The first diagnosis is primary whatever
    /// `primary` says; a later one asked as primary takes the mark from the old one.
    pub fn add_visit_diagnosis(
        &mut self,
        visit: VisitId,
        code: &str,
        primary: bool,
        id: DiagnosisId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<VisitDiagnosis>> {
        let (facts, access) =
            self.visit_door(visit, Operation::EditDiagnoses, "add_visit_diagnosis", now)?;
        refuse_closed(&facts)?;
        let info = icd10::lookup(code)?.ok_or_else(|| {
            CoreError::invalid(
                "code",
                "Choose a billable ICD-10-CM code (a category such as E11 needs its full code)",
            )
        })?;
        let actor = self.actor;
        self.db.write(|tx| {
            let standing = store::diagnoses::standing(tx, visit)?;
            if standing.iter().any(|(c, _)| c == info.code) {
                return Err(CoreError::invalid(
                    "code",
                    format!("{} is already on this visit", info.code),
                ));
            }
            let primary = primary || !standing.iter().any(|(_, p)| *p);
            if primary {
                store::diagnoses::make_primary(tx, visit, None)?;
            }
            store::diagnoses::insert(
                tx,
                &NewDiagnosis {
                    id,
                    visit,
                    patient: facts.patient,
                    code: info.code,
                    description: info.description,
                    primary,
                    by: actor.user_id(),
                    at: now,
                },
            )?;
            store::diagnoses::touch_recent(tx, info.code, now)?;
            let event = actor
                .event(now, "add_visit_diagnosis", Outcome::Ok)
                .entity("diagnosis", id)
                .patient(facts.patient)
                .emergency(access == Access::Emergency)
                .detail(format!(
                    "{}{} on visit {visit}",
                    info.code,
                    if primary { " (primary)" } else { "" }
                ));
            audit::append(tx, &event)?;
            store::diagnoses::list(tx, visit)
        })
    }

    /// The visit's diagnoses, in the order added; the read is audited as part of the visit.
    pub fn visit_diagnoses(
        &mut self,
        visit: VisitId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<VisitDiagnosis>> {
        let (facts, access) = self.visit_door(visit, Operation::ViewClinical, "view_visit", now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let list = store::diagnoses::list(tx, visit)?;
            let event = actor
                .event(now, "view_visit", Outcome::Ok)
                .entity("visit", visit)
                .patient(facts.patient)
                .emergency(access == Access::Emergency)
                .detail("diagnoses");
            audit::append(tx, &event)?;
            Ok(list)
        })
    }

    /// Makes diagnosis `id` its unsigned visit's primary one.
    pub fn set_primary_diagnosis(
        &mut self,
        id: DiagnosisId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<VisitDiagnosis>> {
        let diagnosis = self.diagnosis_row(id, now)?;
        let (facts, access) = self.visit_door(
            diagnosis.visit_id,
            Operation::EditDiagnoses,
            "set_primary_diagnosis",
            now,
        )?;
        refuse_closed(&facts)?;
        if diagnosis.entered_in_error.is_some() {
            return Err(CoreError::invalid(
                "diagnosis",
                "This diagnosis was entered in error; it cannot be primary",
            ));
        }
        let actor = self.actor;
        let visit = diagnosis.visit_id;
        self.db.write(|tx| {
            store::diagnoses::make_primary(tx, visit, Some(id))?;
            let event = actor
                .event(now, "set_primary_diagnosis", Outcome::Ok)
                .entity("diagnosis", id)
                .patient(facts.patient)
                .emergency(access == Access::Emergency)
                .detail(format!("{} made primary on visit {visit}", diagnosis.code));
            audit::append(tx, &event)?;
            store::diagnoses::list(tx, visit)
        })
    }

    /// Marks a diagnosis entered in error with the reason; it stays readable, and this works
    /// on a signed visit too (the only change a signed diagnosis takes).
    pub fn diagnosis_entered_in_error(
        &mut self,
        id: DiagnosisId,
        why: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<VisitDiagnosis>> {
        let diagnosis = self.diagnosis_row(id, now)?;
        let (facts, access) = self.visit_door(
            diagnosis.visit_id,
            Operation::EditDiagnoses,
            "diagnosis_entered_in_error",
            now,
        )?;
        let why = reason(why, "reason")?;
        let actor = self.actor;
        let visit = diagnosis.visit_id;
        self.db.write(|tx| {
            if !store::diagnoses::mark_entered_in_error(tx, id, actor.user_id(), now, &why)? {
                return Err(CoreError::invalid(
                    "reason",
                    "This diagnosis is already marked entered in error",
                ));
            }
            let event = actor
                .event(now, "diagnosis_entered_in_error", Outcome::Ok)
                .entity("diagnosis", id)
                .patient(facts.patient)
                .emergency(access == Access::Emergency)
                .detail(format!("{}: {why}", diagnosis.code));
            audit::append(tx, &event)?;
            store::diagnoses::list(tx, visit)
        })
    }

    /// The diagnosis, for an operation about to check the door on its visit. An unknown id
    /// is refused like the operation itself when the actor may not even view the chart.
    pub(crate) fn diagnosis_row(
        &mut self,
        id: DiagnosisId,
        now: DateTime<Utc>,
    ) -> CoreResult<VisitDiagnosis> {
        match self.db.read(|c| store::diagnoses::get(c, id))? {
            Some(d) => Ok(d),
            None => {
                self.require(Operation::ViewClinical, "view_visit", now)?;
                Err(CoreError::NotFound {
                    entity: "diagnosis",
                    id: id.to_string(),
                })
            }
        }
    }

    /// The checked door for an operation on one visit: the visit's facts and how the
    /// patient's chart was opened.
    pub(crate) fn visit_door(
        &mut self,
        visit: VisitId,
        operation: Operation,
        action: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<(VisitState, Access)> {
        let Some(facts) = self.db.read(|c| store::visits::state(c, visit))? else {
            self.require(operation, action, now)?;
            return Err(CoreError::NotFound {
                entity: "visit",
                id: visit.to_string(),
            });
        };
        let access = self.require_for_patient(operation, action, facts.patient, now)?;
        Ok((facts, access))
    }
}

/// A signed visit, or one entered in error, takes no new or re-ranked diagnoses.
fn refuse_closed(facts: &VisitState) -> CoreResult<()> {
    if facts.in_error {
        return Err(CoreError::invalid(
            "visit",
            "This visit was entered in error; it takes no diagnoses",
        ));
    }
    if facts.signed {
        return Err(CoreError::invalid(
            "visit",
            "This visit's note is signed, so its diagnoses are final; add an amendment to the note, or mark a wrong diagnosis entered in error",
        ));
    }
    Ok(())
}

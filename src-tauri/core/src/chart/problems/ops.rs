//! Operations on the problem list. Every change writes the new version into
//! `problem_history` in the same transaction as the change and its audit row.

use super::{
    changed_fields, validate, Problem, ProblemChange, ProblemDraft, ProblemFromDiagnosis,
    ProblemLink, ProblemStatus, ProblemVersion, ValidProblem,
};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common::reason;
use crate::error::{CoreError, CoreResult};
use crate::ids::{DiagnosisId, PatientId, ProblemId, VisitId};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

fn not_found(id: ProblemId) -> CoreError {
    CoreError::NotFound {
        entity: "problem",
        id: id.to_string(),
    }
}

fn read_back(tx: &Connection, id: ProblemId) -> CoreResult<Problem> {
    store::problems::get(tx, id)?.ok_or_else(|| not_found(id))
}

impl AsUser<'_> {
    /// Adds a problem to the patient's list, linked to `visit` when one is given (it must be
    /// this patient's).
    pub fn add_problem(
        &mut self,
        patient: PatientId,
        draft: &ProblemDraft,
        id: ProblemId,
        visit: Option<VisitId>,
        now: DateTime<Utc>,
    ) -> CoreResult<Problem> {
        let access =
            self.require_for_patient(Operation::EditDiagnoses, "add_problem", patient, now)?;
        let today = practice_today(self.db, now)?;
        let valid = validate(draft, today)?;
        if let Some(visit) = visit {
            self.visit_of_patient(visit, patient)?;
        }
        let actor = self.actor;
        self.db.write(|tx| {
            store::problems::insert(tx, id, patient, &valid, actor.user_id(), now)?;
            store::problems::record_version(tx, id, ProblemChange::Created, None)?;
            if let Some(visit) = visit {
                store::problems::link_visit(tx, id, visit, actor.user_id(), now)?;
            }
            let event = actor
                .event(now, "add_problem", Outcome::Ok)
                .entity("problem", id)
                .patient(patient)
                .emergency(access == Access::Emergency)
                .detail(summary(&valid));
            audit::append(tx, &event)?;
            read_back(tx, id)
        })
    }

    /// Saves an edited problem. `expected_version` is the version the form was opened at: if
    /// it changed since, nothing is written and the answer is a conflict.
    pub fn update_problem(
        &mut self,
        id: ProblemId,
        expected_version: u32,
        draft: &ProblemDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Problem> {
        let (current, access) =
            self.problem_door(id, Operation::EditDiagnoses, "update_problem", now)?;
        if current.entered_in_error.is_some() {
            return Err(CoreError::invalid(
                "status",
                "This problem was entered in error; add a new one instead",
            ));
        }
        let today = practice_today(self.db, now)?;
        let valid = validate(draft, today)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::problems::update(tx, id, expected_version, &valid, actor.user_id(), now)? {
                return Err(CoreError::Conflict { entity: "problem" });
            }
            store::problems::record_version(tx, id, ProblemChange::Updated, None)?;
            let event = actor
                .event(now, "update_problem", Outcome::Ok)
                .entity("problem", id)
                .patient(current.patient_id)
                .emergency(access == Access::Emergency)
                .detail(format!(
                    "version {expected_version} replaced: {}",
                    summary(&valid)
                ));
            audit::append(tx, &event)?;
            read_back(tx, id)
        })
    }

    /// Marks a problem entered in error with the reason; it stays readable, flagged.
    pub fn problem_entered_in_error(
        &mut self,
        id: ProblemId,
        why: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Problem> {
        let (current, access) = self.problem_door(
            id,
            Operation::EditDiagnoses,
            "problem_entered_in_error",
            now,
        )?;
        let why = reason(why, "reason")?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::problems::mark_entered_in_error(tx, id, actor.user_id(), now, &why)? {
                return Err(CoreError::invalid(
                    "reason",
                    "This problem is already marked entered in error",
                ));
            }
            store::problems::record_version(tx, id, ProblemChange::EnteredInError, Some(&why))?;
            let event = actor
                .event(now, "problem_entered_in_error", Outcome::Ok)
                .entity("problem", id)
                .patient(current.patient_id)
                .emergency(access == Access::Emergency)
                .detail(format!("{}: {why}", current.description));
            audit::append(tx, &event)?;
            read_back(tx, id)
        })
    }

    /// The patient's problem list: active, inactive, resolved, then the entries marked
    /// entered in error (flagged); each with the visits that addressed it.
    pub fn problems(&mut self, patient: PatientId, now: DateTime<Utc>) -> CoreResult<Vec<Problem>> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_problems", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let list = store::problems::list(tx, patient)?;
            let event = actor
                .event(now, "view_problems", Outcome::Ok)
                .entity("patient", patient)
                .patient(patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(list)
        })
    }

    /// Every version of a problem, oldest first, each saying who wrote it, when, and what
    /// changed from the one before.
    pub fn problem_history(
        &mut self,
        id: ProblemId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<ProblemVersion>> {
        let (current, access) =
            self.problem_door(id, Operation::ViewClinical, "view_problem_history", now)?;
        let actor = self.actor;
        let mut versions = self.db.write_relaxed(|tx| {
            let versions = store::problems::history(tx, id)?;
            let event = actor
                .event(now, "view_problem_history", Outcome::Ok)
                .entity("problem", id)
                .patient(current.patient_id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(versions)
        })?;
        for i in 1..versions.len() {
            let changed = match versions[i].change {
                ProblemChange::EnteredInError => vec!["enteredInError".to_string()],
                _ => changed_fields(&versions[i - 1], &versions[i]),
            };
            versions[i].changed = changed;
        }
        Ok(versions)
    }

    /// Records that `visit` addressed `problem` (both the same patient's); linking twice is
    /// harmless.
    pub fn link_problem_visit(
        &mut self,
        problem: ProblemId,
        visit: VisitId,
        now: DateTime<Utc>,
    ) -> CoreResult<Problem> {
        let (current, access) =
            self.problem_door(problem, Operation::EditDiagnoses, "link_problem_visit", now)?;
        if current.entered_in_error.is_some() {
            return Err(CoreError::invalid(
                "problem",
                "This problem was entered in error; link the visit to the right one",
            ));
        }
        self.visit_of_patient(visit, current.patient_id)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if store::problems::link_visit(tx, problem, visit, actor.user_id(), now)? {
                let event = actor
                    .event(now, "link_problem_visit", Outcome::Ok)
                    .entity("problem", problem)
                    .patient(current.patient_id)
                    .emergency(access == Access::Emergency)
                    .detail(format!("visit {visit}"));
                audit::append(tx, &event)?;
            }
            read_back(tx, problem)
        })
    }

    /// "Add to problem list" for a visit diagnosis: a new active problem with its code,
    /// linked to its visit; or, when the patient has an active problem with that code, the
    /// visit linked to it. The answer says which.
    pub fn problem_from_diagnosis(
        &mut self,
        diagnosis: DiagnosisId,
        id: ProblemId,
        now: DateTime<Utc>,
    ) -> CoreResult<ProblemFromDiagnosis> {
        let d = self.diagnosis_row(diagnosis, now)?;
        let (_, access) =
            self.visit_door(d.visit_id, Operation::EditDiagnoses, "add_problem", now)?;
        if d.entered_in_error.is_some() {
            return Err(CoreError::invalid(
                "diagnosis",
                "This diagnosis was entered in error; it does not go on the problem list",
            ));
        }
        let actor = self.actor;
        let patient = d.patient_id;
        self.db.write(|tx| {
            if let Some(existing) = store::problems::active_with_code(tx, patient, &d.code)? {
                if store::problems::link_visit(tx, existing, d.visit_id, actor.user_id(), now)? {
                    let event = actor
                        .event(now, "link_problem_visit", Outcome::Ok)
                        .entity("problem", existing)
                        .patient(patient)
                        .emergency(access == Access::Emergency)
                        .detail(format!("visit {} (diagnosis {})", d.visit_id, d.code));
                    audit::append(tx, &event)?;
                }
                return Ok(ProblemFromDiagnosis {
                    outcome: ProblemLink::Linked,
                    problem: read_back(tx, existing)?,
                });
            }
            let valid = ValidProblem {
                code: Some(d.code.clone()),
                description: d.description.clone(),
                status: ProblemStatus::Active,
                onset: None,
                resolved: None,
                comment: String::new(),
            };
            store::problems::insert(tx, id, patient, &valid, actor.user_id(), now)?;
            store::problems::record_version(tx, id, ProblemChange::Created, None)?;
            store::problems::link_visit(tx, id, d.visit_id, actor.user_id(), now)?;
            let event = actor
                .event(now, "add_problem", Outcome::Ok)
                .entity("problem", id)
                .patient(patient)
                .emergency(access == Access::Emergency)
                .detail(format!("{} from visit {}", summary(&valid), d.visit_id));
            audit::append(tx, &event)?;
            Ok(ProblemFromDiagnosis {
                outcome: ProblemLink::Added,
                problem: read_back(tx, id)?,
            })
        })
    }

    /// The problem and the door on its patient's chart.
    fn problem_door(
        &mut self,
        id: ProblemId,
        operation: Operation,
        action: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<(Problem, Access)> {
        let Some(problem) = self.db.read(|c| store::problems::get(c, id))? else {
            self.require(operation, action, now)?;
            return Err(not_found(id));
        };
        let access = self.require_for_patient(operation, action, problem.patient_id, now)?;
        Ok((problem, access))
    }

    /// Refuses a visit that is unknown or another patient's (checked after the door).
    fn visit_of_patient(&mut self, visit: VisitId, patient: PatientId) -> CoreResult<()> {
        match self.db.read(|c| store::visits::state(c, visit))? {
            Some(v) if v.patient == patient => Ok(()),
            Some(_) => Err(CoreError::invalid(
                "visitId",
                "That visit is another patient's",
            )),
            None => Err(CoreError::NotFound {
                entity: "visit",
                id: visit.to_string(),
            }),
        }
    }
}

/// The audit row's note: the code (or "uncoded") and the status.
fn summary(p: &ValidProblem) -> String {
    format!(
        "{} {}",
        p.code.as_deref().unwrap_or("uncoded"),
        p.status.as_str()
    )
}

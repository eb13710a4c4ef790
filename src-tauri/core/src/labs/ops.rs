//! The lab operations behind the checked door: manual entry of a report (a panel or single
//! tests, flags computed, the eGFR added), corrections and entered in error, and the catalogue
//! search. The reads (reports, results table, trends) are in [`super::reads`].
//!
//! `lab_trend` (in reads) is called by charta-bench (op `lab_trend`): keep its signature.

use super::catalogue::{self, CatalogueHit, CREATININE_LOINC};
use super::report::{present_report, LabCorrectionDraft, LabReport, LabReportDraft};
use super::validate::{self, derived, egfr_id, Patient};
use super::{NewLabReport, ReportSource, ResultStatus};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common::reason;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{LabReportId, LabResultId, PatientId, UserId};
use crate::permissions::Operation;
use crate::practice::practice_zone;
use crate::store;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

pub use super::reads::{LabTrend, TrendPoint};

/// At most this many catalogue hits.
const SEARCH_LIMIT: usize = 30;

pub(crate) fn patient_of(conn: &Connection, patient: PatientId) -> CoreResult<Patient> {
    let (born, sex) =
        store::lab_results::patient_facts(conn, patient)?.ok_or_else(|| CoreError::NotFound {
            entity: "patient",
            id: patient.to_string(),
        })?;
    Ok(Patient { born, sex })
}

pub(crate) fn load_report(conn: &Connection, id: LabReportId) -> CoreResult<LabReport> {
    let stored = store::lab_results::report(conn, id)?.ok_or_else(|| CoreError::NotFound {
        entity: "lab report",
        id: id.to_string(),
    })?;
    let results = store::lab_results::results_of_report(conn, id)?;
    Ok(present_report(&stored, &results))
}

/// The catalogue as the entry form reads it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabCatalogue {
    pub tests: Vec<catalogue::LabTest>,
    pub panels: Vec<catalogue::LabPanel>,
}

/// A physician whose inbox a report may reach.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabPhysician {
    pub id: UserId,
    pub name: String,
}

/// A checked part of a form: its value, or its field errors added to `errors` (other errors
/// pass through).
fn gather<T>(r: CoreResult<T>, errors: &mut Vec<FieldError>) -> CoreResult<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(CoreError::Invalid(e)) => {
            errors.extend(e);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

impl AsUser<'_> {
    /// Records a report typed in the practice (`manual`, reaching the responsible physician's
    /// inbox) or one from elsewhere (`outside`, no inbox). Every row is checked first (all
    /// errors at once, nothing saved); flags are computed for the patient's sex and age on the
    /// day collected; a creatinine for an adult with a known sex adds its eGFR (CKD-EPI 2021).
    pub fn record_lab_report(
        &mut self,
        patient: PatientId,
        draft: &LabReportDraft,
        id: LabReportId,
        now: DateTime<Utc>,
    ) -> CoreResult<LabReport> {
        let access =
            self.require_for_patient(Operation::EditClinical, "record_lab_report", patient, now)?;
        let tz = practice_zone(self.db)?;
        let who = self.db.read(|c| patient_of(c, patient))?;
        let mut errors = Vec::new();
        let collected = gather(
            validate::collected_at(&draft.collected_at, tz, now, who.born),
            &mut errors,
        )?;
        let (panel_code, panel_name) = match draft.panel_code.as_deref().map(str::trim) {
            None | Some("") => (None, None),
            Some(code) => match (catalogue::panel(code), catalogue::test(code)) {
                (Some(p), _) => (Some(p.code.clone()), Some(p.short_name.clone())),
                (None, Some(t)) => (Some(t.loinc.clone()), Some(t.short_name.clone())),
                (None, None) => {
                    errors.push(FieldError::new("panelCode", "Choose a panel or test"));
                    (None, None)
                }
            },
        };
        let responsible = match draft.source {
            ReportSource::Hl7 => {
                errors.push(FieldError::new(
                    "source",
                    "Results files are imported, not typed",
                ));
                None
            }
            ReportSource::Outside => None,
            ReportSource::Manual => match draft.responsible_id {
                None => {
                    errors.push(FieldError::new(
                        "responsibleId",
                        "Choose the physician whose inbox it goes to",
                    ));
                    None
                }
                Some(user) => {
                    if !self
                        .db
                        .read(|c| store::lab_results::is_active_physician(c, user))?
                    {
                        errors.push(FieldError::new(
                            "responsibleId",
                            "Choose an active physician",
                        ));
                    }
                    Some(user)
                }
            },
        };
        let lab = gather(
            validate::note(&draft.performing_lab, "performingLab", 200),
            &mut errors,
        )?;
        let comment = gather(validate::note(&draft.comment, "comment", 2000), &mut errors)?;
        let on = collected.unwrap_or(now).with_timezone(&tz).date_naive();
        let rows = gather(validate::results(draft, id, who, on), &mut errors)?;
        let (Some(collected), Some(mut results), Some(lab), Some(comment), true) =
            (collected, rows, lab, comment, errors.is_empty())
        else {
            return Err(CoreError::Invalid(errors));
        };
        let reported_egfr = results.iter().any(|r| r.loinc == catalogue::EGFR_LOINC);
        if !reported_egfr {
            let egfr = results
                .iter()
                .find_map(|r| validate::computed_egfr(r, egfr_id(id), who, on));
            results.extend(egfr);
        }
        let names: Vec<&str> = results.iter().map(|r| r.loinc.as_str()).collect();
        let panel_name = panel_name.unwrap_or_else(|| {
            names
                .iter()
                .filter_map(|c| catalogue::test(c))
                .map(|t| t.short_name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        });
        let report = NewLabReport {
            id,
            patient,
            source: draft.source,
            panel_code,
            panel_name,
            responsible,
            collected_at: collected,
            received_at: now,
            performing_lab: lab,
            status: ResultStatus::Final,
            hl7_import: None,
            placer_order: None,
            entered_by: self.actor.user_id(),
            entered_at: now,
            results,
        };
        let actor = self.actor;
        self.db.write(|tx| {
            store::lab_results::insert_report_commented(tx, &report, comment.as_deref())?;
            let event = actor
                .event(now, "record_lab_report", Outcome::Ok)
                .entity("lab_report", id)
                .patient(patient)
                .emergency(access == Access::Emergency)
                .detail(format!(
                    "{} ({} result{})",
                    report.panel_name,
                    report.results.len(),
                    if report.results.len() == 1 { "" } else { "s" }
                ));
            audit::append(tx, &event)?;
            load_report(tx, id)
        })
    }

    /// Corrects one result: a new report (status corrected, same collection time, same
    /// responsible physician) whose result supersedes it; the original stays readable. A
    /// corrected creatinine brings its corrected eGFR. Returns the new report.
    pub fn correct_lab_result(
        &mut self,
        result: LabResultId,
        draft: &LabCorrectionDraft,
        id: LabReportId,
        now: DateTime<Utc>,
    ) -> CoreResult<LabReport> {
        self.require(Operation::EditClinical, "correct_lab_result", now)?;
        let patient = self.result_patient(result)?;
        let access =
            self.require_for_patient(Operation::EditClinical, "correct_lab_result", patient, now)?;
        let why = reason(&draft.reason, "reason")?;
        let tz = practice_zone(self.db)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let old =
                store::lab_results::result(tx, result)?.ok_or_else(|| CoreError::NotFound {
                    entity: "lab result",
                    id: result.to_string(),
                })?;
            if old.entered_in_error.is_some() {
                return Err(CoreError::invalid(
                    "value",
                    "This result is entered in error",
                ));
            }
            if old.superseded_by.is_some() {
                return Err(CoreError::invalid(
                    "value",
                    "This result is already corrected; correct the correction",
                ));
            }
            let Some(test) = catalogue::test(&old.loinc) else {
                return Err(CoreError::invalid(
                    "value",
                    "Only tests of the catalogue can be corrected here",
                ));
            };
            let original = store::lab_results::report(tx, old.report)?
                .ok_or_else(|| CoreError::Corrupt("a result without its report".into()))?;
            let who = patient_of(tx, patient)?;
            let on = old.collected_at.with_timezone(&tz).date_naive();
            let mut fixed =
                validate::correction(test, &draft.value, draft.unit.as_deref(), who, on)?;
            fixed.id = LabResultId::from_u128(derived(id.as_u128(), 1));
            fixed.status = ResultStatus::Corrected;
            fixed.supersedes = Some(result);
            fixed.comment = Some(format!("Corrected: {why}"));
            let mut results = vec![fixed];
            if old.loinc == CREATININE_LOINC {
                let computed = store::lab_results::results_of_report(tx, old.report)?
                    .into_iter()
                    .find(|r| {
                        super::report::is_computed(&r.loinc, r.comment.as_deref())
                            && r.entered_in_error.is_none()
                            && r.superseded_by.is_none()
                    });
                if let Some(mut egfr) = validate::computed_egfr(&results[0], egfr_id(id), who, on) {
                    egfr.supersedes = computed.map(|c| c.id);
                    results.push(egfr);
                }
            }
            let report = NewLabReport {
                id,
                patient,
                source: original.source,
                panel_code: Some(test.loinc.clone()),
                panel_name: format!("{} (corrected)", test.short_name),
                responsible: original.responsible,
                collected_at: original.collected_at,
                received_at: now,
                performing_lab: original.performing_lab.clone(),
                status: ResultStatus::Corrected,
                hl7_import: None,
                placer_order: None,
                entered_by: actor.user_id(),
                entered_at: now,
                results,
            };
            store::lab_results::insert_report(tx, &report)?;
            let event = actor
                .event(now, "correct_lab_result", Outcome::Ok)
                .entity("lab_result", result)
                .patient(patient)
                .emergency(access == Access::Emergency)
                .detail(why.as_str());
            audit::append(tx, &event)?;
            load_report(tx, id)
        })
    }

    /// Marks one result entered in error with `why` (and the eGFR computed from it, if it is
    /// a creatinine); it stays readable, struck through. Returns its report.
    pub fn lab_result_entered_in_error(
        &mut self,
        result: LabResultId,
        why: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<LabReport> {
        self.require(Operation::EditClinical, "lab_result_entered_in_error", now)?;
        let patient = self.result_patient(result)?;
        let access = self.require_for_patient(
            Operation::EditClinical,
            "lab_result_entered_in_error",
            patient,
            now,
        )?;
        let why = reason(why, "reason")?;
        let actor = self.actor;
        self.db.write(|tx| {
            let old =
                store::lab_results::result(tx, result)?.ok_or_else(|| CoreError::NotFound {
                    entity: "lab result",
                    id: result.to_string(),
                })?;
            if !store::lab_results::mark_result_entered_in_error(
                tx,
                result,
                actor.user_id(),
                &why,
                now,
            )? {
                return Err(CoreError::invalid(
                    "reason",
                    "This result is already marked entered in error",
                ));
            }
            if old.loinc == CREATININE_LOINC {
                for r in store::lab_results::results_of_report(tx, old.report)? {
                    if super::report::is_computed(&r.loinc, r.comment.as_deref())
                        && r.entered_in_error.is_none()
                    {
                        let because = format!("computed from a creatinine entered in error: {why}");
                        store::lab_results::mark_result_entered_in_error(
                            tx,
                            r.id,
                            actor.user_id(),
                            &because,
                            now,
                        )?;
                    }
                }
            }
            let event = actor
                .event(now, "lab_result_entered_in_error", Outcome::Ok)
                .entity("lab_result", result)
                .patient(patient)
                .emergency(access == Access::Emergency)
                .detail(why.as_str());
            audit::append(tx, &event)?;
            load_report(tx, old.report)
        })
    }

    /// The entry form's search of the catalogue ("a1c", "lipid", "creat"). Reference data:
    /// checked (clinical users) but not audited.
    pub fn search_lab_catalogue(
        &mut self,
        query: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<CatalogueHit>> {
        self.require(Operation::ViewClinical, "search_lab_catalogue", now)?;
        Ok(catalogue::search(query, SEARCH_LIMIT))
    }

    /// The whole catalogue for the entry form (units, ranges): reference data, checked
    /// (clinical users) but not audited.
    pub fn lab_catalogue(&mut self, now: DateTime<Utc>) -> CoreResult<LabCatalogue> {
        self.require(Operation::ViewClinical, "search_lab_catalogue", now)?;
        Ok(LabCatalogue {
            tests: catalogue::tests().to_vec(),
            panels: catalogue::panels().to_vec(),
        })
    }

    /// The active physicians a typed-in report may go to (staff names, no patient data:
    /// checked, not audited).
    pub fn lab_physicians(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<LabPhysician>> {
        self.require(Operation::EditClinical, "record_lab_report", now)?;
        let rows = self.db.read(store::lab_results::active_physicians)?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| LabPhysician { id, name })
            .collect())
    }

    fn result_patient(&mut self, result: LabResultId) -> CoreResult<PatientId> {
        self.db
            .read(|c| store::lab_results::patient_of_result(c, result))?
            .ok_or_else(|| CoreError::NotFound {
                entity: "lab result",
                id: result.to_string(),
            })
    }
}

//! Commands for the chart's diagnoses (thin wrappers over charta_core::chart::diagnoses).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::chart::diagnoses::{DiagnosisChoice, VisitDiagnosis};
use charta_core::ids::{DiagnosisId, VisitId};
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn search_diagnoses(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> CommandResult<Vec<DiagnosisChoice>> {
    let now = Utc::now();
    state.run(now, |u| u.diagnosis_search(&query, limit, now))
}

#[tauri::command(async)]
pub fn add_visit_diagnosis(
    state: State<'_, AppState>,
    visit_id: VisitId,
    code: String,
    primary: bool,
) -> CommandResult<Vec<VisitDiagnosis>> {
    let now = Utc::now();
    state.run(now, |u| {
        u.add_visit_diagnosis(visit_id, &code, primary, DiagnosisId::random(), now)
    })
}

#[tauri::command(async)]
pub fn list_visit_diagnoses(
    state: State<'_, AppState>,
    visit_id: VisitId,
) -> CommandResult<Vec<VisitDiagnosis>> {
    let now = Utc::now();
    state.run(now, |u| u.visit_diagnoses(visit_id, now))
}

#[tauri::command(async)]
pub fn set_primary_diagnosis(
    state: State<'_, AppState>,
    id: DiagnosisId,
) -> CommandResult<Vec<VisitDiagnosis>> {
    let now = Utc::now();
    state.run(now, |u| u.set_primary_diagnosis(id, now))
}

#[tauri::command(async)]
pub fn diagnosis_entered_in_error(
    state: State<'_, AppState>,
    id: DiagnosisId,
    reason: String,
) -> CommandResult<Vec<VisitDiagnosis>> {
    let now = Utc::now();
    state.run(now, |u| u.diagnosis_entered_in_error(id, &reason, now))
}

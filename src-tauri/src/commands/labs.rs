//! Commands for lab results (thin wrappers over charta_core::labs): manual entry, the
//! Results tab's reads, corrections and entered in error, the catalogue.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::{LabReportId, LabResultId};
use charta_core::labs::catalogue::CatalogueHit;
use charta_core::labs::ops::{LabCatalogue, LabPhysician, LabTrend};
use charta_core::labs::{LabCorrectionDraft, LabReport, LabReportDraft, LabResultsTable};
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn record_lab_report(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: LabReportDraft,
) -> CommandResult<LabReport> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_lab_report(patient_id, &draft, LabReportId::random(), now)
    })
}

#[tauri::command(async)]
pub fn lab_reports(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<LabReport>> {
    let now = Utc::now();
    state.run(now, |u| u.lab_reports(patient_id, now))
}

#[tauri::command(async)]
pub fn lab_results_table(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<LabResultsTable> {
    let now = Utc::now();
    state.run(now, |u| u.lab_results_table(patient_id, now))
}

#[tauri::command(async)]
pub fn lab_trend(
    state: State<'_, AppState>,
    patient_id: PatientId,
    loinc: String,
) -> CommandResult<LabTrend> {
    let now = Utc::now();
    state.run(now, |u| u.lab_trend(patient_id, &loinc, now))
}

#[tauri::command(async)]
pub fn correct_lab_result(
    state: State<'_, AppState>,
    result_id: LabResultId,
    draft: LabCorrectionDraft,
) -> CommandResult<LabReport> {
    let now = Utc::now();
    state.run(now, |u| {
        u.correct_lab_result(result_id, &draft, LabReportId::random(), now)
    })
}

#[tauri::command(async)]
pub fn lab_result_entered_in_error(
    state: State<'_, AppState>,
    result_id: LabResultId,
    reason: String,
) -> CommandResult<LabReport> {
    let now = Utc::now();
    state.run(now, |u| {
        u.lab_result_entered_in_error(result_id, &reason, now)
    })
}

#[tauri::command(async)]
pub fn search_lab_catalogue(
    state: State<'_, AppState>,
    query: String,
) -> CommandResult<Vec<CatalogueHit>> {
    let now = Utc::now();
    state.run(now, |u| u.search_lab_catalogue(&query, now))
}

#[tauri::command(async)]
pub fn lab_catalogue(state: State<'_, AppState>) -> CommandResult<LabCatalogue> {
    let now = Utc::now();
    state.run(now, |u| u.lab_catalogue(now))
}

#[tauri::command(async)]
pub fn lab_physicians(state: State<'_, AppState>) -> CommandResult<Vec<LabPhysician>> {
    let now = Utc::now();
    state.run(now, |u| u.lab_physicians(now))
}

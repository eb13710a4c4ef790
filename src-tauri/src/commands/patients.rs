//! Commands for the patient register.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::patient::{Patient, PatientDraft, RegisterOutcome, SearchPage, SearchRequest};
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn search_patients(
    state: State<'_, AppState>,
    request: SearchRequest,
) -> CommandResult<SearchPage> {
    Ok(state.db()?.search_patients(&request, Utc::now())?)
}

#[tauri::command(async)]
pub fn register_patient(
    state: State<'_, AppState>,
    draft: PatientDraft,
    allow_duplicates: bool,
) -> CommandResult<RegisterOutcome> {
    Ok(state
        .db()?
        .register_patient(&draft, allow_duplicates, PatientId::random(), Utc::now())?)
}

#[tauri::command(async)]
pub fn get_patient(state: State<'_, AppState>, id: PatientId) -> CommandResult<Patient> {
    Ok(state.db()?.patient(id, Utc::now())?)
}

#[tauri::command(async)]
pub fn update_patient(
    state: State<'_, AppState>,
    id: PatientId,
    expected_version: u32,
    draft: PatientDraft,
) -> CommandResult<Patient> {
    Ok(state
        .db()?
        .update_patient(id, expected_version, &draft, Utc::now())?)
}

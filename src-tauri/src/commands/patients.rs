//! Commands for the patient register.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::patient::{Patient, PatientDraft, RegisterOutcome, SearchPage, SearchRequest};
use charta_core::PatientId;
use chrono::{DateTime, Utc};
use tauri::State;

#[tauri::command(async)]
pub fn search_patients(
    state: State<'_, AppState>,
    request: SearchRequest,
) -> CommandResult<SearchPage> {
    let now = Utc::now();
    state.run(now, |u| u.search_patients(&request, now))
}

#[tauri::command(async)]
pub fn register_patient(
    state: State<'_, AppState>,
    draft: PatientDraft,
    allow_duplicates: bool,
) -> CommandResult<RegisterOutcome> {
    let now = Utc::now();
    state.run(now, |u| {
        u.register_patient(&draft, allow_duplicates, PatientId::random(), now)
    })
}

#[tauri::command(async)]
pub fn get_patient(state: State<'_, AppState>, id: PatientId) -> CommandResult<Patient> {
    let now = Utc::now();
    state.run(now, |u| u.patient(id, now))
}

#[tauri::command(async)]
pub fn update_patient(
    state: State<'_, AppState>,
    id: PatientId,
    expected_version: u32,
    draft: PatientDraft,
) -> CommandResult<Patient> {
    let now = Utc::now();
    state.run(now, |u| u.update_patient(id, expected_version, &draft, now))
}

#[tauri::command(async)]
pub fn set_restricted(
    state: State<'_, AppState>,
    id: PatientId,
    restricted: bool,
) -> CommandResult<()> {
    let now = Utc::now();
    state.run(now, |u| u.set_restricted(id, restricted, now))
}

/// Opens a restricted chart for a while; answers when the access ends.
#[tauri::command(async)]
pub fn emergency_access(
    state: State<'_, AppState>,
    id: PatientId,
    reason: String,
) -> CommandResult<DateTime<Utc>> {
    let now = Utc::now();
    state.run(now, |u| u.emergency_access(id, &reason, now))
}

//! Commands for immunizations (thin wrappers over charta_core::immunizations).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::ImmunizationId;
use charta_core::immunizations::{
    Immunization, ImmunizationDraft, ImmunizationForecast, VaccineHit,
};
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn record_immunization(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: ImmunizationDraft,
) -> CommandResult<Immunization> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_immunization(patient_id, &draft, ImmunizationId::random(), now)
    })
}

#[tauri::command(async)]
pub fn immunization_entered_in_error(
    state: State<'_, AppState>,
    id: ImmunizationId,
    reason: String,
) -> CommandResult<Immunization> {
    let now = Utc::now();
    state.run(now, |u| u.immunization_entered_in_error(id, &reason, now))
}

#[tauri::command(async)]
pub fn immunizations(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<Immunization>> {
    let now = Utc::now();
    state.run(now, |u| u.immunizations(patient_id, now))
}

#[tauri::command(async)]
pub fn immunization_forecast(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<ImmunizationForecast> {
    let now = Utc::now();
    state.run(now, |u| u.immunization_forecast(patient_id, now))
}

#[tauri::command(async)]
pub fn search_vaccines(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> CommandResult<Vec<VaccineHit>> {
    let now = Utc::now();
    state.run(now, |u| u.search_vaccines(&query, limit, now))
}

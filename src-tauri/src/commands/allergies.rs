//! Commands for the chart's allergies (thin wrappers over charta_core::chart).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::allergens::AllergenHit;
use charta_core::chart::allergies::{
    Allergy, AllergyBadge, AllergyDraft, AllergyList, AllergyVersion,
};
use charta_core::ids::{AllergyId, AllergyStatementId};
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn search_allergens(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> CommandResult<Vec<AllergenHit>> {
    let now = Utc::now();
    state.run(now, |u| u.allergens_search(&query, limit, now))
}

#[tauri::command(async)]
pub fn record_allergy(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: AllergyDraft,
) -> CommandResult<Allergy> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_allergy(patient_id, &draft, AllergyId::random(), now)
    })
}

#[tauri::command(async)]
pub fn update_allergy(
    state: State<'_, AppState>,
    id: AllergyId,
    expected_version: u32,
    draft: AllergyDraft,
) -> CommandResult<Allergy> {
    let now = Utc::now();
    state.run(now, |u| u.update_allergy(id, expected_version, &draft, now))
}

#[tauri::command(async)]
pub fn allergy_entered_in_error(
    state: State<'_, AppState>,
    id: AllergyId,
    reason: String,
) -> CommandResult<Allergy> {
    let now = Utc::now();
    state.run(now, |u| u.allergy_entered_in_error(id, &reason, now))
}

#[tauri::command(async)]
pub fn list_allergies(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<AllergyList> {
    let now = Utc::now();
    state.run(now, |u| u.allergies(patient_id, now))
}

#[tauri::command(async)]
pub fn allergy_history(
    state: State<'_, AppState>,
    id: AllergyId,
) -> CommandResult<Vec<AllergyVersion>> {
    let now = Utc::now();
    state.run(now, |u| u.allergy_history(id, now))
}

#[tauri::command(async)]
pub fn record_no_known_allergies(
    state: State<'_, AppState>,
    patient_id: PatientId,
    drugs_only: bool,
) -> CommandResult<AllergyList> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_no_known_allergies(patient_id, drugs_only, AllergyStatementId::random(), now)
    })
}

#[tauri::command(async)]
pub fn allergy_state(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<AllergyBadge> {
    let now = Utc::now();
    state.run(now, |u| u.allergy_state(patient_id, now))
}

//! Commands for the chart's vitals (thin wrappers over charta_core::chart::vitals).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::chart::vitals::{VitalsInput, VitalsSet};
use charta_core::ids::{VisitId, VitalsId};
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn record_vitals(
    state: State<'_, AppState>,
    patient_id: PatientId,
    visit_id: Option<VisitId>,
    input: VitalsInput,
) -> CommandResult<VitalsSet> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_vitals(patient_id, visit_id, &input, VitalsId::random(), now)
    })
}

#[tauri::command(async)]
pub fn list_vitals(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<VitalsSet>> {
    let now = Utc::now();
    state.run(now, |u| u.vitals(patient_id, now))
}

#[tauri::command(async)]
pub fn vitals_entered_in_error(
    state: State<'_, AppState>,
    id: VitalsId,
    reason: String,
) -> CommandResult<VitalsSet> {
    let now = Utc::now();
    state.run(now, |u| u.vitals_entered_in_error(id, &reason, now))
}

//! Commands for the chart's outside visits (thin wrappers over charta_core::chart::outside_visits).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::chart::outside_visits::OutsideVisit;
use charta_core::ids::OutsideVisitId;
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn list_outside_visits(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<OutsideVisit>> {
    let now = Utc::now();
    state.run(now, |u| u.outside_visits(patient_id, now))
}

#[tauri::command(async)]
pub fn outside_visit_entered_in_error(
    state: State<'_, AppState>,
    id: OutsideVisitId,
    reason: String,
) -> CommandResult<OutsideVisit> {
    let now = Utc::now();
    state.run(now, |u| u.outside_visit_entered_in_error(id, &reason, now))
}

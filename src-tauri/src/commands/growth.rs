//! Commands for growth charts (thin wrappers over charta_core::growth).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::growth::GrowthChart;
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn growth_chart(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<GrowthChart> {
    let now = Utc::now();
    state.run(now, |u| u.growth_chart(patient_id, now))
}

//! Commands for the chart summary and the chart search (thin wrappers over charta_core::chart).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::chart::search::ChartSearchPage;
use charta_core::chart::summary::ChartSummary;
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn chart_summary(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<ChartSummary> {
    let now = Utc::now();
    state.run(now, |u| u.chart_summary(patient_id, now))
}

#[tauri::command(async)]
pub fn search_chart(
    state: State<'_, AppState>,
    patient_id: PatientId,
    query: String,
) -> CommandResult<ChartSearchPage> {
    let now = Utc::now();
    state.run(now, |u| u.search_chart(patient_id, &query, now))
}

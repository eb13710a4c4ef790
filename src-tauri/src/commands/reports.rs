//! Commands for the practice reports (thin wrappers over charta_core::reports).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::reports::{PracticeReport, ReportKind, ReportListing};
use charta_core::PatientId;
use chrono::Utc;
use std::path::PathBuf;
use tauri::State;

#[tauri::command(async)]
pub fn practice_report_kinds(state: State<'_, AppState>) -> CommandResult<Vec<ReportListing>> {
    state.run(Utc::now(), |u| Ok(u.practice_report_kinds()))
}

#[tauri::command(async)]
pub fn run_practice_report(
    state: State<'_, AppState>,
    kind: ReportKind,
) -> CommandResult<PracticeReport> {
    let now = Utc::now();
    state.run(now, |u| u.practice_report(&kind, now))
}

/// Writes the report as CSV, owner-only and never over an existing file, into `dir` (the
/// `exports/` folder beside the database when empty); answers the file's path.
#[tauri::command(async)]
pub fn export_practice_report(
    state: State<'_, AppState>,
    kind: ReportKind,
    dir: String,
) -> CommandResult<String> {
    let now = Utc::now();
    let csv = state.run(now, |u| u.export_practice_report(&kind, now))?;
    let dir = match dir.trim() {
        "" => state.database_path.with_file_name("exports"),
        picked => PathBuf::from(picked),
    };
    let stem = format!(
        "report-{}-{}",
        kind.key().replace(':', "-"),
        now.format("%Y%m%d-%H%M%S")
    );
    let path = charta_core::export::write_export(&dir, &stem, "csv", csv.as_bytes())?;
    Ok(path.display().to_string())
}

#[tauri::command(async)]
pub fn open_chart_from_report(
    state: State<'_, AppState>,
    patient_id: PatientId,
    kind: ReportKind,
) -> CommandResult<()> {
    let now = Utc::now();
    state.run(now, |u| u.open_chart_from_report(patient_id, &kind, now))
}

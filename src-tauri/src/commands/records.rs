//! Commands of the records export (thin wrappers over charta_core::fhir): the whole practice
//! as FHIR NDJSON with progress over a channel, or one chart as a Bundle file.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::fhir::{ExportProgress, PracticeExport};
use chrono::Utc;
use std::path::Path;
use tauri::ipc::Channel;
use tauri::State;

/// Exports every chart into the new folder `dir` (admin); `on_progress` hears after each batch.
#[tauri::command(async)]
pub fn export_practice_fhir(
    state: State<'_, AppState>,
    dir: String,
    on_progress: Channel<ExportProgress>,
) -> CommandResult<PracticeExport> {
    let now = Utc::now();
    state.run(now, |u| {
        u.export_practice_fhir(Path::new(dir.trim()), now, &mut |done, total| {
            // A closed window only stops the updates, not the export.
            let _ = on_progress.send(ExportProgress { done, total });
        })
    })
}

/// Writes chart `mrn` as a Bundle into `dir` (admin); answers the file's path.
#[tauri::command(async)]
pub fn export_patient_fhir(
    state: State<'_, AppState>,
    mrn: i64,
    dir: String,
) -> CommandResult<String> {
    let now = Utc::now();
    state.run(now, |u| {
        u.export_patient_fhir_to(mrn, Path::new(dir.trim()), now)
            .map(|p| p.display().to_string())
    })
}

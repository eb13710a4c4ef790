//! Commands of the RxNorm import (thin wrappers over charta_core::medications::rxnorm).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::DrugImportId;
use charta_core::medications::rxnorm::DrugImportReport;
use chrono::Utc;
use std::path::Path;
use tauri::State;

/// Imports the release files in the folder `dir` (admin). Runs off the UI thread; the screen
/// shows its progress text until the answer comes.
#[tauri::command(async)]
pub fn import_rxnorm(state: State<'_, AppState>, dir: String) -> CommandResult<DrugImportReport> {
    let now = Utc::now();
    state.run(now, |u| {
        u.import_rxnorm(Path::new(dir.trim()), DrugImportId::random(), now)
    })
}

#[tauri::command(async)]
pub fn drug_imports(state: State<'_, AppState>) -> CommandResult<Vec<DrugImportReport>> {
    let now = Utc::now();
    state.run(now, |u| u.drug_imports(now))
}

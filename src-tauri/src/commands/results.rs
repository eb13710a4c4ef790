//! Commands for result files and the results inbox (thin wrappers over charta_core::results).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::error::CoreError;
use charta_core::ids::{Hl7ImportId, LabReportId, ResultsLetterId};
use charta_core::results::{
    FolderRun, HeldResultFile, Hl7ImportOutcome, InboxItem, LetterRecord, PhysicianChoice,
    ResultFileRow, ResultFiles, ResultsInbox, ResultsLetter,
};
use charta_core::{PatientId, UserId};
use chrono::Utc;
use tauri::State;

/// Imports the result file at `path` (typed or picked); the file stays where it is.
#[tauri::command(async)]
pub fn import_result_file(
    state: State<'_, AppState>,
    path: String,
) -> CommandResult<Hl7ImportOutcome> {
    let now = Utc::now();
    let file = std::path::Path::new(path.trim());
    let bytes = std::fs::read(file)
        .map_err(|e| CoreError::invalid("path", format!("Cannot read {}: {e}", file.display())))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    state.run(now, |u| {
        u.import_hl7(&name, &bytes, Hl7ImportId::random(), now)
    })
}

#[tauri::command(async)]
pub fn result_files(state: State<'_, AppState>) -> CommandResult<ResultFiles> {
    let now = Utc::now();
    state.run(now, |u| u.result_files(now))
}

#[tauri::command(async)]
pub fn held_result_file(
    state: State<'_, AppState>,
    id: Hl7ImportId,
) -> CommandResult<HeldResultFile> {
    let now = Utc::now();
    state.run(now, |u| u.held_result_file(id, now))
}

#[tauri::command(async)]
pub fn match_result_file(
    state: State<'_, AppState>,
    id: Hl7ImportId,
    patient_id: PatientId,
    physician_id: Option<UserId>,
) -> CommandResult<Hl7ImportOutcome> {
    let now = Utc::now();
    state.run(now, |u| {
        u.match_result_file(id, patient_id, physician_id, now)
    })
}

#[tauri::command(async)]
pub fn refuse_result_file(
    state: State<'_, AppState>,
    id: Hl7ImportId,
    reason: String,
) -> CommandResult<ResultFileRow> {
    let now = Utc::now();
    state.run(now, |u| u.refuse_result_file(id, &reason, now))
}

#[tauri::command(async)]
pub fn results_physicians(state: State<'_, AppState>) -> CommandResult<Vec<PhysicianChoice>> {
    let now = Utc::now();
    state.run(now, |u| u.results_physicians(now))
}

#[tauri::command(async)]
pub fn set_results_folder(
    state: State<'_, AppState>,
    path: String,
) -> CommandResult<Option<String>> {
    let now = Utc::now();
    state.run(now, |u| u.set_results_folder(&path, now))
}

#[tauri::command(async)]
pub fn results_folder(state: State<'_, AppState>) -> CommandResult<Option<String>> {
    let now = Utc::now();
    state.run(now, |u| u.results_folder(now))
}

/// One pass over the results folder (the UI calls it every few seconds while someone who
/// imports results is logged in).
#[tauri::command(async)]
pub fn import_results_folder(state: State<'_, AppState>) -> CommandResult<FolderRun> {
    let now = Utc::now();
    state.run(now, |u| u.import_results_folder(Hl7ImportId::random(), now))
}

#[tauri::command(async)]
pub fn results_inbox(state: State<'_, AppState>) -> CommandResult<ResultsInbox> {
    let now = Utc::now();
    state.run(now, |u| u.results_inbox(now))
}

#[tauri::command(async)]
pub fn results_inbox_count(state: State<'_, AppState>) -> CommandResult<u32> {
    let now = Utc::now();
    state.run(now, |u| u.results_inbox_count(now))
}

#[tauri::command(async)]
pub fn sign_off_results(
    state: State<'_, AppState>,
    report_id: LabReportId,
    comment: String,
) -> CommandResult<InboxItem> {
    let now = Utc::now();
    state.run(now, |u| u.sign_off_results(report_id, &comment, now))
}

#[tauri::command(async)]
pub fn results_letter(
    state: State<'_, AppState>,
    report_id: LabReportId,
) -> CommandResult<ResultsLetter> {
    let now = Utc::now();
    state.run(now, |u| u.results_letter(report_id, now))
}

#[tauri::command(async)]
pub fn print_results_letter(
    state: State<'_, AppState>,
    report_id: LabReportId,
) -> CommandResult<LetterRecord> {
    let now = Utc::now();
    state.run(now, |u| {
        u.print_results_letter(report_id, ResultsLetterId::random(), now)
    })
}

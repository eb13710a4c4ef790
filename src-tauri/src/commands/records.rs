//! Commands of the records export and import (thin wrappers over charta_core::fhir): the whole
//! practice as FHIR NDJSON with progress over a channel, one chart as a Bundle file, and FHIR
//! files from another system imported (or a dry run of it) with progress over a channel, and
//! patients from another system's CSV file (charta_core::csv_import), previewed or imported.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::csv_import::{
    CsvAppointmentOptions, CsvAppointmentReport, CsvImportReport, CsvOptions,
};
use charta_core::fhir::import::{ImportProgress, ImportReport};
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

/// Writes chart `mrn`'s readable PDF record into `dir` (admin); answers the file's path.
#[tauri::command(async)]
pub fn export_patient_pdf(
    state: State<'_, AppState>,
    mrn: i64,
    dir: String,
) -> CommandResult<String> {
    let now = Utc::now();
    state.run(now, |u| {
        u.patient_record_pdf_to(mrn, Path::new(dir.trim()), now)
            .map(|p| p.display().to_string())
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

/// Imports the FHIR files at `files` (admin), or with `dry_run` says what it would do and
/// changes nothing; `on_progress` hears after each chart.
#[tauri::command(async)]
pub fn import_fhir(
    state: State<'_, AppState>,
    files: Vec<String>,
    dry_run: bool,
    on_progress: Channel<ImportProgress>,
) -> CommandResult<ImportReport> {
    let now = Utc::now();
    let paths: Vec<&str> = files
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .collect();
    // The edge of the system makes ids: a fresh namespace per run seeds the new records' ids.
    let namespace = uuid::Uuid::new_v4();
    state.run(now, |u| {
        u.import_fhir(&paths, dry_run, namespace, now, &mut |p| {
            // A closed window only stops the updates, not the import.
            let _ = on_progress.send(p);
        })
    })
}

/// Imports the patients of the CSV `file` with the admin's column mapping and date format
/// (`None` in `options` means as detected), or with `dry_run` previews it and changes nothing.
#[tauri::command(async)]
pub fn import_patients_csv(
    state: State<'_, AppState>,
    file: String,
    options: CsvOptions,
    dry_run: bool,
) -> CommandResult<CsvImportReport> {
    let now = Utc::now();
    // As for the FHIR import: a fresh namespace per run seeds the new records' ids.
    let namespace = uuid::Uuid::new_v4();
    state.run(now, |u| {
        u.import_patients_csv(Path::new(file.trim()), &options, dry_run, namespace, now)
    })
}

/// Imports the appointments of the CSV `file` (patients already registered) with the admin's
/// mapping, date format and overbook reason, or with `dry_run` previews it and changes nothing.
#[tauri::command(async)]
pub fn import_appointments_csv(
    state: State<'_, AppState>,
    file: String,
    options: CsvAppointmentOptions,
    dry_run: bool,
) -> CommandResult<CsvAppointmentReport> {
    let now = Utc::now();
    let namespace = uuid::Uuid::new_v4();
    state.run(now, |u| {
        u.import_appointments_csv(Path::new(file.trim()), &options, dry_run, namespace, now)
    })
}

//! Commands for sig previews and printed prescriptions and medication lists (thin wrappers
//! over charta_core::medications::{sig, print}).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::{MedicationId, PrintId};
use charta_core::medications::print::{MedicationListPrint, PrescriptionPrint, PrintedCopy};
use charta_core::medications::sig::SigPreview;
use charta_core::medications::Sig;
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn sig_preview(state: State<'_, AppState>, sig: Sig) -> CommandResult<SigPreview> {
    let now = Utc::now();
    state.run(now, |u| u.sig_preview(&sig, now))
}

#[tauri::command(async)]
pub fn print_prescription(
    state: State<'_, AppState>,
    id: MedicationId,
) -> CommandResult<PrescriptionPrint> {
    let now = Utc::now();
    state.run(now, |u| u.print_prescription(id, PrintId::random(), now))
}

#[tauri::command(async)]
pub fn print_medication_list(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<MedicationListPrint> {
    let now = Utc::now();
    state.run(now, |u| {
        u.print_medication_list(patient_id, PrintId::random(), now)
    })
}

#[tauri::command(async)]
pub fn printed_copies(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<PrintedCopy>> {
    let now = Utc::now();
    state.run(now, |u| u.printed_copies(patient_id, now))
}

#[tauri::command(async)]
pub fn printed_copy_pdf(state: State<'_, AppState>, id: PrintId) -> CommandResult<Vec<u8>> {
    let now = Utc::now();
    state.run(now, |u| u.printed_copy_pdf(id, now))
}

//! Commands for prescribing and the medication list (thin wrappers over
//! charta_core::medications::prescriptions). `sig_preview` lives with the print commands.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::{MedicationId, ReconciliationId, VisitId};
use charta_core::medications::prescriptions::SignedPrescription;
use charta_core::medications::{
    AlertOverride, Medication, MedicationHistoryEntry, MedicationList, PrescriptionDraft,
    ReconciliationItem, ReconciliationSummary, ReportedMedicationDraft, SafetyCheck,
};
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn medication_list(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<MedicationList> {
    let now = Utc::now();
    state.run(now, |u| u.medication_list(patient_id, now))
}

#[tauri::command(async)]
pub fn draft_prescription(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: PrescriptionDraft,
) -> CommandResult<Medication> {
    let now = Utc::now();
    state.run(now, |u| {
        u.draft_prescription(patient_id, &draft, MedicationId::random(), now)
    })
}

#[tauri::command(async)]
pub fn update_prescription_draft(
    state: State<'_, AppState>,
    id: MedicationId,
    expected_version: u32,
    draft: PrescriptionDraft,
) -> CommandResult<Medication> {
    let now = Utc::now();
    state.run(now, |u| {
        u.update_prescription_draft(id, expected_version, &draft, now)
    })
}

#[tauri::command(async)]
pub fn check_prescription(
    state: State<'_, AppState>,
    id: MedicationId,
) -> CommandResult<SafetyCheck> {
    let now = Utc::now();
    state.run(now, |u| u.check_prescription(id, now))
}

#[tauri::command(async)]
pub fn sign_prescription(
    state: State<'_, AppState>,
    id: MedicationId,
    expected_version: u32,
    overrides: Vec<AlertOverride>,
) -> CommandResult<SignedPrescription> {
    let now = Utc::now();
    state.run(now, |u| {
        u.sign_prescription(id, expected_version, &overrides, now)
    })
}

#[tauri::command(async)]
pub fn renew_prescription(
    state: State<'_, AppState>,
    id: MedicationId,
) -> CommandResult<Medication> {
    let now = Utc::now();
    state.run(now, |u| {
        u.renew_prescription(id, MedicationId::random(), now)
    })
}

#[tauri::command(async)]
pub fn change_prescription(
    state: State<'_, AppState>,
    id: MedicationId,
    draft: PrescriptionDraft,
    reason: String,
) -> CommandResult<Medication> {
    let now = Utc::now();
    state.run(now, |u| {
        u.change_prescription(id, &draft, &reason, MedicationId::random(), now)
    })
}

#[tauri::command(async)]
pub fn discontinue_medication(
    state: State<'_, AppState>,
    id: MedicationId,
    reason: String,
) -> CommandResult<Medication> {
    let now = Utc::now();
    state.run(now, |u| u.discontinue_medication(id, &reason, now))
}

#[tauri::command(async)]
pub fn medication_entered_in_error(
    state: State<'_, AppState>,
    id: MedicationId,
    reason: String,
) -> CommandResult<Medication> {
    let now = Utc::now();
    state.run(now, |u| u.medication_entered_in_error(id, &reason, now))
}

#[tauri::command(async)]
pub fn record_reported_medication(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: ReportedMedicationDraft,
) -> CommandResult<Medication> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_reported_medication(patient_id, &draft, MedicationId::random(), now)
    })
}

#[tauri::command(async)]
pub fn prescriptions_to_sign(
    state: State<'_, AppState>,
) -> CommandResult<Vec<charta_core::medications::prescriptions::QueuedPrescription>> {
    let now = Utc::now();
    state.run(now, |u| u.prescriptions_to_sign(now))
}

#[tauri::command(async)]
pub fn medication_history(
    state: State<'_, AppState>,
    id: MedicationId,
) -> CommandResult<Vec<MedicationHistoryEntry>> {
    let now = Utc::now();
    state.run(now, |u| u.medication_history(id, now))
}

#[tauri::command(async)]
pub fn reconcile_medications(
    state: State<'_, AppState>,
    patient_id: PatientId,
    visit_id: Option<VisitId>,
    items: Vec<ReconciliationItem>,
) -> CommandResult<ReconciliationSummary> {
    let now = Utc::now();
    state.run(now, |u| {
        u.reconcile_medications(
            patient_id,
            visit_id,
            &items,
            ReconciliationId::random(),
            now,
        )
    })
}

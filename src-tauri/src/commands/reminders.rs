//! Commands for the preventive-care reminders (thin wrappers over charta_core::reminders).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::{ReminderDecisionId, ScreeningProcedureId};
use charta_core::reminders::{
    RegistryRow, Reminder, ReminderDecisionDraft, ScreeningProcedureDraft,
};
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn reminders_for_patient(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<Reminder>> {
    let now = Utc::now();
    state.run(now, |u| u.reminders_for_patient(patient_id, now))
}

#[tauri::command(async)]
pub fn record_reminder_decision(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: ReminderDecisionDraft,
) -> CommandResult<Vec<Reminder>> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_reminder_decision(patient_id, &draft, ReminderDecisionId::random(), now)
    })
}

#[tauri::command(async)]
pub fn withdraw_reminder_decision(
    state: State<'_, AppState>,
    id: ReminderDecisionId,
    reason: String,
) -> CommandResult<Vec<Reminder>> {
    let now = Utc::now();
    state.run(now, |u| u.withdraw_reminder_decision(id, &reason, now))
}

#[tauri::command(async)]
pub fn record_screening_procedure(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: ScreeningProcedureDraft,
) -> CommandResult<Vec<Reminder>> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_screening_procedure(patient_id, &draft, ScreeningProcedureId::random(), now)
    })
}

#[tauri::command(async)]
pub fn reminder_registry(
    state: State<'_, AppState>,
    rule: String,
) -> CommandResult<Vec<RegistryRow>> {
    let now = Utc::now();
    state.run(now, |u| u.reminder_registry(&rule, now))
}

//! Commands for the chart's visits and notes (thin wrappers over charta_core::chart::visits).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::chart::visits::{
    AfterVisitSummary, DraftSaved, Provider, QueueItem, SoapNote, Visit, VisitDraft, VisitSummary,
};
use charta_core::ids::{AmendmentId, VisitId};
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn start_visit(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: VisitDraft,
) -> CommandResult<Visit> {
    let now = Utc::now();
    state.run(now, |u| {
        u.start_visit(patient_id, &draft, VisitId::random(), now)
    })
}

#[tauri::command(async)]
pub fn list_visits(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<VisitSummary>> {
    let now = Utc::now();
    state.run(now, |u| u.visits(patient_id, now))
}

#[tauri::command(async)]
pub fn get_visit(state: State<'_, AppState>, id: VisitId) -> CommandResult<Visit> {
    let now = Utc::now();
    state.run(now, |u| u.visit(id, now))
}

#[tauri::command(async)]
pub fn save_draft(
    state: State<'_, AppState>,
    id: VisitId,
    expected_draft_version: u32,
    note: SoapNote,
) -> CommandResult<DraftSaved> {
    let now = Utc::now();
    state.run(now, |u| {
        u.save_draft(id, expected_draft_version, &note, now)
    })
}

#[tauri::command(async)]
pub fn sign_note(
    state: State<'_, AppState>,
    id: VisitId,
    expected_draft_version: u32,
) -> CommandResult<Visit> {
    let now = Utc::now();
    state.run(now, |u| u.sign_note(id, expected_draft_version, now))
}

#[tauri::command(async)]
pub fn amend_note(
    state: State<'_, AppState>,
    id: VisitId,
    reason: String,
    text: String,
) -> CommandResult<Visit> {
    let now = Utc::now();
    state.run(now, |u| {
        u.amend_note(id, &reason, &text, AmendmentId::random(), now)
    })
}

#[tauri::command(async)]
pub fn visit_entered_in_error(
    state: State<'_, AppState>,
    id: VisitId,
    reason: String,
) -> CommandResult<Visit> {
    let now = Utc::now();
    state.run(now, |u| u.visit_entered_in_error(id, &reason, now))
}

#[tauri::command(async)]
pub fn cosign_queue(state: State<'_, AppState>) -> CommandResult<Vec<QueueItem>> {
    let now = Utc::now();
    state.run(now, |u| u.cosign_queue(now))
}

#[tauri::command(async)]
pub fn after_visit_summary(
    state: State<'_, AppState>,
    id: VisitId,
) -> CommandResult<AfterVisitSummary> {
    let now = Utc::now();
    state.run(now, |u| u.after_visit_summary(id, now))
}

#[tauri::command(async)]
pub fn list_providers(state: State<'_, AppState>) -> CommandResult<Vec<Provider>> {
    let now = Utc::now();
    state.run(now, |u| u.visit_providers(now))
}

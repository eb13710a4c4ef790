//! Commands for the chart's histories (thin wrappers over charta_core::chart).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::chart::histories::{
    FamilyEntry, FamilyHistoryDraft, Histories, HistoryTable, HistoryVersions, SocialEntry,
    SocialHistoryDraft, SocialKind, SurgicalEntry, SurgicalHistoryDraft,
};
use charta_core::ids::HistoryEntryId;
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn record_social_history(
    state: State<'_, AppState>,
    patient_id: PatientId,
    kind: SocialKind,
    draft: SocialHistoryDraft,
    replaces: Option<HistoryEntryId>,
) -> CommandResult<SocialEntry> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_social_history(
            patient_id,
            kind,
            &draft,
            replaces,
            HistoryEntryId::random(),
            now,
        )
    })
}

#[tauri::command(async)]
pub fn record_family_history(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: FamilyHistoryDraft,
    replaces: Option<HistoryEntryId>,
) -> CommandResult<FamilyEntry> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_family_history(patient_id, &draft, replaces, HistoryEntryId::random(), now)
    })
}

#[tauri::command(async)]
pub fn record_surgical_history(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: SurgicalHistoryDraft,
    replaces: Option<HistoryEntryId>,
) -> CommandResult<SurgicalEntry> {
    let now = Utc::now();
    state.run(now, |u| {
        u.record_surgical_history(patient_id, &draft, replaces, HistoryEntryId::random(), now)
    })
}

#[tauri::command(async)]
pub fn history_entered_in_error(
    state: State<'_, AppState>,
    table: HistoryTable,
    id: HistoryEntryId,
    reason: String,
) -> CommandResult<()> {
    let now = Utc::now();
    state.run(now, |u| u.history_entered_in_error(table, id, &reason, now))
}

#[tauri::command(async)]
pub fn list_histories(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Histories> {
    let now = Utc::now();
    state.run(now, |u| u.histories(patient_id, now))
}

#[tauri::command(async)]
pub fn history_versions(
    state: State<'_, AppState>,
    table: HistoryTable,
    id: HistoryEntryId,
) -> CommandResult<HistoryVersions> {
    let now = Utc::now();
    state.run(now, |u| u.history_versions(table, id, now))
}

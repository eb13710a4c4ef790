//! Commands for the schedule: recurrence (thin wrappers over charta_core::schedule).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::{AppointmentId, SeriesId};
use charta_core::schedule::recurrence::{PlannedOccurrence, SeriesBooking};
use charta_core::schedule::{
    Appointment, AppointmentChange, AppointmentDraft, CancelKind, RecurrenceRule, SeriesScope,
};
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn preview_series(
    state: State<'_, AppState>,
    draft: AppointmentDraft,
    rule: RecurrenceRule,
) -> CommandResult<Vec<PlannedOccurrence>> {
    let now = Utc::now();
    state.run(now, |u| u.preview_series(&draft, &rule, now))
}

#[tauri::command(async)]
pub fn book_series(
    state: State<'_, AppState>,
    draft: AppointmentDraft,
    rule: RecurrenceRule,
    skip_collisions: bool,
) -> CommandResult<SeriesBooking> {
    let now = Utc::now();
    state.run(now, |u| {
        u.book_series(
            &draft,
            &rule,
            skip_collisions,
            SeriesId::random(),
            AppointmentId::random(),
            now,
        )
    })
}

#[tauri::command(async)]
pub fn change_series(
    state: State<'_, AppState>,
    id: AppointmentId,
    version: i64,
    change: AppointmentChange,
    scope: SeriesScope,
) -> CommandResult<Vec<Appointment>> {
    let now = Utc::now();
    state.run(now, |u| {
        u.change_series(id, version, &change, scope, SeriesId::random(), now)
    })
}

#[tauri::command(async)]
pub fn cancel_series(
    state: State<'_, AppState>,
    id: AppointmentId,
    version: i64,
    kind: CancelKind,
    reason: String,
    scope: SeriesScope,
) -> CommandResult<Vec<Appointment>> {
    let now = Utc::now();
    state.run(now, |u| {
        u.cancel_series(id, version, kind, &reason, scope, now)
    })
}

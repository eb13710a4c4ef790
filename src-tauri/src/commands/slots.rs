//! Commands for the schedule: the next free slot and the wait list (thin wrappers over
//! charta_core::schedule::{slots, waitlist}).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::{AppointmentId, WaitListId};
use charta_core::schedule::{FreeSlot, SlotQuery, WaitListDraft, WaitListEntry};
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn next_free_slots(
    state: State<'_, AppState>,
    query: SlotQuery,
) -> CommandResult<Vec<FreeSlot>> {
    let now = Utc::now();
    state.run(now, |u| u.next_free_slots(&query, now))
}

#[tauri::command(async)]
pub fn wait_list(state: State<'_, AppState>) -> CommandResult<Vec<WaitListEntry>> {
    let now = Utc::now();
    state.run(now, |u| u.wait_list(now))
}

#[tauri::command(async)]
pub fn add_to_wait_list(
    state: State<'_, AppState>,
    draft: WaitListDraft,
) -> CommandResult<WaitListEntry> {
    let now = Utc::now();
    state.run(now, |u| {
        u.add_to_wait_list(&draft, WaitListId::random(), now)
    })
}

#[tauri::command(async)]
pub fn resolve_wait_list(
    state: State<'_, AppState>,
    id: WaitListId,
    booked: Option<AppointmentId>,
    note: String,
) -> CommandResult<()> {
    let now = Utc::now();
    state.run(now, |u| u.resolve_wait_list(id, booked, &note, now))
}

#[tauri::command(async)]
pub fn wait_list_fits(
    state: State<'_, AppState>,
    freed: AppointmentId,
) -> CommandResult<Vec<WaitListEntry>> {
    let now = Utc::now();
    state.run(now, |u| u.wait_list_fits(freed, now))
}

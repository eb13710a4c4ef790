//! Commands for the schedule: front_desk (thin wrappers over charta_core::schedule): the call
//! list and the audit row of printing a day list.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::UserId;
use charta_core::schedule::call_list::CallListRow;
use chrono::{NaiveDate, Utc};
use tauri::State;

#[tauri::command(async)]
pub fn call_list(state: State<'_, AppState>, date: NaiveDate) -> CommandResult<Vec<CallListRow>> {
    let now = Utc::now();
    state.run(now, |u| u.call_list(date, now))
}

#[tauri::command(async)]
pub fn log_day_list_print(
    state: State<'_, AppState>,
    provider_id: UserId,
    date: NaiveDate,
) -> CommandResult<()> {
    let now = Utc::now();
    state.run(now, |u| u.log_day_list_print(provider_id, date, now))
}

//! Commands for the schedule's set-up (thin wrappers over charta_core::schedule::setup).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::schedule::ScheduleSetup;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn schedule_setup(state: State<'_, AppState>) -> CommandResult<ScheduleSetup> {
    let now = Utc::now();
    state.run(now, |u| u.schedule_setup(now))
}

//! Commands for the application frame and practice settings.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::app::{AppInfo, Phase};
use charta_core::practice::{time_zone_names, Practice, PracticeDraft};
use charta_core::workstation::{startup, Startup};
use chrono::Utc;
use tauri::State;

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    let now = Utc::now();
    let mut slot = state.slot()?;
    if let Some(ws) = slot.as_mut() {
        return Ok(AppInfo::open(VERSION, ws, now)?);
    }
    let phase = match startup(&state.database_path)? {
        Startup::NeedsSetup => Phase::Setup,
        Startup::NeedsLogin => Phase::Login,
    };
    Ok(AppInfo::closed(VERSION, &state.database_path, phase, now))
}

#[tauri::command(async)]
pub fn save_practice(state: State<'_, AppState>, draft: PracticeDraft) -> CommandResult<Practice> {
    let now = Utc::now();
    state.run(now, |u| u.save_practice(&draft, now))
}

#[tauri::command(async)]
pub fn time_zones() -> Vec<&'static str> {
    time_zone_names()
}

//! Commands for the application frame and practice settings.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::app::AppInfo;
use charta_core::practice::{time_zone_names, Practice, PracticeDraft};
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    let db = state.db()?;
    let practice = db.practice()?;
    let now = Utc::now();
    let today = practice.as_ref().map_or(now.date_naive(), |p| p.today(now));
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        database_path: state.database_path.display().to_string(),
        practice,
        patient_count: db.patient_count()?,
        today: today.to_string(),
    })
}

#[tauri::command(async)]
pub fn save_practice(state: State<'_, AppState>, draft: PracticeDraft) -> CommandResult<Practice> {
    Ok(state.db()?.save_practice(&draft, Utc::now())?)
}

#[tauri::command(async)]
pub fn time_zones() -> Vec<&'static str> {
    time_zone_names()
}

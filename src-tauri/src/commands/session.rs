//! Commands for first-start setup, logging in and out, the lock screen and passwords.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::access::Actor;
use charta_core::workstation::{SetupRequest, Workstation};
use charta_core::UserId;
use chrono::Utc;
use tauri::State;

/// Sets up the practice and its first admin (logged in); answers the recovery key, which
/// is shown once.
#[tauri::command(async)]
pub fn set_up_practice(state: State<'_, AppState>, request: SetupRequest) -> CommandResult<String> {
    let mut slot = state.slot()?;
    let (ws, recovery) =
        Workstation::set_up(&state.database_path, &request, UserId::random(), Utc::now())?;
    state.install(&mut slot, ws);
    Ok(recovery)
}

/// Opens the practice, or switches to another user when it is open.
#[tauri::command(async)]
pub fn log_in(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> CommandResult<Actor> {
    let now = Utc::now();
    let mut slot = state.slot()?;
    match slot.as_mut() {
        Some(ws) => Ok(ws.switch_user(&username, &password, now)?),
        None => {
            let mut ws = Workstation::log_in(&state.database_path, &username, &password, now)?;
            let actor = ws.run(now, |u| Ok(u.actor().clone()))?;
            // The first opening of the day starts the daily backup in the background; login
            // answers at once. Its failure is audited and shown to the admin on Backups; it
            // must not keep the practice closed.
            if let Ok(job) = ws.daily_backup_job(now) {
                let _ = state.start_backup(job);
            }
            state.install(&mut slot, ws);
            Ok(actor)
        }
    }
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, password: String) -> CommandResult<Actor> {
    state.with(|ws| ws.unlock(&password, Utc::now()))
}

#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) -> CommandResult<()> {
    state.with(|ws| ws.lock(Utc::now()))
}

#[tauri::command(async)]
pub fn log_out(state: State<'_, AppState>) -> CommandResult<()> {
    state.with(|ws| ws.log_out(Utc::now()))
}

#[tauri::command(async)]
pub fn change_password(
    state: State<'_, AppState>,
    current: String,
    new: String,
) -> CommandResult<()> {
    state.with(|ws| ws.change_own_password(&current, &new, Utc::now()))
}

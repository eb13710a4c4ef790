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

/// Opens the practice, or switches to another user when it is open. The first opening of the
/// day starts the daily backup in the background; login answers at once.
#[tauri::command(async)]
pub fn log_in(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> CommandResult<Actor> {
    Ok(state.log_in(&username, &password, Utc::now())?.0)
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

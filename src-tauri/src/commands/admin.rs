//! Commands for the practice admin: user accounts, the audit report and backups.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::audit::{AuditPage, AuditQuery, ChainCheck};
use charta_core::backup::{BackupStatus, ListedBackup, RestoreReport};
use charta_core::users::{User, UserDraft};
use charta_core::UserId;
use chrono::Utc;
use std::path::Path;
use tauri::State;

#[tauri::command(async)]
pub fn list_users(state: State<'_, AppState>) -> CommandResult<Vec<User>> {
    let now = Utc::now();
    state.run(now, |u| u.list_users(now))
}

#[tauri::command(async)]
pub fn create_user(
    state: State<'_, AppState>,
    draft: UserDraft,
    password: String,
) -> CommandResult<User> {
    state.with(|ws| ws.create_user(&draft, &password, UserId::random(), Utc::now()))
}

#[tauri::command(async)]
pub fn update_user(
    state: State<'_, AppState>,
    id: UserId,
    expected_version: u32,
    draft: UserDraft,
) -> CommandResult<User> {
    state.with(|ws| ws.update_user(id, expected_version, &draft, Utc::now()))
}

#[tauri::command(async)]
pub fn reset_password(
    state: State<'_, AppState>,
    id: UserId,
    password: String,
) -> CommandResult<()> {
    state.with(|ws| ws.reset_password(id, &password, Utc::now()))
}

/// Deactivates, or reactivates with a new password.
#[tauri::command(async)]
pub fn set_user_active(
    state: State<'_, AppState>,
    id: UserId,
    active: bool,
    password: String,
) -> CommandResult<User> {
    state.with(|ws| ws.set_user_active(id, active, &password, Utc::now()))
}

#[tauri::command(async)]
pub fn audit_report(state: State<'_, AppState>, query: AuditQuery) -> CommandResult<AuditPage> {
    let now = Utc::now();
    state.run(now, |u| u.audit_report(&query, now))
}

/// Writes the matching rows as CSV beside the database (`exports/`); answers the file's path.
#[tauri::command(async)]
pub fn export_audit_csv(state: State<'_, AppState>, query: AuditQuery) -> CommandResult<String> {
    let now = Utc::now();
    let csv = state.run(now, |u| u.export_audit_csv(&query, now))?;
    let dir = state.database_path.with_file_name("exports");
    let stem = format!("audit-{}", now.format("%Y%m%d-%H%M%S"));
    let path = charta_core::export::write_export(&dir, &stem, "csv", csv.as_bytes())?;
    Ok(path.display().to_string())
}

#[tauri::command(async)]
pub fn verify_audit_chain(state: State<'_, AppState>) -> CommandResult<ChainCheck> {
    let now = Utc::now();
    state.run(now, |u| u.verify_audit_chain(now))
}

/// "Back up now": into `dir`, or the practice's backup folder when empty. Answers at once with
/// the running status; the backup goes on in the background (poll `backup_status`).
#[tauri::command(async)]
pub fn back_up_now(state: State<'_, AppState>, dir: String) -> CommandResult<BackupStatus> {
    let dir = dir.trim();
    state.with(|ws| {
        let job = ws.back_up_job((!dir.is_empty()).then(|| Path::new(dir)), Utc::now())?;
        state.start_backup(job).map(drop)
    })?;
    Ok(state.backups.status())
}

/// Checks one backup again in the background and stores the result for the list.
#[tauri::command(async)]
pub fn verify_backup(state: State<'_, AppState>, path: String) -> CommandResult<BackupStatus> {
    state.with(|ws| {
        let job = ws.verify_backup_job(Path::new(&path), Utc::now())?;
        state.start_backup(job).map(drop)
    })?;
    Ok(state.backups.status())
}

#[tauri::command(async)]
pub fn backup_status(state: State<'_, AppState>) -> CommandResult<BackupStatus> {
    state.backup_status(Utc::now())
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> CommandResult<Vec<ListedBackup>> {
    state.with(|ws| ws.list_backups(Utc::now()))
}

#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, path: String) -> CommandResult<RestoreReport> {
    state.with(|ws| {
        state.backups.refuse_if_running("restore")?;
        ws.restore(Path::new(&path), Utc::now())
    })
}

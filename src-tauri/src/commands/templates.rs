//! Commands for note templates and smart phrases (thin wrappers over charta_core::chart).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::chart::templates::NoteTemplate;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn list_templates(state: State<'_, AppState>) -> CommandResult<Vec<NoteTemplate>> {
    let now = Utc::now();
    state.run(now, |u| u.note_templates(now))
}

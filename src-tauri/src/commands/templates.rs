//! Commands for note templates and smart phrases (thin wrappers over charta_core::chart).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::chart::phrases::{Expansion, PhraseBook, PhraseDraft, SmartPhrase};
use charta_core::chart::templates::{NoteTemplate, TemplateDraft};
use charta_core::ids::{PhraseId, TemplateId, VisitId};
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn list_templates(state: State<'_, AppState>) -> CommandResult<Vec<NoteTemplate>> {
    let now = Utc::now();
    state.run(now, |u| u.note_templates(now))
}

/// Adds a template (no `id`) or saves the one at `expectedVersion`.
#[tauri::command(async)]
pub fn save_template(
    state: State<'_, AppState>,
    id: Option<TemplateId>,
    expected_version: Option<u32>,
    draft: TemplateDraft,
) -> CommandResult<NoteTemplate> {
    let now = Utc::now();
    let (id, expected_version) = match id {
        Some(id) => (id, expected_version),
        None => (TemplateId::random(), None),
    };
    state.run(now, |u| u.save_template(id, expected_version, &draft, now))
}

#[tauri::command(async)]
pub fn list_phrases(state: State<'_, AppState>) -> CommandResult<PhraseBook> {
    let now = Utc::now();
    state.run(now, |u| u.phrase_book(now))
}

/// Adds a phrase (no `id`) or saves an edit of it.
#[tauri::command(async)]
pub fn save_phrase(
    state: State<'_, AppState>,
    id: Option<PhraseId>,
    draft: PhraseDraft,
) -> CommandResult<SmartPhrase> {
    let now = Utc::now();
    let id = id.unwrap_or_else(PhraseId::random);
    state.run(now, |u| u.save_phrase(id, &draft, now))
}

#[tauri::command(async)]
pub fn retire_phrase(state: State<'_, AppState>, id: PhraseId) -> CommandResult<()> {
    let now = Utc::now();
    state.run(now, |u| u.retire_phrase(id, now))
}

#[tauri::command(async)]
pub fn expand_phrase(
    state: State<'_, AppState>,
    abbreviation: String,
    patient_id: PatientId,
    visit_id: Option<VisitId>,
) -> CommandResult<Expansion> {
    let now = Utc::now();
    state.run(now, |u| {
        u.expand_phrase(&abbreviation, patient_id, visit_id, now)
    })
}

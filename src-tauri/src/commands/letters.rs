//! Commands for letters, their templates and referrals (thin wrappers over
//! charta_core::letters). A letter's PDF copy comes back as a raw IPC body.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::{LetterId, LetterTemplateId, ReferralId};
use charta_core::letters::{
    Letter, LetterRequest, LetterTemplate, LetterTemplateDraft, LetterText, LetterToSign, Referral,
    ReferralUpdate,
};
use charta_core::PatientId;
use chrono::Utc;
use tauri::ipc::Response;
use tauri::State;

#[tauri::command(async)]
pub fn letter_templates(state: State<'_, AppState>) -> CommandResult<Vec<LetterTemplate>> {
    let now = Utc::now();
    state.run(now, |u| u.letter_templates(now))
}

/// The `{{…}}` fields a template may use (no patient data).
#[tauri::command(async)]
pub fn letter_fields() -> Vec<charta_core::letters::LetterField> {
    charta_core::letters::letter_fields()
}

/// `id` is None for a new template.
#[tauri::command(async)]
pub fn save_letter_template(
    state: State<'_, AppState>,
    id: Option<LetterTemplateId>,
    draft: LetterTemplateDraft,
) -> CommandResult<LetterTemplate> {
    let now = Utc::now();
    let id = id.unwrap_or_else(LetterTemplateId::random);
    state.run(now, |u| u.save_letter_template(id, &draft, now))
}

#[tauri::command(async)]
pub fn draft_letter(
    state: State<'_, AppState>,
    request: LetterRequest,
) -> CommandResult<LetterText> {
    let now = Utc::now();
    state.run(now, |u| u.draft_letter(&request, now))
}

#[tauri::command(async)]
pub fn sign_letter(state: State<'_, AppState>, letter: LetterToSign) -> CommandResult<Letter> {
    let now = Utc::now();
    state.run(now, |u| {
        u.sign_letter(&letter, LetterId::random(), ReferralId::random(), now)
    })
}

#[tauri::command(async)]
pub fn patient_letters(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<Letter>> {
    let now = Utc::now();
    state.run(now, |u| u.patient_letters(patient_id, now))
}

#[tauri::command(async)]
pub fn letter_pdf(state: State<'_, AppState>, id: LetterId) -> CommandResult<Response> {
    let now = Utc::now();
    state.run(now, |u| u.letter_pdf(id, now)).map(Response::new)
}

#[tauri::command(async)]
pub fn letter_entered_in_error(
    state: State<'_, AppState>,
    id: LetterId,
    reason: String,
) -> CommandResult<Letter> {
    let now = Utc::now();
    state.run(now, |u| u.letter_entered_in_error(id, &reason, now))
}

#[tauri::command(async)]
pub fn patient_referrals(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<Referral>> {
    let now = Utc::now();
    state.run(now, |u| u.patient_referrals(patient_id, now))
}

#[tauri::command(async)]
pub fn update_referral(
    state: State<'_, AppState>,
    id: ReferralId,
    update: ReferralUpdate,
) -> CommandResult<Referral> {
    let now = Utc::now();
    state.run(now, |u| u.update_referral(id, &update, now))
}

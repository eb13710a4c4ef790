//! Commands for messages and tasks between the people of the practice (thin wrappers over
//! charta_core::messages).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::{MedicationId, MessageId};
use charta_core::medications::Medication;
use charta_core::messages::{
    Inbox, InboxCounts, InboxFilter, Message, MessageDraft, MessageStatus, MessageThread,
    RecipientChoice,
};
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn send_message(state: State<'_, AppState>, draft: MessageDraft) -> CommandResult<Message> {
    let now = Utc::now();
    state.run(now, |u| u.send_message(&draft, MessageId::random(), now))
}

#[tauri::command(async)]
pub fn reply_to_message(
    state: State<'_, AppState>,
    thread_id: MessageId,
    body: String,
    clinical: bool,
) -> CommandResult<Message> {
    let now = Utc::now();
    state.run(now, |u| {
        u.reply_to_message(thread_id, &body, clinical, MessageId::random(), now)
    })
}

#[tauri::command(async)]
pub fn message_inbox(state: State<'_, AppState>, filter: InboxFilter) -> CommandResult<Inbox> {
    let now = Utc::now();
    state.run(now, |u| u.message_inbox(filter, now))
}

#[tauri::command(async)]
pub fn inbox_counts(state: State<'_, AppState>) -> CommandResult<InboxCounts> {
    let now = Utc::now();
    state.run(now, |u| u.inbox_counts(now))
}

#[tauri::command(async)]
pub fn open_message_thread(
    state: State<'_, AppState>,
    thread_id: MessageId,
) -> CommandResult<MessageThread> {
    let now = Utc::now();
    state.run(now, |u| u.open_message_thread(thread_id, now))
}

#[tauri::command(async)]
pub fn set_message_status(
    state: State<'_, AppState>,
    thread_id: MessageId,
    status: MessageStatus,
) -> CommandResult<MessageThread> {
    let now = Utc::now();
    state.run(now, |u| u.set_message_status(thread_id, status, now))
}

#[tauri::command(async)]
pub fn refill_to_renewal(
    state: State<'_, AppState>,
    thread_id: MessageId,
) -> CommandResult<Medication> {
    let now = Utc::now();
    state.run(now, |u| {
        u.refill_to_renewal(thread_id, MedicationId::random(), MessageId::random(), now)
    })
}

#[tauri::command(async)]
pub fn message_recipients(state: State<'_, AppState>) -> CommandResult<Vec<RecipientChoice>> {
    let now = Utc::now();
    state.run(now, |u| u.message_recipients(now))
}

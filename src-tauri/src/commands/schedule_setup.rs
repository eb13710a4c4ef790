//! Commands for the schedule's set-up (thin wrappers over charta_core::schedule::setup).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::{AppointmentTypeId, AvailabilityId, BlockId, RoomId};
use charta_core::schedule::setup::{
    AppointmentTypeDraft, AvailabilityDraft, BlockDraft, BlockResult, ProviderCandidate, RoomDraft,
};
use charta_core::schedule::{
    AppointmentType, AvailabilityTemplate, Block, Room, ScheduleProvider, ScheduleSetup,
    WeekdayHours,
};
use charta_core::UserId;
use chrono::{NaiveDate, Utc};
use tauri::State;

#[tauri::command(async)]
pub fn schedule_setup(state: State<'_, AppState>) -> CommandResult<ScheduleSetup> {
    let now = Utc::now();
    state.run(now, |u| u.schedule_setup(now))
}

#[tauri::command(async)]
pub fn schedule_provider_candidates(
    state: State<'_, AppState>,
) -> CommandResult<Vec<ProviderCandidate>> {
    let now = Utc::now();
    state.run(now, |u| u.schedule_provider_candidates(now))
}

#[tauri::command(async)]
pub fn save_schedule_provider(
    state: State<'_, AppState>,
    user_id: UserId,
    colour: String,
    display_order: i64,
    active: bool,
) -> CommandResult<ScheduleProvider> {
    let now = Utc::now();
    state.run(now, |u| {
        u.save_schedule_provider(user_id, &colour, display_order, active, now)
    })
}

#[tauri::command(async)]
pub fn save_practice_hours(
    state: State<'_, AppState>,
    hours: Vec<WeekdayHours>,
) -> CommandResult<Vec<WeekdayHours>> {
    let now = Utc::now();
    state.run(now, |u| u.save_practice_hours(&hours, now))
}

#[tauri::command(async)]
pub fn availability_templates(
    state: State<'_, AppState>,
    provider_id: UserId,
) -> CommandResult<Vec<AvailabilityTemplate>> {
    let now = Utc::now();
    state.run(now, |u| u.availability_templates(provider_id, now))
}

#[tauri::command(async)]
pub fn save_availability(
    state: State<'_, AppState>,
    draft: AvailabilityDraft,
) -> CommandResult<AvailabilityTemplate> {
    let now = Utc::now();
    state.run(now, |u| {
        u.save_availability(&draft, AvailabilityId::random(), now)
    })
}

#[tauri::command(async)]
pub fn list_blocks(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> CommandResult<Vec<Block>> {
    let now = Utc::now();
    state.run(now, |u| u.list_blocks(from, to, now))
}

#[tauri::command(async)]
pub fn block_time(state: State<'_, AppState>, draft: BlockDraft) -> CommandResult<BlockResult> {
    let now = Utc::now();
    state.run(now, |u| u.block_time(&draft, BlockId::random(), now))
}

#[tauri::command(async)]
pub fn lift_block(state: State<'_, AppState>, id: BlockId, reason: String) -> CommandResult<Block> {
    let now = Utc::now();
    state.run(now, |u| u.lift_block(id, &reason, now))
}

/// Creates a type when `id` is absent, else updates it.
#[tauri::command(async)]
pub fn save_appointment_type(
    state: State<'_, AppState>,
    id: Option<AppointmentTypeId>,
    draft: AppointmentTypeDraft,
) -> CommandResult<AppointmentType> {
    let now = Utc::now();
    let id = id.unwrap_or_else(AppointmentTypeId::random);
    state.run(now, |u| u.save_appointment_type(id, &draft, now))
}

/// Creates a room when `id` is absent, else updates it.
#[tauri::command(async)]
pub fn save_room(
    state: State<'_, AppState>,
    id: Option<RoomId>,
    draft: RoomDraft,
) -> CommandResult<Room> {
    let now = Utc::now();
    let id = id.unwrap_or_else(RoomId::random);
    state.run(now, |u| u.save_room(id, &draft, now))
}

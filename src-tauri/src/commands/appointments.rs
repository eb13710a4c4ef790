//! Commands for the schedule: appointments (thin wrappers over charta_core::schedule).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::chart::visits::Visit;
use charta_core::ids::{AppointmentId, RoomId, TemplateId, UserId, VisitId};
use charta_core::schedule::{
    Appointment, AppointmentChange, AppointmentDraft, AppointmentHistoryEntry, AppointmentStatus,
    CancelKind, Collision, FlowBoard, PatientAppointments, ScheduleRange,
};
use charta_core::PatientId;
use chrono::{NaiveDate, Utc};
use tauri::State;

#[tauri::command(async)]
pub fn schedule_range(
    state: State<'_, AppState>,
    from: NaiveDate,
    days: u32,
    provider_ids: Option<Vec<UserId>>,
) -> CommandResult<ScheduleRange> {
    let now = Utc::now();
    state.run(now, |u| {
        u.schedule_range(from, days, provider_ids.as_deref(), now)
    })
}

#[tauri::command(async)]
pub fn check_booking(
    state: State<'_, AppState>,
    draft: AppointmentDraft,
    except: Option<AppointmentId>,
) -> CommandResult<Vec<Collision>> {
    let now = Utc::now();
    state.run(now, |u| u.check_booking(&draft, except, now))
}

#[tauri::command(async)]
pub fn book_appointment(
    state: State<'_, AppState>,
    draft: AppointmentDraft,
) -> CommandResult<Appointment> {
    let now = Utc::now();
    state.run(now, |u| {
        u.book_appointment(&draft, AppointmentId::random(), now)
    })
}

#[tauri::command(async)]
pub fn change_appointment(
    state: State<'_, AppState>,
    id: AppointmentId,
    version: i64,
    change: AppointmentChange,
) -> CommandResult<Appointment> {
    let now = Utc::now();
    state.run(now, |u| u.change_appointment(id, version, &change, now))
}

#[tauri::command(async)]
pub fn cancel_appointment(
    state: State<'_, AppState>,
    id: AppointmentId,
    version: i64,
    kind: CancelKind,
    reason: String,
) -> CommandResult<Appointment> {
    let now = Utc::now();
    state.run(now, |u| {
        u.cancel_appointment(id, version, kind, &reason, now)
    })
}

#[tauri::command(async)]
pub fn set_appointment_status(
    state: State<'_, AppState>,
    id: AppointmentId,
    version: i64,
    status: AppointmentStatus,
    room_id: Option<RoomId>,
) -> CommandResult<Appointment> {
    let now = Utc::now();
    state.run(now, |u| {
        u.set_appointment_status(id, version, status, room_id, now)
    })
}

#[tauri::command(async)]
pub fn appointment_history(
    state: State<'_, AppState>,
    id: AppointmentId,
) -> CommandResult<Vec<AppointmentHistoryEntry>> {
    let now = Utc::now();
    state.run(now, |u| u.appointment_history(id, now))
}

#[tauri::command(async)]
pub fn flow_board(state: State<'_, AppState>) -> CommandResult<FlowBoard> {
    let now = Utc::now();
    state.run(now, |u| u.flow_board(now))
}

#[tauri::command(async)]
pub fn patient_appointments(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<PatientAppointments> {
    let now = Utc::now();
    state.run(now, |u| u.patient_appointments(patient_id, now))
}

#[tauri::command(async)]
pub fn start_visit_from_appointment(
    state: State<'_, AppState>,
    id: AppointmentId,
    template_id: Option<TemplateId>,
) -> CommandResult<Visit> {
    let now = Utc::now();
    state.run(now, |u| {
        u.start_visit_from_appointment(id, template_id, VisitId::random(), now)
    })
}

//! Appointments (owner: the booking helper): booking with the rules of `schedule::rules` and
//! overbooking with a reason, moves, resizes and reassignments, cancellation, the status
//! flow with its history, the calendar's range, the flow board, a patient's appointments, and
//! starting the chart visit from an arrived appointment.

use crate::access::AsUser;
use crate::chart::visits::Visit;
use crate::error::CoreResult;
use crate::ids::RoomId;
use crate::ids::{AppointmentId, PatientId, TemplateId, UserId, VisitId};
use crate::schedule::{
    not_built, Appointment, AppointmentChange, AppointmentDraft, AppointmentHistoryEntry,
    AppointmentStatus, CancelKind, Collision, FlowBoard, PatientAppointments, ScheduleRange,
};
use chrono::{DateTime, NaiveDate, Utc};

impl AsUser<'_> {
    /// The calendar for `days` local days from `from` (1–42), for `providers` (every active
    /// provider when `None`). Bench op `day_view`.
    pub fn schedule_range(
        &mut self,
        from: NaiveDate,
        days: u32,
        providers: Option<&[UserId]>,
        now: DateTime<Utc>,
    ) -> CoreResult<ScheduleRange> {
        let _ = (from, days, providers, now);
        Err(not_built("the calendar"))
    }

    /// What `draft` would collide with (the form's live check); `except` is the appointment
    /// being moved.
    pub fn check_booking(
        &mut self,
        draft: &AppointmentDraft,
        except: Option<AppointmentId>,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Collision>> {
        let _ = (draft, except, now);
        Err(not_built("booking"))
    }

    /// Books `draft`. A collision refuses it with `CoreError::Invalid` on field `collisions`
    /// (the message lists each) unless `overbook_reason` is given. Bench op `book_appointment`.
    pub fn book_appointment(
        &mut self,
        draft: &AppointmentDraft,
        id: AppointmentId,
        now: DateTime<Utc>,
    ) -> CoreResult<Appointment> {
        let _ = (draft, id, now);
        Err(not_built("booking"))
    }

    /// Moves, resizes, reassigns or edits one appointment (an occurrence of a series becomes
    /// an exception). `version` is the one the user saw; a stale one is `CoreError::Conflict`.
    pub fn change_appointment(
        &mut self,
        id: AppointmentId,
        version: i64,
        change: &AppointmentChange,
        now: DateTime<Utc>,
    ) -> CoreResult<Appointment> {
        let _ = (id, version, change, now);
        Err(not_built("booking"))
    }

    /// Cancels one appointment, by the patient or the practice, with a reason.
    pub fn cancel_appointment(
        &mut self,
        id: AppointmentId,
        version: i64,
        kind: CancelKind,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Appointment> {
        let _ = (id, version, kind, reason, now);
        Err(not_built("booking"))
    }

    /// The next step of the flow (check-in = arrived; in room takes a room), or no-show.
    pub fn set_appointment_status(
        &mut self,
        id: AppointmentId,
        version: i64,
        status: AppointmentStatus,
        room: Option<RoomId>,
        now: DateTime<Utc>,
    ) -> CoreResult<Appointment> {
        let _ = (id, version, status, room, now);
        Err(not_built("the visit flow"))
    }

    /// Every change of one appointment, oldest first.
    pub fn appointment_history(
        &mut self,
        id: AppointmentId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<AppointmentHistoryEntry>> {
        let _ = (id, now);
        Err(not_built("appointment history"))
    }

    /// Today's flow board (practice zone). Bench op `flow_board`.
    pub fn flow_board(&mut self, now: DateTime<Utc>) -> CoreResult<FlowBoard> {
        let _ = now;
        Err(not_built("the flow board"))
    }

    /// A patient's upcoming and past appointments and no-show count.
    pub fn patient_appointments(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<PatientAppointments> {
        let _ = (patient, now);
        Err(not_built("a patient's appointments"))
    }

    /// Starts the chart visit of an arrived (or later) appointment, linked to it, via
    /// `AsUser::start_visit`; the appointment moves to "with provider".
    pub fn start_visit_from_appointment(
        &mut self,
        id: AppointmentId,
        template: Option<TemplateId>,
        visit_id: VisitId,
        now: DateTime<Utc>,
    ) -> CoreResult<Visit> {
        let _ = (id, template, visit_id, now);
        Err(not_built("starting a visit from the schedule"))
    }
}

//! What a series booking or a series edit must name before any occurrence is planned: a
//! registered patient, an active provider, a type and room in use, a sensible length.

use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{AppointmentTypeId, PatientId, RoomId, UserId};
use crate::store;
use crate::store::appointments::MAX_MINUTES;
use rusqlite::Connection;

/// The fields a booking and an edit share.
pub(super) struct Fields<'a> {
    pub patient: Option<PatientId>,
    pub provider: UserId,
    pub type_id: AppointmentTypeId,
    pub room: Option<RoomId>,
    pub minutes: u32,
    pub reason: &'a str,
    pub note: &'a str,
}

const MIN_MINUTES: u32 = 5;
const MAX_REASON: usize = 200;
const MAX_NOTE: usize = 2000;

pub(super) fn check(conn: &Connection, f: &Fields<'_>) -> CoreResult<()> {
    let mut errors = Vec::new();
    if let Some(patient) = f.patient {
        if !store::series::patient_exists(conn, patient)? {
            errors.push(FieldError::new("patientId", "No such patient"));
        }
    }
    if !store::schedule_setup::is_active_provider(conn, f.provider)? {
        errors.push(FieldError::new(
            "providerId",
            "Choose a provider who sees patients on the schedule",
        ));
    }
    match store::series::type_retired(conn, f.type_id)? {
        None => errors.push(FieldError::new("typeId", "Choose an appointment type")),
        Some(true) => errors.push(FieldError::new(
            "typeId",
            "This appointment type is retired; choose another",
        )),
        Some(false) => {}
    }
    if let Some(room) = f.room {
        match store::series::room_retired(conn, room)? {
            None => errors.push(FieldError::new("roomId", "No such room")),
            Some(true) => errors.push(FieldError::new(
                "roomId",
                "This room is retired; choose another",
            )),
            Some(false) => {}
        }
    }
    if f.minutes < MIN_MINUTES || i64::from(f.minutes) > MAX_MINUTES {
        errors.push(FieldError::new(
            "minutes",
            format!("An appointment lasts {MIN_MINUTES} to {MAX_MINUTES} minutes"),
        ));
    }
    if f.reason.chars().count() > MAX_REASON {
        errors.push(FieldError::new(
            "reason",
            format!("At most {MAX_REASON} characters"),
        ));
    }
    if f.note.chars().count() > MAX_NOTE {
        errors.push(FieldError::new(
            "note",
            format!("At most {MAX_NOTE} characters"),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Invalid(errors))
    }
}

/// An overbook reason with its blanks trimmed; blank means none.
pub(super) fn overbook(reason: &Option<String>) -> Option<&str> {
    reason.as_deref().map(str::trim).filter(|r| !r.is_empty())
}

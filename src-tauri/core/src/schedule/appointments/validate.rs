//! What a booking or an edit must satisfy before the rules are asked: the patient, provider,
//! type and room exist and are in use, the length and texts are in bounds, and the time is
//! neither too far ahead nor in the past (except today's, so the desk can record a walk-in).

use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{AppointmentTypeId, PatientId, RoomId, UserId};
use crate::schedule::time::local_date;
use crate::store;
use crate::store::appointments::MAX_MINUTES;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

pub(super) const MIN_MINUTES: u32 = 5;
pub(super) const MAX_REASON_CHARS: usize = 200;
pub(super) const MAX_NOTE_CHARS: usize = 2000;
pub(super) const MAX_OVERBOOK_CHARS: usize = 500;
pub(super) const MAX_CANCEL_CHARS: usize = 500;
/// How far ahead the book is open.
pub(super) const MAX_DAYS_AHEAD: i64 = 731;

/// The fields a booking and an edit share, as typed.
pub(super) struct Fields<'a> {
    pub provider_id: UserId,
    pub type_id: AppointmentTypeId,
    pub room_id: Option<RoomId>,
    pub starts_at: DateTime<Utc>,
    pub minutes: u32,
    pub reason: &'a str,
    pub note: &'a str,
    pub overbook_reason: Option<&'a str>,
}

/// The fields checked and trimmed.
pub(super) struct Valid {
    pub ends_at: DateTime<Utc>,
    pub reason: String,
    pub note: String,
    /// Non-blank: the user chose to book over whatever collides.
    pub overbook_reason: Option<String>,
}

/// Whether the patient can be booked: registered and not deceased.
pub(super) fn patient(conn: &Connection, id: PatientId) -> CoreResult<()> {
    match store::appointment_changes::patient_status(conn, id)?.as_deref() {
        None => Err(unregistered()),
        Some("deceased") => Err(CoreError::invalid(
            "patientId",
            "This patient is recorded as deceased and cannot be booked",
        )),
        Some(_) => Ok(()),
    }
}

/// An appointment another system kept as history needs only a registered patient: one who
/// has died since keeps the visits they had (and the ones cancelled when they died).
pub(super) fn registered(conn: &Connection, id: PatientId) -> CoreResult<()> {
    match store::appointment_changes::patient_status(conn, id)? {
        None => Err(unregistered()),
        Some(_) => Ok(()),
    }
}

fn unregistered() -> CoreError {
    CoreError::invalid("patientId", "Choose a registered patient")
}

/// Checks `f`; `time_unchanged` skips the checks of the time (an edit of the reason of an
/// appointment that is already past stays possible).
pub(super) fn fields(
    conn: &Connection,
    zone: Tz,
    f: &Fields<'_>,
    time_unchanged: bool,
    now: DateTime<Utc>,
) -> CoreResult<Valid> {
    let mut errors = Vec::new();
    if !store::schedule_setup::is_active_provider(conn, f.provider_id)? {
        errors.push(FieldError::new(
            "providerId",
            "Choose a provider who is active on the schedule",
        ));
    }
    match store::appointment_changes::type_facts(conn, f.type_id)? {
        None => errors.push(FieldError::new("typeId", "Choose an appointment type")),
        Some(t) if t.retired => errors.push(FieldError::new(
            "typeId",
            format!(
                "The type \u{201c}{}\u{201d} is retired; choose another",
                t.name
            ),
        )),
        Some(_) => {}
    }
    if let Some(room) = f.room_id {
        match store::appointment_changes::room_retired(conn, room)? {
            None => errors.push(FieldError::new("roomId", "Choose a room of the practice")),
            Some(true) => errors.push(FieldError::new(
                "roomId",
                "This room is retired; choose another",
            )),
            Some(false) => {}
        }
    }
    if !(i64::from(MIN_MINUTES)..=MAX_MINUTES).contains(&i64::from(f.minutes)) {
        errors.push(FieldError::new(
            "minutes",
            format!("An appointment lasts {MIN_MINUTES} to {MAX_MINUTES} minutes"),
        ));
    }
    let reason = f.reason.trim().to_string();
    if reason.chars().count() > MAX_REASON_CHARS {
        errors.push(FieldError::new(
            "reason",
            format!("Keep the reason under {MAX_REASON_CHARS} characters; the note holds more"),
        ));
    }
    let note = f.note.trim().to_string();
    if note.chars().count() > MAX_NOTE_CHARS {
        errors.push(FieldError::new(
            "note",
            format!("Keep the note under {MAX_NOTE_CHARS} characters"),
        ));
    }
    let overbook_reason = f
        .overbook_reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if overbook_reason
        .as_ref()
        .is_some_and(|r| r.chars().count() > MAX_OVERBOOK_CHARS)
    {
        errors.push(FieldError::new(
            "overbookReason",
            format!("Keep the reason under {MAX_OVERBOOK_CHARS} characters"),
        ));
    }
    if !time_unchanged {
        if f.starts_at > now + Duration::days(MAX_DAYS_AHEAD) {
            errors.push(FieldError::new(
                "startsAt",
                "The book is open for two years ahead; choose an earlier date",
            ));
        }
        if f.starts_at < now && local_date(zone, f.starts_at) < local_date(zone, now) {
            errors.push(FieldError::new(
                "startsAt",
                "This day has passed; only today's appointments can be recorded after their time",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    Ok(Valid {
        ends_at: f.starts_at + Duration::minutes(i64::from(f.minutes)),
        reason,
        note,
        overbook_reason,
    })
}

/// A cancellation's reason, trimmed.
pub(super) fn cancel_reason(reason: &str) -> CoreResult<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(CoreError::invalid(
            "reason",
            "Say why the appointment is cancelled",
        ));
    }
    if reason.chars().count() > MAX_CANCEL_CHARS {
        return Err(CoreError::invalid(
            "reason",
            format!("Keep the reason under {MAX_CANCEL_CHARS} characters"),
        ));
    }
    Ok(reason.to_string())
}

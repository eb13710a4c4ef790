//! Appointments of another system (or of Charta's own export) into the practice's book: read
//! from the resource as a provider's name, a type, a start and length, a reason and an
//! outcome; then, once the patient is registered, a past one kept as history with how it
//! ended and a coming one booked through the desk's own rules. One the book cannot take (a
//! practitioner who is not on the schedule, a type the practice does not have, a collision)
//! stays in the chart's document of records not filed, with why — it never refuses the
//! patient.

use super::clinical::Mapped;
use super::fields::{charta_extension, charta_extension_value, instant, Fields};
use super::read::Names;
use super::write::Context;
use crate::error::{CoreError, CoreResult};
use crate::fhir::series::SeriesRecord;
use crate::ids::{AppointmentId, PatientId};
use crate::schedule::appointments::{book_in, record_past_in, PastImport, PastOutcome};
use crate::schedule::recurrence::rule;
use crate::schedule::{AppointmentDraft, AppointmentStatus, CancelKind, RecurrenceRule};
use crate::store;
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::Connection;
use serde_json::Value;

/// Appointment.status (R4).
const STATUSES: [&str; 10] = [
    "proposed",
    "pending",
    "booked",
    "arrived",
    "fulfilled",
    "cancelled",
    "noshow",
    "entered-in-error",
    "checked-in",
    "waitlist",
];

/// How the other system left the appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Standing {
    /// Booked (or proposed, pending) and not yet happened.
    Open,
    Confirmed,
    /// The patient came (arrived, checked in, seen, checked out).
    Attended,
    NoShow,
    Cancelled(CancelKind),
}

/// One Appointment, read; the book decides what becomes of it.
pub(super) struct ImportedAppointment {
    pub practitioner: String,
    pub type_name: String,
    pub room: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub minutes: Option<u32>,
    pub standing: Standing,
    /// Why it was cancelled, when the earlier system said.
    pub cancel_reason: Option<String>,
    pub reason: String,
    pub note: String,
    /// Charta's own export: the practice booked it over a collision, for this reason.
    pub overbook_reason: Option<String>,
    /// Charta's own export: the recurring series it is an occurrence of.
    pub series: Option<SeriesLink>,
    /// The resource, for the document of records not filed should the book refuse it.
    pub resource: Value,
}

/// An occurrence of a recurring series, as Charta's export describes it
/// (`crate::fhir::series`).
pub(super) struct SeriesLink {
    /// The series' id in the exporting practice: occurrences sharing it share a series here.
    pub source_id: String,
    pub occurrence: u32,
    pub exception: bool,
    pub rule: RecurrenceRule,
    pub first_local: NaiveDateTime,
    pub ended_after: Option<u32>,
    pub split_from: Option<String>,
}

/// The series extensions of Charta's export, when whole and within the desk's own limits
/// for a series; otherwise the appointment comes in on its own, as any other system's does.
fn series_link(r: &Value) -> Option<SeriesLink> {
    let source_id = charta_extension(r, "series", "valueString")?.trim();
    let occurrence = charta_extension_value(r, "seriesOccurrence", "valueInteger")?
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n < rule::MAX_OCCURRENCES)?;
    let exception = charta_extension_value(r, "seriesException", "valueBoolean")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let record: SeriesRecord =
        serde_json::from_str(charta_extension(r, "seriesRule", "valueString")?).ok()?;
    let first_local =
        NaiveDateTime::parse_from_str(&record.first_local, store::series::LOCAL_FORMAT).ok()?;
    rule::check(first_local, &record.rule).ok()?;
    (!source_id.is_empty()).then(|| SeriesLink {
        source_id: source_id.to_string(),
        occurrence,
        exception,
        rule: record.rule,
        first_local,
        ended_after: record.ended_after.filter(|n| *n < rule::MAX_OCCURRENCES),
        split_from: record.split_from,
    })
}

/// A CodeableConcept's words: its text, else a coding's display, else a coding's code.
fn words(concept: &Value) -> Option<String> {
    super::encounters::words(concept).or_else(|| {
        concept
            .get("coding")?
            .as_array()?
            .iter()
            .find_map(|c| c.get("code")?.as_str())
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
    })
}

fn cancel_kind(f: &mut Fields<'_>) -> CancelKind {
    let by_patient = |t: &str| {
        let t = t.to_lowercase();
        t.starts_with("pat") || t.starts_with("by patient")
    };
    let concept = f.at("cancelationReason");
    let said = concept.and_then(|c| c.get("text")).and_then(Value::as_str);
    let coded = concept
        .and_then(|c| c.get("coding"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("code").and_then(Value::as_str));
    if said.is_some_and(by_patient) || coded.into_iter().any(by_patient) {
        CancelKind::Patient
    } else {
        CancelKind::Practice
    }
}

/// The words of `cancelationReason` (Charta's export writes "by patient: reason").
fn cancel_reason(f: &mut Fields<'_>) -> Option<String> {
    let said = f.at("cancelationReason").and_then(words)?;
    let lower = said.to_lowercase();
    let reason = ["by patient", "by practice"]
        .iter()
        .find_map(|by| {
            lower
                .starts_with(by)
                .then(|| said.get(by.len()..))
                .flatten()
        })
        .map(|rest| rest.trim_start_matches(':').trim())
        .unwrap_or(said.as_str());
    // A bare code ("pat") says who, not why.
    (reason.len() > 4 || reason.contains(' ')).then(|| reason.to_string())
}

/// Reads one Appointment; `now` says which are past. A cancelled one is kept as history
/// even when it was still to come: the desk sees the patient cancelled.
pub(super) fn appointment(f: &mut Fields<'_>, names: &Names, now: DateTime<Utc>) -> Mapped {
    if f.at("status").is_none() {
        f.issue(
            "status",
            "is missing; an appointment says whether it is booked, kept or cancelled",
        );
    }
    let Some(status) = f.code("status", &STATUSES) else {
        return Mapped::Skipped(String::new());
    };
    if status == "entered-in-error" {
        return Mapped::Skipped("entered in error".into());
    }
    if status == "waitlist" {
        return Mapped::Kept("a wait-list request, not a booking".into());
    }
    let Some(start) = f.required_text("start", "Charta books an appointment at its start") else {
        return Mapped::Skipped(String::new());
    };
    let Some(starts_at) = instant(start).filter(|_| start.contains('T')) else {
        f.issue("start", "must be an instant with its time and zone");
        return Mapped::Skipped(String::new());
    };
    let minutes = match f.text("end").map(|e| (e, instant(e))) {
        Some((_, Some(end))) if end > starts_at => {
            u32::try_from((end - starts_at).num_minutes()).ok()
        }
        Some((_, Some(_))) => {
            f.issue("end", "is not after the start");
            return Mapped::Skipped(String::new());
        }
        Some((_, None)) => {
            f.issue("end", "must be an instant");
            return Mapped::Skipped(String::new());
        }
        None => f
            .number("minutesDuration")
            .and_then(|m| (m.fract() == 0.0 && m > 0.0 && m < 10_000.0).then_some(m as u32)),
    };
    // Charta's export says exactly where in the desk's flow it stood.
    let flow = charta_extension(f.value, "appointmentStatus", "valueCode")
        .and_then(AppointmentStatus::parse);
    let standing = match (flow, status) {
        (Some(AppointmentStatus::Confirmed), _) => Standing::Confirmed,
        (Some(AppointmentStatus::NoShow), _) | (None, "noshow") => Standing::NoShow,
        (Some(AppointmentStatus::Cancelled), _) | (None, "cancelled") => {
            Standing::Cancelled(cancel_kind(f))
        }
        (Some(AppointmentStatus::Booked), _) | (None, "proposed" | "pending" | "booked") => {
            Standing::Open
        }
        _ => Standing::Attended,
    };
    let past = starts_at < now;
    match (past, standing) {
        (true, Standing::Open | Standing::Confirmed) => {
            return Mapped::Skipped("in the past and never closed in the earlier system".into())
        }
        (false, Standing::Attended | Standing::NoShow) => {
            return Mapped::Kept(format!("{status} but still to come"))
        }
        _ => {}
    }
    let mut practitioner = None;
    let mut room = None;
    for p in f.array("participant") {
        let Some(actor) = p.get("actor") else {
            continue;
        };
        let reference = actor.get("reference").and_then(Value::as_str);
        let display = actor
            .get("display")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|d| !d.is_empty());
        let named = || display.or_else(|| reference.and_then(|r| names.of(r)));
        match reference {
            Some(r) if r.contains("Patient/") || r.contains("Group/") => {}
            Some(r) if r.contains("Location/") || r.contains("HealthcareService/") => {
                room = room.or_else(|| named().map(str::to_string));
            }
            // A practitioner, by type or (a `urn:uuid:` fullUrl) by the name the files give it.
            Some(r) if r.contains("Practitioner") || names.of(r).is_some() => {
                practitioner = practitioner.or_else(|| named().map(str::to_string));
            }
            Some(_) => {}
            // Charta writes its room as a name alone.
            None => room = room.or_else(|| display.map(str::to_string)),
        }
    }
    let Some(practitioner) = practitioner else {
        return Mapped::Kept("names no practitioner to book with".into());
    };
    let type_name = f
        .at("appointmentType")
        .and_then(words)
        .or_else(|| f.array("serviceType").iter().find_map(words));
    let Some(type_name) = type_name else {
        return Mapped::Kept("has no appointment type".into());
    };
    let reason = f
        .array("reasonCode")
        .iter()
        .find_map(words)
        .or_else(|| f.text("description").map(str::to_string))
        .unwrap_or_default();
    let note = f.text("comment").unwrap_or_default().to_string();
    Mapped::Appointment(Box::new(ImportedAppointment {
        practitioner,
        type_name,
        room,
        starts_at,
        minutes,
        standing,
        cancel_reason: cancel_reason(f),
        reason,
        note,
        overbook_reason: charta_extension(f.value, "overbookReason", "valueString")
            .map(str::to_string),
        series: series_link(f.value),
        resource: f.value.clone(),
    }))
}

/// Puts one read appointment in the book of the patient just registered: `Ok(None)` when it
/// is there, `Ok(Some(why))` when the book would not take it (it is kept in the document).
pub(super) fn book(
    tx: &Connection,
    ctx: &Context<'_>,
    a: &ImportedAppointment,
    patient: PatientId,
    id: AppointmentId,
    source: &str,
) -> CoreResult<Option<String>> {
    let (actor, now, book) = (ctx.actor, ctx.now, &ctx.book);
    let provider = match book.provider(&a.practitioner) {
        Ok(p) => p.user_id,
        Err(why) => return Ok(Some(why)),
    };
    let kind = match book.appointment_type(&a.type_name) {
        Ok(t) => t,
        Err(why) => return Ok(Some(why)),
    };
    let draft = AppointmentDraft {
        patient_id: patient,
        provider_id: provider,
        type_id: kind.id,
        room_id: a
            .room
            .as_deref()
            .and_then(|r| book.room(r).ok())
            .map(|r| r.id),
        starts_at: a.starts_at,
        minutes: a.minutes.unwrap_or(kind.default_minutes),
        reason: a.reason.clone(),
        note: a.note.clone(),
        overbook_reason: a.overbook_reason.clone(),
    };
    let source = format!("imported from {source}");
    let past = match a.standing {
        Standing::Attended => Some(PastOutcome::Attended),
        Standing::NoShow => Some(PastOutcome::NoShow),
        Standing::Cancelled(kind) => Some(PastOutcome::Cancelled(kind, a.cancel_reason.clone())),
        Standing::Open | Standing::Confirmed => None,
    };
    let done = match past {
        Some(outcome) => record_past_in(
            tx,
            actor,
            &draft,
            outcome,
            PastImport::Fhir(&source),
            id,
            now,
        ),
        None => book_in(tx, actor, &draft, Some(&source), id, now),
    };
    let booked = match done {
        Ok(booked) => booked,
        Err(CoreError::Invalid(errors)) => {
            let said: Vec<String> = errors.into_iter().map(|e| e.message).collect();
            return Ok(Some(said.join("; ")));
        }
        Err(other) => return Err(other),
    };
    if a.standing == Standing::Confirmed {
        let by = actor.user_id();
        let status = AppointmentStatus::Confirmed;
        if !store::appointment_changes::set_status(
            tx,
            id,
            booked.version,
            status,
            booked.room_id,
            by,
            now,
        )? {
            return Err(CoreError::Conflict {
                entity: "appointment",
            });
        }
        store::appointments::record_history(tx, id, "status", by, now, &source)?;
    }
    Ok(None)
}

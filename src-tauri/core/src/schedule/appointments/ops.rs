//! Booking, the live check, moving or editing, and cancelling one appointment: each checked
//! against `validate` and the booking rules inside the transaction that writes it, each with
//! its history row and audit row.

use super::validate::{self, Fields, Valid};
use crate::access::{Actor, AsUser};
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::AppointmentId;
use crate::permissions::Operation;
use crate::schedule::rules::{collisions, Proposed};
use crate::schedule::time::{local_date, practice_zone, utc_to_local};
use crate::schedule::{
    Appointment, AppointmentChange, AppointmentDraft, AppointmentStatus, CancelKind, Collision,
};
use crate::store;
use crate::store::appointment_changes::EditedAppointment;
use crate::store::appointments::NewAppointment;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

/// "Tue 1 Dec 09:00–09:15" in the practice zone (for history and audit details).
pub(super) fn when(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let (a, b) = (utc_to_local(zone, from), utc_to_local(zone, to));
    if local_date(zone, from) == local_date(zone, to) {
        format!("{}–{}", a.format("%a %-d %b %Y %H:%M"), b.format("%H:%M"))
    } else {
        format!(
            "{} – {}",
            a.format("%a %-d %b %Y %H:%M"),
            b.format("%a %-d %b %Y %H:%M")
        )
    }
}

pub(super) fn not_found(id: AppointmentId) -> CoreError {
    CoreError::NotFound {
        entity: "appointment",
        id: id.to_string(),
    }
}

pub(super) fn stale() -> CoreError {
    CoreError::Conflict {
        entity: "appointment",
    }
}

/// The appointment at the version the user saw.
pub(super) fn current(
    conn: &Connection,
    id: AppointmentId,
    version: i64,
) -> CoreResult<Appointment> {
    let a = store::appointments::get(conn, id)?.ok_or_else(|| not_found(id))?;
    if a.version != version {
        return Err(stale());
    }
    Ok(a)
}

/// The collisions as the refusal says them.
fn refusal(found: &[Collision]) -> CoreError {
    let list: Vec<&str> = found.iter().map(|c| c.description.as_str()).collect();
    CoreError::invalid("collisions", list.join("; "))
}

/// Whether the write goes ahead over `found`: not at all without a reason, with the reason
/// stored (and audited) when one was given.
fn overbooking(found: &[Collision], valid: &Valid) -> CoreResult<Option<String>> {
    if found.is_empty() {
        return Ok(None);
    }
    match &valid.overbook_reason {
        Some(reason) => Ok(Some(reason.clone())),
        None => Err(refusal(found)),
    }
}

fn overbook_detail(reason: &str, found: &[Collision]) -> String {
    let list: Vec<&str> = found.iter().map(|c| c.description.as_str()).collect();
    format!("reason: {reason}; over: {}", list.join("; "))
}

fn draft_fields(draft: &AppointmentDraft) -> Fields<'_> {
    Fields {
        provider_id: draft.provider_id,
        type_id: draft.type_id,
        room_id: draft.room_id,
        starts_at: draft.starts_at,
        minutes: draft.minutes,
        reason: &draft.reason,
        note: &draft.note,
        overbook_reason: draft.overbook_reason.as_deref(),
    }
}

/// Writes `draft` as checked (`valid`), booked, with its history row: the overbooking reason,
/// and for an import where it came from (`source`).
#[allow(clippy::too_many_arguments)]
fn insert_draft(
    tx: &Connection,
    actor: &Actor,
    draft: &AppointmentDraft,
    valid: &Valid,
    overbook_reason: Option<&str>,
    source: Option<&str>,
    id: AppointmentId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let detail = match (source, overbook_reason) {
        (Some(source), Some(reason)) => format!("{source}; overbooked: {reason}"),
        (Some(source), None) => source.to_string(),
        (None, reason) => reason.unwrap_or_default().to_string(),
    };
    store::appointments::insert_saying(
        tx,
        id,
        &NewAppointment {
            patient_id: draft.patient_id,
            provider_id: draft.provider_id,
            room_id: draft.room_id,
            type_id: draft.type_id,
            starts_at: draft.starts_at,
            ends_at: valid.ends_at,
            reason: &valid.reason,
            note: &valid.note,
            overbook_reason,
            series: None,
        },
        actor.user_id(),
        now,
        &detail,
    )
}

/// Books `draft` inside `tx`, by the rules (the desk's booking and the CSV import share it;
/// `source` says where an imported one came from, in its history).
pub(crate) fn book_in(
    tx: &Connection,
    actor: &Actor,
    draft: &AppointmentDraft,
    source: Option<&str>,
    id: AppointmentId,
    now: DateTime<Utc>,
) -> CoreResult<Appointment> {
    let zone = practice_zone(tx)?;
    validate::patient(tx, draft.patient_id)?;
    let valid = validate::fields(tx, zone, &draft_fields(draft), false, now)?;
    let found = collisions(
        tx,
        zone,
        &Proposed {
            provider: draft.provider_id,
            room: draft.room_id,
            starts_at: draft.starts_at,
            ends_at: valid.ends_at,
            except: None,
        },
    )?;
    let overbook = overbooking(&found, &valid)?;
    insert_draft(
        tx,
        actor,
        draft,
        &valid,
        overbook.as_deref(),
        source,
        id,
        now,
    )?;
    let booked = store::appointments::get(tx, id)?.ok_or_else(|| not_found(id))?;
    let event = match &overbook {
        Some(reason) => actor
            .event(now, "overbook_appointment", Outcome::Ok)
            .detail(overbook_detail(reason, &found)),
        None => actor
            .event(now, "book_appointment", Outcome::Ok)
            .detail(format!(
                "{}, {} with {}",
                booked.type_name,
                when(zone, booked.starts_at, booked.ends_at),
                booked.provider_name
            )),
    };
    audit::append(
        tx,
        &event.entity("appointment", id).patient(draft.patient_id),
    )?;
    Ok(booked)
}

/// Which import kept a past appointment (the audit log names it) and the source its history
/// rows give ("imported from …").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PastImport<'a> {
    Csv(&'a str),
    Fhir(&'a str),
}

impl PastImport<'_> {
    fn action(self) -> &'static str {
        match self {
            Self::Csv(_) => "import_csv_appointment",
            Self::Fhir(_) => "import_fhir_appointment",
        }
    }

    fn source(&self) -> &str {
        match self {
            Self::Csv(source) | Self::Fhir(source) => source,
        }
    }
}

/// How a past appointment from another system ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PastOutcome {
    Attended,
    NoShow,
    /// By whom, and why when the earlier system said.
    Cancelled(CancelKind, Option<String>),
}

/// Records an appointment that is already past, as another system's book had it: the fields
/// checked as a booking's (but not the time, nor the rules: the past happened as it did), the
/// booked row with its outcome, and history rows that say where it came from.
pub(crate) fn record_past_in(
    tx: &Connection,
    actor: &Actor,
    draft: &AppointmentDraft,
    outcome: PastOutcome,
    from: PastImport<'_>,
    id: AppointmentId,
    now: DateTime<Utc>,
) -> CoreResult<Appointment> {
    let source = from.source();
    let zone = practice_zone(tx)?;
    validate::registered(tx, draft.patient_id)?;
    let valid = validate::fields(tx, zone, &draft_fields(draft), true, now)?;
    insert_draft(tx, actor, draft, &valid, None, Some(source), id, now)?;
    let booked = store::appointments::get(tx, id)?.ok_or_else(|| not_found(id))?;
    let by = actor.user_id();
    let (written, change) = match &outcome {
        PastOutcome::Attended | PastOutcome::NoShow => {
            let status = if outcome == PastOutcome::NoShow {
                AppointmentStatus::NoShow
            } else {
                AppointmentStatus::CheckedOut
            };
            let written = store::appointment_changes::set_status(
                tx,
                id,
                booked.version,
                status,
                draft.room_id,
                by,
                now,
            )?;
            (written, "status")
        }
        PastOutcome::Cancelled(kind, reason) => {
            let reason = match reason.as_deref().map(str::trim) {
                Some(said) if !said.is_empty() => validate::cancel_reason(said)?,
                _ => "cancelled in the earlier system".to_string(),
            };
            let written = store::appointment_changes::cancel(
                tx,
                id,
                booked.version,
                *kind,
                &reason,
                by,
                now,
            )?;
            (written, "cancelled")
        }
    };
    if !written {
        return Err(stale());
    }
    store::appointments::record_history(tx, id, change, by, now, source)?;
    let recorded = store::appointments::get(tx, id)?.ok_or_else(|| not_found(id))?;
    audit::append(
        tx,
        &actor
            .event(now, from.action(), Outcome::Ok)
            .entity("appointment", id)
            .patient(draft.patient_id)
            .detail(format!(
                "{}, {} with {}: {}; {source}",
                recorded.type_name,
                when(zone, recorded.starts_at, recorded.ends_at),
                recorded.provider_name,
                recorded.status.label()
            )),
    )?;
    Ok(recorded)
}

impl AsUser<'_> {
    /// What `draft` would collide with (the form's live check); `except` is the appointment
    /// being moved.
    pub fn check_booking(
        &mut self,
        draft: &AppointmentDraft,
        except: Option<AppointmentId>,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Collision>> {
        self.require(Operation::BookAppointments, "check_booking", now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let zone = practice_zone(tx)?;
            validate::patient(tx, draft.patient_id)?;
            let valid = validate::fields(tx, zone, &draft_fields(draft), false, now)?;
            let found = collisions(
                tx,
                zone,
                &Proposed {
                    provider: draft.provider_id,
                    room: draft.room_id,
                    starts_at: draft.starts_at,
                    ends_at: valid.ends_at,
                    except,
                },
            )?;
            let mut event = actor
                .event(now, "check_booking", Outcome::Ok)
                .patient(draft.patient_id)
                .detail(format!(
                    "{}: {} collision(s)",
                    when(zone, draft.starts_at, valid.ends_at),
                    found.len()
                ));
            if let Some(id) = except {
                event = event.entity("appointment", id);
            }
            audit::append(tx, &event)?;
            Ok(found)
        })
    }

    /// Books `draft`. A collision refuses it with `CoreError::Invalid` on field `collisions`
    /// (the message lists each) unless `overbook_reason` is given. Bench op `book_appointment`.
    pub fn book_appointment(
        &mut self,
        draft: &AppointmentDraft,
        id: AppointmentId,
        now: DateTime<Utc>,
    ) -> CoreResult<Appointment> {
        self.require(Operation::BookAppointments, "book_appointment", now)?;
        let actor = self.actor;
        self.db.write(|tx| book_in(tx, actor, draft, None, id, now))
    }

    /// Moves, resizes, reassigns or edits one appointment (an occurrence of a series becomes
    /// an exception). `version` is the one the user saw; a stale one is `CoreError::Conflict`.
    /// A move is checked against the rules again (ignoring the appointment itself); an edit
    /// that keeps the time, length, provider and room keeps any earlier overbook reason.
    pub fn change_appointment(
        &mut self,
        id: AppointmentId,
        version: i64,
        change: &AppointmentChange,
        now: DateTime<Utc>,
    ) -> CoreResult<Appointment> {
        self.require(Operation::BookAppointments, "change_appointment", now)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let zone = practice_zone(tx)?;
            let before = current(tx, id, version)?;
            if matches!(
                before.status,
                AppointmentStatus::Cancelled
                    | AppointmentStatus::NoShow
                    | AppointmentStatus::CheckedOut
            ) {
                return Err(CoreError::invalid(
                    "status",
                    format!(
                        "This appointment is {} and cannot be changed; book a new one",
                        before.status.label()
                    ),
                ));
            }
            let fields = Fields {
                provider_id: change.provider_id,
                type_id: change.type_id,
                room_id: change.room_id,
                starts_at: change.starts_at,
                minutes: change.minutes,
                reason: &change.reason,
                note: &change.note,
                overbook_reason: change.overbook_reason.as_deref(),
            };
            let valid =
                validate::fields(tx, zone, &fields, change.starts_at == before.starts_at, now)?;
            let moved = change.starts_at != before.starts_at
                || valid.ends_at != before.ends_at
                || change.provider_id != before.provider_id
                || change.room_id != before.room_id;
            let (found, overbook) = if moved {
                let found = collisions(
                    tx,
                    zone,
                    &Proposed {
                        provider: change.provider_id,
                        room: change.room_id,
                        starts_at: change.starts_at,
                        ends_at: valid.ends_at,
                        except: Some(id),
                    },
                )?;
                let overbook = overbooking(&found, &valid)?;
                (found, overbook)
            } else {
                (Vec::new(), before.overbook_reason.clone())
            };
            let written = store::appointment_changes::update(
                tx,
                id,
                version,
                &EditedAppointment {
                    provider_id: change.provider_id,
                    room_id: change.room_id,
                    type_id: change.type_id,
                    starts_at: change.starts_at,
                    ends_at: valid.ends_at,
                    reason: &valid.reason,
                    note: &valid.note,
                    overbook_reason: overbook.as_deref(),
                    is_exception: before.is_exception || before.series_id.is_some(),
                },
                actor.user_id(),
                now,
            )?;
            if !written {
                return Err(stale());
            }
            let detail = if moved {
                format!(
                    "from {} with {}{}",
                    when(zone, before.starts_at, before.ends_at),
                    before.provider_name,
                    before
                        .room_name
                        .as_deref()
                        .map(|r| format!(" in {r}"))
                        .unwrap_or_default()
                )
            } else {
                String::new()
            };
            let change_kind = if moved { "moved" } else { "edited" };
            store::appointments::record_history(
                tx,
                id,
                change_kind,
                actor.user_id(),
                now,
                &detail,
            )?;
            let after = store::appointments::get(tx, id)?.ok_or_else(|| not_found(id))?;
            let event = match (&overbook, found.is_empty()) {
                (Some(reason), false) => actor
                    .event(now, "overbook_appointment", Outcome::Ok)
                    .detail(format!(
                        "{change_kind} {detail}; {}",
                        overbook_detail(reason, &found)
                    )),
                _ => actor
                    .event(now, "change_appointment", Outcome::Ok)
                    .detail(format!("{change_kind} {detail}").trim_end().to_string()),
            };
            audit::append(
                tx,
                &event.entity("appointment", id).patient(before.patient_id),
            )?;
            Ok(after)
        })
    }

    /// Cancels one appointment, by the patient or the practice, with a reason. The row is
    /// kept (cancelled), and its slot is free again.
    pub fn cancel_appointment(
        &mut self,
        id: AppointmentId,
        version: i64,
        kind: CancelKind,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Appointment> {
        self.require(Operation::BookAppointments, "cancel_appointment", now)?;
        let reason = validate::cancel_reason(reason)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let before = current(tx, id, version)?;
            if matches!(
                before.status,
                AppointmentStatus::Cancelled
                    | AppointmentStatus::NoShow
                    | AppointmentStatus::CheckedOut
            ) {
                return Err(CoreError::invalid(
                    "status",
                    format!(
                        "This appointment is {} and cannot be cancelled",
                        before.status.label()
                    ),
                ));
            }
            if !store::appointment_changes::cancel(
                tx,
                id,
                version,
                kind,
                &reason,
                actor.user_id(),
                now,
            )? {
                return Err(stale());
            }
            let detail = format!("by the {}: {reason}", kind.as_str());
            store::appointments::record_history(
                tx,
                id,
                "cancelled",
                actor.user_id(),
                now,
                &detail,
            )?;
            let event = actor
                .event(now, "cancel_appointment", Outcome::Ok)
                .entity("appointment", id)
                .patient(before.patient_id)
                .detail(detail);
            audit::append(tx, &event)?;
            store::appointments::get(tx, id)?.ok_or_else(|| not_found(id))
        })
    }
}

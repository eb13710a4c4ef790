//! The wait list (owner: the slots helper): patients who want an earlier slot, and who on it
//! fits a slot a cancellation freed. Entries are resolved (booked or removed with a
//! reason), never deleted.

mod fit;
#[cfg(test)]
mod tests;

pub use fit::{fits, Freed, Wants};

use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{AppointmentId, WaitListId};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::schedule::time::{local_date, practice_zone, utc_to_local};
use crate::schedule::{WaitListDraft, WaitListEntry};
use crate::store;
use crate::store::wait_list::StoredEntry;
use chrono::{DateTime, NaiveDate, Timelike, Utc};
use rusqlite::Connection;

/// The longest note an entry keeps.
const MAX_NOTE: usize = 500;

fn not_found(id: WaitListId) -> CoreError {
    CoreError::NotFound {
        entity: "wait-list entry",
        id: id.to_string(),
    }
}

/// Checks a new entry against the register and the set-up; the note trimmed.
fn validate(
    conn: &Connection,
    draft: &WaitListDraft,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> CoreResult<String> {
    let mut errors = Vec::new();
    if !store::wait_list::patient_exists(conn, draft.patient_id)? {
        errors.push(FieldError::new("patientId", "Choose a registered patient"));
    }
    if let Some(p) = draft.provider_id {
        if !store::schedule_setup::is_active_provider(conn, p)? {
            errors.push(FieldError::new(
                "providerId",
                "Choose a provider who is on the schedule, or any provider",
            ));
        }
    }
    let types = store::schedule_setup::appointment_types(conn)?;
    match types.iter().find(|t| t.id == draft.type_id) {
        None => errors.push(FieldError::new("typeId", "Choose an appointment type")),
        Some(t) if t.retired => errors.push(FieldError::new(
            "typeId",
            format!("{} is retired; choose another type", t.name),
        )),
        Some(_) => {}
    }
    if let (Some(e), Some(l)) = (draft.earliest, draft.latest) {
        if e > l {
            errors.push(FieldError::new(
                "latest",
                "The latest date must not be before the earliest",
            ));
        }
    }
    if draft.latest.is_some_and(|l| l < today) {
        errors.push(FieldError::new("latest", "The latest date has passed"));
    }
    if let Some(a) = draft.appointment_id {
        let ok = store::appointments::get(conn, a)?.is_some_and(|b| {
            b.patient_id == draft.patient_id && b.status.holds_slot() && b.starts_at > now
        });
        if !ok {
            errors.push(FieldError::new(
                "appointmentId",
                "Choose one of this patient's upcoming appointments, or none",
            ));
        }
    }
    let note = draft.note.trim();
    if note.chars().count() > MAX_NOTE {
        errors.push(FieldError::new(
            "note",
            format!("Keep the note under {MAX_NOTE} characters"),
        ));
    }
    if errors.is_empty() {
        Ok(note.to_string())
    } else {
        Err(CoreError::Invalid(errors))
    }
}

/// What the fit predicate reads of a stored entry.
fn wants(stored: &StoredEntry) -> Wants {
    let e = &stored.entry;
    Wants {
        provider: e.provider_id,
        type_minutes: stored.type_minutes,
        earliest: e.earliest,
        latest: e.latest,
        time_of_day: e.time_of_day,
        current: e.current_starts_at.filter(|_| stored.booking_holds),
    }
}

impl AsUser<'_> {
    /// Open entries, oldest first.
    pub fn wait_list(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<WaitListEntry>> {
        self.require(Operation::ViewSchedule, "view_wait_list", now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let list: Vec<WaitListEntry> = store::wait_list::open(tx)?
                .into_iter()
                .map(|s| s.entry)
                .collect();
            let event = actor
                .event(now, "view_wait_list", Outcome::Ok)
                .detail(format!("{} open entries", list.len()));
            audit::append(tx, &event)?;
            Ok(list)
        })
    }

    pub fn add_to_wait_list(
        &mut self,
        draft: &WaitListDraft,
        id: WaitListId,
        now: DateTime<Utc>,
    ) -> CoreResult<WaitListEntry> {
        self.require(Operation::BookAppointments, "add_to_wait_list", now)?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let note = validate(tx, draft, today, now)?;
            store::wait_list::insert(tx, id, draft, &note, actor.user_id(), now)?;
            let entry = store::wait_list::get(tx, id)?
                .ok_or_else(|| not_found(id))?
                .entry;
            let event = actor
                .event(now, "add_to_wait_list", Outcome::Ok)
                .entity("wait_list", id)
                .patient(draft.patient_id)
                .detail(format!(
                    "{}, {}, {}",
                    entry.type_name,
                    entry.provider_name.as_deref().unwrap_or("any provider"),
                    entry.time_of_day.as_str()
                ));
            audit::append(tx, &event)?;
            Ok(entry)
        })
    }

    /// Takes an entry off the list: booked (into `appointment`) or removed, with a note.
    pub fn resolve_wait_list(
        &mut self,
        id: WaitListId,
        booked: Option<AppointmentId>,
        note: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        self.require(Operation::BookAppointments, "resolve_wait_list", now)?;
        let note = note.trim();
        if booked.is_none() && note.is_empty() {
            return Err(CoreError::invalid(
                "note",
                "Say why the patient comes off the wait list",
            ));
        }
        if note.chars().count() > MAX_NOTE {
            return Err(CoreError::invalid(
                "note",
                format!("Keep the note under {MAX_NOTE} characters"),
            ));
        }
        let actor = self.actor;
        self.db.write(|tx| {
            let stored = store::wait_list::get(tx, id)?.ok_or_else(|| not_found(id))?;
            let patient = stored.entry.patient_id;
            if let Some(b) = booked {
                let theirs =
                    store::appointments::get(tx, b)?.is_some_and(|a| a.patient_id == patient);
                if !theirs {
                    return Err(CoreError::invalid(
                        "booked",
                        "The booking must be this patient's appointment",
                    ));
                }
            }
            if !store::wait_list::resolve(tx, id, booked, note, actor.user_id(), now)? {
                return Err(CoreError::invalid(
                    "id",
                    "This patient is already off the wait list",
                ));
            }
            let said = if note.is_empty() {
                String::new()
            } else {
                format!(": {note}")
            };
            let detail = match booked {
                Some(b) => format!("booked into appointment {b}{said}"),
                None => format!("removed{said}"),
            };
            let event = actor
                .event(now, "resolve_wait_list", Outcome::Ok)
                .entity("wait_list", id)
                .patient(patient)
                .detail(detail);
            audit::append(tx, &event)?;
            Ok(())
        })
    }

    /// Open entries that fit the slot of `freed` (a cancelled or no-show appointment): the
    /// provider (or any), the type's length fits, the date range and time of day match.
    pub fn wait_list_fits(
        &mut self,
        freed: AppointmentId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<WaitListEntry>> {
        self.require(Operation::ViewSchedule, "view_wait_list_fits", now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let slot = store::appointments::get(tx, freed)?.ok_or(CoreError::NotFound {
                entity: "appointment",
                id: freed.to_string(),
            })?;
            if slot.status.holds_slot() {
                return Err(CoreError::invalid(
                    "freed",
                    "This appointment still holds its slot; cancel it first",
                ));
            }
            let zone = practice_zone(tx)?;
            let f = Freed {
                provider: slot.provider_id,
                starts_at: slot.starts_at,
                minutes: (slot.ends_at - slot.starts_at).num_minutes(),
                date: local_date(zone, slot.starts_at),
                hour: utc_to_local(zone, slot.starts_at).hour(),
            };
            // A slot already begun fits nobody.
            let list: Vec<WaitListEntry> = if slot.starts_at <= now {
                Vec::new()
            } else {
                store::wait_list::open_for_provider(tx, slot.provider_id)?
                    .into_iter()
                    .filter(|s| fits(&wants(s), &f))
                    .map(|s| s.entry)
                    .collect()
            };
            let event = actor
                .event(now, "view_wait_list_fits", Outcome::Ok)
                .entity("appointment", freed)
                .detail(format!("{} fit", list.len()));
            audit::append(tx, &event)?;
            Ok(list)
        })
    }
}

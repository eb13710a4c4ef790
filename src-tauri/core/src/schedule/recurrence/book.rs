//! Previewing and booking a series: each occurrence of the rule at the first one's local
//! time, checked against the booking rules; a colliding one refuses the series unless it is
//! skipped or overbooked with a reason.

use super::validate::{self, Fields};
use super::{collision_lines, occurrence_id, refusal, rule, PlannedOccurrence, SeriesBooking};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentId, SeriesId};
use crate::permissions::Operation;
use crate::schedule::rules::{collisions, Proposed};
use crate::schedule::time::{local_to_utc, practice_zone, utc_to_local};
use crate::schedule::{AppointmentDraft, RecurrenceRule};
use crate::store;
use crate::store::appointments::NewAppointment;
use crate::store::series::NewSeries;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

fn fields(draft: &AppointmentDraft) -> Fields<'_> {
    Fields {
        patient: Some(draft.patient_id),
        provider: draft.provider_id,
        type_id: draft.type_id,
        room: draft.room_id,
        minutes: draft.minutes,
        reason: &draft.reason,
        note: &draft.note,
    }
}

/// The rule's and the draft's field errors together, so the form marks every wrong field.
fn check_draft(
    conn: &Connection,
    first: NaiveDateTime,
    draft: &AppointmentDraft,
    rule: &RecurrenceRule,
) -> CoreResult<()> {
    let mut errors = Vec::new();
    if let Err(CoreError::Invalid(mut e)) = rule::check(first, rule) {
        errors.append(&mut e);
    }
    match validate::check(conn, &fields(draft)) {
        Err(CoreError::Invalid(mut e)) => errors.append(&mut e),
        Err(other) => return Err(other),
        Ok(()) => {}
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Invalid(errors))
    }
}

/// Every occurrence with what it collides with.
fn plan(
    conn: &Connection,
    zone: Tz,
    first: NaiveDateTime,
    draft: &AppointmentDraft,
    rule: &RecurrenceRule,
) -> CoreResult<Vec<PlannedOccurrence>> {
    rule::occurrences(first, rule)
        .into_iter()
        .map(|local| {
            let starts_at = local_to_utc(zone, local);
            let ends_at = starts_at + Duration::minutes(i64::from(draft.minutes));
            let found = collisions(
                conn,
                zone,
                &Proposed {
                    provider: draft.provider_id,
                    room: draft.room_id,
                    starts_at,
                    ends_at,
                    except: None,
                },
            )?;
            Ok(PlannedOccurrence {
                starts_at,
                ends_at,
                collisions: found,
            })
        })
        .collect()
}

impl AsUser<'_> {
    /// Every occurrence `rule` gives from `draft.starts_at`, each with its collisions.
    pub fn preview_series(
        &mut self,
        draft: &AppointmentDraft,
        rule: &RecurrenceRule,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<PlannedOccurrence>> {
        self.require(Operation::BookAppointments, "preview_series", now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let zone = practice_zone(tx)?;
            let first = utc_to_local(zone, draft.starts_at);
            check_draft(tx, first, draft, rule)?;
            let planned = plan(tx, zone, first, draft, rule)?;
            let colliding = planned.iter().filter(|p| !p.collisions.is_empty()).count();
            let event = actor
                .event(now, "preview_series", Outcome::Ok)
                .entity("patient", draft.patient_id)
                .patient(draft.patient_id)
                .detail(format!(
                    "{}: {} appointments, {colliding} colliding",
                    rule::describe(first, rule),
                    planned.len()
                ));
            audit::append(tx, &event)?;
            Ok(planned)
        })
    }

    /// Books the series. Colliding occurrences refuse the whole series (field `collisions`)
    /// unless `skip_collisions` (they are skipped and reported) or `draft.overbook_reason`.
    /// Occurrence ids are `first_id`, then derived from it deterministically.
    pub fn book_series(
        &mut self,
        draft: &AppointmentDraft,
        rule: &RecurrenceRule,
        skip_collisions: bool,
        series_id: SeriesId,
        first_id: AppointmentId,
        now: DateTime<Utc>,
    ) -> CoreResult<SeriesBooking> {
        self.require(Operation::BookAppointments, "book_series", now)?;
        let actor = self.actor;
        let by = actor.user_id();
        self.db.write(|tx| {
            let zone = practice_zone(tx)?;
            let first = utc_to_local(zone, draft.starts_at);
            check_draft(tx, first, draft, rule)?;
            let planned = plan(tx, zone, first, draft, rule)?;
            let overbook = validate::overbook(&draft.overbook_reason);
            let colliding: Vec<_> = planned
                .iter()
                .filter(|p| !p.collisions.is_empty())
                .map(|p| (p.starts_at, p.collisions.as_slice()))
                .collect();
            if overbook.is_none() && !colliding.is_empty() {
                if !skip_collisions {
                    return Err(refusal(zone, colliding));
                }
                if colliding.len() == planned.len() {
                    return Err(CoreError::invalid(
                        "collisions",
                        format!(
                            "Every appointment collides: {}",
                            collision_lines(zone, colliding)
                        ),
                    ));
                }
            }
            store::series::insert(
                tx,
                series_id,
                &NewSeries {
                    patient: draft.patient_id,
                    rule: *rule,
                    first_local: first,
                    split_from: None,
                },
                by,
                now,
            )?;
            let mut booked_ids = Vec::new();
            let mut skipped = Vec::new();
            for (k, p) in (0u32..).zip(planned) {
                let collides = !p.collisions.is_empty();
                if collides && overbook.is_none() {
                    skipped.push(p);
                    continue;
                }
                let id = occurrence_id(first_id, k);
                store::appointments::insert(
                    tx,
                    id,
                    &NewAppointment {
                        patient_id: draft.patient_id,
                        provider_id: draft.provider_id,
                        room_id: draft.room_id,
                        type_id: draft.type_id,
                        starts_at: p.starts_at,
                        ends_at: p.ends_at,
                        reason: &draft.reason,
                        note: &draft.note,
                        overbook_reason: if collides { overbook } else { None },
                        series: Some((series_id, k)),
                    },
                    by,
                    now,
                )?;
                if collides {
                    let what: Vec<&str> = p
                        .collisions
                        .iter()
                        .map(|c| c.description.as_str())
                        .collect();
                    let event = actor
                        .event(now, "overbook_appointment", Outcome::Ok)
                        .entity("appointment", id)
                        .patient(draft.patient_id)
                        .detail(format!(
                            "{} (over: {})",
                            overbook.unwrap_or_default(),
                            what.join("; ")
                        ));
                    audit::append(tx, &event)?;
                }
                booked_ids.push(id);
            }
            let event = actor
                .event(now, "book_series", Outcome::Ok)
                .entity("series", series_id)
                .patient(draft.patient_id)
                .detail(format!(
                    "{}: {} booked, {} skipped",
                    rule::describe(first, rule),
                    booked_ids.len(),
                    skipped.len()
                ));
            audit::append(tx, &event)?;
            let mut booked = Vec::with_capacity(booked_ids.len());
            for id in booked_ids {
                booked.push(store::appointments::get(tx, id)?.ok_or_else(|| {
                    CoreError::Corrupt("a booked occurrence could not be read back".into())
                })?);
            }
            Ok(SeriesBooking {
                series_id,
                booked,
                skipped,
            })
        })
    }
}

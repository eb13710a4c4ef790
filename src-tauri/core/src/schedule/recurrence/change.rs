//! Editing a series: this one (it becomes an exception), this and following (the series is
//! split there and continues as a new one), or all from today on. Exceptions and occurrences
//! that are over are left alone; each moved occurrence is checked like a booking.

use super::validate::{self, Fields};
use super::{ahead, refusal, scope_words, still_open};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentId, SeriesId};
use crate::permissions::Operation;
use crate::schedule::rules::{collisions, Proposed};
use crate::schedule::time::{day_bounds, local_date, local_to_utc, practice_zone, utc_to_local};
use crate::schedule::{
    Appointment, AppointmentChange, Collision, RecurrenceEnd, RecurrenceRule, SeriesScope,
};
use crate::store;
use crate::store::series::{NewSeries, OccurrenceUpdate};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

/// The occurrences `scope` reaches from `clicked` (the clicked one first).
fn targets(
    tx: &Connection,
    zone: Tz,
    clicked: &Appointment,
    scope: SeriesScope,
    now: DateTime<Utc>,
) -> CoreResult<Vec<Appointment>> {
    let (Some(series), Some(number)) = (clicked.series_id, clicked.occurrence) else {
        return Ok(vec![clicked.clone()]);
    };
    let today = day_bounds(zone, local_date(zone, now)).0;
    let mut out = vec![clicked.clone()];
    for a in store::series::occurrences(tx, series)? {
        let reached = match scope {
            SeriesScope::This => false,
            SeriesScope::Following => a.occurrence > Some(number) && a.starts_at >= now,
            SeriesScope::All => a.starts_at >= today,
        };
        if reached && a.id != clicked.id && !a.is_exception && ahead(&a) {
            out.push(a);
        }
    }
    Ok(out)
}

/// Where "this and following" cuts a series.
struct Cut {
    series: SeriesId,
    number: u32,
    new_series: SeriesId,
}

/// Ends the series before the cut and starts a new one there, `split_from` the old.
fn split(
    tx: &Connection,
    zone: Tz,
    cut: Cut,
    clicked: &Appointment,
    change: &AppointmentChange,
    by: crate::ids::UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let Cut {
        series,
        number,
        new_series,
    } = cut;
    let old = store::series::rule(tx, series)?
        .ok_or_else(|| CoreError::Corrupt(format!("series {series} has no row")))?;
    let ends = match old.ends {
        RecurrenceEnd::Count { count } => RecurrenceEnd::Count {
            count: count.saturating_sub(number).max(1),
        },
        until => until,
    };
    store::series::insert(
        tx,
        new_series,
        &NewSeries {
            patient: clicked.patient_id,
            rule: RecurrenceRule { ends, ..old },
            first_local: utc_to_local(zone, change.starts_at),
            split_from: Some(series),
        },
        by,
        now,
    )?;
    store::series::end_after(tx, series, number - 1, by, now)
}

impl AsUser<'_> {
    /// Applies `change` to the occurrence `id` and, by `scope`, to the following ones or all
    /// (exceptions kept). Returns every appointment changed.
    pub fn change_series(
        &mut self,
        id: AppointmentId,
        version: i64,
        change: &AppointmentChange,
        scope: SeriesScope,
        new_series_id: SeriesId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Appointment>> {
        self.require(Operation::BookAppointments, "change_series", now)?;
        let actor = self.actor;
        let by = actor.user_id();
        self.db.write(|tx| {
            let zone = practice_zone(tx)?;
            let clicked = store::appointments::get(tx, id)?.ok_or_else(|| CoreError::NotFound {
                entity: "appointment",
                id: id.to_string(),
            })?;
            if clicked.version != version {
                return Err(CoreError::Conflict {
                    entity: "appointment",
                });
            }
            let (Some(series), Some(number)) = (clicked.series_id, clicked.occurrence) else {
                return Err(CoreError::invalid(
                    "scope",
                    "This appointment is not part of a series",
                ));
            };
            if !still_open(&clicked) {
                return Err(CoreError::invalid(
                    "status",
                    format!("A {} appointment cannot be changed", clicked.status.label()),
                ));
            }
            validate::check(
                tx,
                &Fields {
                    patient: None,
                    provider: change.provider_id,
                    type_id: change.type_id,
                    room: change.room_id,
                    minutes: change.minutes,
                    reason: &change.reason,
                    note: &change.note,
                },
            )?;
            let overbook = validate::overbook(&change.overbook_reason);
            let targets = targets(tx, zone, &clicked, scope, now)?;
            // The same local wall-clock shift for each, so 09:00 → 10:00 is 10:00 on every
            // date whatever the clocks did in between.
            let shift =
                utc_to_local(zone, change.starts_at) - utc_to_local(zone, clicked.starts_at);
            let (target_series, renumber) = if scope == SeriesScope::Following && number > 0 {
                let cut = Cut {
                    series,
                    number,
                    new_series: new_series_id,
                };
                split(tx, zone, cut, &clicked, change, by, now)?;
                (new_series_id, number)
            } else {
                (series, 0)
            };
            let length = Duration::minutes(i64::from(change.minutes));
            for a in &targets {
                let starts_at = if a.id == clicked.id {
                    change.starts_at
                } else {
                    local_to_utc(zone, utc_to_local(zone, a.starts_at) + shift)
                };
                store::series::update(
                    tx,
                    a.id,
                    &OccurrenceUpdate {
                        provider_id: change.provider_id,
                        room_id: change.room_id,
                        type_id: change.type_id,
                        starts_at,
                        ends_at: starts_at + length,
                        reason: &change.reason,
                        note: &change.note,
                        overbook_reason: None,
                        is_exception: a.is_exception || scope == SeriesScope::This,
                        series: (
                            target_series,
                            a.occurrence.unwrap_or(number).saturating_sub(renumber),
                        ),
                    },
                    by,
                    now,
                )?;
            }
            // Checked after every occurrence has moved, so they are seen where they will be
            // (a series shifted by a week does not collide with its own old places).
            let mut changed = Vec::with_capacity(targets.len());
            let mut colliding: Vec<(Appointment, Vec<Collision>)> = Vec::new();
            for a in &targets {
                let now_is = store::appointments::get(tx, a.id)?.ok_or_else(|| {
                    CoreError::Corrupt("a changed occurrence could not be read back".into())
                })?;
                let found = collisions(
                    tx,
                    zone,
                    &Proposed {
                        provider: now_is.provider_id,
                        room: now_is.room_id,
                        starts_at: now_is.starts_at,
                        ends_at: now_is.ends_at,
                        except: Some(now_is.id),
                    },
                )?;
                if !found.is_empty() {
                    colliding.push((now_is.clone(), found));
                }
                changed.push((a, now_is));
            }
            if !colliding.is_empty() {
                let Some(reason) = overbook else {
                    return Err(refusal(
                        zone,
                        colliding.iter().map(|(a, c)| (a.starts_at, c.as_slice())),
                    ));
                };
                for (a, found) in &colliding {
                    store::series::set_overbook(tx, a.id, reason)?;
                    let what: Vec<&str> = found.iter().map(|c| c.description.as_str()).collect();
                    let event = actor
                        .event(now, "overbook_appointment", Outcome::Ok)
                        .entity("appointment", a.id)
                        .patient(a.patient_id)
                        .detail(format!("{reason} (over: {})", what.join("; ")));
                    audit::append(tx, &event)?;
                }
            }
            let mut out = Vec::with_capacity(changed.len());
            for (before, after) in changed {
                let moved = before.starts_at != after.starts_at
                    || before.ends_at != after.ends_at
                    || before.provider_id != after.provider_id
                    || before.room_id != after.room_id;
                let kind = if moved { "moved" } else { "edited" };
                store::appointments::record_history(
                    tx,
                    after.id,
                    kind,
                    by,
                    now,
                    &format!("series: {}", scope_words(scope)),
                )?;
                out.push(store::appointments::get(tx, after.id)?.ok_or_else(|| {
                    CoreError::Corrupt("a changed occurrence could not be read back".into())
                })?);
            }
            let event = actor
                .event(now, "change_series", Outcome::Ok)
                .entity("appointment", id)
                .patient(clicked.patient_id)
                .detail(format!("{}: {} changed", scope_words(scope), out.len()));
            audit::append(tx, &event)?;
            Ok(out)
        })
    }
}

//! Finding the next free slot (owner: the slots helper): for one provider or any, a type's
//! length, a time-of-day preference, from a date — open hours minus bookings and blocks,
//! day by day, so each read is one indexed range of one day.

pub(crate) mod calendar;
mod find;
#[cfg(test)]
pub(crate) mod tests;

pub use find::{free_slots, round_up, SlotGrid, Stretch};

use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::schedule::time::{day_bounds, practice_zone, utc_to_local};
use crate::schedule::{FreeSlot, ScheduleProvider, SlotQuery, TimeOfDay};
use crate::store;
use chrono::{DateTime, Days, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

/// How far ahead the search looks (local days, the first included).
pub const MAX_DAYS: u64 = 120;
/// The most slots one search returns.
pub const MAX_COUNT: u32 = 20;

/// A query that passed validation: whom to search and for how long a slot.
pub(crate) struct Search {
    pub providers: Vec<ScheduleProvider>,
    pub minutes: u32,
    pub type_name: String,
}

/// Checks the query against the set-up: count, length, the type, the provider.
pub(crate) fn validate(conn: &Connection, query: &SlotQuery) -> CoreResult<Search> {
    let mut errors = Vec::new();
    if !(1..=MAX_COUNT).contains(&query.count) {
        errors.push(FieldError::new(
            "count",
            format!("Ask for 1 to {MAX_COUNT} slots"),
        ));
    }
    let types = store::schedule_setup::appointment_types(conn)?;
    let kind = types.iter().find(|t| t.id == query.type_id);
    match kind {
        None => errors.push(FieldError::new("typeId", "Choose an appointment type")),
        Some(t) if t.retired => errors.push(FieldError::new(
            "typeId",
            format!("{} is retired; choose another type", t.name),
        )),
        Some(_) => {}
    }
    let minutes = query
        .minutes
        .or(kind.map(|t| t.default_minutes))
        .unwrap_or(0);
    if !(5..=store::appointments::MAX_MINUTES as u32).contains(&minutes) && kind.is_some() {
        errors.push(FieldError::new(
            "minutes",
            "A slot is 5 to 480 minutes long",
        ));
    }
    let providers: Vec<ScheduleProvider> = store::schedule_setup::providers(conn)?
        .into_iter()
        .filter(|p| p.active)
        .collect();
    let providers = match query.provider_id {
        None => providers,
        Some(id) => {
            if !store::schedule_setup::is_active_provider(conn, id)? {
                errors.push(FieldError::new(
                    "providerId",
                    "Choose a provider who is on the schedule",
                ));
            }
            providers.into_iter().filter(|p| p.user_id == id).collect()
        }
    };
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    Ok(Search {
        providers,
        minutes,
        type_name: kind.map(|t| t.name.clone()).unwrap_or_default(),
    })
}

/// Whether a slot starting at local `hour` suits the preference.
pub fn suits(time_of_day: TimeOfDay, hour: u32) -> bool {
    match time_of_day {
        TimeOfDay::Any => true,
        TimeOfDay::Morning => hour < 12,
        TimeOfDay::Afternoon => hour >= 12,
    }
}

/// The first `count` free slots from `first` (a local date, not before `today`), earliest
/// first, ties in the providers' display order; nothing on `today` before `now`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn search(
    conn: &Connection,
    zone: Tz,
    search: &Search,
    first: NaiveDate,
    today: NaiveDate,
    time_of_day: TimeOfDay,
    count: usize,
    now: DateTime<Utc>,
) -> CoreResult<Vec<FreeSlot>> {
    let mut out = Vec::new();
    if search.providers.is_empty() {
        return Ok(out);
    }
    let last = first
        .checked_add_days(Days::new(MAX_DAYS - 1))
        .unwrap_or(first);
    let blocks = store::schedule_setup::block_spans(
        conn,
        day_bounds(zone, first).0,
        day_bounds(zone, last).1,
    )?;
    let keep = |t: DateTime<Utc>| suits(time_of_day, utc_to_local(zone, t).hour());
    let hours = store::schedule_setup::opening_hours(conn)?;
    let mut all = calendar::OpenHours::read_all(conn)?;
    let calendars: Vec<_> = search
        .providers
        .iter()
        .map(|p| all.remove(&p.user_id).unwrap_or_default())
        .collect();
    let length = chrono::Duration::minutes(i64::from(search.minutes));
    let mut date = first;
    while date <= last && out.len() < count {
        let grid =
            SlotGrid::quarter_hours(i64::from(search.minutes), (date == today).then_some(now));
        let mut day: Vec<(DateTime<Utc>, usize)> = Vec::new();
        for (order, p) in search.providers.iter().enumerate() {
            let open = calendars[order].on(zone, &hours, date);
            let (Some(from), Some(to)) = (
                open.iter().map(|s| s.0).min(),
                open.iter().map(|s| s.1).max(),
            ) else {
                continue;
            };
            let mut busy = store::appointments::busy_spans(conn, p.user_id, from, to)?;
            busy.extend(
                blocks
                    .iter()
                    .filter(|(who, s, e)| {
                        who.is_none_or(|w| w == p.user_id) && *s < to && *e > from
                    })
                    .map(|(_, s, e)| (*s, *e)),
            );
            let wanted = count - out.len();
            day.extend(
                free_slots(&open, &busy, &grid, keep)
                    .into_iter()
                    .take(wanted)
                    .map(|s| (s, order)),
            );
        }
        day.sort();
        for (start, order) in day.into_iter().take(count - out.len()) {
            let p = &search.providers[order];
            out.push(FreeSlot {
                provider_id: p.user_id,
                provider_name: p.display_name.clone(),
                starts_at: start,
                ends_at: start + length,
            });
        }
        date = match date.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    Ok(out)
}

impl AsUser<'_> {
    /// The first `query.count` free slots, earliest first. Bench op `next_free_slot`.
    pub fn next_free_slots(
        &mut self,
        query: &SlotQuery,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<FreeSlot>> {
        self.require(Operation::ViewSchedule, "find_free_slot", now)?;
        let today = practice_today(self.db, now)?;
        let first = query.from.max(today);
        let count = query.count as usize;
        let (valid, slots) = self.db.read(|conn| {
            let valid = validate(conn, query)?;
            let zone = practice_zone(conn)?;
            let slots = search(
                conn,
                zone,
                &valid,
                first,
                today,
                query.time_of_day,
                count,
                now,
            )?;
            Ok((valid, slots))
        })?;
        let who = match (query.provider_id, valid.providers.first()) {
            (Some(_), Some(p)) => p.display_name.clone(),
            _ => "any provider".to_string(),
        };
        let detail = format!(
            "{who}, {} {} min, {}, from {first}: {} found",
            valid.type_name,
            valid.minutes,
            query.time_of_day.as_str(),
            slots.len()
        );
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let event = actor
                .event(now, "find_free_slot", Outcome::Ok)
                .detail(detail);
            audit::append(tx, &event)
        })?;
        Ok(slots)
    }
}

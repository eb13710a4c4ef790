//! SQL for the schedule's set-up: providers, practice hours, availability templates, blocked
//! time, appointment types and rooms — and the two reads every booking rule needs: a
//! provider's open stretches on a date and the blocks over a stretch of time.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::chart::common::VisitType;
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentTypeId, BlockId, RoomId, UserId};
use crate::schedule::time::parse_hhmm;
use crate::schedule::{
    AppointmentType, Block, BlockKind, Room, ScheduleProvider, ScheduleSetup, WeekdayHours,
};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad stored {what} {text:?}"))
}

fn hhmm(text: &str) -> CoreResult<NaiveTime> {
    parse_hhmm(text).ok_or_else(|| corrupt("time", text))
}

/// Providers (active and retired), in display order.
pub fn providers(conn: &Connection) -> CoreResult<Vec<ScheduleProvider>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.user_id, u.display_name, p.colour, p.display_order, p.active
         FROM schedule_providers p JOIN users u ON u.id = p.user_id
         ORDER BY p.display_order, u.display_name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, bool>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, display_name, colour, display_order, active) = row?;
        out.push(ScheduleProvider {
            user_id: UserId::parse(&id).ok_or_else(|| corrupt("user id", &id))?,
            display_name,
            colour,
            display_order,
            active,
        });
    }
    Ok(out)
}

/// Whether `user` is an active provider of the schedule.
pub fn is_active_provider(conn: &Connection, user: UserId) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM schedule_providers p JOIN users u ON u.id = p.user_id
             WHERE p.user_id = ?1 AND p.active = 1 AND u.active = 1",
        )?
        .query_row(params![user.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn appointment_types(conn: &Connection) -> CoreResult<Vec<AppointmentType>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, default_minutes, colour, visit_type, display_order, retired
         FROM appointment_types ORDER BY retired, display_order, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, bool>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, default_minutes, colour, visit_type, display_order, retired) = row?;
        out.push(AppointmentType {
            id: AppointmentTypeId::parse(&id).ok_or_else(|| corrupt("type id", &id))?,
            name,
            default_minutes,
            colour,
            visit_type: VisitType::parse(&visit_type)
                .ok_or_else(|| corrupt("visit type", &visit_type))?,
            display_order,
            retired,
        });
    }
    Ok(out)
}

pub fn rooms(conn: &Connection) -> CoreResult<Vec<Room>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, display_order, retired FROM rooms ORDER BY retired, display_order, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, display_order, retired) = row?;
        out.push(Room {
            id: RoomId::parse(&id).ok_or_else(|| corrupt("room id", &id))?,
            name,
            display_order,
            retired,
        });
    }
    Ok(out)
}

/// Seven entries, Monday first; a weekday without a row is closed.
pub fn practice_hours(conn: &Connection) -> CoreResult<Vec<WeekdayHours>> {
    let mut hours: Vec<WeekdayHours> = (1..=7)
        .map(|weekday| WeekdayHours {
            weekday,
            opens: None,
            closes: None,
        })
        .collect();
    let mut stmt = conn.prepare_cached("SELECT weekday, opens, closes FROM practice_hours")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, u8>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (weekday, opens, closes) = row?;
        if let Some(h) = hours.get_mut(usize::from(weekday.saturating_sub(1))) {
            h.opens = opens;
            h.closes = closes;
        }
    }
    Ok(hours)
}

/// The whole set-up in one read (the calendar's and the booking form's lists).
pub fn setup(conn: &Connection) -> CoreResult<ScheduleSetup> {
    Ok(ScheduleSetup {
        providers: providers(conn)?,
        types: appointment_types(conn)?,
        rooms: rooms(conn)?,
        hours: practice_hours(conn)?,
    })
}

/// When `provider` can be booked on the local `date`: their availability intersected with the
/// practice's opening hours, as UTC spans in order (blocked time not subtracted). The one-day
/// case of [`OpenHours`](crate::schedule::slots::calendar::OpenHours), which reads a
/// provider's templates once for a whole window.
pub fn open_spans(
    conn: &Connection,
    zone: Tz,
    provider: UserId,
    date: NaiveDate,
) -> CoreResult<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
    let week = opening_hours(conn)?;
    Ok(crate::schedule::slots::calendar::OpenHours::read(conn, provider)?.on(zone, &week, date))
}

/// [`blocks_between`]'s read: the start and provider are tested in `schedule_blocks_open_by_end`
/// (migration 0016), so only the blocks that overlap are read from the table. The `+`s keep
/// the planner off `schedule_blocks_by_time`: a range by start, or walking it for the order,
/// reads every past block.
pub(crate) const BLOCKS_BETWEEN: &str =
    "SELECT b.id, b.provider_id, u.display_name, b.starts_at, b.ends_at, b.kind, b.reason
     FROM schedule_blocks b LEFT JOIN users u ON u.id = b.provider_id
     WHERE b.lifted_at IS NULL AND b.ends_at > ?1 AND +b.starts_at < ?2
       AND (?3 IS NULL OR b.provider_id IS NULL OR b.provider_id = ?3)
     ORDER BY +b.starts_at";

/// Blocks (not lifted) overlapping `[from, to)`, in order: `provider`'s and the practice's
/// when a provider is given, every block when not.
pub fn blocks_between(
    conn: &Connection,
    provider: Option<UserId>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CoreResult<Vec<Block>> {
    let mut stmt = conn.prepare_cached(BLOCKS_BETWEEN)?;
    let rows = stmt.query_map(
        params![
            instant_to_sql(from),
            instant_to_sql(to),
            provider.map(|p| p.to_string())
        ],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        },
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (id, provider_id, provider_name, starts, ends, kind, reason) = row?;
        out.push(Block {
            id: BlockId::parse(&id).ok_or_else(|| corrupt("block id", &id))?,
            provider_id: provider_id
                .as_deref()
                .map(|p| UserId::parse(p).ok_or_else(|| corrupt("user id", p)))
                .transpose()?,
            provider_name,
            starts_at: instant_from_sql(&starts)?,
            ends_at: instant_from_sql(&ends)?,
            kind: BlockKind::parse(&kind).ok_or_else(|| corrupt("block kind", &kind))?,
            reason,
        });
    }
    Ok(out)
}

// ---- The next free slot (slots helper) ----

/// The unary + keeps SQLite from choosing the starts_at index, which would scan the past; for
/// the same reason the rows come unordered (by end), which the search does not mind.
pub(crate) const BLOCK_SPANS: &str = "SELECT provider_id, starts_at, ends_at FROM schedule_blocks
     WHERE lifted_at IS NULL AND ends_at > ?1 AND +starts_at < ?2";

/// A block as the free-slot search reads it: whose (`None`: the practice's), start, end.
pub type BlockSpan = (Option<UserId>, DateTime<Utc>, DateTime<Utc>);

/// Blocks (not lifted) overlapping `[from, to)`, in no particular order, as (provider — `None` for the practice's —,
/// start, end): the free-slot search's one read for its whole window. Found by end (the
/// index `schedule_blocks_open_by_end`), since the window lies ahead and most blocks are past.
pub fn block_spans(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CoreResult<Vec<BlockSpan>> {
    let mut stmt = conn.prepare_cached(BLOCK_SPANS)?;
    let rows = stmt.query_map(params![instant_to_sql(from), instant_to_sql(to)], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (provider, starts, ends) = row?;
        let provider = provider
            .as_deref()
            .map(|p| UserId::parse(p).ok_or_else(|| corrupt("user id", p)))
            .transpose()?;
        out.push((
            provider,
            instant_from_sql(&starts)?,
            instant_from_sql(&ends)?,
        ));
    }
    Ok(out)
}

/// One availability template as the free-slot search holds it: from when, and its intervals
/// (ISO weekday, local start, local end) in start order.
pub type TemplateIntervals = (NaiveDate, Vec<(u32, NaiveTime, NaiveTime)>);

/// Every availability template of `provider`, newest effective date first (ties: newest
/// created first), so that the first one effective on or before a date is that date's: read
/// once for a whole window instead of once a day.
pub fn availability_history(
    conn: &Connection,
    provider: UserId,
) -> CoreResult<Vec<TemplateIntervals>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.provider_id, t.id, t.effective_from, i.weekday, i.starts, i.ends
         FROM availability_templates t
         LEFT JOIN availability_intervals i ON i.template_id = t.id
         WHERE t.provider_id = ?1
         ORDER BY t.effective_from DESC, t.created_at DESC, t.id, i.weekday, i.starts",
    )?;
    let mut all = template_rows(stmt.query(params![provider.to_string()])?)?;
    let mine = all.remove(&provider).unwrap_or_default();
    Ok(mine)
}

/// [`availability_history`] of every provider at once, for the calendar's columns: one
/// statement without parameters (a statement whose bound provider changes is planned again
/// on each new value once the practice's indexes have statistics).
pub fn availability_histories(
    conn: &Connection,
) -> CoreResult<HashMap<UserId, Vec<TemplateIntervals>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.provider_id, t.id, t.effective_from, i.weekday, i.starts, i.ends
         FROM availability_templates t
         LEFT JOIN availability_intervals i ON i.template_id = t.id
         ORDER BY t.provider_id, t.effective_from DESC, t.created_at DESC, t.id, i.weekday,
            i.starts",
    )?;
    let all = template_rows(stmt.query([])?)?;
    Ok(all)
}

/// Folds `(provider, template, from, weekday, starts, ends)` rows, each provider's templates
/// together and in order, into each provider's templates with their intervals.
fn template_rows(
    mut rows: rusqlite::Rows<'_>,
) -> CoreResult<HashMap<UserId, Vec<TemplateIntervals>>> {
    let mut out: HashMap<UserId, Vec<TemplateIntervals>> = HashMap::new();
    let mut last_id = String::new();
    while let Some(r) = rows.next()? {
        let provider: String = r.get(0)?;
        let id: String = r.get(1)?;
        let provider = UserId::parse(&provider).ok_or_else(|| corrupt("user id", &provider))?;
        let templates = out.entry(provider).or_default();
        if id != last_id || templates.is_empty() {
            templates.push((date_from_sql(&r.get::<_, String>(2)?)?, Vec::new()));
            last_id = id;
        }
        let (weekday, starts, ends) = (
            r.get::<_, Option<u32>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        );
        if let (Some(w), Some(s), Some(e), Some(current)) =
            (weekday, starts, ends, templates.last_mut())
        {
            current.1.push((w, hhmm(&s)?, hhmm(&e)?));
        }
    }
    Ok(out)
}

/// The practice's opening hours by ISO weekday (index 0 = Monday), parsed.
pub fn opening_hours(conn: &Connection) -> CoreResult<[Option<(NaiveTime, NaiveTime)>; 7]> {
    let mut out = [None; 7];
    for h in practice_hours(conn)? {
        if let (Some(o), Some(c)) = (h.opens.as_deref(), h.closes.as_deref()) {
            if let Some(slot) = out.get_mut(usize::from(h.weekday.saturating_sub(1))) {
                *slot = Some((hhmm(o)?, hhmm(c)?));
            }
        }
    }
    Ok(out)
}

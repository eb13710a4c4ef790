//! SQL for the admin's changes to the schedule's set-up: provider rows, opening hours,
//! availability templates, blocked time (and lifting it), appointment types and rooms. Rows
//! are updated in place or added, never deleted (triggers refuse DELETE).

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentTypeId, AvailabilityId, BlockId, RoomId, UserId};
use crate::schedule::setup::ProviderCandidate;
use crate::schedule::setup::{ValidBlock, ValidType};
use crate::schedule::{AvailabilityInterval, AvailabilityTemplate, Block, BlockKind, WeekdayHours};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad stored {what} {text:?}"))
}

fn user_id(text: &str) -> CoreResult<UserId> {
    UserId::parse(text).ok_or_else(|| corrupt("user id", text))
}

/// Active physicians and nurses, by name, with their roles and whether they are on the
/// schedule already.
pub fn provider_candidates(conn: &Connection) -> CoreResult<Vec<ProviderCandidate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.display_name,
                (SELECT group_concat(r.role, ',') FROM user_roles r
                  WHERE r.user_id = u.id AND r.role IN ('physician', 'nurse')),
                EXISTS (SELECT 1 FROM schedule_providers p WHERE p.user_id = u.id)
         FROM users u
         WHERE u.active = 1 AND EXISTS (SELECT 1 FROM user_roles r
               WHERE r.user_id = u.id AND r.role IN ('physician', 'nurse'))
         ORDER BY u.display_name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, display_name, roles, is_provider) = row?;
        let mut roles: Vec<String> = roles
            .unwrap_or_default()
            .split(',')
            .filter_map(|r| match r {
                "physician" => Some("Physician".to_string()),
                "nurse" => Some("Nurse".to_string()),
                _ => None,
            })
            .collect();
        roles.sort();
        out.push(ProviderCandidate {
            user_id: user_id(&id)?,
            display_name,
            roles,
            is_provider,
        });
    }
    Ok(out)
}

/// Whether `user` has a row on the schedule (active or retired).
pub fn provider_exists(conn: &Connection, user: UserId) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM schedule_providers WHERE user_id = ?1")?
        .query_row(params![user.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn upsert_provider(
    conn: &Connection,
    user: UserId,
    colour: &str,
    display_order: i64,
    active: bool,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO schedule_providers (user_id, colour, display_order, active, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (user_id) DO UPDATE SET colour = excluded.colour,
             display_order = excluded.display_order, active = excluded.active,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )?
    .execute(params![
        user.to_string(),
        colour,
        display_order,
        active,
        instant_to_sql(now),
        by.to_string()
    ])?;
    Ok(())
}

/// Writes all seven weekdays' hours (a closed day keeps its row, with NULLs).
pub fn save_hours(
    conn: &Connection,
    hours: &[WeekdayHours],
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO practice_hours (weekday, opens, closes, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (weekday) DO UPDATE SET opens = excluded.opens, closes = excluded.closes,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )?;
    for h in hours {
        stmt.execute(params![
            h.weekday,
            h.opens,
            h.closes,
            instant_to_sql(now),
            by.to_string()
        ])?;
    }
    Ok(())
}

pub fn insert_template(
    conn: &Connection,
    id: AvailabilityId,
    provider: UserId,
    from: NaiveDate,
    intervals: &[AvailabilityInterval],
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO availability_templates (id, provider_id, effective_from, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id.to_string(),
        provider.to_string(),
        from.to_string(),
        instant_to_sql(now),
        by.to_string()
    ])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO availability_intervals (template_id, weekday, starts, ends)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for iv in intervals {
        stmt.execute(params![id.to_string(), iv.weekday, iv.starts, iv.ends])?;
    }
    Ok(())
}

/// A provider's templates, newest effective date first (the same date: the later saved first).
pub fn templates(conn: &Connection, provider: UserId) -> CoreResult<Vec<AvailabilityTemplate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, effective_from FROM availability_templates WHERE provider_id = ?1
         ORDER BY effective_from DESC, created_at DESC",
    )?;
    let heads = stmt
        .query_map(params![provider.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut ivs = conn.prepare_cached(
        "SELECT weekday, starts, ends FROM availability_intervals WHERE template_id = ?1
         ORDER BY weekday, starts",
    )?;
    let mut out = Vec::new();
    for (id, from) in heads {
        let intervals = ivs
            .query_map(params![id], |r| {
                Ok(AvailabilityInterval {
                    weekday: r.get(0)?,
                    starts: r.get(1)?,
                    ends: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        out.push(AvailabilityTemplate {
            id: AvailabilityId::parse(&id).ok_or_else(|| corrupt("template id", &id))?,
            provider_id: provider,
            effective_from: date_from_sql(&from)?,
            intervals,
        });
    }
    Ok(out)
}

pub fn insert_block(
    conn: &Connection,
    id: BlockId,
    b: &ValidBlock,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO schedule_blocks (id, provider_id, starts_at, ends_at, kind, reason, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id.to_string(),
        b.provider_id.map(|p| p.to_string()),
        instant_to_sql(b.starts_at),
        instant_to_sql(b.ends_at),
        b.kind.as_str(),
        b.reason,
        instant_to_sql(now),
        by.to_string()
    ])?;
    Ok(())
}

/// One block, lifted or not, and when it was lifted.
pub fn block(conn: &Connection, id: BlockId) -> CoreResult<Option<(Block, Option<DateTime<Utc>>)>> {
    let row = conn
        .prepare_cached(
            "SELECT b.provider_id, u.display_name, b.starts_at, b.ends_at, b.kind, b.reason, b.lifted_at
             FROM schedule_blocks b LEFT JOIN users u ON u.id = b.provider_id WHERE b.id = ?1",
        )?
        .query_row(params![id.to_string()], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })
        .optional()?;
    let Some((provider, provider_name, starts, ends, kind, reason, lifted)) = row else {
        return Ok(None);
    };
    let block = Block {
        id,
        provider_id: provider.as_deref().map(user_id).transpose()?,
        provider_name,
        starts_at: instant_from_sql(&starts)?,
        ends_at: instant_from_sql(&ends)?,
        kind: BlockKind::parse(&kind).ok_or_else(|| corrupt("block kind", &kind))?,
        reason,
    };
    Ok(Some((
        block,
        lifted.as_deref().map(instant_from_sql).transpose()?,
    )))
}

/// Lifts a block that is not lifted yet, with why; false if it already was.
pub fn lift_block(
    conn: &Connection,
    id: BlockId,
    reason: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE schedule_blocks SET lifted_at = ?2, lifted_by = ?3, lift_reason = ?4
             WHERE id = ?1 AND lifted_at IS NULL",
        )?
        .execute(params![
            id.to_string(),
            instant_to_sql(now),
            by.to_string(),
            reason
        ])?
        == 1)
}

/// Appointments still holding their slot (not cancelled, not no-show) overlapping
/// `[from, to)`: `provider`'s, or everyone's for a practice block.
pub fn covered_appointments(
    conn: &Connection,
    provider: Option<UserId>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CoreResult<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM appointments
             WHERE starts_at < ?2 AND ends_at > ?1 AND status NOT IN ('cancelled', 'noShow')
               AND (?3 IS NULL OR provider_id = ?3)",
        )?
        .query_row(
            params![
                instant_to_sql(from),
                instant_to_sql(to),
                provider.map(|p| p.to_string())
            ],
            |r| r.get(0),
        )?)
}

/// Whether another active (not retired) appointment type has this name, any case.
pub fn type_name_taken(
    conn: &Connection,
    name: &str,
    except: AppointmentTypeId,
) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM appointment_types
             WHERE retired = 0 AND name = ?1 COLLATE NOCASE AND id <> ?2",
        )?
        .query_row(params![name, except.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn upsert_type(
    conn: &Connection,
    id: AppointmentTypeId,
    t: &ValidType,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO appointment_types
             (id, name, default_minutes, colour, visit_type, display_order, retired, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name,
             default_minutes = excluded.default_minutes, colour = excluded.colour,
             visit_type = excluded.visit_type, display_order = excluded.display_order,
             retired = excluded.retired, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by",
    )?
    .execute(params![
        id.to_string(),
        t.name,
        t.default_minutes,
        t.colour,
        t.visit_type.as_str(),
        t.display_order,
        t.retired,
        instant_to_sql(now),
        by.to_string()
    ])?;
    Ok(())
}

pub fn room_name_taken(conn: &Connection, name: &str, except: RoomId) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM rooms WHERE retired = 0 AND name = ?1 COLLATE NOCASE AND id <> ?2",
        )?
        .query_row(params![name, except.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn upsert_room(
    conn: &Connection,
    id: RoomId,
    name: &str,
    display_order: i64,
    retired: bool,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO rooms (id, name, display_order, retired, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name,
             display_order = excluded.display_order, retired = excluded.retired,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )?
    .execute(params![
        id.to_string(),
        name,
        display_order,
        retired,
        instant_to_sql(now),
        by.to_string()
    ])?;
    Ok(())
}

//! Bulk SQL for a generated practice's schedule (owner: the seed helper): plain rows with
//! prepared, cached statements inside the large transactions `synth::schedule` opens. Real
//! bookings never come here: they go through `schedule::appointments` and the booking rules.

use super::instant_to_sql;
use crate::error::CoreResult;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

pub fn any_appointment(conn: &Connection) -> CoreResult<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM appointments)", [], |r| {
            r.get(0)
        })?,
    )
}

/// Adds `user` as a bookable provider unless they already are one.
pub fn provider(
    tx: &Connection,
    user: &str,
    colour: &str,
    order: i64,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO schedule_providers (user_id, colour, display_order, active, updated_at)
         VALUES (?1, ?2, ?3, 1, ?4) ON CONFLICT (user_id) DO NOTHING",
    )?
    .execute(params![user, colour, order, instant_to_sql(at)])?;
    Ok(())
}

/// The active room called `name`, added with `id` when there is none.
pub fn room(
    tx: &Connection,
    id: &str,
    name: &str,
    order: i64,
    at: DateTime<Utc>,
) -> CoreResult<String> {
    let existing: Option<String> = tx
        .prepare_cached("SELECT id FROM rooms WHERE name = ?1 COLLATE NOCASE AND retired = 0")?
        .query_row(params![name], |r| r.get(0))
        .optional()?;
    if let Some(existing) = existing {
        return Ok(existing);
    }
    tx.prepare_cached(
        "INSERT INTO rooms (id, name, display_order, retired, updated_at) VALUES (?1, ?2, ?3, 0, ?4)",
    )?
    .execute(params![id, name, order, instant_to_sql(at)])?;
    Ok(id.to_string())
}

/// A weekly template from `effective_from` with `(weekday, starts, ends)` intervals.
pub fn availability(
    tx: &Connection,
    id: &str,
    provider: &str,
    effective_from: NaiveDate,
    intervals: &[(u32, &str, &str)],
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO availability_templates (id, provider_id, effective_from, created_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        id,
        provider,
        effective_from.to_string(),
        instant_to_sql(at)
    ])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO availability_intervals (template_id, weekday, starts, ends)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (weekday, starts, ends) in intervals {
        stmt.execute(params![id, weekday, starts, ends])?;
    }
    Ok(())
}

/// A block; `provider` `None` closes the whole practice.
#[allow(clippy::too_many_arguments)] // one row's columns
pub fn block(
    tx: &Connection,
    id: &str,
    provider: Option<&str>,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    kind: &str,
    reason: &str,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO schedule_blocks (id, provider_id, starts_at, ends_at, kind, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        provider,
        instant_to_sql(starts),
        instant_to_sql(ends),
        kind,
        reason,
        instant_to_sql(at)
    ])?;
    Ok(())
}

/// A materialised series' row (its occurrences are [`appointment`]s).
#[allow(clippy::too_many_arguments)] // one row's columns
pub fn series(
    tx: &Connection,
    id: &str,
    patient: &str,
    rule: &str,
    first_local: &str,
    at: DateTime<Utc>,
    by: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO appointment_series (id, patient_id, rule, first_local, created_at,
             created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)",
    )?
    .execute(params![
        id,
        patient,
        rule,
        first_local,
        instant_to_sql(at),
        by
    ])?;
    Ok(())
}

/// One generated appointment as stored, with the status it has reached.
#[derive(Debug, Clone)]
pub struct SeedAppointment<'a> {
    pub id: String,
    pub patient: &'a str,
    pub provider: &'a str,
    pub room: Option<&'a str>,
    pub type_id: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub reason: &'a str,
    pub status: &'static str,
    pub status_at: DateTime<Utc>,
    /// Who set the current status (the booker for a booked one).
    pub status_by: &'a str,
    pub cancel: Option<(&'static str, &'static str)>,
    pub series: Option<(&'a str, u32)>,
    pub booked_at: DateTime<Utc>,
    pub booked_by: &'a str,
}

/// The appointment, its `booked` history row and, when it moved on from booked, the row of
/// its current status: the trail the booking operations would have left.
pub fn appointment(tx: &Connection, a: &SeedAppointment<'_>) -> CoreResult<()> {
    let booked = instant_to_sql(a.booked_at);
    let status_at = instant_to_sql(a.status_at);
    let starts = instant_to_sql(a.starts_at);
    let ends = instant_to_sql(a.ends_at);
    let (cancel_kind, cancel_reason) = a.cancel.unzip();
    tx.prepare_cached(
        "INSERT INTO appointments (id, patient_id, provider_id, room_id, type_id, starts_at,
             ends_at, reason, status, status_at, status_by, cancel_kind, cancel_reason,
             series_id, occurrence, version, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
             CASE WHEN ?9 = 'booked' THEN 1 ELSE 2 END, ?16, ?17, ?10, ?11)",
    )?
    .execute(params![
        a.id,
        a.patient,
        a.provider,
        a.room,
        a.type_id,
        starts,
        ends,
        a.reason,
        a.status,
        status_at,
        a.status_by,
        cancel_kind,
        cancel_reason,
        a.series.map(|s| s.0),
        a.series.map(|s| s.1),
        booked,
        a.booked_by
    ])?;
    let mut history = tx.prepare_cached(
        "INSERT INTO appointment_history (appointment_id, at, by_user, change, status,
             starts_at, ends_at, provider_id, room_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    // Rooms are taken on the way in, so the booking itself had none.
    history.execute(params![
        a.id,
        booked,
        a.booked_by,
        "booked",
        "booked",
        starts,
        ends,
        a.provider,
        Option::<&str>::None,
        ""
    ])?;
    if a.status != "booked" {
        let change = if a.status == "cancelled" {
            "cancelled"
        } else {
            "status"
        };
        history.execute(params![
            a.id,
            status_at,
            a.status_by,
            change,
            a.status,
            starts,
            ends,
            a.provider,
            a.room,
            cancel_reason.unwrap_or("")
        ])?;
    }
    Ok(())
}

/// An open wait-list entry.
#[allow(clippy::too_many_arguments)] // one row's columns
pub fn wait_list(
    tx: &Connection,
    id: &str,
    patient: &str,
    provider: Option<&str>,
    type_id: &str,
    earliest: NaiveDate,
    latest: NaiveDate,
    time_of_day: &str,
    note: &str,
    at: DateTime<Utc>,
    by: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO wait_list (id, patient_id, provider_id, type_id, earliest, latest,
             time_of_day, note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        patient,
        provider,
        type_id,
        earliest.to_string(),
        latest.to_string(),
        time_of_day,
        note,
        instant_to_sql(at),
        by
    ])?;
    Ok(())
}

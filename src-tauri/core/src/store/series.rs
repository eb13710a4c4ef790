//! SQL for recurring series (owner: the recurrence helper): the series rows (rule, first
//! local start, splits), a series' occurrences, and the updates an edit or cancellation of
//! several occurrences makes. The booking rows themselves go through `store::appointments`.

use super::appointments::{query, SELECT};
use super::instant_to_sql;
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentId, AppointmentTypeId, PatientId, RoomId, SeriesId, UserId};
use crate::schedule::{Appointment, CancelKind, RecurrenceRule};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

/// The stored form of a series' first local start.
pub const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// The columns of a new series row.
#[derive(Debug, Clone)]
pub struct NewSeries {
    pub patient: PatientId,
    pub rule: RecurrenceRule,
    pub first_local: NaiveDateTime,
    pub split_from: Option<SeriesId>,
}

pub fn insert(
    tx: &Connection,
    id: SeriesId,
    new: &NewSeries,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let rule_json = serde_json::to_string(&new.rule)
        .map_err(|e| CoreError::Corrupt(format!("a rule could not be written: {e}")))?;
    tx.prepare_cached(
        "INSERT INTO appointment_series (id, patient_id, rule, first_local, split_from,
            created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)",
    )?
    .execute(params![
        id.to_string(),
        new.patient.to_string(),
        rule_json,
        new.first_local.format(LOCAL_FORMAT).to_string(),
        new.split_from.map(|s| s.to_string()),
        instant_to_sql(now),
        by.to_string(),
    ])?;
    Ok(())
}

/// A series' rule.
pub fn rule(conn: &Connection, id: SeriesId) -> CoreResult<Option<RecurrenceRule>> {
    let row: Option<String> = conn
        .prepare_cached("SELECT rule FROM appointment_series WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?;
    row.map(|rule| {
        serde_json::from_str(&rule)
            .map_err(|_| CoreError::Corrupt(format!("bad stored series rule {rule:?}")))
    })
    .transpose()
}

/// Ends a series after occurrence `last` ("this and following" continues it as a new one).
pub fn end_after(
    tx: &Connection,
    id: SeriesId,
    last: u32,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "UPDATE appointment_series SET ended_after = ?2, updated_at = ?3, updated_by = ?4
         WHERE id = ?1",
    )?
    .execute(params![
        id.to_string(),
        last,
        instant_to_sql(now),
        by.to_string()
    ])?;
    Ok(())
}

/// Makes an appointment an import has just written occurrence `occurrence` of `series`
/// (`exception`: it had been edited on its own), as the exporting practice's book had it.
pub fn attach(
    tx: &Connection,
    id: AppointmentId,
    series: SeriesId,
    occurrence: u32,
    exception: bool,
) -> CoreResult<()> {
    tx.prepare_cached(
        "UPDATE appointments SET series_id = ?2, occurrence = ?3, is_exception = ?4
         WHERE id = ?1 AND series_id IS NULL",
    )?
    .execute(params![
        id.to_string(),
        series.to_string(),
        occurrence,
        exception
    ])?;
    Ok(())
}

/// Every occurrence of a series, every status, in occurrence order.
pub fn occurrences(conn: &Connection, id: SeriesId) -> CoreResult<Vec<Appointment>> {
    let sql = format!("{SELECT} WHERE a.series_id = ?1 ORDER BY a.occurrence");
    query(conn, &sql, params![id.to_string()])
}

/// Whether a patient with this id is registered.
pub fn patient_exists(conn: &Connection, id: PatientId) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM patients WHERE id = ?1")?
        .query_row(params![id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// `Some(retired)` for an appointment type that exists.
pub fn type_retired(conn: &Connection, id: AppointmentTypeId) -> CoreResult<Option<bool>> {
    Ok(conn
        .prepare_cached("SELECT retired FROM appointment_types WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?)
}

/// `Some(retired)` for a room that exists.
pub fn room_retired(conn: &Connection, id: RoomId) -> CoreResult<Option<bool>> {
    Ok(conn
        .prepare_cached("SELECT retired FROM rooms WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?)
}

/// What an edit of one occurrence sets.
#[derive(Debug, Clone)]
pub struct OccurrenceUpdate<'a> {
    pub provider_id: UserId,
    pub room_id: Option<RoomId>,
    pub type_id: AppointmentTypeId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub reason: &'a str,
    pub note: &'a str,
    /// `None` keeps the stored reason.
    pub overbook_reason: Option<&'a str>,
    pub is_exception: bool,
    pub series: (SeriesId, u32),
}

/// Rewrites one occurrence and bumps its version (the caller writes its history row).
pub fn update(
    tx: &Connection,
    id: AppointmentId,
    u: &OccurrenceUpdate<'_>,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "UPDATE appointments SET provider_id = ?2, room_id = ?3, type_id = ?4, starts_at = ?5,
            ends_at = ?6, reason = ?7, note = ?8, overbook_reason = COALESCE(?9, overbook_reason),
            is_exception = ?10, series_id = ?11, occurrence = ?12, version = version + 1,
            updated_at = ?13, updated_by = ?14
         WHERE id = ?1",
    )?
    .execute(params![
        id.to_string(),
        u.provider_id.to_string(),
        u.room_id.map(|r| r.to_string()),
        u.type_id.to_string(),
        instant_to_sql(u.starts_at),
        instant_to_sql(u.ends_at),
        u.reason,
        u.note,
        u.overbook_reason,
        u.is_exception,
        u.series.0.to_string(),
        u.series.1,
        instant_to_sql(now),
        by.to_string(),
    ])?;
    Ok(())
}

/// Cancels one occurrence and bumps its version (the caller writes its history row).
pub fn cancel(
    tx: &Connection,
    id: AppointmentId,
    kind: CancelKind,
    reason: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let now_sql = instant_to_sql(now);
    tx.prepare_cached(
        "UPDATE appointments SET status = 'cancelled', status_at = ?2, status_by = ?3,
            cancel_kind = ?4, cancel_reason = ?5, version = version + 1, updated_at = ?2,
            updated_by = ?3
         WHERE id = ?1",
    )?
    .execute(params![
        id.to_string(),
        now_sql,
        by.to_string(),
        kind.as_str(),
        reason
    ])?;
    Ok(())
}

/// Records the reason an edited occurrence was kept over its collisions.
pub fn set_overbook(tx: &Connection, id: AppointmentId, reason: &str) -> CoreResult<()> {
    tx.prepare_cached("UPDATE appointments SET overbook_reason = ?2 WHERE id = ?1")?
        .execute(params![id.to_string(), reason])?;
    Ok(())
}

//! SQL for the changes of an existing appointment after its booking — edits and moves,
//! status steps, cancellation, the link to its chart visit — and the reads built on its
//! history: one appointment's history, the flow board's arrival times, a patient's lists.

use super::appointments::{query, SELECT};
use super::{instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentId, AppointmentTypeId, PatientId, RoomId, UserId, VisitId};
use crate::schedule::{Appointment, AppointmentHistoryEntry, AppointmentStatus, CancelKind};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

fn parse<T>(text: String, what: &str, f: fn(&str) -> Option<T>) -> CoreResult<T> {
    f(&text).ok_or_else(|| CoreError::Corrupt(format!("bad stored {what} {text:?}")))
}

/// The set-up facts a booking is validated against.
#[derive(Debug, Clone)]
pub struct TypeFacts {
    pub name: String,
    pub visit_type: String,
    pub retired: bool,
}

pub fn type_facts(conn: &Connection, id: AppointmentTypeId) -> CoreResult<Option<TypeFacts>> {
    Ok(conn
        .prepare_cached("SELECT name, visit_type, retired FROM appointment_types WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| {
            Ok(TypeFacts {
                name: r.get(0)?,
                visit_type: r.get(1)?,
                retired: r.get(2)?,
            })
        })
        .optional()?)
}

/// Whether the room exists and whether it is retired.
pub fn room_retired(conn: &Connection, id: RoomId) -> CoreResult<Option<bool>> {
    Ok(conn
        .prepare_cached("SELECT retired FROM rooms WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?)
}

/// The patient's registration status (active, inactive, deceased), if registered.
pub fn patient_status(conn: &Connection, id: PatientId) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT status FROM patients WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?)
}

/// The editable columns of an existing appointment.
#[derive(Debug, Clone)]
pub struct EditedAppointment<'a> {
    pub provider_id: UserId,
    pub room_id: Option<RoomId>,
    pub type_id: AppointmentTypeId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub reason: &'a str,
    pub note: &'a str,
    pub overbook_reason: Option<&'a str>,
    pub is_exception: bool,
}

/// Writes an edit if the row is still at `version` (then at `version + 1`); `false` when
/// someone changed it first.
pub fn update(
    tx: &Connection,
    id: AppointmentId,
    version: i64,
    e: &EditedAppointment<'_>,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let written = tx
        .prepare_cached(
            "UPDATE appointments SET provider_id = ?3, room_id = ?4, type_id = ?5, starts_at = ?6,
                ends_at = ?7, reason = ?8, note = ?9, overbook_reason = ?10, is_exception = ?11,
                version = version + 1, updated_at = ?12, updated_by = ?13
             WHERE id = ?1 AND version = ?2",
        )?
        .execute(params![
            id.to_string(),
            version,
            e.provider_id.to_string(),
            e.room_id.map(|r| r.to_string()),
            e.type_id.to_string(),
            instant_to_sql(e.starts_at),
            instant_to_sql(e.ends_at),
            e.reason,
            e.note,
            e.overbook_reason,
            e.is_exception,
            instant_to_sql(now),
            by.to_string(),
        ])?;
    Ok(written == 1)
}

/// Sets the status (and the room) if the row is still at `version`.
pub fn set_status(
    tx: &Connection,
    id: AppointmentId,
    version: i64,
    status: AppointmentStatus,
    room: Option<RoomId>,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let written = tx
        .prepare_cached(
            "UPDATE appointments SET status = ?3, room_id = ?4, status_at = ?5, status_by = ?6,
                version = version + 1, updated_at = ?5, updated_by = ?6
             WHERE id = ?1 AND version = ?2",
        )?
        .execute(params![
            id.to_string(),
            version,
            status.as_str(),
            room.map(|r| r.to_string()),
            instant_to_sql(now),
            by.to_string(),
        ])?;
    Ok(written == 1)
}

/// Cancels the appointment if the row is still at `version`.
pub fn cancel(
    tx: &Connection,
    id: AppointmentId,
    version: i64,
    kind: CancelKind,
    reason: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let written = tx
        .prepare_cached(
            "UPDATE appointments SET status = 'cancelled', cancel_kind = ?3, cancel_reason = ?4,
                status_at = ?5, status_by = ?6, version = version + 1, updated_at = ?5,
                updated_by = ?6
             WHERE id = ?1 AND version = ?2",
        )?
        .execute(params![
            id.to_string(),
            version,
            kind.as_str(),
            reason,
            instant_to_sql(now),
            by.to_string(),
        ])?;
    Ok(written == 1)
}

/// Links the chart visit started from the appointment.
pub fn link_visit(
    tx: &Connection,
    id: AppointmentId,
    visit: VisitId,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "UPDATE appointments SET visit_id = ?2, version = version + 1, updated_at = ?3,
            updated_by = ?4
         WHERE id = ?1",
    )?
    .execute(params![
        id.to_string(),
        visit.to_string(),
        instant_to_sql(now),
        by.to_string()
    ])?;
    Ok(())
}

/// The status the appointment had just before its latest status change, if it had one:
/// what "undo" goes back to.
pub fn status_before_last_change(
    conn: &Connection,
    id: AppointmentId,
) -> CoreResult<Option<AppointmentStatus>> {
    let text: Option<String> = conn
        .prepare_cached(
            "SELECT status FROM appointment_history
             WHERE appointment_id = ?1 AND id < (
                SELECT MAX(id) FROM appointment_history
                WHERE appointment_id = ?1 AND change = 'status')
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?;
    text.map(|t| parse(t, "status", AppointmentStatus::parse))
        .transpose()
}

/// Every change of one appointment, oldest first, with the names.
pub fn history(conn: &Connection, id: AppointmentId) -> CoreResult<Vec<AppointmentHistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.at, u.display_name, h.change, h.status, h.starts_at, h.ends_at,
                p.display_name, r.name, h.detail
         FROM appointment_history h
         JOIN users u ON u.id = h.by_user
         JOIN users p ON p.id = h.provider_id
         LEFT JOIN rooms r ON r.id = h.room_id
         WHERE h.appointment_id = ?1 ORDER BY h.id",
    )?;
    let rows = stmt.query_map(params![id.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, by_name, change, status, starts, ends, provider_name, room_name, detail) = row?;
        out.push(AppointmentHistoryEntry {
            at: instant_from_sql(&at)?,
            by_name,
            change,
            status: parse(status, "status", AppointmentStatus::parse)?,
            starts_at: instant_from_sql(&starts)?,
            ends_at: instant_from_sql(&ends)?,
            provider_name,
            room_name,
            detail,
        });
    }
    Ok(out)
}

/// When an appointment first became arrived and first with provider.
#[derive(Debug, Clone, Copy, Default)]
pub struct FlowTimes {
    pub arrived: Option<DateTime<Utc>>,
    pub seen: Option<DateTime<Utc>>,
}

/// For the appointments starting in `[from, to)`: when each first became arrived and first
/// with provider (from the history), keyed by appointment id.
pub fn flow_times(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CoreResult<HashMap<AppointmentId, FlowTimes>> {
    let mut stmt = conn.prepare_cached(
        // Correlated per appointment so the day's index range drives the read (a join
        // grouped by appointment would walk the whole history).
        "SELECT a.id,
            (SELECT MIN(h.at) FROM appointment_history h
             WHERE h.appointment_id = a.id AND h.change = 'status' AND h.status = 'arrived'),
            (SELECT MIN(h.at) FROM appointment_history h
             WHERE h.appointment_id = a.id AND h.change = 'status' AND h.status = 'withProvider')
         FROM appointments a
         WHERE a.starts_at >= ?1 AND a.starts_at < ?2 AND a.status <> 'cancelled'",
    )?;
    let rows = stmt.query_map(params![instant_to_sql(from), instant_to_sql(to)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, arrived, seen) = row?;
        out.insert(
            parse(id, "appointment id", AppointmentId::parse)?,
            FlowTimes {
                arrived: arrived.as_deref().map(instant_from_sql).transpose()?,
                seen: seen.as_deref().map(instant_from_sql).transpose()?,
            },
        );
    }
    Ok(out)
}

/// How many appointments a patient has at most in one list of the patient page.
pub const PATIENT_LIST_CAP: u32 = 200;

/// The patient's appointments from `now` on that are not cancelled, soonest first.
pub fn upcoming_of(
    conn: &Connection,
    patient: PatientId,
    now: DateTime<Utc>,
) -> CoreResult<Vec<Appointment>> {
    let sql = format!(
        "{SELECT} WHERE a.patient_id = ?1 AND a.starts_at >= ?2 AND a.status <> 'cancelled'
         ORDER BY a.starts_at LIMIT ?3"
    );
    query(
        conn,
        &sql,
        params![patient.to_string(), instant_to_sql(now), PATIENT_LIST_CAP],
    )
}

/// The patient's appointments before `now`, every status, latest first.
pub fn past_of(
    conn: &Connection,
    patient: PatientId,
    now: DateTime<Utc>,
) -> CoreResult<Vec<Appointment>> {
    let sql = format!(
        "{SELECT} WHERE a.patient_id = ?1 AND a.starts_at < ?2
         ORDER BY a.starts_at DESC LIMIT ?3"
    );
    query(
        conn,
        &sql,
        params![patient.to_string(), instant_to_sql(now), PATIENT_LIST_CAP],
    )
}

pub fn no_shows_of(conn: &Connection, patient: PatientId) -> CoreResult<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM appointments WHERE patient_id = ?1 AND status = 'noShow'",
        )?
        .query_row(params![patient.to_string()], |r| r.get(0))?)
}

//! SQL for the wait list (owner: the slots helper): open entries with the names and the
//! phone the desk calls, the insert, and resolving an entry (never a delete).

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentId, AppointmentTypeId, PatientId, UserId, WaitListId};
use crate::schedule::{AppointmentStatus, TimeOfDay, WaitListDraft, WaitListEntry};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

const SELECT: &str = "SELECT w.id, w.patient_id, p.family_name || ', ' || p.given_name, p.mrn,
        (SELECT ph.number FROM patient_phones ph WHERE ph.patient_id = w.patient_id
         ORDER BY ph.position LIMIT 1),
        w.provider_id, u.display_name, w.type_id, t.name, t.default_minutes,
        w.appointment_id, a.starts_at, a.status, w.earliest, w.latest, w.time_of_day, w.note,
        w.created_at, w.resolved_at, p.date_of_birth
    FROM wait_list w
    JOIN patients p ON p.id = w.patient_id
    JOIN appointment_types t ON t.id = w.type_id
    LEFT JOIN users u ON u.id = w.provider_id
    LEFT JOIN appointments a ON a.id = w.appointment_id";

/// An entry with what the fit needs besides what the desk sees.
#[derive(Debug, Clone)]
pub struct StoredEntry {
    pub entry: WaitListEntry,
    /// The type's default length (minutes).
    pub type_minutes: u32,
    /// Whether the booking they hold still holds its slot.
    pub booking_holds: bool,
}

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad stored {what} {text:?}"))
}

fn parse<T>(text: &str, what: &str, f: fn(&str) -> Option<T>) -> CoreResult<T> {
    f(text).ok_or_else(|| corrupt(what, text))
}

type RawRow = (
    [String; 3],
    u32,
    Option<String>,
    (Option<String>, Option<String>),
    (String, String, u32),
    (Option<String>, Option<String>, Option<String>),
    (
        Option<String>,
        Option<String>,
        String,
        String,
        String,
        Option<String>,
        String,
    ),
);

fn raw(r: &Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        [r.get(0)?, r.get(1)?, r.get(2)?],
        r.get(3)?,
        r.get(4)?,
        (r.get(5)?, r.get(6)?),
        (r.get(7)?, r.get(8)?, r.get(9)?),
        (r.get(10)?, r.get(11)?, r.get(12)?),
        (
            r.get(13)?,
            r.get(14)?,
            r.get(15)?,
            r.get(16)?,
            r.get(17)?,
            r.get(18)?,
            r.get(19)?,
        ),
    ))
}

fn check(row: RawRow) -> CoreResult<StoredEntry> {
    let ([id, patient, patient_name], mrn, phone, (provider, provider_name), kind, booking, rest) =
        row;
    let (type_id, type_name, type_minutes) = kind;
    let (appointment, current, status) = booking;
    let (earliest, latest, time_of_day, note, created_at, _resolved_at, born) = rest;
    let status = status
        .as_deref()
        .map(|s| parse(s, "status", AppointmentStatus::parse))
        .transpose()?;
    Ok(StoredEntry {
        entry: WaitListEntry {
            id: parse(&id, "wait-list id", WaitListId::parse)?,
            patient_id: parse(&patient, "patient id", PatientId::parse)?,
            patient_name,
            mrn,
            date_of_birth: date_from_sql(&born)?,
            phone,
            provider_id: provider
                .as_deref()
                .map(|p| parse(p, "user id", UserId::parse))
                .transpose()?,
            provider_name,
            type_id: parse(&type_id, "type id", AppointmentTypeId::parse)?,
            type_name,
            appointment_id: appointment
                .as_deref()
                .map(|a| parse(a, "appointment id", AppointmentId::parse))
                .transpose()?,
            current_starts_at: current.as_deref().map(instant_from_sql).transpose()?,
            earliest: earliest.as_deref().map(date_from_sql).transpose()?,
            latest: latest.as_deref().map(date_from_sql).transpose()?,
            time_of_day: parse(&time_of_day, "time of day", TimeOfDay::parse)?,
            note,
            created_at: instant_from_sql(&created_at)?,
        },
        type_minutes,
        booking_holds: status.is_some_and(|s| s.holds_slot()),
    })
}

fn query(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> CoreResult<Vec<StoredEntry>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, raw)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(check(row?)?);
    }
    Ok(out)
}

/// Open entries, oldest first.
pub fn open(conn: &Connection) -> CoreResult<Vec<StoredEntry>> {
    let sql = format!("{SELECT} WHERE w.resolved_at IS NULL ORDER BY w.created_at, w.id");
    query(conn, &sql, [])
}

/// Open entries that want `provider` or any provider, oldest first.
pub fn open_for_provider(conn: &Connection, provider: UserId) -> CoreResult<Vec<StoredEntry>> {
    let sql = format!(
        "{SELECT} WHERE w.resolved_at IS NULL AND (w.provider_id IS NULL OR w.provider_id = ?1)
         ORDER BY w.created_at, w.id"
    );
    query(conn, &sql, params![provider.to_string()])
}

pub fn get(conn: &Connection, id: WaitListId) -> CoreResult<Option<StoredEntry>> {
    let sql = format!("{SELECT} WHERE w.id = ?1");
    Ok(query(conn, &sql, params![id.to_string()])?
        .into_iter()
        .next())
}

pub fn patient_exists(conn: &Connection, id: PatientId) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM patients WHERE id = ?1")?
        .query_row(params![id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn insert(
    tx: &Connection,
    id: WaitListId,
    draft: &WaitListDraft,
    note: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO wait_list (id, patient_id, provider_id, type_id, appointment_id, earliest,
            latest, time_of_day, note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        id.to_string(),
        draft.patient_id.to_string(),
        draft.provider_id.map(|p| p.to_string()),
        draft.type_id.to_string(),
        draft.appointment_id.map(|a| a.to_string()),
        draft.earliest.map(|d| d.to_string()),
        draft.latest.map(|d| d.to_string()),
        draft.time_of_day.as_str(),
        note,
        instant_to_sql(now),
        by.to_string(),
    ])?;
    Ok(())
}

/// Resolves an open entry; false when it was already resolved (nothing changed).
pub fn resolve(
    tx: &Connection,
    id: WaitListId,
    booked: Option<AppointmentId>,
    note: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let resolution = if booked.is_some() {
        "booked"
    } else {
        "removed"
    };
    let n = tx
        .prepare_cached(
            "UPDATE wait_list SET resolved_at = ?2, resolved_by = ?3, resolution = ?4,
                resolution_note = ?5, booked_appointment = ?6
             WHERE id = ?1 AND resolved_at IS NULL",
        )?
        .execute(params![
            id.to_string(),
            instant_to_sql(now),
            by.to_string(),
            resolution,
            note,
            booked.map(|b| b.to_string()),
        ])?;
    Ok(n == 1)
}

//! SQL for appointments and their history: the one row reader every schedule screen uses,
//! the insert (with its `booked` history row), history rows for every later change, and the
//! overlap reads the booking rules ask.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentId, AppointmentTypeId, PatientId, RoomId, SeriesId, UserId, VisitId};
use crate::schedule::{Appointment, AppointmentStatus, CancelKind};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// Longest appointment a booking may have (minutes); overlap reads look this far back.
pub const MAX_MINUTES: i64 = 480;

/// The columns [`from_row`] reads, joined with the names they refer to.
pub const SELECT: &str = "SELECT a.id, a.patient_id, p.family_name || ', ' || p.given_name, p.mrn,
        p.date_of_birth, a.provider_id, u.display_name, a.room_id, r.name, a.type_id, t.name,
        t.colour, a.starts_at, a.ends_at, a.reason, a.note, a.status, a.status_at,
        a.cancel_kind, a.cancel_reason, a.overbook_reason, a.series_id, a.occurrence,
        a.is_exception, a.visit_id, a.version
    FROM appointments a
    JOIN patients p ON p.id = a.patient_id
    JOIN users u ON u.id = a.provider_id
    JOIN appointment_types t ON t.id = a.type_id
    LEFT JOIN rooms r ON r.id = a.room_id";

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad stored {what} {text:?}"))
}

fn parse<T>(text: String, what: &str, f: fn(&str) -> Option<T>) -> CoreResult<T> {
    f(&text).ok_or_else(|| corrupt(what, &text))
}

/// One appointment from a row of [`SELECT`] (raw columns first, then checked).
pub fn from_row(r: &Row<'_>) -> rusqlite::Result<CoreResult<Appointment>> {
    let raw = RawRow {
        id: r.get(0)?,
        patient_id: r.get(1)?,
        patient_name: r.get(2)?,
        mrn: r.get(3)?,
        date_of_birth: r.get(4)?,
        provider_id: r.get(5)?,
        provider_name: r.get(6)?,
        room_id: r.get(7)?,
        room_name: r.get(8)?,
        type_id: r.get(9)?,
        type_name: r.get(10)?,
        colour: r.get(11)?,
        starts_at: r.get(12)?,
        ends_at: r.get(13)?,
        reason: r.get(14)?,
        note: r.get(15)?,
        status: r.get(16)?,
        status_at: r.get(17)?,
        cancel_kind: r.get(18)?,
        cancel_reason: r.get(19)?,
        overbook_reason: r.get(20)?,
        series_id: r.get(21)?,
        occurrence: r.get(22)?,
        is_exception: r.get(23)?,
        visit_id: r.get(24)?,
        version: r.get(25)?,
    };
    Ok(raw.check())
}

struct RawRow {
    id: String,
    patient_id: String,
    patient_name: String,
    mrn: u32,
    date_of_birth: String,
    provider_id: String,
    provider_name: String,
    room_id: Option<String>,
    room_name: Option<String>,
    type_id: String,
    type_name: String,
    colour: String,
    starts_at: String,
    ends_at: String,
    reason: String,
    note: String,
    status: String,
    status_at: String,
    cancel_kind: Option<String>,
    cancel_reason: Option<String>,
    overbook_reason: Option<String>,
    series_id: Option<String>,
    occurrence: Option<u32>,
    is_exception: bool,
    visit_id: Option<String>,
    version: i64,
}

impl RawRow {
    fn check(self) -> CoreResult<Appointment> {
        Ok(Appointment {
            id: parse(self.id, "appointment id", AppointmentId::parse)?,
            patient_id: parse(self.patient_id, "patient id", PatientId::parse)?,
            patient_name: self.patient_name,
            mrn: self.mrn,
            date_of_birth: date_from_sql(&self.date_of_birth)?,
            provider_id: parse(self.provider_id, "user id", UserId::parse)?,
            provider_name: self.provider_name,
            room_id: self
                .room_id
                .map(|t| parse(t, "room id", RoomId::parse))
                .transpose()?,
            room_name: self.room_name,
            type_id: parse(self.type_id, "type id", AppointmentTypeId::parse)?,
            type_name: self.type_name,
            colour: self.colour,
            starts_at: instant_from_sql(&self.starts_at)?,
            ends_at: instant_from_sql(&self.ends_at)?,
            reason: self.reason,
            note: self.note,
            status: parse(self.status, "status", AppointmentStatus::parse)?,
            status_at: instant_from_sql(&self.status_at)?,
            cancel_kind: self
                .cancel_kind
                .map(|t| parse(t, "cancel kind", CancelKind::parse))
                .transpose()?,
            cancel_reason: self.cancel_reason,
            overbook_reason: self.overbook_reason,
            series_id: self
                .series_id
                .map(|t| parse(t, "series id", SeriesId::parse))
                .transpose()?,
            occurrence: self.occurrence,
            is_exception: self.is_exception,
            visit_id: self
                .visit_id
                .map(|t| parse(t, "visit id", VisitId::parse))
                .transpose()?,
            version: self.version,
        })
    }
}

/// Runs `sql` (which starts with [`SELECT`]) and collects the appointments.
pub fn query(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> CoreResult<Vec<Appointment>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

pub fn get(conn: &Connection, id: AppointmentId) -> CoreResult<Option<Appointment>> {
    let sql = format!("{SELECT} WHERE a.id = ?1");
    Ok(query(conn, &sql, params![id.to_string()])?
        .into_iter()
        .next())
}

/// Appointments starting in `[from, to)`, of the given providers (all when `None`), every
/// status, by start time then provider.
pub fn between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    providers: Option<&[UserId]>,
) -> CoreResult<Vec<Appointment>> {
    match providers {
        None => {
            let sql = format!(
                "{SELECT} WHERE a.starts_at >= ?1 AND a.starts_at < ?2 ORDER BY a.starts_at, u.display_name"
            );
            query(
                conn,
                &sql,
                params![instant_to_sql(from), instant_to_sql(to)],
            )
        }
        Some(ids) => {
            // One indexed range per provider, merged: each uses (provider_id, starts_at).
            let sql = format!(
                "{SELECT} WHERE a.provider_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3 ORDER BY a.starts_at"
            );
            let mut out = Vec::new();
            for id in ids {
                out.extend(query(
                    conn,
                    &sql,
                    params![id.to_string(), instant_to_sql(from), instant_to_sql(to)],
                )?);
            }
            out.sort_by(|a, b| {
                (a.starts_at, &a.provider_name).cmp(&(b.starts_at, &b.provider_name))
            });
            Ok(out)
        }
    }
}

/// What an overlap read looks at: one provider's or one room's bookings.
#[derive(Debug, Clone, Copy)]
pub enum Resource {
    Provider(UserId),
    Room(RoomId),
}

/// Appointments that hold their slot (not cancelled, not no-show) and overlap `[from, to)`
/// on `resource`, leaving out `except` (the appointment being moved).
pub fn busy_between(
    conn: &Connection,
    resource: Resource,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    except: Option<AppointmentId>,
) -> CoreResult<Vec<Appointment>> {
    let column = match resource {
        Resource::Provider(_) => "a.provider_id",
        Resource::Room(_) => "a.room_id",
    };
    let key = match resource {
        Resource::Provider(p) => p.to_string(),
        Resource::Room(r) => r.to_string(),
    };
    // starts_at bounds the indexed range: nothing longer than MAX_MINUTES starts earlier.
    let sql = format!(
        "{SELECT} WHERE {column} = ?1 AND a.starts_at > ?2 AND a.starts_at < ?3 AND a.ends_at > ?4
           AND a.status NOT IN ('cancelled', 'noShow') AND a.id IS NOT ?5
         ORDER BY a.starts_at"
    );
    query(
        conn,
        &sql,
        params![
            key,
            instant_to_sql(from - Duration::minutes(MAX_MINUTES)),
            instant_to_sql(to),
            instant_to_sql(from),
            except.map(|e| e.to_string()),
        ],
    )
}

/// The columns of a new appointment row.
#[derive(Debug, Clone)]
pub struct NewAppointment<'a> {
    pub patient_id: PatientId,
    pub provider_id: UserId,
    pub room_id: Option<RoomId>,
    pub type_id: AppointmentTypeId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub reason: &'a str,
    pub note: &'a str,
    pub overbook_reason: Option<&'a str>,
    pub series: Option<(SeriesId, u32)>,
}

/// Inserts a booked appointment and its `booked` history row.
pub fn insert(
    tx: &Connection,
    id: AppointmentId,
    new: &NewAppointment<'_>,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let now_sql = instant_to_sql(now);
    tx.prepare_cached(
        "INSERT INTO appointments (id, patient_id, provider_id, room_id, type_id, starts_at,
            ends_at, reason, note, status, status_at, status_by, overbook_reason, series_id,
            occurrence, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'booked', ?10, ?11, ?12, ?13, ?14, ?10, ?11, ?10, ?11)",
    )?
    .execute(params![
        id.to_string(),
        new.patient_id.to_string(),
        new.provider_id.to_string(),
        new.room_id.map(|r| r.to_string()),
        new.type_id.to_string(),
        instant_to_sql(new.starts_at),
        instant_to_sql(new.ends_at),
        new.reason,
        new.note,
        now_sql,
        by.to_string(),
        new.overbook_reason,
        new.series.map(|(s, _)| s.to_string()),
        new.series.map(|(_, n)| n),
    ])?;
    record_history(tx, id, "booked", by, now, new.overbook_reason.unwrap_or(""))
}

/// Appends a history row with the appointment's current status, time, provider and room.
/// `change` is one of booked, status, moved, edited, cancelled, visitStarted.
pub fn record_history(
    tx: &Connection,
    id: AppointmentId,
    change: &str,
    by: UserId,
    now: DateTime<Utc>,
    detail: &str,
) -> CoreResult<()> {
    let written = tx
        .prepare_cached(
            "INSERT INTO appointment_history (appointment_id, at, by_user, change, status,
                starts_at, ends_at, provider_id, room_id, detail)
             SELECT id, ?2, ?3, ?4, status, starts_at, ends_at, provider_id, room_id, ?5
             FROM appointments WHERE id = ?1",
        )?
        .execute(params![
            id.to_string(),
            instant_to_sql(now),
            by.to_string(),
            change,
            detail
        ])?;
    if written == 0 {
        return Err(CoreError::NotFound {
            entity: "appointment",
            id: id.to_string(),
        });
    }
    Ok(())
}

/// The appointment's stored version, if it exists.
pub fn version(conn: &Connection, id: AppointmentId) -> CoreResult<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT version FROM appointments WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?)
}

// --- The booking helper's writes and reads: edits, status, cancellation, the visit link,
// the history, the flow board's arrival times and a patient's lists.

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
pub fn history(
    conn: &Connection,
    id: AppointmentId,
) -> CoreResult<Vec<crate::schedule::AppointmentHistoryEntry>> {
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
        out.push(crate::schedule::AppointmentHistoryEntry {
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
) -> CoreResult<std::collections::HashMap<AppointmentId, FlowTimes>> {
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
    let mut out = std::collections::HashMap::new();
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

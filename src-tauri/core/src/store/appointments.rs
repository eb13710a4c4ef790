//! SQL for appointments and their history: the one row reader every schedule screen uses,
//! the insert (with its `booked` history row), history rows for every later change, and the
//! overlap reads the booking rules ask.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentId, AppointmentTypeId, PatientId, RoomId, SeriesId, UserId, VisitId};
use crate::schedule::{Appointment, AppointmentStatus, CancelKind};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

/// Longest appointment a booking may have (minutes); overlap reads look this far back.
pub const MAX_MINUTES: i64 = 480;

/// The columns [`from_row`] reads, joined with the names they refer to.
pub const SELECT: &str = "SELECT a.id, a.patient_id, p.family_name || ', ' || p.given_name, p.mrn,
        p.date_of_birth, a.provider_id, u.display_name, a.room_id, r.name, a.type_id, t.name,
        t.colour, a.starts_at, a.ends_at, a.reason, a.note, a.status, a.status_at,
        a.cancel_kind, a.cancel_reason, a.overbook_reason, a.series_id, a.occurrence,
        a.is_exception, a.visit_id, a.version
    FROM appointments a
    JOIN patients p INDEXED BY patients_named_by_id ON p.id = a.patient_id
    JOIN users u ON u.id = a.provider_id
    JOIN appointment_types t ON t.id = a.type_id
    LEFT JOIN rooms r ON r.id = a.room_id";

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad stored {what} {text:?}"))
}

fn parse<T>(text: &str, what: &str, f: fn(&str) -> Option<T>) -> CoreResult<T> {
    f(text).ok_or_else(|| corrupt(what, text))
}

/// Column `i` as text borrowed from the row: the ids, instants and codes are parsed from it
/// without a `String` each (a calendar day is hundreds of rows of 26 columns).
fn text<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| wrong_type(i, e))
}

fn text_or_null<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| wrong_type(i, e))
}

fn wrong_type(i: usize, e: rusqlite::types::FromSqlError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

/// One appointment from a row of [`SELECT`] (raw columns first, then checked).
pub fn from_row(r: &Row<'_>) -> rusqlite::Result<CoreResult<Appointment>> {
    let raw = RawRow {
        id: text(r, 0)?,
        patient_id: text(r, 1)?,
        patient_name: r.get(2)?,
        mrn: r.get(3)?,
        date_of_birth: text(r, 4)?,
        provider_id: text(r, 5)?,
        provider_name: r.get(6)?,
        room_id: text_or_null(r, 7)?,
        room_name: r.get(8)?,
        type_id: text(r, 9)?,
        type_name: r.get(10)?,
        colour: r.get(11)?,
        starts_at: text(r, 12)?,
        ends_at: text(r, 13)?,
        reason: r.get(14)?,
        note: r.get(15)?,
        status: text(r, 16)?,
        status_at: text(r, 17)?,
        cancel_kind: text_or_null(r, 18)?,
        cancel_reason: r.get(19)?,
        overbook_reason: r.get(20)?,
        series_id: text_or_null(r, 21)?,
        occurrence: r.get(22)?,
        is_exception: r.get(23)?,
        visit_id: text_or_null(r, 24)?,
        version: r.get(25)?,
    };
    Ok(raw.check())
}

/// A row's columns: what the appointment keeps as text is owned, what is parsed is borrowed.
struct RawRow<'r> {
    id: &'r str,
    patient_id: &'r str,
    patient_name: String,
    mrn: u32,
    date_of_birth: &'r str,
    provider_id: &'r str,
    provider_name: String,
    room_id: Option<&'r str>,
    room_name: Option<String>,
    type_id: &'r str,
    type_name: String,
    colour: String,
    starts_at: &'r str,
    ends_at: &'r str,
    reason: String,
    note: String,
    status: &'r str,
    status_at: &'r str,
    cancel_kind: Option<&'r str>,
    cancel_reason: Option<String>,
    overbook_reason: Option<String>,
    series_id: Option<&'r str>,
    occurrence: Option<u32>,
    is_exception: bool,
    visit_id: Option<&'r str>,
    version: i64,
}

impl RawRow<'_> {
    fn check(self) -> CoreResult<Appointment> {
        Ok(Appointment {
            id: parse(self.id, "appointment id", AppointmentId::parse)?,
            patient_id: parse(self.patient_id, "patient id", PatientId::parse)?,
            patient_name: self.patient_name,
            mrn: self.mrn,
            date_of_birth: date_from_sql(self.date_of_birth)?,
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
            starts_at: instant_from_sql(self.starts_at)?,
            ends_at: instant_from_sql(self.ends_at)?,
            reason: self.reason,
            note: self.note,
            status: parse(self.status, "status", AppointmentStatus::parse)?,
            status_at: instant_from_sql(self.status_at)?,
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

/// [`SELECT`]'s columns with the patient joined but not the provider, type and room, whose
/// names [`between`] fills in from [`Names`]: a day is hundreds of rows, and every join costs
/// each row a lookup in its table's id index and then in the table. The patient's columns
/// come from `patients_named_by_id` alone (migration 0015; named, as the planner prefers the
/// unique id index and then reads the wide row too).
macro_rules! select_with_patient {
    () => {
        "SELECT a.id, a.patient_id, p.family_name || ', ' || p.given_name, p.mrn,
            p.date_of_birth, a.provider_id, '', a.room_id, NULL, a.type_id, '', '', a.starts_at,
            a.ends_at, a.reason, a.note, a.status, a.status_at, a.cancel_kind, a.cancel_reason,
            a.overbook_reason, a.series_id, a.occurrence, a.is_exception, a.visit_id, a.version
        FROM appointments a
        JOIN patients p INDEXED BY patients_named_by_id ON p.id = a.patient_id"
    };
}

pub(crate) const BETWEEN: &str = concat!(
    select_with_patient!(),
    " WHERE a.starts_at >= ?1 AND a.starts_at < ?2 ORDER BY a.starts_at"
);

/// One indexed range per provider, merged: each uses (provider_id, starts_at).
const BETWEEN_OF_PROVIDER: &str = concat!(
    select_with_patient!(),
    " WHERE a.provider_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3 ORDER BY a.starts_at"
);

/// The names an appointment row refers to, read whole once per [`between`]: the practice's
/// users, appointment types and rooms are a few dozen rows.
struct Names {
    users: HashMap<UserId, String>,
    types: HashMap<AppointmentTypeId, (String, String)>,
    rooms: HashMap<RoomId, String>,
}

/// `(id, name, other)` rows of a small table, keyed by the parsed id.
fn named<K: Eq + std::hash::Hash, V>(
    conn: &Connection,
    sql: &str,
    parse_id: fn(&str) -> Option<K>,
    value: fn(String, String) -> V,
) -> CoreResult<HashMap<K, V>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, name, other) = row?;
        out.insert(parse(&id, "id", parse_id)?, value(name, other));
    }
    Ok(out)
}

impl Names {
    fn read(conn: &Connection) -> CoreResult<Self> {
        Ok(Self {
            users: named(
                conn,
                "SELECT id, display_name, '' FROM users",
                UserId::parse,
                |name, _| name,
            )?,
            types: named(
                conn,
                "SELECT id, name, colour FROM appointment_types",
                AppointmentTypeId::parse,
                |name, colour| (name, colour),
            )?,
            rooms: named(
                conn,
                "SELECT id, name, '' FROM rooms",
                RoomId::parse,
                |name, _| name,
            )?,
        })
    }

    /// Fills in the names [`select_with_patient`] leaves blank.
    fn fill(&self, a: &mut Appointment) -> CoreResult<()> {
        let missing = |what: &str, id: String| corrupt(what, &id);
        a.provider_name.clone_from(
            self.users
                .get(&a.provider_id)
                .ok_or_else(|| missing("appointment provider", a.provider_id.to_string()))?,
        );
        let (name, colour) = self
            .types
            .get(&a.type_id)
            .ok_or_else(|| missing("appointment type", a.type_id.to_string()))?;
        a.type_name.clone_from(name);
        a.colour.clone_from(colour);
        if let Some(room) = a.room_id {
            a.room_name = Some(
                self.rooms
                    .get(&room)
                    .ok_or_else(|| missing("appointment room", room.to_string()))?
                    .clone(),
            );
        }
        Ok(())
    }
}

/// Appointments starting in `[from, to)`, of the given providers (all when `None`), every
/// status, by start time then provider.
pub fn between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    providers: Option<&[UserId]>,
) -> CoreResult<Vec<Appointment>> {
    let (from, to) = (instant_to_sql(from), instant_to_sql(to));
    let mut out = match providers {
        None => query(conn, BETWEEN, params![from, to])?,
        Some(ids) => {
            let mut out = Vec::new();
            for id in ids {
                out.extend(query(
                    conn,
                    BETWEEN_OF_PROVIDER,
                    params![id.to_string(), from, to],
                )?);
            }
            out
        }
    };
    let names = Names::read(conn)?;
    for a in &mut out {
        names.fill(a)?;
    }
    out.sort_by(|a, b| (a.starts_at, &a.provider_name).cmp(&(b.starts_at, &b.provider_name)));
    Ok(out)
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

/// Inserts a booked appointment and its `booked` history row (saying the overbooking reason).
pub fn insert(
    tx: &Connection,
    id: AppointmentId,
    new: &NewAppointment<'_>,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    insert_saying(tx, id, new, by, now, new.overbook_reason.unwrap_or(""))
}

/// [`insert`], the `booked` history row saying `detail` (an import: where the booking came from).
pub fn insert_saying(
    tx: &Connection,
    id: AppointmentId,
    new: &NewAppointment<'_>,
    by: UserId,
    now: DateTime<Utc>,
    detail: &str,
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
    record_history(tx, id, "booked", by, now, detail)
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

// ---- The next free slot (slots helper) ----

/// Same range as busy_between: (provider_id, starts_at) bounds it, ends_at filters.
pub(crate) const BUSY_SPANS: &str = "SELECT starts_at, ends_at FROM appointments
     WHERE provider_id = ?1 AND starts_at > ?2 AND starts_at < ?3 AND ends_at > ?4
       AND status NOT IN ('cancelled', 'noShow')
     ORDER BY starts_at";

/// The stretches `provider` is held by bookings (not cancelled, not no-show) overlapping
/// `[from, to)`, by start: the free-slot search's per-day read, without the name joins.
pub fn busy_spans(
    conn: &Connection,
    provider: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CoreResult<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
    let mut stmt = conn.prepare_cached(BUSY_SPANS)?;
    let rows = stmt.query_map(
        params![
            provider.to_string(),
            instant_to_sql(from - Duration::minutes(MAX_MINUTES)),
            instant_to_sql(to),
            instant_to_sql(from),
        ],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (s, e) = row?;
        out.push((instant_from_sql(&s)?, instant_from_sql(&e)?));
    }
    Ok(out)
}

/// Whether the book already holds an appointment of `patient` with `provider` starting at
/// `starts_at`, in any status (an import run twice books nothing twice).
pub fn exists_at(
    conn: &Connection,
    patient: PatientId,
    provider: UserId,
    starts_at: DateTime<Utc>,
) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM appointments
             WHERE patient_id = ?1 AND starts_at = ?2 AND provider_id = ?3",
        )?
        .query_row(
            params![
                patient.to_string(),
                instant_to_sql(starts_at),
                provider.to_string()
            ],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

//! SQL for messages and tasks (`messages`, `message_reads`, `message_status_changes`): a
//! message inserted, a thread's messages, the threads addressed to a user or their roles with
//! what they have not read, reads recorded once, and a thread's status changes.

use super::{instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{MedicationId, MessageId, PatientId, UserId};
use crate::messages::{
    MessageKind, MessagePatient, MessageStatus, Priority, Recipient, StatusChange, StoredMessage,
};
use crate::permissions::Role;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, Row};

/// A new message as stored (validated by `messages`).
pub struct NewMessage<'a> {
    pub id: MessageId,
    pub thread: MessageId,
    pub kind: MessageKind,
    pub patient: Option<PatientId>,
    pub from: UserId,
    pub to: Recipient,
    pub subject: &'a str,
    pub body: &'a str,
    pub clinical: bool,
    pub priority: Priority,
    pub due_on: Option<NaiveDate>,
    pub caller: Option<&'a str>,
    pub callback_number: Option<&'a str>,
    pub medication: Option<MedicationId>,
    pub at: DateTime<Utc>,
}

pub fn insert(tx: &Connection, m: &NewMessage<'_>) -> CoreResult<()> {
    let (to_user, to_role) = match m.to {
        Recipient::User { id } => (Some(id.to_string()), None),
        Recipient::Role { role } => (None, Some(role.as_str())),
    };
    tx.prepare_cached(
        "INSERT INTO messages (id, thread_id, kind, patient_id, from_user, to_user, to_role,
            subject, body, clinical, priority, due_on, caller, callback_number, medication_id,
            created_at, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 COALESCE((SELECT t.status FROM messages t WHERE t.id = ?2), 'open'))",
    )?
    .execute(params![
        m.id.to_string(),
        m.thread.to_string(),
        m.kind.as_str(),
        m.patient.map(|p| p.to_string()),
        m.from.to_string(),
        to_user,
        to_role,
        m.subject,
        m.body,
        m.clinical,
        m.priority.as_str(),
        m.due_on.map(|d| d.to_string()),
        m.caller,
        m.callback_number,
        m.medication.map(|x| x.to_string()),
        instant_to_sql(m.at),
    ])?;
    Ok(())
}

const COLUMNS: &str = "m.id, m.thread_id, m.kind, m.patient_id, pt.family_name, pt.given_name,
    pt.mrn, m.from_user, fu.display_name, m.to_user, tu.display_name, m.to_role, m.subject,
    m.body, m.clinical, m.priority, m.due_on, m.caller, m.callback_number, m.medication_id,
    m.created_at, m.status, su.display_name, m.status_at,
    (SELECT r.read_at FROM message_reads r WHERE r.message_id = m.id AND r.user_id = ?1)";

const FROM: &str = "FROM messages m
    LEFT JOIN patients pt ON pt.id = m.patient_id
    JOIN users fu ON fu.id = m.from_user
    LEFT JOIN users tu ON tu.id = m.to_user
    LEFT JOIN users su ON su.id = m.status_by";

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad {what} {text:?}"))
}

fn id_of<T>(text: String, what: &str, parse: fn(&str) -> Option<T>) -> CoreResult<T> {
    parse(&text).ok_or_else(|| corrupt(what, &text))
}

fn from_row(r: &Row<'_>) -> CoreResult<StoredMessage> {
    let patient = match r.get::<_, Option<String>>(3)? {
        Some(p) => Some(MessagePatient {
            id: id_of(p, "patient id", PatientId::parse)?,
            name: format!("{}, {}", r.get::<_, String>(4)?, r.get::<_, String>(5)?),
            mrn: r.get(6)?,
        }),
        None => None,
    };
    let to = match (
        r.get::<_, Option<String>>(9)?,
        r.get::<_, Option<String>>(11)?,
    ) {
        (Some(u), _) => Recipient::User {
            id: id_of(u, "user id", UserId::parse)?,
        },
        (None, Some(role)) => Recipient::Role {
            role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
        },
        (None, None) => return Err(CoreError::Corrupt("a message without a recipient".into())),
    };
    let kind: String = r.get(2)?;
    let priority: String = r.get(15)?;
    let status: String = r.get(21)?;
    Ok(StoredMessage {
        id: id_of(r.get(0)?, "message id", MessageId::parse)?,
        thread_id: id_of(r.get(1)?, "message id", MessageId::parse)?,
        kind: MessageKind::parse(&kind).ok_or_else(|| corrupt("message kind", &kind))?,
        patient,
        from_id: id_of(r.get(7)?, "user id", UserId::parse)?,
        from_name: r.get(8)?,
        to,
        to_user_name: r.get(10)?,
        subject: r.get(12)?,
        body: r.get(13)?,
        clinical: r.get(14)?,
        priority: Priority::parse(&priority).ok_or_else(|| corrupt("priority", &priority))?,
        due_on: r
            .get::<_, Option<String>>(16)?
            .map(|d| super::date_from_sql(&d))
            .transpose()?,
        caller: r.get(17)?,
        callback_number: r.get(18)?,
        medication_id: r
            .get::<_, Option<String>>(19)?
            .map(|m| id_of(m, "medication id", MedicationId::parse))
            .transpose()?,
        created_at: instant_from_sql(&r.get::<_, String>(20)?)?,
        status: MessageStatus::from_stored(&status),
        status_by_name: r.get(22)?,
        status_at: r
            .get::<_, Option<String>>(23)?
            .map(|t| instant_from_sql(&t))
            .transpose()?,
        read_at: r
            .get::<_, Option<String>>(24)?
            .map(|t| instant_from_sql(&t))
            .transpose()?,
    })
}

/// One message, with whether `reader` has read it.
pub fn get(conn: &Connection, id: MessageId, reader: UserId) -> CoreResult<Option<StoredMessage>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE m.id = ?2"))?;
    let mut rows = stmt.query(params![reader.to_string(), id.to_string()])?;
    rows.next()?.map(from_row).transpose()
}

/// A thread's messages, oldest first.
pub fn thread(
    conn: &Connection,
    thread: MessageId,
    reader: UserId,
) -> CoreResult<Vec<StoredMessage>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE m.thread_id = ?2 ORDER BY m.created_at, m.rowid"
    ))?;
    let mut rows = stmt.query(params![reader.to_string(), thread.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(from_row(r)?);
    }
    Ok(out)
}

/// A thread in someone's inbox: its first message, its last message's time, how many
/// messages it holds and how many of those addressed to the reader they have not read.
pub struct InboxRow {
    pub first: StoredMessage,
    pub last_at: DateTime<Utc>,
    pub messages: u32,
    pub unread: u32,
}

/// The threads with a message addressed to `user` or to one of `roles`, newest activity
/// first, at most `limit`.
/// The messages addressed to `?1` or to one of its roles (bound from `?{first_role}`), in
/// threads whose status is `status_test` (every message carries its thread's status, which
/// the `to_user`/`to_role` indexes hold, so no thread's first message is read).
fn addressed(roles: &[Role], first_role: usize, status_test: &str) -> String {
    let role_marks: Vec<String> = (0..roles.len())
        .map(|i| format!("?{}", i + first_role))
        .collect();
    let to_role = if roles.is_empty() {
        String::from("0")
    } else {
        format!("m.to_role IN ({})", role_marks.join(", "))
    };
    format!(
        "SELECT m.thread_id, m.id FROM messages m WHERE m.to_user = ?1 AND {status_test}
         UNION ALL
         SELECT m.thread_id, m.id FROM messages m WHERE {to_role} AND {status_test}"
    )
}

/// The reader's badge over open threads: with unread messages, those urgent, and overdue
/// (open past their due date before `today`), in one aggregate query.
pub fn open_counts(
    conn: &Connection,
    user: UserId,
    roles: &[Role],
    today: NaiveDate,
) -> CoreResult<(u32, u32, u32)> {
    let mine = addressed(roles, 3, "m.status = 'open'");
    let sql = format!(
        "WITH mine AS ({mine}), threads AS (
            SELECT mine.thread_id,
                   SUM(NOT EXISTS (SELECT 1 FROM message_reads r
                                    WHERE r.message_id = mine.id AND r.user_id = ?1)) AS unread
              FROM mine GROUP BY mine.thread_id
         )
         SELECT COUNT(*) FILTER (WHERE t.unread > 0),
                COUNT(*) FILTER (WHERE t.unread > 0 AND root.priority = 'urgent'),
                COUNT(*) FILTER (WHERE root.due_on < ?2)
           FROM threads t JOIN messages root ON root.id = t.thread_id"
    );
    let mut values: Vec<Value> = vec![
        Value::Text(user.to_string()),
        Value::Text(today.to_string()),
    ];
    values.extend(roles.iter().map(|r| Value::Text(r.as_str().to_string())));
    let mut stmt = conn.prepare_cached(&sql)?;
    let (unread, urgent, overdue): (i64, i64, i64) = stmt
        .query_row(params_from_iter(values), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok((count(unread), count(urgent), count(overdue)))
}

/// The threads addressed to the reader, newest activity first: `status` None for all.
pub fn inbox(
    conn: &Connection,
    user: UserId,
    roles: &[Role],
    status: Option<MessageStatus>,
    limit: u32,
) -> CoreResult<Vec<InboxRow>> {
    let status_test = match status {
        None => "1",
        Some(MessageStatus::Open) => "m.status = 'open'",
        Some(MessageStatus::Done) => "m.status = 'done'",
    };
    let mine = addressed(roles, 3, status_test);
    let sql = format!(
        "WITH mine AS ({mine}), threads AS (
            SELECT mine.thread_id,
                   SUM(NOT EXISTS (SELECT 1 FROM message_reads r
                                    WHERE r.message_id = mine.id AND r.user_id = ?1)) AS unread
              FROM mine GROUP BY mine.thread_id
         )
         SELECT {COLUMNS}, t.unread,
                (SELECT MAX(x.created_at) FROM messages x WHERE x.thread_id = m.id),
                (SELECT COUNT(*) FROM messages x WHERE x.thread_id = m.id)
           FROM threads t JOIN messages m ON m.id = t.thread_id
           LEFT JOIN patients pt ON pt.id = m.patient_id
           JOIN users fu ON fu.id = m.from_user
           LEFT JOIN users tu ON tu.id = m.to_user
           LEFT JOIN users su ON su.id = m.status_by
          ORDER BY 27 DESC, m.id
          LIMIT ?2"
    );
    let mut values: Vec<Value> = vec![
        Value::Text(user.to_string()),
        Value::Integer(i64::from(limit)),
    ];
    values.extend(roles.iter().map(|r| Value::Text(r.as_str().to_string())));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let unread: i64 = r.get(25)?;
        let last: String = r.get(26)?;
        let messages: i64 = r.get(27)?;
        out.push(InboxRow {
            first: from_row(r)?,
            last_at: instant_from_sql(&last)?,
            messages: u32::try_from(messages).unwrap_or(u32::MAX),
            unread: u32::try_from(unread).unwrap_or(u32::MAX),
        });
    }
    Ok(out)
}

/// Records that `user` read each of `messages` (once: a later read keeps the first time).
pub fn mark_read(
    tx: &Connection,
    messages: &[MessageId],
    user: UserId,
    at: DateTime<Utc>,
) -> CoreResult<usize> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO message_reads (message_id, user_id, read_at) VALUES (?1, ?2, ?3)",
    )?;
    let mut added = 0;
    for m in messages {
        added += stmt.execute(params![m.to_string(), user.to_string(), instant_to_sql(at)])?;
    }
    Ok(added)
}

/// Sets a thread's status (on its first message) and keeps the change; false when it
/// already had that status.
pub fn set_status(
    tx: &Connection,
    thread: MessageId,
    status: MessageStatus,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let values = params![
        thread.to_string(),
        status.as_str(),
        by.to_string(),
        instant_to_sql(at)
    ];
    let changed = tx
        .prepare_cached(
            "UPDATE messages SET status = ?2, status_by = ?3, status_at = ?4
              WHERE id = ?1 AND thread_id = id AND status <> ?2",
        )?
        .execute(values)?;
    if changed == 0 {
        return Ok(false);
    }
    // Every message carries its thread's status, so the inbox's indexes find open ones.
    tx.prepare_cached("UPDATE messages SET status = ?2 WHERE thread_id = ?1 AND id <> ?1")?
        .execute(params![thread.to_string(), status.as_str()])?;
    tx.prepare_cached(
        "INSERT INTO message_status_changes (thread_id, status, changed_by, changed_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(values)?;
    Ok(true)
}

/// Every status change of a thread, oldest first.
pub fn status_changes(conn: &Connection, thread: MessageId) -> CoreResult<Vec<StatusChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.status, u.display_name, c.changed_at FROM message_status_changes c
           JOIN users u ON u.id = c.changed_by
          WHERE c.thread_id = ?1 ORDER BY c.id",
    )?;
    let mut rows = stmt.query(params![thread.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let status: String = r.get(0)?;
        out.push(StatusChange {
            status: MessageStatus::from_stored(&status),
            by_name: r.get(1)?,
            at: instant_from_sql(&r.get::<_, String>(2)?)?,
        });
    }
    Ok(out)
}

/// Whether `id` is an active user, with their roles.
pub fn active_user_roles(conn: &Connection, id: UserId) -> CoreResult<Option<Vec<Role>>> {
    Ok(super::users::get(conn, id)?
        .filter(|u| u.active)
        .map(|u| u.roles))
}

/// Whether the patient is registered.
pub fn patient_exists(conn: &Connection, id: PatientId) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM patients WHERE id = ?1")?
        .exists(params![id.to_string()])?)
}

/// The patient a medication belongs to, if it exists.
pub fn medication_patient(conn: &Connection, id: MedicationId) -> CoreResult<Option<PatientId>> {
    let mut stmt = conn.prepare_cached("SELECT patient_id FROM medications WHERE id = ?1")?;
    let mut rows = stmt.query(params![id.to_string()])?;
    match rows.next()? {
        Some(r) => Ok(Some(id_of(r.get(0)?, "patient id", PatientId::parse)?)),
        None => Ok(None),
    }
}

//! SQL for the user aggregate: `users` and `user_roles`.

use super::{instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::UserId;
use crate::permissions::Role;
use crate::users::{User, ValidUser};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

const COLUMNS: &str =
    "id, username, display_name, licence_number, npi, dea, active, version, created_at, updated_at";

pub fn insert(conn: &Connection, id: UserId, u: &ValidUser, now: DateTime<Utc>) -> CoreResult<()> {
    let now = instant_to_sql(now);
    conn.execute(
        "INSERT INTO users (id, username, display_name, licence_number, npi, dea, active, version,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, 1, ?7, ?7)",
        params![
            id.to_string(),
            u.username,
            u.display_name,
            u.licence_number,
            u.npi,
            u.dea,
            now
        ],
    )?;
    set_roles(conn, id, &u.roles)
}

/// Saves new details if the user is still at `expected_version`; `false` when not.
pub fn update(
    conn: &Connection,
    id: UserId,
    expected_version: u32,
    u: &ValidUser,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let changed = conn.execute(
        "UPDATE users SET username = ?3, display_name = ?4, licence_number = ?5, npi = ?6,
            dea = ?7, version = version + 1, updated_at = ?8
         WHERE id = ?1 AND version = ?2",
        params![
            id.to_string(),
            expected_version,
            u.username,
            u.display_name,
            u.licence_number,
            u.npi,
            u.dea,
            instant_to_sql(now)
        ],
    )?;
    if changed == 0 {
        return Ok(false);
    }
    set_roles(conn, id, &u.roles)?;
    Ok(true)
}

fn set_roles(conn: &Connection, id: UserId, roles: &[Role]) -> CoreResult<()> {
    conn.execute(
        "DELETE FROM user_roles WHERE user_id = ?1",
        params![id.to_string()],
    )?;
    let mut stmt = conn.prepare_cached("INSERT INTO user_roles (user_id, role) VALUES (?1, ?2)")?;
    for role in roles {
        stmt.execute(params![id.to_string(), role.as_str()])?;
    }
    Ok(())
}

pub fn set_active(
    conn: &Connection,
    id: UserId,
    active: bool,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    Ok(conn.execute(
        "UPDATE users SET active = ?2, version = version + 1, updated_at = ?3 WHERE id = ?1",
        params![id.to_string(), active, instant_to_sql(now)],
    )? == 1)
}

fn roles_of(conn: &Connection, id: &str) -> CoreResult<Vec<Role>> {
    let mut stmt =
        conn.prepare_cached("SELECT role FROM user_roles WHERE user_id = ?1 ORDER BY role")?;
    let names: Vec<String> = stmt
        .query_map(params![id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut roles: Vec<Role> = names
        .iter()
        .map(|n| Role::parse(n).ok_or_else(|| CoreError::Corrupt(format!("unknown role {n:?}"))))
        .collect::<CoreResult<_>>()?;
    roles.sort();
    Ok(roles)
}

fn from_row(conn: &Connection, r: &rusqlite::Row<'_>) -> CoreResult<User> {
    let id: String = r.get(0)?;
    Ok(User {
        id: UserId::parse(&id).ok_or_else(|| CoreError::Corrupt(format!("bad user id {id:?}")))?,
        roles: roles_of(conn, &id)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        licence_number: r.get(3)?,
        npi: r.get(4)?,
        dea: r.get(5)?,
        active: r.get(6)?,
        version: r.get(7)?,
        created_at: instant_from_sql(&r.get::<_, String>(8)?)?,
        updated_at: instant_from_sql(&r.get::<_, String>(9)?)?,
    })
}

fn one(conn: &Connection, filter: &str, value: &str) -> CoreResult<Option<User>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM users WHERE {filter}"))?;
    let mut rows = stmt.query(params![value])?;
    match rows.next()? {
        Some(r) => Ok(Some(from_row(conn, r)?)),
        None => Ok(None),
    }
}

pub fn get(conn: &Connection, id: UserId) -> CoreResult<Option<User>> {
    one(conn, "id = ?1", &id.to_string())
}

pub fn by_username(conn: &Connection, username: &str) -> CoreResult<Option<User>> {
    one(conn, "username = ?1", username.trim())
}

pub fn list(conn: &Connection) -> CoreResult<Vec<User>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM users ORDER BY active DESC, display_name COLLATE NOCASE"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(from_row(conn, r)?);
    }
    Ok(out)
}

pub fn count_active_admins(conn: &Connection) -> CoreResult<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE u.active = 1 AND r.role = 'admin'",
        [],
        |r| r.get(0),
    )?)
}

pub fn count(conn: &Connection) -> CoreResult<u32> {
    Ok(conn.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?)
}

/// Whether `user` holds an unexpired emergency grant for `patient` at `now`.
pub fn active_grant(
    conn: &Connection,
    user: UserId,
    patient: &str,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM emergency_grants WHERE user_id = ?1 AND patient_id = ?2 AND expires_at > ?3 LIMIT 1",
        )?
        .query_row(params![user.to_string(), patient, instant_to_sql(now)], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn add_grant(
    conn: &Connection,
    user: UserId,
    patient: &str,
    reason: &str,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO emergency_grants (user_id, patient_id, reason, granted_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            user.to_string(),
            patient,
            reason,
            instant_to_sql(now),
            instant_to_sql(expires)
        ],
    )?;
    Ok(())
}

/// A user's display name, if the user exists.
pub fn display_name(conn: &Connection, id: UserId) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT display_name FROM users WHERE id = ?1")?
        .query_row(rusqlite::params![id.to_string()], |r| r.get(0))
        .optional()?)
}

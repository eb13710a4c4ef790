//! SQL for the front desk's printed lists: the appointments still to be reminded of on a
//! day (booked or confirmed), with every phone number of each patient.

use super::appointments::{query, SELECT};
use super::instant_to_sql;
use crate::error::CoreResult;
use crate::ids::PatientId;
use crate::schedule::Appointment;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

/// Booked and confirmed appointments starting in `[from, to)`, by start time then provider.
pub fn to_remind(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CoreResult<Vec<Appointment>> {
    let sql = format!(
        "{SELECT} WHERE a.starts_at >= ?1 AND a.starts_at < ?2
           AND a.status IN ('booked', 'confirmed')
         ORDER BY a.starts_at, u.display_name"
    );
    query(
        conn,
        &sql,
        params![instant_to_sql(from), instant_to_sql(to)],
    )
}

/// The patient's phone numbers in the order registered.
pub fn phones(conn: &Connection, patient: PatientId) -> CoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT number FROM patient_phones WHERE patient_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map(params![patient.to_string()], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}

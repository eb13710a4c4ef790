//! SQL for immunization entries (`immunizations`). Every writer — the chart, generated
//! practices — goes through `insert`.

use super::instant_to_sql;
use crate::error::CoreResult;
use crate::immunizations::NewImmunization;
use rusqlite::{params, Connection};

/// Writes one entry (inside the caller's transaction).
pub fn insert(conn: &Connection, i: &NewImmunization) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO immunizations (id, patient_id, visit_id, cvx, vaccine, kind, given_on,
             dose_number, lot, expires_on, manufacturer, site, route, given_by, given_by_name,
             vis_date, refusal_reason, source_note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20)",
    )?
    .execute(params![
        i.id.to_string(),
        i.patient.to_string(),
        i.visit.map(|v| v.to_string()),
        i.cvx,
        i.vaccine,
        i.kind.as_sql(),
        i.given_on.to_string(),
        i.dose_number,
        i.lot,
        i.expires_on.map(|d| d.to_string()),
        i.manufacturer,
        i.site,
        i.route,
        i.given_by.map(|u| u.to_string()),
        i.given_by_name,
        i.vis_date.map(|d| d.to_string()),
        i.refusal_reason,
        i.source_note,
        i.recorded_by.to_string(),
        instant_to_sql(i.recorded_at),
    ])?;
    Ok(())
}

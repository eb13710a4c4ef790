//! SQL for `fhir_import_sources`: which chart each record of an old system became, so an
//! import run again (or resumed) finds the charts it already made.

use super::instant_to_sql;
use crate::error::CoreResult;
use crate::ids::{PatientId, UserId};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

/// The chart made from `source` (`system|value` of the old record), with its number.
pub fn find(conn: &Connection, source: &str) -> CoreResult<Option<(PatientId, u32)>> {
    let row: Option<(String, u32)> = conn
        .prepare_cached(
            "SELECT s.patient_id, p.mrn FROM fhir_import_sources s
               JOIN patients p ON p.id = s.patient_id
              WHERE s.source = ?1",
        )?
        .query_row([source], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row.and_then(|(id, mrn)| PatientId::parse(&id).map(|id| (id, mrn))))
}

pub fn insert(
    conn: &Connection,
    source: &str,
    patient: PatientId,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO fhir_import_sources (source, patient_id, imported_by, imported_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        source,
        patient.to_string(),
        by.to_string(),
        instant_to_sql(at)
    ])?;
    Ok(())
}

//! SQL for allergies, their history and the "no known allergies" statements.

use crate::chart::allergies::AllergyState;
use crate::error::CoreResult;
use crate::ids::PatientId;
use rusqlite::{params, Connection, OptionalExtension};

/// The banner's state for one patient (see [`AllergyState`]).
#[allow(dead_code)] // read by the banner and the summary (their owners wire it)
pub fn state(conn: &Connection, patient: PatientId) -> CoreResult<AllergyState> {
    let (active, high): (u32, u32) = conn.query_row(
        "SELECT count(*), ifnull(sum(criticality = 'high'), 0) FROM allergies
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL",
        params![patient.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if active > 0 {
        return Ok(AllergyState::Allergies {
            active,
            high_criticality: high,
        });
    }
    let statement: Option<String> = conn
        .query_row(
            "SELECT statement FROM allergy_statements
             WHERE patient_id = ?1 AND withdrawn_at IS NULL
             ORDER BY recorded_at DESC LIMIT 1",
            params![patient.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match statement.as_deref() {
        Some("no_known_drug_allergies") => AllergyState::NoKnownAllergies { drugs_only: true },
        Some(_) => AllergyState::NoKnownAllergies { drugs_only: false },
        None => AllergyState::NotAsked,
    })
}

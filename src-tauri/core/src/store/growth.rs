//! SQL for growth charts: the child's date of birth and sex at birth, and the growth
//! measurements of their vitals (read only; growth charts store nothing).

use super::{date_from_sql, instant_from_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, VitalsId};
use crate::patient::SexAtBirth;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};

/// The patient's date of birth and sex at birth, `None` if there is no such patient.
pub fn child(conn: &Connection, patient: PatientId) -> CoreResult<Option<(NaiveDate, SexAtBirth)>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT date_of_birth, sex_at_birth FROM patients WHERE id = ?1")?
        .query_row([patient.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(born, sex)| {
        Ok((
            date_from_sql(&born)?,
            SexAtBirth::parse(&sex)
                .ok_or_else(|| CoreError::Corrupt(format!("unknown sex {sex:?}")))?,
        ))
    })
    .transpose()
}

/// One set's growth measurements (canonical units: kg, cm, kg/m²).
#[derive(Debug, Clone, PartialEq)]
pub struct GrowthRow {
    pub id: VitalsId,
    pub taken_at: DateTime<Utc>,
    pub weight_kg: Option<f64>,
    pub height_cm: Option<f64>,
    pub bmi: Option<f64>,
    pub head_circumference_cm: Option<f64>,
}

/// The patient's sets with a weight, height, BMI or head circumference, oldest first,
/// leaving out the sets entered in error.
pub fn measurements(conn: &Connection, patient: PatientId) -> CoreResult<Vec<GrowthRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, taken_at, weight_kg, height_cm, bmi, head_circumference_cm FROM vitals \
         WHERE patient_id = ?1 AND entered_in_error_at IS NULL \
           AND (weight_kg IS NOT NULL OR height_cm IS NOT NULL OR bmi IS NOT NULL \
                OR head_circumference_cm IS NOT NULL) \
         ORDER BY taken_at, recorded_at",
    )?;
    let mut rows = stmt.query([patient.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let at: String = r.get(1)?;
        out.push(GrowthRow {
            id: VitalsId::parse(&id)
                .ok_or_else(|| CoreError::Corrupt(format!("bad vitals id {id:?}")))?,
            taken_at: instant_from_sql(&at)?,
            weight_kg: r.get(2)?,
            height_cm: r.get(3)?,
            bmi: r.get(4)?,
            head_circumference_cm: r.get(5)?,
        });
    }
    Ok(out)
}

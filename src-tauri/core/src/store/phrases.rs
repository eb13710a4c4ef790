//! SQL for smart phrases, and the chart reads the built-in phrases make (vitals, allergies,
//! problems, age), kept here rather than borrowed from those areas so a phrase's wording does
//! not depend on how their screens read.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::chart::phrases::builtin::{AllergyLine, VitalsLine};
use crate::chart::phrases::StoredPhrase;
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, PhraseId, UserId, VisitId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, owner_id, abbreviation, expansion, retired, updated_at";

fn from_row(r: &Row<'_>) -> CoreResult<StoredPhrase> {
    let id: String = r.get(0)?;
    let owner: Option<String> = r.get(1)?;
    let updated_at: String = r.get(5)?;
    let owner = match owner {
        Some(o) => Some(
            UserId::parse(&o).ok_or_else(|| CoreError::Corrupt(format!("bad user id {o:?}")))?,
        ),
        None => None,
    };
    Ok(StoredPhrase {
        id: PhraseId::parse(&id)
            .ok_or_else(|| CoreError::Corrupt(format!("bad phrase id {id:?}")))?,
        owner,
        abbreviation: r.get(2)?,
        expansion: r.get(3)?,
        retired: r.get(4)?,
        updated_at: instant_from_sql(&updated_at)?,
    })
}

/// The practice's phrases and `user`'s own, in use.
pub fn list_for(conn: &Connection, user: UserId) -> CoreResult<Vec<StoredPhrase>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM smart_phrases
         WHERE retired = 0 AND (owner_id IS NULL OR owner_id = ?1)
         ORDER BY abbreviation"
    ))?;
    let mut rows = stmt.query(params![user.to_string()])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(from_row(row)?);
    }
    Ok(out)
}

pub fn get(conn: &Connection, id: PhraseId) -> CoreResult<Option<StoredPhrase>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM smart_phrases WHERE id = ?1"
    ))?;
    let mut rows = stmt.query(params![id.to_string()])?;
    match rows.next()? {
        Some(row) => from_row(row).map(Some),
        None => Ok(None),
    }
}

/// The expansion `user` gets for `abbreviation`: their own phrase, else the practice's.
pub fn find(conn: &Connection, user: UserId, abbreviation: &str) -> CoreResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT expansion FROM smart_phrases
             WHERE abbreviation = ?2 AND retired = 0 AND (owner_id = ?1 OR owner_id IS NULL)
             ORDER BY owner_id IS NULL LIMIT 1",
            params![user.to_string(), abbreviation],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether another phrase in use of the same owner has this abbreviation.
pub fn abbreviation_taken(
    conn: &Connection,
    id: PhraseId,
    owner: Option<UserId>,
    abbreviation: &str,
) -> CoreResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM smart_phrases
             WHERE abbreviation = ?1 AND retired = 0 AND owner_id IS ?2 AND id <> ?3",
            params![abbreviation, owner.map(|o| o.to_string()), id.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn insert(
    tx: &Connection,
    id: PhraseId,
    owner: Option<UserId>,
    abbreviation: &str,
    expansion: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO smart_phrases (id, owner_id, abbreviation, expansion, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id.to_string(),
            owner.map(|o| o.to_string()),
            abbreviation,
            expansion,
            instant_to_sql(now),
            by.to_string()
        ],
    )?;
    Ok(())
}

pub fn update(
    tx: &Connection,
    id: PhraseId,
    abbreviation: &str,
    expansion: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "UPDATE smart_phrases SET abbreviation = ?2, expansion = ?3, updated_at = ?4, updated_by = ?5
         WHERE id = ?1 AND retired = 0",
        params![
            id.to_string(),
            abbreviation,
            expansion,
            instant_to_sql(now),
            by.to_string()
        ],
    )?;
    Ok(())
}

/// Retires a phrase in use; false if it was not (absent or already retired).
pub fn retire(tx: &Connection, id: PhraseId, by: UserId, now: DateTime<Utc>) -> CoreResult<bool> {
    let n = tx.execute(
        "UPDATE smart_phrases SET retired = 1, updated_at = ?2, updated_by = ?3
         WHERE id = ?1 AND retired = 0",
        params![id.to_string(), instant_to_sql(now), by.to_string()],
    )?;
    Ok(n == 1)
}

/// The latest set of vitals not entered in error: of `visit` if given, else taken during
/// the practice's today (`from` ≤ taken_at < `until`).
pub fn latest_vitals(
    conn: &Connection,
    patient: PatientId,
    visit: Option<VisitId>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> CoreResult<Option<VitalsLine>> {
    let map = |r: &Row<'_>| -> rusqlite::Result<VitalsLine> {
        Ok(VitalsLine {
            systolic: r.get(0)?,
            diastolic: r.get(1)?,
            position: r.get(2)?,
            pulse: r.get(3)?,
            respiration: r.get(4)?,
            temperature_c: r.get(5)?,
            spo2: r.get(6)?,
            weight_kg: r.get(7)?,
            height_cm: r.get(8)?,
            bmi: r.get(9)?,
            head_circumference_cm: r.get(10)?,
            pain_score: r.get(11)?,
        })
    };
    const SELECT: &str = "SELECT systolic, diastolic, bp_position, pulse, respiration,
                temperature_c, spo2, weight_kg, height_cm, bmi, head_circumference_cm, pain_score
         FROM vitals";
    let found = match visit {
        Some(v) => conn
            .prepare_cached(&format!(
                "{SELECT} WHERE patient_id = ?1 AND visit_id = ?2 AND entered_in_error_at IS NULL
                 ORDER BY taken_at DESC LIMIT 1"
            ))?
            .query_row(params![patient.to_string(), v.to_string()], map)
            .optional()?,
        None => conn
            .prepare_cached(&format!(
                "{SELECT} WHERE patient_id = ?1 AND taken_at >= ?2 AND taken_at < ?3
                   AND entered_in_error_at IS NULL
                 ORDER BY taken_at DESC LIMIT 1"
            ))?
            .query_row(
                params![
                    patient.to_string(),
                    instant_to_sql(from),
                    instant_to_sql(until)
                ],
                map,
            )
            .optional()?,
    };
    Ok(found)
}

/// Active allergies and intolerances not entered in error, as first recorded.
pub fn active_allergies(conn: &Connection, patient: PatientId) -> CoreResult<Vec<AllergyLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT substance, reaction, severity, kind FROM allergies
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL
         ORDER BY recorded_at, substance",
    )?;
    let rows = stmt.query_map(params![patient.to_string()], |r| {
        Ok(AllergyLine {
            substance: r.get(0)?,
            reaction: r.get(1)?,
            severity: r.get(2)?,
            intolerance: r.get::<_, String>(3)? == "intolerance",
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Active problems not entered in error, as (description, ICD-10-CM code), oldest first.
pub fn active_problems(
    conn: &Connection,
    patient: PatientId,
) -> CoreResult<Vec<(String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT description, code FROM problems
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL
         ORDER BY created_at, description",
    )?;
    let rows = stmt.query_map(params![patient.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The patient's birth date and sex at birth.
pub fn birth_and_sex(
    conn: &Connection,
    patient: PatientId,
) -> CoreResult<Option<(NaiveDate, String)>> {
    let found: Option<(String, String)> = conn
        .query_row(
            "SELECT date_of_birth, sex_at_birth FROM patients WHERE id = ?1",
            params![patient.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        Some((born, sex)) => Ok(Some((date_from_sql(&born)?, sex))),
        None => Ok(None),
    }
}

/// Rows of other areas' tables for the built-in phrases' tests, written the way those areas
/// store them (their own operations are built elsewhere).
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    pub fn visit(tx: &Connection, id: VisitId, patient: PatientId, by: UserId, at: DateTime<Utc>) {
        tx.execute(
            "INSERT INTO visits (id, patient_id, provider_id, started_at, visit_type, reason,
                                 created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, 'office', 'cough', ?4, ?3)",
            params![
                id.to_string(),
                patient.to_string(),
                by.to_string(),
                instant_to_sql(at)
            ],
        )
        .unwrap();
    }

    /// A set with BP and pulse only (and the error marking, if `error`).
    #[allow(clippy::too_many_arguments)]
    pub fn vitals(
        tx: &Connection,
        id: u128,
        patient: PatientId,
        visit: Option<VisitId>,
        taken_at: DateTime<Utc>,
        by: UserId,
        bp: (i64, i64),
        pulse: i64,
        error: bool,
    ) {
        let (err_at, err_by, err_reason) = if error {
            (
                Some(instant_to_sql(taken_at)),
                Some(by.to_string()),
                Some("wrong patient"),
            )
        } else {
            (None, None, None)
        };
        tx.execute(
            "INSERT INTO vitals (id, patient_id, visit_id, taken_at, recorded_at, recorded_by,
                                 systolic, diastolic, bp_position, pulse, entered_in_error_at,
                                 entered_in_error_by, entered_in_error_reason)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, 'sitting', ?8, ?9, ?10, ?11)",
            params![
                uuid::Uuid::from_u128(id).to_string(),
                patient.to_string(),
                visit.map(|v| v.to_string()),
                instant_to_sql(taken_at),
                by.to_string(),
                bp.0,
                bp.1,
                pulse,
                err_at,
                err_by,
                err_reason
            ],
        )
        .unwrap();
    }

    pub fn allergy(
        tx: &Connection,
        id: u128,
        patient: PatientId,
        (substance, reaction, status): (&str, &str, &str),
        by: UserId,
        at: DateTime<Utc>,
    ) {
        tx.execute(
            "INSERT INTO allergies (id, patient_id, substance, category, kind, reaction, severity,
                                    criticality, status, version, recorded_at, recorded_by,
                                    updated_at, updated_by)
             VALUES (?1, ?2, ?3, 'drug', 'allergy', ?4, 'moderate', 'low', ?5, 1, ?6, ?7, ?6, ?7)",
            params![
                uuid::Uuid::from_u128(id).to_string(),
                patient.to_string(),
                substance,
                reaction,
                status,
                instant_to_sql(at),
                by.to_string()
            ],
        )
        .unwrap();
    }

    pub fn no_known_drug_allergies(
        tx: &Connection,
        patient: PatientId,
        by: UserId,
        at: DateTime<Utc>,
    ) {
        tx.execute(
            "INSERT INTO allergy_statements (id, patient_id, statement, recorded_at, recorded_by)
             VALUES (?1, ?2, 'no_known_drug_allergies', ?3, ?4)",
            params![
                uuid::Uuid::from_u128(1).to_string(),
                patient.to_string(),
                instant_to_sql(at),
                by.to_string()
            ],
        )
        .unwrap();
    }

    pub fn problem(
        tx: &Connection,
        id: u128,
        patient: PatientId,
        (description, code, status): (&str, Option<&str>, &str),
        by: UserId,
        at: DateTime<Utc>,
    ) {
        tx.execute(
            "INSERT INTO problems (id, patient_id, code, description, status, version,
                                   created_at, created_by, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?6, ?7)",
            params![
                uuid::Uuid::from_u128(id).to_string(),
                patient.to_string(),
                code,
                description,
                status,
                instant_to_sql(at),
                by.to_string()
            ],
        )
        .unwrap();
    }
}

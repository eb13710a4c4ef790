//! Bulk SQL for a generated practice's check-up data (see `synth::checkup`): what the generator
//! reads beyond the chart (a warfarin user's first prescription) and the one change a
//! generated lab report takes after `lab_results::insert_report` wrote it, its review. Lab
//! reports and immunizations themselves are written by `store::lab_results::insert_report`
//! and `store::immunizations::insert`, the paths every writer uses, inside the large
//! transaction the caller opened.

use super::instant_to_sql;
use crate::error::CoreResult;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

/// Whether any lab report or immunization exists (generated check-up data goes only into a
/// practice without either).
pub fn any_checkup_data(conn: &Connection) -> CoreResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM lab_reports) OR EXISTS (SELECT 1 FROM immunizations)",
        [],
        |r| r.get(0),
    )?)
}

/// Whether any screening procedure is recorded (generated screenings go only into a practice
/// without one).
pub fn any_screening(conn: &Connection) -> CoreResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM screening_procedures)",
        [],
        |r| r.get(0),
    )?)
}

/// The day a patient who takes warfarin now first had it (none: not on warfarin now).
pub fn warfarin_since(conn: &Connection, patient: &str) -> CoreResult<Option<NaiveDate>> {
    let first: Option<String> = conn
        .prepare_cached(
            "SELECT min(COALESCE(start_date, substr(written_at, 1, 10))) FROM medications
             WHERE patient_id = ?1 AND ingredient_codes LIKE '%drug:warfarin%'
               AND status <> 'draft'
             HAVING max(status = 'active') = 1",
        )?
        .query_row(params![patient], |r| r.get(0))
        .optional()?
        .flatten();
    first.as_deref().map(super::date_from_sql).transpose()
}

/// Signs a generated report off (the review the trigger lets a report take once).
pub fn review(
    tx: &Connection,
    report: &str,
    by: &str,
    at: DateTime<Utc>,
    comment: Option<&str>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "UPDATE lab_reports SET reviewed_by = ?2, reviewed_at = ?3, review_comment = ?4
         WHERE id = ?1 AND reviewed_at IS NULL",
    )?
    .execute(params![report, by, instant_to_sql(at), comment])?;
    Ok(())
}

/// How many vitals of the patient carry a height and a weight (a growth chart's points).
pub fn growth_points(conn: &Connection, patient: &str) -> CoreResult<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM vitals WHERE patient_id = ?1 AND height_cm IS NOT NULL
               AND weight_kg IS NOT NULL AND entered_in_error_at IS NULL",
        )?
        .query_row(params![patient], |r| r.get(0))?)
}

/// The patient lists a kept benchmark practice's check-up ops sample from, as
/// `add_generated_checkup` returned them (chart-number order): patients with an HbA1c, a
/// creatinine, an LDL; living children under 19 with three or more growth points; living
/// adults. `born_19`/`born_18`: the birth dates that make 19 and 18 on the practice's today.
pub fn kept_lists(
    conn: &Connection,
    born_19: NaiveDate,
    born_18: NaiveDate,
) -> CoreResult<[Vec<String>; 5]> {
    let ids = |sql: &str, arg: String| -> CoreResult<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map(params![arg], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    };
    let with = |loinc: &str| {
        ids(
            "SELECT p.id FROM patients p WHERE EXISTS (SELECT 1 FROM lab_results r
               WHERE r.patient_id = p.id AND r.loinc = ?1) ORDER BY p.mrn",
            loinc.to_string(),
        )
    };
    Ok([
        with("4548-4")?,
        with("2160-0")?,
        with("18262-6")?,
        ids(
            "SELECT p.id FROM patients p WHERE p.status <> 'deceased' AND p.date_of_birth > ?1
               AND (SELECT count(*) FROM vitals v WHERE v.patient_id = p.id
                      AND v.height_cm IS NOT NULL AND v.weight_kg IS NOT NULL
                      AND v.entered_in_error_at IS NULL) >= 3
             ORDER BY p.mrn",
            born_19.to_string(),
        )?,
        ids(
            "SELECT p.id FROM patients p WHERE p.status <> 'deceased' AND p.date_of_birth <= ?1
             ORDER BY p.mrn",
            born_18.to_string(),
        )?,
    ])
}

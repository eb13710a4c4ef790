//! SQL for visit diagnoses (`visit_diagnoses`), the visit facts they depend on, and the
//! practice's recently used codes (`icd_recent`).

use super::{instant_from_sql, instant_to_sql};
use crate::chart::common::ErrorMark;
use crate::chart::diagnoses::VisitDiagnosis;
use crate::error::{CoreError, CoreResult};
use crate::icd10;
use crate::ids::{DiagnosisId, PatientId, UserId, VisitId};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

pub(crate) fn parse_id<T>(text: &str, parse: fn(&str) -> Option<T>, kind: &str) -> CoreResult<T> {
    parse(text).ok_or_else(|| CoreError::Corrupt(format!("bad {kind} id {text:?}")))
}

/// An entered-in-error marking from its stored columns (at, by, by's name, reason).
pub(crate) fn error_mark(
    at: Option<String>,
    by: Option<String>,
    by_name: Option<String>,
    reason: Option<String>,
) -> CoreResult<Option<ErrorMark>> {
    let (Some(at), Some(by)) = (at, by) else {
        return Ok(None);
    };
    Ok(Some(ErrorMark {
        at: instant_from_sql(&at)?,
        by: parse_id(&by, UserId::parse, "user")?,
        by_name: by_name.unwrap_or_default(),
        reason: reason.unwrap_or_default(),
    }))
}

const DIAGNOSIS_SELECT: &str = "
    SELECT d.id, d.visit_id, d.patient_id, d.code, d.description, d.is_primary, d.position,
           d.added_at, d.added_by, ua.display_name,
           d.entered_in_error_at, d.entered_in_error_by, ue.display_name, d.entered_in_error_reason,
           EXISTS (SELECT 1 FROM problems p
                   WHERE p.patient_id = d.patient_id AND p.status = 'active'
                     AND p.code = d.code AND p.entered_in_error_at IS NULL)
    FROM visit_diagnoses d
    JOIN users ua ON ua.id = d.added_by
    LEFT JOIN users ue ON ue.id = d.entered_in_error_by";

fn diagnosis(r: &Row<'_>) -> rusqlite::Result<CoreResult<VisitDiagnosis>> {
    let id: String = r.get(0)?;
    let visit: String = r.get(1)?;
    let patient: String = r.get(2)?;
    let code: String = r.get(3)?;
    let description: String = r.get(4)?;
    let primary: bool = r.get(5)?;
    let position: i64 = r.get(6)?;
    let added_at: String = r.get(7)?;
    let added_by: String = r.get(8)?;
    let added_by_name: String = r.get(9)?;
    let mark = (r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?);
    let on_problem_list: bool = r.get(14)?;
    Ok((|| {
        Ok(VisitDiagnosis {
            id: parse_id(&id, DiagnosisId::parse, "diagnosis")?,
            visit_id: parse_id(&visit, VisitId::parse, "visit")?,
            patient_id: parse_id(&patient, PatientId::parse, "patient")?,
            path: icd10::path(&code)?,
            code,
            description,
            primary,
            position: u32::try_from(position).unwrap_or(u32::MAX),
            added_at: instant_from_sql(&added_at)?,
            added_by: parse_id(&added_by, UserId::parse, "user")?,
            added_by_name,
            on_problem_list,
            entered_in_error: error_mark(mark.0, mark.1, mark.2, mark.3)?,
        })
    })())
}

/// The visit's diagnoses in the order they were added.
pub fn list(conn: &Connection, visit: VisitId) -> CoreResult<Vec<VisitDiagnosis>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{DIAGNOSIS_SELECT} WHERE d.visit_id = ?1 ORDER BY d.position"
    ))?;
    let rows = stmt.query_map(params![visit.to_string()], diagnosis)?;
    rows.map(|r| r?).collect()
}

pub fn get(conn: &Connection, id: DiagnosisId) -> CoreResult<Option<VisitDiagnosis>> {
    let mut stmt = conn.prepare_cached(&format!("{DIAGNOSIS_SELECT} WHERE d.id = ?1"))?;
    stmt.query_row(params![id.to_string()], diagnosis)
        .optional()?
        .transpose()
}

/// A new diagnosis at the end of the visit's list.
pub struct NewDiagnosis<'a> {
    pub id: DiagnosisId,
    pub visit: VisitId,
    pub patient: PatientId,
    pub code: &'a str,
    pub description: &'a str,
    pub primary: bool,
    pub by: UserId,
    pub at: DateTime<Utc>,
}

pub fn insert(tx: &Connection, d: &NewDiagnosis<'_>) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO visit_diagnoses (id, visit_id, patient_id, code, description, is_primary,
                                      position, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                 (SELECT COALESCE(MAX(position) + 1, 0) FROM visit_diagnoses WHERE visit_id = ?2),
                 ?7, ?8)",
        params![
            d.id.to_string(),
            d.visit.to_string(),
            d.patient.to_string(),
            d.code,
            d.description,
            d.primary,
            instant_to_sql(d.at),
            d.by.to_string(),
        ],
    )?;
    Ok(())
}

/// Diagnoses on the visit not marked entered in error: (code, is primary).
pub fn standing(conn: &Connection, visit: VisitId) -> CoreResult<Vec<(String, bool)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, is_primary FROM visit_diagnoses
         WHERE visit_id = ?1 AND entered_in_error_at IS NULL",
    )?;
    let rows = stmt.query_map(params![visit.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Makes `id` the visit's one primary diagnosis (the old primary loses the mark first, so
/// the one-primary index holds at every step).
pub fn make_primary(tx: &Connection, visit: VisitId, id: Option<DiagnosisId>) -> CoreResult<()> {
    tx.execute(
        "UPDATE visit_diagnoses SET is_primary = 0 WHERE visit_id = ?1 AND is_primary = 1",
        params![visit.to_string()],
    )?;
    if let Some(id) = id {
        tx.execute(
            "UPDATE visit_diagnoses SET is_primary = 1 WHERE id = ?1",
            params![id.to_string()],
        )?;
    }
    Ok(())
}

/// Marks a diagnosis entered in error; false when it already was.
pub fn mark_entered_in_error(
    tx: &Connection,
    id: DiagnosisId,
    by: UserId,
    at: DateTime<Utc>,
    reason: &str,
) -> CoreResult<bool> {
    let n = tx.execute(
        "UPDATE visit_diagnoses
         SET entered_in_error_at = ?2, entered_in_error_by = ?3, entered_in_error_reason = ?4
         WHERE id = ?1 AND entered_in_error_at IS NULL",
        params![id.to_string(), instant_to_sql(at), by.to_string(), reason],
    )?;
    Ok(n == 1)
}

/// Counts one more use of `code` by the practice.
pub fn touch_recent(tx: &Connection, code: &str, at: DateTime<Utc>) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO icd_recent (code, uses, last_used_at) VALUES (?1, 1, ?2)
         ON CONFLICT (code) DO UPDATE SET uses = uses + 1, last_used_at = excluded.last_used_at",
        params![code, instant_to_sql(at)],
    )?;
    Ok(())
}

/// How often the practice used each of `codes` (absent: never), in one query.
pub fn recent_uses(
    conn: &Connection,
    codes: &[&str],
) -> CoreResult<std::collections::HashMap<String, u32>> {
    if codes.is_empty() {
        return Ok(Default::default());
    }
    let marks = vec!["?"; codes.len()].join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT code, uses FROM icd_recent WHERE code IN ({marks})"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(codes), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The practice's most used codes, most used and then most recent first.
pub fn top_recent(conn: &Connection, limit: usize) -> CoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code FROM icd_recent ORDER BY uses DESC, last_used_at DESC, code LIMIT ?1",
    )?;
    let rows = stmt.query_map(params![i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
        r.get::<_, String>(0)
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

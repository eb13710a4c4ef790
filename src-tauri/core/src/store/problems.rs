//! SQL for the problem list: `problems` (the current state), `problem_history` (every
//! version, append-only) and `problem_visits` (which visits addressed a problem).

use super::diagnoses::{error_mark, parse_id};
use super::{instant_from_sql, instant_to_sql};
use crate::chart::problems::{
    Problem, ProblemChange, ProblemStatus, ProblemVersion, ProblemVisit, ValidProblem,
};
use crate::error::{CoreError, CoreResult};
use crate::icd10;
use crate::ids::{PatientId, ProblemId, UserId, VisitId};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

fn status_from_sql(text: &str) -> CoreResult<ProblemStatus> {
    ProblemStatus::parse(text)
        .ok_or_else(|| CoreError::Corrupt(format!("bad problem status {text:?}")))
}

pub fn insert(
    tx: &Connection,
    id: ProblemId,
    patient: PatientId,
    p: &ValidProblem,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO problems (id, patient_id, code, description, status, onset_date,
                               resolved_date, comment, version, created_at, created_by,
                               updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10, ?9, ?10)",
        params![
            id.to_string(),
            patient.to_string(),
            p.code,
            p.description,
            p.status.as_str(),
            p.onset,
            p.resolved,
            p.comment,
            instant_to_sql(at),
            by.to_string(),
        ],
    )?;
    Ok(())
}

/// Replaces the problem's content if it is still at `expected_version` and not entered in
/// error; false otherwise.
pub fn update(
    tx: &Connection,
    id: ProblemId,
    expected_version: u32,
    p: &ValidProblem,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = tx.execute(
        "UPDATE problems SET code = ?3, description = ?4, status = ?5, onset_date = ?6,
                resolved_date = ?7, comment = ?8, version = version + 1, updated_at = ?9,
                updated_by = ?10
         WHERE id = ?1 AND version = ?2 AND entered_in_error_at IS NULL",
        params![
            id.to_string(),
            expected_version,
            p.code,
            p.description,
            p.status.as_str(),
            p.onset,
            p.resolved,
            p.comment,
            instant_to_sql(at),
            by.to_string(),
        ],
    )?;
    Ok(n == 1)
}

/// Marks the problem entered in error (a new version); false when it already was.
pub fn mark_entered_in_error(
    tx: &Connection,
    id: ProblemId,
    by: UserId,
    at: DateTime<Utc>,
    reason: &str,
) -> CoreResult<bool> {
    let n = tx.execute(
        "UPDATE problems SET version = version + 1, updated_at = ?2, updated_by = ?3,
                entered_in_error_at = ?2, entered_in_error_by = ?3, entered_in_error_reason = ?4
         WHERE id = ?1 AND entered_in_error_at IS NULL",
        params![id.to_string(), instant_to_sql(at), by.to_string(), reason],
    )?;
    Ok(n == 1)
}

/// Copies the problem as it now stands into its history: called after every change, in its
/// transaction, so the history holds every version including the current one.
pub fn record_version(
    tx: &Connection,
    id: ProblemId,
    change: ProblemChange,
    reason: Option<&str>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO problem_history (problem_id, version, change, code, description, status,
                                      onset_date, resolved_date, comment, changed_at,
                                      changed_by, reason)
         SELECT id, version, ?2, code, description, status, onset_date, resolved_date, comment,
                updated_at, updated_by, ?3
         FROM problems WHERE id = ?1",
        params![id.to_string(), change.as_str(), reason],
    )?;
    Ok(())
}

/// Links a visit to the problem; false when it already was.
pub fn link_visit(
    tx: &Connection,
    problem: ProblemId,
    visit: VisitId,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = tx.execute(
        "INSERT OR IGNORE INTO problem_visits (problem_id, visit_id, linked_at, linked_by)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            problem.to_string(),
            visit.to_string(),
            instant_to_sql(at),
            by.to_string()
        ],
    )?;
    Ok(n == 1)
}

/// The patient's active problem with `code` (not entered in error), if any.
pub fn active_with_code(
    conn: &Connection,
    patient: PatientId,
    code: &str,
) -> CoreResult<Option<ProblemId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM problems
         WHERE patient_id = ?1 AND status = 'active' AND code = ?2
           AND entered_in_error_at IS NULL
         ORDER BY created_at LIMIT 1",
    )?;
    let id: Option<String> = stmt
        .query_row(params![patient.to_string(), code], |r| r.get(0))
        .optional()?;
    id.map(|t| parse_id(&t, ProblemId::parse, "problem"))
        .transpose()
}

const PROBLEM_SELECT: &str = "
    SELECT p.id, p.patient_id, p.code, p.description, p.status, p.onset_date, p.resolved_date,
           p.comment, p.version, p.created_at, uc.display_name, p.updated_at, uu.display_name,
           p.entered_in_error_at, p.entered_in_error_by, ue.display_name,
           p.entered_in_error_reason
    FROM problems p
    JOIN users uc ON uc.id = p.created_by
    JOIN users uu ON uu.id = p.updated_by
    LEFT JOIN users ue ON ue.id = p.entered_in_error_by";

type RawProblem = (
    [String; 2],
    Option<String>,
    String,
    String,
    [Option<String>; 2],
    String,
    i64,
    [String; 4],
    [Option<String>; 4],
);

fn raw_problem(r: &Row<'_>) -> rusqlite::Result<RawProblem> {
    Ok((
        [r.get(0)?, r.get(1)?],
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        [r.get(5)?, r.get(6)?],
        r.get(7)?,
        r.get(8)?,
        [r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?],
        [r.get(13)?, r.get(14)?, r.get(15)?, r.get(16)?],
    ))
}

fn problem(conn: &Connection, raw: RawProblem) -> CoreResult<Problem> {
    let (
        [id, patient],
        code,
        description,
        status,
        [onset, resolved],
        comment,
        version,
        times,
        mark,
    ) = raw;
    let [created_at, created_by_name, updated_at, updated_by_name] = times;
    let [mark_at, mark_by, mark_name, mark_reason] = mark;
    let id = parse_id(&id, ProblemId::parse, "problem")?;
    Ok(Problem {
        id,
        patient_id: parse_id(&patient, PatientId::parse, "patient")?,
        path: match &code {
            Some(c) => icd10::path(c)?,
            None => String::new(),
        },
        code,
        description,
        status: status_from_sql(&status)?,
        onset,
        resolved,
        comment,
        version: u32::try_from(version).unwrap_or(u32::MAX),
        created_at: instant_from_sql(&created_at)?,
        created_by_name,
        updated_at: instant_from_sql(&updated_at)?,
        updated_by_name,
        entered_in_error: error_mark(mark_at, mark_by, mark_name, mark_reason)?,
        visits: visits(conn, id)?,
    })
}

pub fn get(conn: &Connection, id: ProblemId) -> CoreResult<Option<Problem>> {
    let mut stmt = conn.prepare_cached(&format!("{PROBLEM_SELECT} WHERE p.id = ?1"))?;
    let raw = stmt
        .query_row(params![id.to_string()], raw_problem)
        .optional()?;
    raw.map(|raw| problem(conn, raw)).transpose()
}

/// The patient's problems: active, inactive, resolved, then those entered in error; by
/// description within each.
pub fn list(conn: &Connection, patient: PatientId) -> CoreResult<Vec<Problem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{PROBLEM_SELECT} WHERE p.patient_id = ?1
         ORDER BY p.entered_in_error_at IS NOT NULL,
                  CASE p.status WHEN 'active' THEN 0 WHEN 'inactive' THEN 1 ELSE 2 END,
                  p.description COLLATE NOCASE, p.created_at"
    ))?;
    let raws = stmt
        .query_map(params![patient.to_string()], raw_problem)?
        .collect::<Result<Vec<_>, _>>()?;
    raws.into_iter().map(|raw| problem(conn, raw)).collect()
}

fn visits(conn: &Connection, problem: ProblemId) -> CoreResult<Vec<ProblemVisit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.started_at, v.reason FROM problem_visits pv
         JOIN visits v ON v.id = pv.visit_id
         WHERE pv.problem_id = ?1 ORDER BY v.started_at DESC",
    )?;
    let rows = stmt.query_map(params![problem.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    rows.map(|row| {
        let (id, started, reason) = row?;
        Ok(ProblemVisit {
            visit_id: parse_id(&id, VisitId::parse, "visit")?,
            started_at: instant_from_sql(&started)?,
            reason,
        })
    })
    .collect()
}

/// Every version of the problem, oldest first (`changed` left empty for the caller).
pub fn history(conn: &Connection, id: ProblemId) -> CoreResult<Vec<ProblemVersion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.version, h.change, h.code, h.description, h.status, h.onset_date,
                h.resolved_date, h.comment, h.changed_at, h.changed_by, u.display_name, h.reason
         FROM problem_history h JOIN users u ON u.id = h.changed_by
         WHERE h.problem_id = ?1 ORDER BY h.version",
    )?;
    let rows = stmt.query_map(params![id.to_string()], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            [r.get::<_, Option<String>>(5)?, r.get(6)?],
            r.get::<_, String>(7)?,
            [r.get::<_, String>(8)?, r.get(9)?, r.get(10)?],
            r.get::<_, Option<String>>(11)?,
        ))
    })?;
    rows.map(|row| {
        let (version, change, code, description, status, [onset, resolved], comment, who, reason) =
            row?;
        let [changed_at, changed_by, changed_by_name] = who;
        Ok(ProblemVersion {
            version: u32::try_from(version).unwrap_or(u32::MAX),
            change: ProblemChange::parse(&change)
                .ok_or_else(|| CoreError::Corrupt(format!("bad problem change {change:?}")))?,
            code,
            description,
            status: status_from_sql(&status)?,
            onset,
            resolved,
            comment,
            changed_at: instant_from_sql(&changed_at)?,
            changed_by: parse_id(&changed_by, UserId::parse, "user")?,
            changed_by_name,
            reason,
            changed: Vec::new(),
        })
    })
    .collect()
}

//! SQL for result files (`hl7_imports`), the results folder (`results_folder`), and the
//! lookups a file's matching needs: a patient by MRN or by family name and birth date, a
//! physician by NPI or name, the patient's last visit's provider, and the result a
//! correction supersedes.

use super::{instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{Hl7ImportId, LabResultId, PatientId, UserId};
use crate::text;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// A result file's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStatus {
    Matched,
    Held,
    Refused,
}

impl ImportStatus {
    pub fn as_sql(self) -> &'static str {
        match self {
            ImportStatus::Matched => "matched",
            ImportStatus::Held => "held",
            ImportStatus::Refused => "refused",
        }
    }

    fn from_sql(text: &str) -> CoreResult<ImportStatus> {
        match text {
            "matched" => Ok(ImportStatus::Matched),
            "held" => Ok(ImportStatus::Held),
            "refused" => Ok(ImportStatus::Refused),
            other => Err(CoreError::Corrupt(format!(
                "bad result file status {other:?}"
            ))),
        }
    }
}

/// One `hl7_imports` row.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub id: Hl7ImportId,
    pub file_name: String,
    pub raw_text: String,
    pub status: ImportStatus,
    pub why: Option<String>,
    pub file_patient: String,
    pub patient: Option<PatientId>,
    pub received_at: DateTime<Utc>,
    pub received_by_name: String,
    pub matched_at: Option<DateTime<Utc>>,
    pub refused_at: Option<DateTime<Utc>>,
    pub decided_by_name: Option<String>,
}

/// A new `hl7_imports` row (refused rows are refused by their receiver at once).
pub struct NewImport<'a> {
    pub id: Hl7ImportId,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub raw_text: &'a str,
    pub status: ImportStatus,
    pub why: Option<&'a str>,
    pub file_patient: &'a str,
    pub patient: Option<PatientId>,
    pub by: UserId,
    pub at: DateTime<Utc>,
}

pub fn insert(conn: &Connection, row: &NewImport<'_>) -> CoreResult<()> {
    let at = instant_to_sql(row.at);
    let by = row.by.to_string();
    let matched = row.status == ImportStatus::Matched;
    let refused = row.status == ImportStatus::Refused;
    conn.prepare_cached(
        "INSERT INTO hl7_imports (id, file_name, sha256, raw_text, status, why, file_patient,
             patient_id, received_at, received_by, matched_at, matched_by, refused_at, refused_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        row.id.to_string(),
        row.file_name,
        row.sha256,
        row.raw_text,
        row.status.as_sql(),
        row.why,
        row.file_patient,
        row.patient.map(|p| p.to_string()),
        at,
        by,
        matched.then(|| at.clone()),
        matched.then(|| by.clone()),
        refused.then(|| at.clone()),
        refused.then(|| by.clone()),
    ])?;
    Ok(())
}

/// An earlier file with these bytes that was imported or is held (a refused one may come again).
pub fn find_live_by_sha(conn: &Connection, sha256: &str) -> CoreResult<Option<ImportRow>> {
    let sql = format!(
        "{SELECT} WHERE i.sha256 = ?1 AND i.status <> 'refused' ORDER BY i.received_at LIMIT 1"
    );
    conn.prepare_cached(&sql)?
        .query_row(params![sha256], row_raw)
        .optional()?
        .map(import_from_raw)
        .transpose()
}

const SELECT: &str = "SELECT i.id, i.file_name, i.sha256, i.raw_text, i.status, i.why,
        i.file_patient, i.patient_id, i.responsible_id, i.received_at, r.display_name,
        i.matched_at, i.refused_at, COALESCE(m.display_name, f.display_name)
     FROM hl7_imports i
     JOIN users r ON r.id = i.received_by
     LEFT JOIN users m ON m.id = i.matched_by
     LEFT JOIN users f ON f.id = i.refused_by";

type RawImport = (
    [String; 5],
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn row_raw(r: &Row<'_>) -> rusqlite::Result<RawImport> {
    Ok((
        [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
        r.get(13)?,
    ))
}

fn parse_id<T>(text: &str, parse: fn(&str) -> Option<T>, what: &str) -> CoreResult<T> {
    parse(text).ok_or_else(|| CoreError::Corrupt(format!("bad {what} id {text:?}")))
}

fn import_from_raw(raw: RawImport) -> CoreResult<ImportRow> {
    let (
        [id, file_name, _sha256, raw_text, status],
        why,
        file_patient,
        patient,
        _responsible,
        received_at,
        received_by_name,
        matched_at,
        refused_at,
        decided_by_name,
    ) = raw;
    Ok(ImportRow {
        id: parse_id(&id, Hl7ImportId::parse, "result file")?,
        file_name,
        raw_text,
        status: ImportStatus::from_sql(&status)?,
        why,
        file_patient,
        patient: patient
            .map(|p| parse_id(&p, PatientId::parse, "patient"))
            .transpose()?,
        received_at: instant_from_sql(&received_at)?,
        received_by_name,
        matched_at: matched_at.as_deref().map(instant_from_sql).transpose()?,
        refused_at: refused_at.as_deref().map(instant_from_sql).transpose()?,
        decided_by_name,
    })
}

pub fn get(conn: &Connection, id: Hl7ImportId) -> CoreResult<Option<ImportRow>> {
    let sql = format!("{SELECT} WHERE i.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row(params![id.to_string()], row_raw)
        .optional()?
        .map(import_from_raw)
        .transpose()
}

/// Files of one status, oldest first for the held queue, newest first otherwise.
pub fn list(conn: &Connection, status: ImportStatus, limit: u32) -> CoreResult<Vec<ImportRow>> {
    let order = if status == ImportStatus::Held {
        "ASC"
    } else {
        "DESC"
    };
    let sql = format!("{SELECT} WHERE i.status = ?1 ORDER BY i.received_at {order}, i.id LIMIT ?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![status.as_sql(), limit], row_raw)?;
    rows.map(|r| import_from_raw(r?)).collect()
}

/// A held file matched by hand to `patient` (and a physician for all its reports).
pub fn set_matched(
    conn: &Connection,
    id: Hl7ImportId,
    patient: PatientId,
    responsible: Option<UserId>,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE hl7_imports SET status = 'matched', patient_id = ?2, responsible_id = ?3,
                 matched_at = ?4, matched_by = ?5
             WHERE id = ?1 AND status = 'held'",
        )?
        .execute(params![
            id.to_string(),
            patient.to_string(),
            responsible.map(|u| u.to_string()),
            instant_to_sql(at),
            by.to_string()
        ])?;
    Ok(n == 1)
}

/// A held file refused by a human, with the reason.
pub fn set_refused(
    conn: &Connection,
    id: Hl7ImportId,
    why: &str,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE hl7_imports SET status = 'refused', why = ?2, refused_at = ?3, refused_by = ?4
             WHERE id = ?1 AND status = 'held'",
        )?
        .execute(params![
            id.to_string(),
            why,
            instant_to_sql(at),
            by.to_string()
        ])?;
    Ok(n == 1)
}

/// A patient as matching sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: PatientId,
    pub mrn: u32,
    pub family_name: String,
    pub given_name: String,
    pub date_of_birth: NaiveDate,
    pub sex: String,
    pub restricted: bool,
}

const CANDIDATE: &str =
    "SELECT id, mrn, family_name, given_name, date_of_birth, sex_at_birth, restricted FROM patients";

type RawCandidate = (String, u32, String, String, String, String, bool);

fn candidate(r: &Row<'_>) -> rusqlite::Result<RawCandidate> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn candidate_from(raw: RawCandidate) -> CoreResult<Candidate> {
    let (id, mrn, family_name, given_name, dob, sex, restricted) = raw;
    Ok(Candidate {
        id: parse_id(&id, PatientId::parse, "patient")?,
        mrn,
        family_name,
        given_name,
        date_of_birth: super::date_from_sql(&dob)?,
        sex,
        restricted,
    })
}

pub fn patient_by_mrn(conn: &Connection, mrn: u32) -> CoreResult<Option<Candidate>> {
    let sql = format!("{CANDIDATE} WHERE mrn = ?1");
    conn.prepare_cached(&sql)?
        .query_row(params![mrn], candidate)
        .optional()?
        .map(candidate_from)
        .transpose()
}

pub fn patient_by_id(conn: &Connection, id: PatientId) -> CoreResult<Option<Candidate>> {
    let sql = format!("{CANDIDATE} WHERE id = ?1");
    conn.prepare_cached(&sql)?
        .query_row(params![id.to_string()], candidate)
        .optional()?
        .map(candidate_from)
        .transpose()
}

/// Patients with this family name (folded) born on this day.
pub fn patients_by_family_and_birth(
    conn: &Connection,
    family: &str,
    born: NaiveDate,
) -> CoreResult<Vec<Candidate>> {
    let sql =
        format!("{CANDIDATE} WHERE family_fold = ?1 AND date_of_birth = ?2 ORDER BY mrn LIMIT 20");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![text::fold(family), born.to_string()], candidate)?;
    rows.map(|r| candidate_from(r?)).collect()
}

/// Active physicians: (id, display name, NPI).
pub fn physicians(conn: &Connection) -> CoreResult<Vec<(UserId, String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.display_name, u.npi FROM users u
         JOIN user_roles r ON r.user_id = u.id AND r.role = 'physician'
         WHERE u.active = 1 ORDER BY u.display_name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
    })?;
    rows.map(|r| {
        let (id, name, npi) = r?;
        Ok((parse_id(&id, UserId::parse, "user")?, name, npi))
    })
    .collect()
}

/// The provider of the patient's last visit (not entered in error), if an active physician.
pub fn last_visit_physician(conn: &Connection, patient: PatientId) -> CoreResult<Option<UserId>> {
    let id: Option<String> = conn
        .prepare_cached(
            "SELECT v.provider_id FROM visits v
             JOIN users u ON u.id = v.provider_id AND u.active = 1
             JOIN user_roles r ON r.user_id = u.id AND r.role = 'physician'
             WHERE v.patient_id = ?1 AND v.entered_in_error_at IS NULL
             ORDER BY v.started_at DESC LIMIT 1",
        )?
        .query_row(params![patient.to_string()], |r| r.get(0))
        .optional()?;
    id.map(|i| parse_id(&i, UserId::parse, "user")).transpose()
}

/// The current (not yet superseded) result of this order and test for the patient: what a
/// corrected result replaces.
pub fn current_result_of_order(
    conn: &Connection,
    patient: PatientId,
    placer_order: &str,
    loinc: &str,
) -> CoreResult<Option<LabResultId>> {
    let id: Option<String> = conn
        .prepare_cached(
            "SELECT r.id FROM lab_reports p
             JOIN lab_results r ON r.report_id = p.id
             WHERE p.placer_order = ?1 AND p.patient_id = ?2 AND r.loinc = ?3
               AND r.entered_in_error_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM lab_results s WHERE s.supersedes = r.id)
             ORDER BY p.received_at DESC, p.id DESC LIMIT 1",
        )?
        .query_row(params![placer_order, patient.to_string(), loinc], |r| {
            r.get(0)
        })
        .optional()?;
    id.map(|i| parse_id(&i, LabResultId::parse, "lab result"))
        .transpose()
}

/// The results folder, if set.
pub fn folder(conn: &Connection) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT path FROM results_folder WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

pub fn set_folder(conn: &Connection, path: &str, by: UserId, at: DateTime<Utc>) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO results_folder (id, path, updated_at, updated_by) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET path = ?1, updated_at = ?2, updated_by = ?3",
    )?
    .execute(params![path, instant_to_sql(at), by.to_string()])?;
    Ok(())
}

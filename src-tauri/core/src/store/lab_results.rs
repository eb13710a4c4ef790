//! SQL for lab reports and their results (`lab_reports`, `lab_results`). Every writer — manual
//! entry, result files, generated practices — goes through `insert_report`, so a report and
//! its results land together or not at all (the caller's transaction).

use super::{instant_from_sql, instant_to_sql};
use crate::chart::common::ErrorMark;
use crate::error::{CoreError, CoreResult};
use crate::ids::{LabReportId, LabResultId, PatientId, UserId};
use crate::labs::{LabFlag, LabValue, NewLabReport, ReportSource, ResultStatus};
use crate::patient::SexAtBirth;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// The report's worst flag, as the inbox orders by it.
pub fn worst_flag(report: &NewLabReport) -> &'static str {
    if report.results.iter().any(|r| r.flag.is_critical()) {
        "critical"
    } else if report.results.iter().any(|r| r.flag.is_abnormal()) {
        "abnormal"
    } else {
        "normal"
    }
}

/// Writes the report and every result of it (inside the caller's transaction).
pub fn insert_report(conn: &Connection, report: &NewLabReport) -> CoreResult<()> {
    insert_report_commented(conn, report, None)
}

/// [`insert_report`] with the enterer's note on the whole report.
pub fn insert_report_commented(
    conn: &Connection,
    report: &NewLabReport,
    comment: Option<&str>,
) -> CoreResult<()> {
    let collected = instant_to_sql(report.collected_at);
    conn.prepare_cached(
        "INSERT INTO lab_reports (id, patient_id, source, panel_code, panel_name, responsible_id,
             collected_at, received_at, performing_lab, status, hl7_import_id, placer_order,
             entered_by, entered_at, worst_flag, comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        report.id.to_string(),
        report.patient.to_string(),
        report.source.as_sql(),
        report.panel_code,
        report.panel_name,
        report.responsible.map(|u| u.to_string()),
        collected,
        instant_to_sql(report.received_at),
        report.performing_lab,
        report.status.as_sql(),
        report.hl7_import.map(|i| i.to_string()),
        report.placer_order,
        report.entered_by.to_string(),
        instant_to_sql(report.entered_at),
        worst_flag(report),
        comment,
    ])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO lab_results (id, report_id, patient_id, loinc, name, value_num, value_text,
             unit, canonical_value, canonical_unit, ref_low, ref_high, ref_text, flag, lab_flag,
             collected_at, result_status, comment, supersedes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    for r in &report.results {
        let (num, text) = match &r.value {
            LabValue::Number(n) => (Some(*n), None),
            LabValue::Text(t) => (None, Some(t.as_str())),
        };
        insert.execute(params![
            r.id.to_string(),
            report.id.to_string(),
            report.patient.to_string(),
            r.loinc,
            r.name,
            num,
            text,
            r.unit,
            r.canonical_value,
            r.canonical_unit,
            r.ref_low,
            r.ref_high,
            r.ref_text,
            r.flag.as_sql(),
            r.lab_flag,
            collected,
            r.status.as_sql(),
            r.comment,
            r.supersedes.map(|s| s.to_string()),
        ])?;
    }
    Ok(())
}

/// The stored flag text read back (for readers that select `flag`).
pub fn flag_from_sql(text: &str) -> LabFlag {
    LabFlag::from_sql(text)
}

/// A report as stored, with who entered, is responsible for and reviewed it.
#[derive(Debug, Clone)]
pub struct StoredReport {
    pub id: LabReportId,
    pub patient: PatientId,
    pub source: ReportSource,
    pub panel_code: Option<String>,
    pub panel_name: String,
    pub responsible: Option<UserId>,
    pub responsible_name: Option<String>,
    pub collected_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub performing_lab: Option<String>,
    pub status: ResultStatus,
    pub entered_by: UserId,
    pub entered_by_name: String,
    pub entered_at: DateTime<Utc>,
    pub worst_flag: String,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub reviewed_by_name: Option<String>,
    pub review_comment: Option<String>,
    pub comment: Option<String>,
    pub entered_in_error: Option<ErrorMark>,
}

/// A result as stored, with the correction that supersedes it (if any, not in error).
#[derive(Debug, Clone)]
pub struct StoredResult {
    pub id: LabResultId,
    pub report: LabReportId,
    pub loinc: String,
    pub name: String,
    pub value: LabValue,
    pub unit: Option<String>,
    pub canonical_value: Option<f64>,
    pub canonical_unit: Option<String>,
    pub ref_low: Option<f64>,
    pub ref_high: Option<f64>,
    pub ref_text: Option<String>,
    pub flag: LabFlag,
    pub lab_flag: Option<String>,
    pub collected_at: DateTime<Utc>,
    pub status: ResultStatus,
    pub comment: Option<String>,
    pub supersedes: Option<LabResultId>,
    pub superseded_by: Option<LabResultId>,
    pub entered_in_error: Option<ErrorMark>,
}

fn status_from_sql(text: &str) -> ResultStatus {
    match text {
        "preliminary" => ResultStatus::Preliminary,
        "corrected" => ResultStatus::Corrected,
        _ => ResultStatus::Final,
    }
}

fn source_from_sql(text: &str) -> ReportSource {
    match text {
        "hl7" => ReportSource::Hl7,
        "outside" => ReportSource::Outside,
        _ => ReportSource::Manual,
    }
}

fn id_of<T>(text: String, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("bad id {text}").into(),
        )
    })
}

fn instant(text: String) -> rusqlite::Result<DateTime<Utc>> {
    instant_from_sql(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            e.to_string().into(),
        )
    })
}

fn error_mark(
    at: Option<String>,
    by: Option<String>,
    by_name: Option<String>,
    reason: Option<String>,
) -> rusqlite::Result<Option<ErrorMark>> {
    Ok(match (at, by, reason) {
        (Some(at), Some(by), Some(reason)) => Some(ErrorMark {
            at: instant(at)?,
            by: id_of(by, UserId::parse)?,
            by_name: by_name.unwrap_or_default(),
            reason,
        }),
        _ => None,
    })
}

const REPORT_COLUMNS: &str = "r.id, r.patient_id, r.source, r.panel_code, r.panel_name,
    r.responsible_id, resp.display_name, r.collected_at, r.received_at, r.performing_lab,
    r.status, r.entered_by, ent.display_name, r.entered_at, r.worst_flag, r.reviewed_at,
    rev.display_name, r.review_comment, r.comment, r.entered_in_error_at,
    r.entered_in_error_by, err.display_name, r.entered_in_error_reason
    FROM lab_reports r
    LEFT JOIN users resp ON resp.id = r.responsible_id
    JOIN users ent ON ent.id = r.entered_by
    LEFT JOIN users rev ON rev.id = r.reviewed_by
    LEFT JOIN users err ON err.id = r.entered_in_error_by";

fn report_row(r: &Row<'_>) -> rusqlite::Result<StoredReport> {
    Ok(StoredReport {
        id: id_of(r.get(0)?, LabReportId::parse)?,
        patient: id_of(r.get(1)?, PatientId::parse)?,
        source: source_from_sql(&r.get::<_, String>(2)?),
        panel_code: r.get(3)?,
        panel_name: r.get(4)?,
        responsible: r
            .get::<_, Option<String>>(5)?
            .map(|t| id_of(t, UserId::parse))
            .transpose()?,
        responsible_name: r.get(6)?,
        collected_at: instant(r.get(7)?)?,
        received_at: instant(r.get(8)?)?,
        performing_lab: r.get(9)?,
        status: status_from_sql(&r.get::<_, String>(10)?),
        entered_by: id_of(r.get(11)?, UserId::parse)?,
        entered_by_name: r.get(12)?,
        entered_at: instant(r.get(13)?)?,
        worst_flag: r.get(14)?,
        reviewed_at: r.get::<_, Option<String>>(15)?.map(instant).transpose()?,
        reviewed_by_name: r.get(16)?,
        review_comment: r.get(17)?,
        comment: r.get(18)?,
        entered_in_error: error_mark(r.get(19)?, r.get(20)?, r.get(21)?, r.get(22)?)?,
    })
}

const RESULT_COLUMNS: &str = "x.id, x.report_id, x.patient_id, x.loinc, x.name, x.value_num,
    x.value_text, x.unit, x.canonical_value, x.canonical_unit, x.ref_low, x.ref_high,
    x.ref_text, x.flag, x.lab_flag, x.collected_at, x.result_status, x.comment, x.supersedes,
    (SELECT c.id FROM lab_results c WHERE c.supersedes = x.id AND c.entered_in_error_at IS NULL
     ORDER BY c.collected_at DESC, c.id LIMIT 1),
    x.entered_in_error_at, x.entered_in_error_by, err.display_name, x.entered_in_error_reason
    FROM lab_results x LEFT JOIN users err ON err.id = x.entered_in_error_by";

fn result_row(r: &Row<'_>) -> rusqlite::Result<StoredResult> {
    let num: Option<f64> = r.get(5)?;
    let text: Option<String> = r.get(6)?;
    let value = match (num, text) {
        (Some(n), _) => LabValue::Number(n),
        (None, t) => LabValue::Text(t.unwrap_or_default()),
    };
    let opt_result = |i: usize| -> rusqlite::Result<Option<LabResultId>> {
        r.get::<_, Option<String>>(i)?
            .map(|t| id_of(t, LabResultId::parse))
            .transpose()
    };
    Ok(StoredResult {
        id: id_of(r.get(0)?, LabResultId::parse)?,
        report: id_of(r.get(1)?, LabReportId::parse)?,
        loinc: r.get(3)?,
        name: r.get(4)?,
        value,
        unit: r.get(7)?,
        canonical_value: r.get(8)?,
        canonical_unit: r.get(9)?,
        ref_low: r.get(10)?,
        ref_high: r.get(11)?,
        ref_text: r.get(12)?,
        flag: flag_from_sql(&r.get::<_, String>(13)?),
        lab_flag: r.get(14)?,
        collected_at: instant(r.get(15)?)?,
        status: status_from_sql(&r.get::<_, String>(16)?),
        comment: r.get(17)?,
        supersedes: opt_result(18)?,
        superseded_by: opt_result(19)?,
        entered_in_error: error_mark(r.get(20)?, r.get(21)?, r.get(22)?, r.get(23)?)?,
    })
}

/// The patient's reports, newest collected first.
pub fn reports(conn: &Connection, patient: PatientId) -> CoreResult<Vec<StoredReport>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {REPORT_COLUMNS} WHERE r.patient_id = ?1
         ORDER BY r.collected_at DESC, r.entered_at DESC, r.id"
    ))?;
    let rows = stmt.query_map(params![patient.to_string()], report_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One report.
pub fn report(conn: &Connection, id: LabReportId) -> CoreResult<Option<StoredReport>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {REPORT_COLUMNS} WHERE r.id = ?1"))?
        .query_row(params![id.to_string()], report_row)
        .optional()?)
}

/// Every result of the patient, in report order (their insertion order within a report).
pub fn results_of_patient(conn: &Connection, patient: PatientId) -> CoreResult<Vec<StoredResult>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RESULT_COLUMNS} WHERE x.patient_id = ?1 ORDER BY x.report_id, x.rowid"
    ))?;
    let rows = stmt.query_map(params![patient.to_string()], result_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The results of one report, in the order they were written.
pub fn results_of_report(conn: &Connection, report: LabReportId) -> CoreResult<Vec<StoredResult>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RESULT_COLUMNS} WHERE x.report_id = ?1 ORDER BY x.rowid"
    ))?;
    let rows = stmt.query_map(params![report.to_string()], result_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One result.
pub fn result(conn: &Connection, id: LabResultId) -> CoreResult<Option<StoredResult>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {RESULT_COLUMNS} WHERE x.id = ?1"))?
        .query_row(params![id.to_string()], result_row)
        .optional()?)
}

/// The patient a result belongs to (for the permission check before anything is told).
pub fn patient_of_result(conn: &Connection, id: LabResultId) -> CoreResult<Option<PatientId>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT patient_id FROM lab_results WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?;
    text.map(|t| {
        PatientId::parse(&t).ok_or_else(|| CoreError::Corrupt(format!("bad patient id {t}")))
    })
    .transpose()
}

/// One standing value of a trend, in the canonical unit.
#[derive(Debug, Clone)]
pub struct TrendRow {
    pub id: LabResultId,
    pub collected_at: DateTime<Utc>,
    pub value: f64,
    pub flag: LabFlag,
    pub comment: Option<String>,
}

/// One test's values for the trend: in the canonical unit, not in error (nor their report),
/// and not superseded by a correction that stands; oldest first.
pub fn trend(conn: &Connection, patient: PatientId, loinc: &str) -> CoreResult<Vec<TrendRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT x.id, x.collected_at, x.canonical_value, x.flag, x.comment FROM lab_results x
         JOIN lab_reports r ON r.id = x.report_id
         WHERE x.patient_id = ?1 AND x.loinc = ?2 AND x.canonical_value IS NOT NULL
           AND x.entered_in_error_at IS NULL AND r.entered_in_error_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM lab_results c
                           WHERE c.supersedes = x.id AND c.entered_in_error_at IS NULL)
         ORDER BY x.collected_at, x.rowid",
    )?;
    let rows = stmt.query_map(params![patient.to_string(), loinc], |r| {
        Ok(TrendRow {
            id: id_of(r.get(0)?, LabResultId::parse)?,
            collected_at: instant(r.get(1)?)?,
            value: r.get(2)?,
            flag: flag_from_sql(&r.get::<_, String>(3)?),
            comment: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The newest standing value (canonical unit) of any of `codes` collected from `since`.
pub fn latest_value(
    conn: &Connection,
    patient: PatientId,
    codes: &[&str],
    since: DateTime<Utc>,
) -> CoreResult<Option<(DateTime<Utc>, f64)>> {
    let mut best: Option<(DateTime<Utc>, f64)> = None;
    for code in codes {
        let found: Option<(String, f64)> = conn
            .prepare_cached(
                "SELECT x.collected_at, x.canonical_value FROM lab_results x
                 JOIN lab_reports r ON r.id = x.report_id
                 WHERE x.patient_id = ?1 AND x.loinc = ?2 AND x.collected_at >= ?3
                   AND x.canonical_value IS NOT NULL
                   AND x.entered_in_error_at IS NULL AND r.entered_in_error_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM lab_results c
                                   WHERE c.supersedes = x.id AND c.entered_in_error_at IS NULL)
                 ORDER BY x.collected_at DESC, x.rowid DESC LIMIT 1",
            )?
            .query_row(
                params![patient.to_string(), code, instant_to_sql(since)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((at, v)) = found {
            let at = instant_from_sql(&at)?;
            if best.is_none_or(|(b, _)| at > b) {
                best = Some((at, v));
            }
        }
    }
    Ok(best)
}

/// The patient's date of birth and recorded sex at birth.
pub fn patient_facts(
    conn: &Connection,
    patient: PatientId,
) -> CoreResult<Option<(NaiveDate, Option<SexAtBirth>)>> {
    let row: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT date_of_birth, sex_at_birth FROM patients WHERE id = ?1")?
        .query_row(params![patient.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((born, sex)) = row else {
        return Ok(None);
    };
    let born = NaiveDate::parse_from_str(&born, "%Y-%m-%d")
        .map_err(|_| CoreError::Corrupt(format!("bad date of birth {born}")))?;
    let sex = match sex.as_deref() {
        Some("female") => Some(SexAtBirth::Female),
        Some("male") => Some(SexAtBirth::Male),
        Some("intersex") => Some(SexAtBirth::Intersex),
        _ => None,
    };
    Ok(Some((born, sex)))
}

/// Whether `user` is an active physician (whose inbox a report may go to).
pub fn is_active_physician(conn: &Connection, user: UserId) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id
             WHERE u.id = ?1 AND u.active = 1 AND r.role = 'physician'",
        )?
        .query_row(params![user.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Marks one result entered in error; false when it already is.
pub fn mark_result_entered_in_error(
    conn: &Connection,
    id: LabResultId,
    by: UserId,
    why: &str,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE lab_results SET entered_in_error_at = ?2, entered_in_error_by = ?3,
                 entered_in_error_reason = ?4
             WHERE id = ?1 AND entered_in_error_at IS NULL",
        )?
        .execute(params![
            id.to_string(),
            instant_to_sql(now),
            by.to_string(),
            why
        ])?;
    Ok(n == 1)
}

/// Active physicians, by name.
pub fn active_physicians(conn: &Connection) -> CoreResult<Vec<(UserId, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE u.active = 1 AND r.role = 'physician' ORDER BY u.display_name, u.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((id_of(r.get(0)?, UserId::parse)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

//! SQL for the results inbox: a physician's unreviewed lab reports (worst flag first, oldest
//! first within), the ones they signed lately, a report's values, the sign-off (once), and the
//! printed results letters (`results_letters`).

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{LabReportId, LabResultId, PatientId, ResultsLetterId, UserId};
use crate::labs::{LabFlag, LabValue, ResultStatus};
use crate::results::{InboxItem, LabReportPatient, LetterRecord, ResultLine, Review, WorstFlag};
use chrono::{DateTime, Utc};
#[cfg(test)]
use rusqlite::OptionalExtension;
use rusqlite::{params, Connection, Row};

const HEAD: &str = "SELECT p.id, p.patient_id, pt.mrn, pt.family_name, pt.given_name,
        pt.date_of_birth, pt.restricted, p.panel_name, p.panel_code, p.status, p.worst_flag,
        p.collected_at, p.received_at, p.reviewed_by, u.display_name, p.reviewed_at,
        p.review_comment, NULL,
        (SELECT COUNT(*) FROM lab_results r WHERE r.report_id = p.id)
     FROM lab_reports p
     JOIN patients pt ON pt.id = p.patient_id
     LEFT JOIN users u ON u.id = p.reviewed_by";

/// A report's head as the inbox shows it.
pub struct Head {
    pub item: InboxItem,
}

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad {what} {text:?}"))
}

pub fn status_from_sql(text: &str) -> ResultStatus {
    match text {
        "preliminary" => ResultStatus::Preliminary,
        "corrected" => ResultStatus::Corrected,
        _ => ResultStatus::Final,
    }
}

fn head_from_row(r: &Row<'_>) -> CoreResult<Head> {
    let id: String = r.get(0)?;
    let patient: String = r.get(1)?;
    let restricted: bool = r.get(6)?;
    let family: String = r.get(3)?;
    let given: String = r.get(4)?;
    let reviewed_by: Option<String> = r.get(13)?;
    let reviewed_at: Option<String> = r.get(15)?;
    let review = match (reviewed_by, reviewed_at) {
        (Some(by), Some(at)) => Some(Review {
            by: UserId::parse(&by).ok_or_else(|| corrupt("user id", &by))?,
            by_name: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
            at: instant_from_sql(&at)?,
            comment: r.get(16)?,
        }),
        _ => None,
    };
    Ok(Head {
        item: InboxItem {
            report_id: LabReportId::parse(&id).ok_or_else(|| corrupt("report id", &id))?,
            patient: LabReportPatient {
                id: PatientId::parse(&patient).ok_or_else(|| corrupt("patient id", &patient))?,
                mrn: r.get(2)?,
                name: if restricted {
                    "Restricted chart".into()
                } else {
                    format!("{family}, {given}")
                },
                date_of_birth: date_from_sql(&r.get::<_, String>(5)?)?,
                restricted,
            },
            panel_name: r.get(7)?,
            panel_code: r.get(8)?,
            status: status_from_sql(&r.get::<_, String>(9)?),
            worst_flag: WorstFlag::from_sql(&r.get::<_, String>(10)?),
            collected_at: instant_from_sql(&r.get::<_, String>(11)?)?,
            received_at: instant_from_sql(&r.get::<_, String>(12)?)?,
            result_count: r.get(18)?,
            flagged: Vec::new(),
            review,
            letters: Vec::new(),
        },
    })
}

fn heads(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> CoreResult<Vec<Head>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(head_from_row(r)?);
    }
    Ok(out)
}

/// The physician's reports waiting for sign-off: critical, abnormal, normal; oldest first.
pub fn unreviewed(conn: &Connection, physician: UserId, limit: u32) -> CoreResult<Vec<Head>> {
    let sql = format!(
        "{HEAD} WHERE p.responsible_id = ?1 AND p.reviewed_at IS NULL
           AND p.entered_in_error_at IS NULL AND p.source <> 'outside'
         ORDER BY CASE p.worst_flag WHEN 'critical' THEN 0 WHEN 'abnormal' THEN 1 ELSE 2 END,
                  p.collected_at, p.rowid
         LIMIT ?2"
    );
    heads(conn, &sql, params![physician.to_string(), limit])
}

/// Reports this physician signed off since `since`, newest first.
pub fn signed_since(
    conn: &Connection,
    physician: UserId,
    since: DateTime<Utc>,
    limit: u32,
) -> CoreResult<Vec<Head>> {
    let sql = format!(
        "{HEAD} WHERE p.reviewed_by = ?1 AND p.reviewed_at >= ?2
         ORDER BY p.reviewed_at DESC, p.id LIMIT ?3"
    );
    heads(
        conn,
        &sql,
        params![physician.to_string(), instant_to_sql(since), limit],
    )
}

pub fn unreviewed_count(conn: &Connection, physician: UserId) -> CoreResult<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM lab_reports WHERE responsible_id = ?1 AND reviewed_at IS NULL
               AND entered_in_error_at IS NULL AND source <> 'outside'",
        )?
        .query_row(params![physician.to_string()], |r| r.get(0))?)
}

pub fn head(conn: &Connection, id: LabReportId) -> CoreResult<Option<Head>> {
    let sql = format!("{HEAD} WHERE p.id = ?1");
    let mut found = heads(conn, &sql, params![id.to_string()])?;
    Ok(found.pop())
}

/// The report's values in stored order; `flagged_only` keeps those outside their range.
pub fn results(
    conn: &Connection,
    report: LabReportId,
    flagged_only: bool,
) -> CoreResult<Vec<ResultLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, loinc, name, value_num, value_text, unit, ref_low, ref_high, ref_text, flag,
                lab_flag, result_status, comment, supersedes
         FROM lab_results WHERE report_id = ?1 AND entered_in_error_at IS NULL ORDER BY rowid",
    )?;
    let mut rows = stmt.query(params![report.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let flag = LabFlag::from_sql(&r.get::<_, String>(9)?);
        if flagged_only && !flag.is_abnormal() {
            continue;
        }
        let id: String = r.get(0)?;
        let value = match (r.get::<_, Option<f64>>(3)?, r.get::<_, Option<String>>(4)?) {
            (Some(n), _) => LabValue::Number(n),
            (None, Some(t)) => LabValue::Text(t),
            (None, None) => return Err(corrupt("lab result without a value", &id)),
        };
        out.push(ResultLine {
            id: LabResultId::parse(&id).ok_or_else(|| corrupt("lab result id", &id))?,
            loinc: r.get(1)?,
            name: r.get(2)?,
            value,
            unit: r.get(5)?,
            ref_low: r.get(6)?,
            ref_high: r.get(7)?,
            ref_text: r.get(8)?,
            flag,
            lab_flag: r.get(10)?,
            status: status_from_sql(&r.get::<_, String>(11)?),
            comment: r.get(12)?,
            corrects: r.get::<_, Option<String>>(13)?.is_some(),
        });
    }
    Ok(out)
}

/// Signs the report off, once: false when it was already reviewed.
pub fn sign_off(
    conn: &Connection,
    id: LabReportId,
    by: UserId,
    at: DateTime<Utc>,
    comment: Option<&str>,
) -> CoreResult<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE lab_reports SET reviewed_by = ?2, reviewed_at = ?3, review_comment = ?4
             WHERE id = ?1 AND reviewed_at IS NULL",
        )?
        .execute(params![
            id.to_string(),
            by.to_string(),
            instant_to_sql(at),
            comment
        ])?;
    Ok(n == 1)
}

pub fn letters(conn: &Connection, report: LabReportId) -> CoreResult<Vec<LetterRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.printed_at, u.display_name FROM results_letters l
         JOIN users u ON u.id = l.printed_by WHERE l.report_id = ?1 ORDER BY l.printed_at",
    )?;
    let mut rows = stmt.query(params![report.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        out.push(LetterRecord {
            id: ResultsLetterId::parse(&id).ok_or_else(|| corrupt("letter id", &id))?,
            printed_at: instant_from_sql(&r.get::<_, String>(1)?)?,
            printed_by_name: r.get(2)?,
        });
    }
    Ok(out)
}

pub fn insert_letter(
    conn: &Connection,
    id: ResultsLetterId,
    report: LabReportId,
    patient: PatientId,
    body: &str,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO results_letters (id, report_id, patient_id, body, printed_at, printed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id.to_string(),
        report.to_string(),
        patient.to_string(),
        body,
        instant_to_sql(at),
        by.to_string()
    ])?;
    Ok(())
}

/// The body of a printed letter (for tests and the record).
#[cfg(test)]
pub fn letter_body(conn: &Connection, id: ResultsLetterId) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT body FROM results_letters WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?)
}

/// The physician's unreviewed critical reports (the header badge counts them).
pub fn unreviewed_critical_count(conn: &Connection, physician: UserId) -> CoreResult<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM lab_reports WHERE responsible_id = ?1 AND reviewed_at IS NULL
               AND worst_flag = 'critical' AND entered_in_error_at IS NULL AND source <> 'outside'",
        )?
        .query_row(params![physician.to_string()], |r| r.get(0))?)
}

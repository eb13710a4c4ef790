//! SQL for lab reports and their results (`lab_reports`, `lab_results`). Every writer — manual
//! entry, result files, generated practices — goes through `insert_report`, so a report and
//! its results land together or not at all (the caller's transaction).

use super::instant_to_sql;
use crate::error::CoreResult;
use crate::labs::{LabFlag, LabValue, NewLabReport};
use rusqlite::{params, Connection};

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
    let collected = instant_to_sql(report.collected_at);
    conn.prepare_cached(
        "INSERT INTO lab_reports (id, patient_id, source, panel_code, panel_name, responsible_id,
             collected_at, received_at, performing_lab, status, hl7_import_id, placer_order,
             entered_by, entered_at, worst_flag)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
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

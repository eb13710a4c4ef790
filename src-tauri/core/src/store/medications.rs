//! SQL for the medication list: `medications`, their `medication_history` and the alerts kept
//! with a signed prescription (`prescription_alerts`); reconciliations are in `reconciliations`.
//! The few facts the safety checks read from other tables (the latest weight, a visit's
//! patient, a signer's credentials) are here too, so the prescribing module has one store.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{MedicationId, PatientId, UserId, VisitId};
use crate::medications::{
    AlertOverride, AlertSeverity, ControlledSchedule, Medication, MedicationHistoryEntry,
    MedicationOrigin, MedicationStatus, SafetyAlert, Sig,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

fn corrupt(what: &str, value: &str) -> CoreError {
    CoreError::Corrupt(format!("bad {what} {value:?} in medications"))
}

fn parse<T>(what: &str, text: &str, f: impl Fn(&str) -> Option<T>) -> CoreResult<T> {
    f(text).ok_or_else(|| corrupt(what, text))
}

fn date_to_sql(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

const COLUMNS: &str = "m.id, m.patient_id, m.origin, m.status, m.product_code, m.rxcui, m.name, \
     m.ingredient_codes, m.controlled, m.sig, m.sig_text, m.quantity, m.quantity_unit, m.refills, \
     m.dispense_as_written, m.note_to_pharmacist, m.indication, m.reported_by, m.visit_id, \
     m.start_date, m.end_date, m.written_by, w.display_name, m.written_at, m.signed_by, \
     s.display_name, m.signed_at, m.renews, m.replaces, m.ended_reason, e.display_name, \
     m.ended_at, m.version";
const FROM: &str = "FROM medications m JOIN users w ON w.id = m.written_by \
     LEFT JOIN users s ON s.id = m.signed_by LEFT JOIN users e ON e.id = m.ended_by";

/// The row as read, before its text is parsed (so the parse errors are `CoreError`s).
struct Raw {
    text: Vec<Option<String>>,
    quantity: Option<f64>,
    refills: u32,
    daw: bool,
    version: u32,
}

const QUANTITY: usize = 11;
const REFILLS: usize = 13;
const DAW: usize = 14;
const VERSION: usize = 32;

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    let mut text = Vec::with_capacity(33);
    for i in 0..33 {
        text.push(match i {
            QUANTITY | REFILLS | DAW | VERSION => None,
            _ => r.get(i)?,
        });
    }
    Ok(Raw {
        text,
        quantity: r.get(QUANTITY)?,
        refills: r.get(REFILLS)?,
        daw: r.get(DAW)?,
        version: r.get(VERSION)?,
    })
}

fn medication_from(raw: Raw) -> CoreResult<Medication> {
    let c = raw.text;
    let text = |i: usize| c[i].clone().unwrap_or_default();
    let opt_id = |i: usize, what: &str| -> CoreResult<Option<MedicationId>> {
        c[i].as_deref()
            .map(|t| parse(what, t, MedicationId::parse))
            .transpose()
    };
    let opt_instant = |i: usize| c[i].as_deref().map(instant_from_sql).transpose();
    let opt_date = |i: usize| c[i].as_deref().map(date_from_sql).transpose();
    let sig: Option<Sig> = match c[9].as_deref() {
        Some(j) => Some(serde_json::from_str(j).map_err(|e| corrupt("sig", &e.to_string()))?),
        None => None,
    };
    Ok(Medication {
        id: parse("medication id", &text(0), MedicationId::parse)?,
        patient_id: parse("patient id", &text(1), PatientId::parse)?,
        origin: match text(2).as_str() {
            "prescribed" => MedicationOrigin::Prescribed,
            "reported" => MedicationOrigin::Reported,
            other => return Err(corrupt("origin", other)),
        },
        status: parse("status", &text(3), MedicationStatus::parse)?,
        product_code: c[4].clone(),
        rxcui: c[5].clone(),
        name: text(6),
        ingredient_codes: text(7).split_whitespace().map(str::to_string).collect(),
        controlled: c[8]
            .as_deref()
            .map(|s| parse("schedule", s, ControlledSchedule::parse))
            .transpose()?,
        sig,
        sig_text: text(10),
        quantity: raw.quantity,
        quantity_unit: text(12),
        refills: raw.refills,
        dispense_as_written: raw.daw,
        note_to_pharmacist: text(15),
        indication: text(16),
        reported_by: text(17),
        visit_id: c[18]
            .as_deref()
            .map(|t| parse("visit id", t, VisitId::parse))
            .transpose()?,
        start_date: opt_date(19)?,
        end_date: opt_date(20)?,
        written_by: parse("user id", &text(21), UserId::parse)?,
        written_by_name: text(22),
        written_at: instant_from_sql(&text(23))?,
        signed_by: c[24]
            .as_deref()
            .map(|t| parse("user id", t, UserId::parse))
            .transpose()?,
        signed_by_name: c[25].clone(),
        signed_at: opt_instant(26)?,
        renews: opt_id(27, "renews")?,
        replaces: opt_id(28, "replaces")?,
        ended_reason: c[29].clone(),
        ended_by_name: c[30].clone(),
        ended_at: opt_instant(31)?,
        overrides: Vec::new(),
        version: raw.version,
    })
}

fn query(
    conn: &Connection,
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
) -> CoreResult<Vec<Medication>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let raws = stmt
        .query_map(params, raw)?
        .collect::<Result<Vec<_>, _>>()?;
    let mut meds = raws
        .into_iter()
        .map(medication_from)
        .collect::<CoreResult<Vec<_>>>()?;
    attach_overrides(conn, &mut meds)?;
    Ok(meds)
}

/// One entry with its overrides.
pub fn get(conn: &Connection, id: MedicationId) -> CoreResult<Option<Medication>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE m.id = ?1");
    Ok(query(conn, &sql, &[&id.to_string()])?.into_iter().next())
}

/// Every entry of one patient (one indexed query, plus one for the overrides).
pub fn list(conn: &Connection, patient: PatientId) -> CoreResult<Vec<Medication>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE m.patient_id = ?1");
    query(conn, &sql, &[&patient.to_string()])
}

/// Every unsigned prescription of the practice, oldest first.
pub fn drafts(conn: &Connection) -> CoreResult<Vec<Medication>> {
    let sql =
        format!("SELECT {COLUMNS} {FROM} WHERE m.status = 'draft' ORDER BY m.written_at, m.id");
    query(conn, &sql, &[])
}

/// The patient an entry belongs to.
pub fn patient_of(conn: &Connection, id: MedicationId) -> CoreResult<Option<PatientId>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT patient_id FROM medications WHERE id = ?1",
            params![id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    text.map(|t| parse("patient id", &t, PatientId::parse))
        .transpose()
}

/// Fills `overrides` of each entry from the alerts kept at signing (one query for all).
fn attach_overrides(conn: &Connection, meds: &mut [Medication]) -> CoreResult<()> {
    let signed: Vec<String> = meds
        .iter()
        .filter(|m| m.signed_at.is_some())
        .map(|m| m.id.to_string())
        .collect();
    if signed.is_empty() {
        return Ok(());
    }
    let mut by_med = overrides_of(conn, &signed)?;
    for m in meds.iter_mut() {
        if let Some(list) = by_med.remove(&m.id.to_string()) {
            m.overrides = list;
        }
    }
    Ok(())
}

/// The overrides kept for these entries, by entry id.
fn overrides_of(
    conn: &Connection,
    ids: &[String],
) -> CoreResult<HashMap<String, Vec<AlertOverride>>> {
    let json = serde_json::to_string(ids).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    let mut stmt = conn.prepare_cached(
        "SELECT medication_id, alert_key, override_reason, title, severity
         FROM prescription_alerts
         WHERE medication_id IN (SELECT value FROM json_each(?1))
           AND override_reason IS NOT NULL
         ORDER BY medication_id, severity = 'contraindicated' DESC, severity = 'major' DESC,
                  alert_key",
    )?;
    let rows = stmt
        .query_map(params![json], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out: HashMap<String, Vec<AlertOverride>> = HashMap::new();
    for (med, key, reason, title, severity) in rows {
        out.entry(med).or_default().push(AlertOverride {
            key,
            reason,
            title,
            severity: Some(parse("severity", &severity, AlertSeverity::parse)?),
        });
    }
    Ok(out)
}

/// Writes a new entry (a draft or a reported medication) from `m`'s content fields;
/// `change_reason` is why a change draft replaces `m.replaces`.
pub fn insert(conn: &Connection, m: &Medication, change_reason: Option<&str>) -> CoreResult<()> {
    let sig = m
        .sig
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| CoreError::Corrupt(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO medications (id, patient_id, origin, status, product_code, rxcui, name,
             ingredient_codes, controlled, sig, sig_text, quantity, quantity_unit, refills,
             dispense_as_written, note_to_pharmacist, indication, reported_by, visit_id,
             start_date, end_date, written_at, written_by, renews, replaces, change_reason,
             version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, 1)",
    )?
    .execute(params![
        m.id.to_string(),
        m.patient_id.to_string(),
        match m.origin {
            MedicationOrigin::Prescribed => "prescribed",
            MedicationOrigin::Reported => "reported",
        },
        m.status.as_str(),
        m.product_code,
        m.rxcui,
        m.name,
        m.ingredient_codes.join(" "),
        m.controlled.map(ControlledSchedule::as_str),
        sig,
        m.sig_text,
        m.quantity,
        m.quantity_unit,
        m.refills,
        m.dispense_as_written,
        m.note_to_pharmacist,
        m.indication,
        m.reported_by,
        m.visit_id.map(|v| v.to_string()),
        m.start_date.map(date_to_sql),
        m.end_date.map(date_to_sql),
        instant_to_sql(m.written_at),
        m.written_by.to_string(),
        m.renews.map(|v| v.to_string()),
        m.replaces.map(|v| v.to_string()),
        change_reason,
    ])?;
    Ok(())
}

/// Rewrites a draft's content if it is still an unsigned draft at `expected`; false when not.
pub fn update_draft(conn: &Connection, m: &Medication, expected: u32) -> CoreResult<bool> {
    let sig = m
        .sig
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| CoreError::Corrupt(e.to_string()))?;
    let n = conn
        .prepare_cached(
            "UPDATE medications SET product_code = ?3, rxcui = ?4, name = ?5,
                 ingredient_codes = ?6, controlled = ?7, sig = ?8, sig_text = ?9, quantity = ?10,
                 quantity_unit = ?11, refills = ?12, dispense_as_written = ?13,
                 note_to_pharmacist = ?14, indication = ?15, visit_id = ?16, start_date = ?17,
                 end_date = ?18, version = version + 1
             WHERE id = ?1 AND version = ?2 AND status = 'draft' AND signed_at IS NULL",
        )?
        .execute(params![
            m.id.to_string(),
            expected,
            m.product_code,
            m.rxcui,
            m.name,
            m.ingredient_codes.join(" "),
            m.controlled.map(ControlledSchedule::as_str),
            sig,
            m.sig_text,
            m.quantity,
            m.quantity_unit,
            m.refills,
            m.dispense_as_written,
            m.note_to_pharmacist,
            m.indication,
            m.visit_id.map(|v| v.to_string()),
            m.start_date.map(date_to_sql),
            m.end_date.map(date_to_sql),
        ])?;
    Ok(n == 1)
}

/// Why a change draft replaces the prescription it changes.
pub fn change_reason(conn: &Connection, id: MedicationId) -> CoreResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT change_reason FROM medications WHERE id = ?1",
            params![id.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Signs a draft still at `expected`; false when it is not.
pub fn sign(
    conn: &Connection,
    id: MedicationId,
    expected: u32,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = conn.execute(
        "UPDATE medications SET status = 'active', signed_at = ?3, signed_by = ?4,
             version = version + 1
         WHERE id = ?1 AND version = ?2 AND status = 'draft' AND signed_at IS NULL",
        params![id.to_string(), expected, instant_to_sql(at), by.to_string()],
    )?;
    Ok(n == 1)
}

/// Ends an entry (stopped, superseded, entered in error) if it is at `expected`; only the
/// status, end fields and version move, which the never-rewritten trigger allows.
pub fn end(
    conn: &Connection,
    id: MedicationId,
    expected: u32,
    status: MedicationStatus,
    by: UserId,
    at: DateTime<Utc>,
    reason: &str,
) -> CoreResult<bool> {
    let n = conn.execute(
        "UPDATE medications SET status = ?3, ended_at = ?4, ended_by = ?5, ended_reason = ?6,
             version = version + 1
         WHERE id = ?1 AND version = ?2",
        params![
            id.to_string(),
            expected,
            status.as_str(),
            instant_to_sql(at),
            by.to_string(),
            reason
        ],
    )?;
    Ok(n == 1)
}

/// Moves only the version (a reconciliation note on an entry), so the history row has its own.
pub fn bump_version(conn: &Connection, id: MedicationId, expected: u32) -> CoreResult<bool> {
    let n = conn.execute(
        "UPDATE medications SET version = version + 1 WHERE id = ?1 AND version = ?2",
        params![id.to_string(), expected],
    )?;
    Ok(n == 1)
}

/// Appends one version of an entry: its fields as JSON, the change, who and why.
pub fn append_history(
    conn: &Connection,
    m: &Medication,
    change: &str,
    by: UserId,
    at: DateTime<Utc>,
    reason: Option<&str>,
) -> CoreResult<()> {
    let snapshot = serde_json::to_string(m).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO medication_history (medication_id, version, change, snapshot, changed_at,
             changed_by, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        m.id.to_string(),
        m.version,
        change,
        snapshot,
        instant_to_sql(at),
        by.to_string(),
        reason
    ])?;
    Ok(())
}

/// Every version of one entry, oldest first; the signed version carries its overrides.
pub fn history(conn: &Connection, id: MedicationId) -> CoreResult<Vec<MedicationHistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.version, h.change, h.changed_at, u.display_name, h.reason,
                json_extract(h.snapshot, '$.sigText')
         FROM medication_history h JOIN users u ON u.id = h.changed_by
         WHERE h.medication_id = ?1 ORDER BY h.version",
    )?;
    let rows = stmt
        .query_map(params![id.to_string()], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut overrides = overrides_of(conn, &[id.to_string()])?
        .remove(&id.to_string())
        .unwrap_or_default();
    rows.into_iter()
        .map(|(version, change, at, by_name, reason, sig_text)| {
            Ok(MedicationHistoryEntry {
                version,
                overrides: if change == "signed" {
                    std::mem::take(&mut overrides)
                } else {
                    Vec::new()
                },
                change: change.replace('_', " "),
                at: instant_from_sql(&at)?,
                by_name,
                reason,
                sig_text: sig_text.unwrap_or_default(),
            })
        })
        .collect()
}

/// Keeps one alert shown at signing, with its override reason when one was given.
pub fn insert_alert(
    conn: &Connection,
    id: MedicationId,
    alert: &SafetyAlert,
    override_reason: Option<&str>,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO prescription_alerts (medication_id, alert_key, kind, severity, title,
             source, rule_id, override_reason, signed_at, signed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id.to_string(),
        alert.key,
        alert.kind.as_str(),
        alert.severity.as_str(),
        alert.title,
        alert.source,
        alert.rule_id,
        override_reason,
        instant_to_sql(at),
        by.to_string()
    ])?;
    Ok(())
}

/// The newest weight (kg) in a vitals set not entered in error.
pub fn latest_weight_kg(conn: &Connection, patient: PatientId) -> CoreResult<Option<f64>> {
    Ok(conn
        .query_row(
            "SELECT weight_kg FROM vitals
             WHERE patient_id = ?1 AND weight_kg IS NOT NULL AND entered_in_error_at IS NULL
             ORDER BY taken_at DESC, recorded_at DESC LIMIT 1",
            params![patient.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The patient a visit belongs to.
pub fn visit_patient(conn: &Connection, visit: VisitId) -> CoreResult<Option<PatientId>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT patient_id FROM visits WHERE id = ?1",
            params![visit.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    text.map(|t| parse("patient id", &t, PatientId::parse))
        .transpose()
}

/// The keys of every alert kept with an entry, with their override reasons (tests).
#[cfg(test)]
pub fn alerts_kept(
    conn: &Connection,
    id: MedicationId,
) -> CoreResult<Vec<(String, Option<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT alert_key, override_reason FROM prescription_alerts
         WHERE medication_id = ?1 ORDER BY alert_key",
    )?;
    let rows = stmt
        .query_map(params![id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

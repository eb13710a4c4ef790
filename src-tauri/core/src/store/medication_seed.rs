//! Bulk SQL for a generated practice's medication lists (see `synth::medications`): what the
//! generator reads of a generated chart (problems, visits with their primary diagnosis,
//! allergies) and plain rows straight into `medications`, `medication_history`,
//! `prescription_alerts`, `reconciliations` and `reconciliation_items`, with prepared, cached
//! statements inside the large transaction the caller opened. Real prescribing never comes
//! here: it goes through `medications::prescriptions` and its checks.
//!
//! Every INSERT names its columns, so columns added later with defaults leave it working.

use super::instant_to_sql;
use crate::error::CoreResult;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};

pub fn any_medication(conn: &Connection) -> CoreResult<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM medications)", [], |r| {
            r.get(0)
        })?,
    )
}

/// One of the patient's problems as the generator sees it.
#[derive(Debug, Clone)]
pub struct ChartProblem {
    pub code: String,
    pub created_at: DateTime<Utc>,
    pub resolved: Option<NaiveDate>,
}

pub fn problems(conn: &Connection, patient: &str) -> CoreResult<Vec<ChartProblem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, created_at, resolved_date FROM problems
         WHERE patient_id = ?1 AND entered_in_error_at IS NULL ORDER BY created_at, id",
    )?;
    let rows = stmt
        .query_map(params![patient], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(code, at, resolved)| {
            Ok(ChartProblem {
                code,
                created_at: super::instant_from_sql(&at)?,
                resolved: resolved.as_deref().map(super::date_from_sql).transpose()?,
            })
        })
        .collect()
}

/// One of the patient's visits, oldest first, with its primary diagnosis code.
#[derive(Debug, Clone)]
pub struct ChartVisit {
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub provider: String,
    pub office: bool,
    pub primary_code: Option<String>,
}

pub fn visits(conn: &Connection, patient: &str) -> CoreResult<Vec<ChartVisit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.started_at, v.provider_id, v.visit_type <> 'telephone',
             (SELECT d.code FROM visit_diagnoses d WHERE d.visit_id = v.id AND d.is_primary
              AND d.entered_in_error_at IS NULL)
         FROM visits v WHERE v.patient_id = ?1 AND v.entered_in_error_at IS NULL
         ORDER BY v.started_at, v.id",
    )?;
    let rows = stmt
        .query_map(params![patient], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, at, provider, office, primary_code)| {
            Ok(ChartVisit {
                id,
                started_at: super::instant_from_sql(&at)?,
                provider,
                office,
                primary_code,
            })
        })
        .collect()
}

/// The patient's active allergies: `(id, substance code)`.
pub fn allergies(conn: &Connection, patient: &str) -> CoreResult<Vec<(String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, substance_code FROM allergies
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL
         ORDER BY recorded_at, id",
    )?;
    let rows = stmt
        .query_map(params![patient], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// How an entry ended: when, by whom, why (none for a superseded or completed one).
#[derive(Debug, Clone)]
pub struct SeedEnd {
    pub at: DateTime<Utc>,
    pub by: String,
    pub reason: Option<String>,
}

/// One row of `medications`, as the generator made it.
#[derive(Debug, Clone)]
pub struct SeedMedication {
    pub id: String,
    pub patient: String,
    /// "prescribed" or "reported".
    pub origin: &'static str,
    /// As stored: "draft", "active", "stopped", "superseded", "completed".
    pub status: &'static str,
    pub product_code: Option<String>,
    pub rxcui: Option<String>,
    pub name: String,
    /// Space-separated vocabulary codes.
    pub ingredient_codes: String,
    pub controlled: Option<&'static str>,
    /// The `Sig` as JSON.
    pub sig: Option<String>,
    pub sig_text: String,
    pub quantity: Option<f64>,
    pub quantity_unit: String,
    pub refills: u32,
    pub indication: String,
    pub reported_by: String,
    pub visit_id: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub written_at: DateTime<Utc>,
    pub written_by: String,
    pub signed: Option<(DateTime<Utc>, String)>,
    pub renews: Option<String>,
    pub replaces: Option<String>,
    pub change_reason: Option<String>,
    pub ended: Option<SeedEnd>,
    pub version: u32,
}

pub fn medication(tx: &Connection, m: &SeedMedication) -> CoreResult<()> {
    let (signed_at, signed_by) = match &m.signed {
        Some((at, by)) => (Some(instant_to_sql(*at)), Some(by.as_str())),
        None => (None, None),
    };
    let (ended_at, ended_by, ended_reason) = match &m.ended {
        Some(e) => (
            Some(instant_to_sql(e.at)),
            Some(e.by.as_str()),
            e.reason.as_deref(),
        ),
        None => (None, None, None),
    };
    tx.prepare_cached(
        "INSERT INTO medications (id, patient_id, origin, status, product_code, rxcui, name,
             ingredient_codes, controlled, sig, sig_text, quantity, quantity_unit, refills,
             dispense_as_written, note_to_pharmacist, indication, reported_by, visit_id,
             start_date, end_date, written_at, written_by, signed_at, signed_by, renews,
             replaces, change_reason, ended_at, ended_by, ended_reason, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, '', ?15, ?16,
             ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
    )?
    .execute(params![
        m.id,
        m.patient,
        m.origin,
        m.status,
        m.product_code,
        m.rxcui,
        m.name,
        m.ingredient_codes,
        m.controlled,
        m.sig,
        m.sig_text,
        m.quantity,
        m.quantity_unit,
        m.refills,
        m.indication,
        m.reported_by,
        m.visit_id,
        m.start_date.map(|d| d.to_string()),
        m.end_date.map(|d| d.to_string()),
        instant_to_sql(m.written_at),
        m.written_by,
        signed_at,
        signed_by,
        m.renews,
        m.replaces,
        m.change_reason,
        ended_at,
        ended_by,
        ended_reason,
        m.version
    ])?;
    Ok(())
}

#[allow(clippy::too_many_arguments)] // one row's columns
pub fn history(
    tx: &Connection,
    medication: &str,
    version: u32,
    change: &str,
    snapshot: &str,
    at: DateTime<Utc>,
    by: &str,
    reason: Option<&str>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO medication_history (medication_id, version, change, snapshot, changed_at,
             changed_by, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        medication,
        version,
        change,
        snapshot,
        instant_to_sql(at),
        by,
        reason
    ])?;
    Ok(())
}

/// One alert shown when a generated prescription was signed.
#[derive(Debug, Clone)]
pub struct SeedAlert {
    pub medication: String,
    pub key: String,
    /// As `AlertKind::as_str`.
    pub kind: &'static str,
    /// As `AlertSeverity::as_str`.
    pub severity: &'static str,
    pub title: String,
    pub source: &'static str,
    pub override_reason: Option<&'static str>,
    pub signed_at: DateTime<Utc>,
    pub signed_by: String,
}

pub fn alert(tx: &Connection, a: &SeedAlert) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO prescription_alerts (medication_id, alert_key, kind, severity, title,
             source, rule_id, override_reason, signed_at, signed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8, ?9)",
    )?
    .execute(params![
        a.medication,
        a.key,
        a.kind,
        a.severity,
        a.title,
        a.source,
        a.override_reason,
        instant_to_sql(a.signed_at),
        a.signed_by
    ])?;
    Ok(())
}

/// A reconciliation and its items `(medication id, action, note)`.
pub fn reconciliation(
    tx: &Connection,
    id: &str,
    patient: &str,
    visit: Option<&str>,
    at: DateTime<Utc>,
    by: &str,
    items: &[(String, &'static str, &'static str)],
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO reconciliations (id, patient_id, visit_id, done_at, done_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, patient, visit, instant_to_sql(at), by])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO reconciliation_items (reconciliation_id, medication_id, action, note)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (medication, action, note) in items {
        stmt.execute(params![id, medication, action, note])?;
    }
    Ok(())
}

/// A patient's chart number.
pub fn mrn(conn: &Connection, patient: &str) -> CoreResult<u32> {
    Ok(conn.query_row(
        "SELECT mrn FROM patients WHERE id = ?1",
        params![patient],
        |r| r.get(0),
    )?)
}

/// A kept benchmark practice's patients with at least one medication entry (chart-number order).
pub fn kept_listed(conn: &Connection) -> CoreResult<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT p.id FROM patients p WHERE EXISTS (SELECT 1 FROM medications m
           WHERE m.patient_id = p.id) ORDER BY p.mrn",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
}

//! Bulk inserts of a generated chart (see `synth::chart`): plain rows with prepared, cached
//! statements, inside the large transaction the caller opened. Nothing here is used for real
//! charting: those writes go through each area's validated, audited operations.

use super::instant_to_sql;
use crate::error::CoreResult;
use crate::ids::PatientId;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};

/// What the generator needs to know of a registered patient.
#[derive(Debug, Clone)]
pub struct SeedPatient {
    pub id: PatientId,
    pub date_of_birth: NaiveDate,
    pub female: bool,
    pub deceased_on: Option<NaiveDate>,
}

/// Every patient in chart-number order.
pub fn patients(conn: &Connection) -> CoreResult<Vec<SeedPatient>> {
    let mut stmt = conn.prepare(
        "SELECT id, date_of_birth, sex_at_birth = 'female', deceased_on FROM patients ORDER BY mrn",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, dob, female, deceased)| {
            Ok(SeedPatient {
                id: super::chart_summary::id(&id, PatientId::parse, "patients")?,
                date_of_birth: super::date_from_sql(&dob)?,
                female,
                deceased_on: deceased.as_deref().map(super::date_from_sql).transpose()?,
            })
        })
        .collect()
}

/// Lets a signed visit's diagnoses go in before the visit row (checked at commit), since a
/// signed visit refuses new diagnoses.
pub fn defer_foreign_keys(tx: &Connection) -> CoreResult<()> {
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    Ok(())
}

pub fn any_visit(conn: &Connection) -> CoreResult<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM visits)", [], |r| r.get(0))?)
}

#[derive(Debug, Clone)]
pub struct SeedVisit {
    pub id: String,
    pub patient: String,
    pub provider: String,
    pub started_at: DateTime<Utc>,
    pub visit_type: &'static str,
    pub reason: String,
    pub soap: [String; 4],
    pub saved_at: DateTime<Utc>,
    /// `(when, physician)`; `None` leaves the note a draft.
    pub signed: Option<(DateTime<Utc>, String)>,
}

pub fn visit(tx: &Connection, v: &SeedVisit) -> CoreResult<()> {
    let started = instant_to_sql(v.started_at);
    let saved = instant_to_sql(v.saved_at);
    let (signed_at, signed_by) = match &v.signed {
        Some((at, by)) => (Some(instant_to_sql(*at)), Some(by.as_str())),
        None => (None, None),
    };
    tx.prepare_cached(
        "INSERT INTO visits (id, patient_id, provider_id, started_at, visit_type, reason,
             created_at, created_by, subjective, objective, assessment, plan,
             draft_version, draft_saved_at, draft_saved_by, signed_at, signed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4, ?3, ?7, ?8, ?9, ?10, 1, ?11, ?3, ?12, ?13)",
    )?
    .execute(params![
        v.id,
        v.patient,
        v.provider,
        started,
        v.visit_type,
        v.reason,
        v.soap[0],
        v.soap[1],
        v.soap[2],
        v.soap[3],
        saved,
        signed_at,
        signed_by
    ])?;
    Ok(())
}

#[allow(clippy::too_many_arguments)] // one row's columns
pub fn diagnosis(
    tx: &Connection,
    id: &str,
    visit: &SeedVisit,
    code: &str,
    description: &str,
    position: u32,
    by: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO visit_diagnoses (id, visit_id, patient_id, code, description, is_primary,
             position, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        visit.id,
        visit.patient,
        code,
        description,
        position == 0,
        position,
        instant_to_sql(visit.saved_at),
        by
    ])?;
    Ok(())
}

pub fn amendment(
    tx: &Connection,
    id: &str,
    visit: &str,
    author: &str,
    at: DateTime<Utc>,
    reason: &str,
    text: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO note_amendments (id, visit_id, author_id, created_at, reason, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, visit, author, instant_to_sql(at), reason, text])?;
    Ok(())
}

/// One vitals set in canonical units.
#[derive(Debug, Clone, Default)]
pub struct SeedVitals {
    pub systolic: Option<i64>,
    pub diastolic: Option<i64>,
    pub pulse: Option<i64>,
    pub respiration: Option<i64>,
    pub temperature_c: Option<f64>,
    pub spo2: Option<i64>,
    pub height_cm: Option<f64>,
    pub weight_kg: Option<f64>,
    pub bmi: Option<f64>,
    pub head_circumference_cm: Option<f64>,
}

pub fn vitals(
    tx: &Connection,
    id: &str,
    visit: &SeedVisit,
    by: &str,
    v: &SeedVitals,
) -> CoreResult<()> {
    let taken = instant_to_sql(visit.started_at + chrono::Duration::minutes(5));
    tx.prepare_cached(
        "INSERT INTO vitals (id, patient_id, visit_id, taken_at, recorded_at, recorded_by,
             systolic, diastolic, bp_position, pulse, respiration, temperature_c, spo2,
             height_cm, weight_kg, bmi, head_circumference_cm)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, CASE WHEN ?6 IS NULL THEN NULL ELSE 'sitting' END,
             ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        id,
        visit.patient,
        visit.id,
        taken,
        by,
        v.systolic,
        v.diastolic,
        v.pulse,
        v.respiration,
        v.temperature_c,
        v.spo2,
        v.height_cm,
        v.weight_kg,
        v.bmi,
        v.head_circumference_cm
    ])?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct SeedProblem {
    pub id: String,
    pub patient: String,
    pub code: String,
    pub description: String,
    pub status: &'static str,
    pub onset: Option<String>,
    pub resolved: Option<String>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// The problem and its first history version.
pub fn problem(tx: &Connection, p: &SeedProblem) -> CoreResult<()> {
    let at = instant_to_sql(p.created_at);
    tx.prepare_cached(
        "INSERT INTO problems (id, patient_id, code, description, status, onset_date,
             resolved_date, version, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?8, ?9)",
    )?
    .execute(params![
        p.id,
        p.patient,
        p.code,
        p.description,
        p.status,
        p.onset,
        p.resolved,
        at,
        p.created_by
    ])?;
    tx.prepare_cached(
        "INSERT INTO problem_history (problem_id, version, change, code, description, status,
             onset_date, resolved_date, comment, changed_at, changed_by)
         VALUES (?1, 1, 'created', ?2, ?3, ?4, ?5, ?6, '', ?7, ?8)",
    )?
    .execute(params![
        p.id,
        p.code,
        p.description,
        p.status,
        p.onset,
        p.resolved,
        at,
        p.created_by
    ])?;
    Ok(())
}

pub fn problem_visit(
    tx: &Connection,
    problem: &str,
    visit: &str,
    at: DateTime<Utc>,
    by: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO problem_visits (problem_id, visit_id, linked_at, linked_by)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![problem, visit, instant_to_sql(at), by])?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct SeedAllergy {
    pub id: String,
    pub patient: String,
    pub code: Option<&'static str>,
    pub substance: &'static str,
    pub category: &'static str,
    pub reaction: &'static str,
    pub severity: &'static str,
    pub criticality: &'static str,
    pub at: DateTime<Utc>,
    pub by: String,
}

/// The allergy and its first history version (the snapshot holds the row's fields).
pub fn allergy(tx: &Connection, a: &SeedAllergy) -> CoreResult<()> {
    let at = instant_to_sql(a.at);
    tx.prepare_cached(
        "INSERT INTO allergies (id, patient_id, substance_code, substance, category, kind,
             reaction, severity, criticality, status, version, recorded_at, recorded_by,
             updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, 'allergy', ?6, ?7, ?8, 'active', 1, ?9, ?10, ?9, ?10)",
    )?
    .execute(params![
        a.id,
        a.patient,
        a.code,
        a.substance,
        a.category,
        a.reaction,
        a.severity,
        a.criticality,
        at,
        a.by
    ])?;
    let snapshot = serde_json::json!({
        "substanceCode": a.code,
        "substance": a.substance,
        "category": a.category,
        "kind": "allergy",
        "reaction": a.reaction,
        "severity": a.severity,
        "criticality": a.criticality,
        "status": "active",
        "onsetDate": null,
        "comment": "",
    });
    tx.prepare_cached(
        "INSERT INTO allergy_history (allergy_id, version, change, snapshot, changed_at, changed_by)
         VALUES (?1, 1, 'created', ?2, ?3, ?4)",
    )?
    .execute(params![a.id, snapshot.to_string(), at, a.by])?;
    Ok(())
}

pub fn no_known_drug_allergies(
    tx: &Connection,
    id: &str,
    patient: &str,
    at: DateTime<Utc>,
    by: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO allergy_statements (id, patient_id, statement, recorded_at, recorded_by)
         VALUES (?1, ?2, 'no_known_drug_allergies', ?3, ?4)",
    )?
    .execute(params![id, patient, instant_to_sql(at), by])?;
    Ok(())
}

#[allow(clippy::too_many_arguments)] // one row's columns
pub fn social(
    tx: &Connection,
    id: &str,
    patient: &str,
    kind: &str,
    status: &str,
    detail: &str,
    smoking: Option<(f64, f64)>,
    at: DateTime<Utc>,
    as_of: NaiveDate,
    by: &str,
) -> CoreResult<()> {
    let (packs, years) = smoking.map_or((None, None), |(p, y)| (Some(p), Some(y)));
    let pack_years = smoking.map(|(p, y)| (p * y * 10.0).round() / 10.0);
    tx.prepare_cached(
        "INSERT INTO social_history (id, patient_id, kind, status, detail, packs_per_day, years,
             pack_years, as_of, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        id,
        patient,
        kind,
        status,
        detail,
        packs,
        years,
        pack_years,
        as_of.to_string(),
        instant_to_sql(at),
        by
    ])?;
    Ok(())
}

#[allow(clippy::too_many_arguments)] // one row's columns
pub fn family(
    tx: &Connection,
    id: &str,
    patient: &str,
    relative: &str,
    condition: &str,
    code: &str,
    onset_age: u32,
    at: DateTime<Utc>,
    by: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO family_history (id, patient_id, relative, condition, code, onset_age,
             recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        patient,
        relative,
        condition,
        code,
        onset_age,
        instant_to_sql(at),
        by
    ])?;
    Ok(())
}

pub fn surgical(
    tx: &Connection,
    id: &str,
    patient: &str,
    procedure: &str,
    performed_on: &str,
    at: DateTime<Utc>,
    by: &str,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO surgical_history (id, patient_id, procedure, performed_on, recorded_at,
             recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        patient,
        procedure,
        performed_on,
        instant_to_sql(at),
        by
    ])?;
    Ok(())
}

/// A kept benchmark practice's chart lists: every patient (chart-number order) and the
/// patients with 700 or more visits (the generator's heavy charts).
pub fn kept_lists(conn: &Connection) -> CoreResult<(Vec<String>, Vec<String>)> {
    let ids = |sql: &str| -> CoreResult<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    };
    Ok((
        ids("SELECT id FROM patients ORDER BY mrn")?,
        ids(
            "SELECT v.patient_id FROM visits v GROUP BY v.patient_id HAVING count(*) >= 700
              ORDER BY v.patient_id",
        )?,
    ))
}

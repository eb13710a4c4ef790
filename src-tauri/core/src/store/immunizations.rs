//! SQL for immunization entries (`immunizations`). Every writer — the chart, generated
//! practices — goes through `insert`; entries are never rewritten, only marked entered in
//! error (the table's triggers refuse anything else).

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::chart::common::ErrorMark;
use crate::error::{CoreError, CoreResult};
use crate::ids::{ImmunizationId, PatientId, UserId};
use crate::immunizations::{
    series_of, CoverageRow, ForecastEntry, Immunization, ImmunizationKind, NewImmunization,
};
use crate::patient::SexAtBirth;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// Writes one entry (inside the caller's transaction).
pub fn insert(conn: &Connection, i: &NewImmunization) -> CoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO immunizations (id, patient_id, visit_id, cvx, vaccine, kind, given_on,
             dose_number, lot, expires_on, manufacturer, site, route, given_by, given_by_name,
             vis_date, refusal_reason, source_note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20)",
    )?
    .execute(params![
        i.id.to_string(),
        i.patient.to_string(),
        i.visit.map(|v| v.to_string()),
        i.cvx,
        i.vaccine,
        i.kind.as_sql(),
        i.given_on.to_string(),
        i.dose_number,
        i.lot,
        i.expires_on.map(|d| d.to_string()),
        i.manufacturer,
        i.site,
        i.route,
        i.given_by.map(|u| u.to_string()),
        i.given_by_name,
        i.vis_date.map(|d| d.to_string()),
        i.refusal_reason,
        i.source_note,
        i.recorded_by.to_string(),
        instant_to_sql(i.recorded_at),
    ])?;
    Ok(())
}

const SELECT: &str = "SELECT i.id, i.patient_id, i.cvx, i.vaccine, i.kind, i.given_on,
        i.dose_number, i.lot, i.expires_on, i.manufacturer, i.site, i.route,
        COALESCE(g.display_name, i.given_by_name), i.vis_date, i.refusal_reason, i.source_note,
        i.recorded_at, r.display_name, i.entered_in_error_at, i.entered_in_error_by,
        e.display_name, i.entered_in_error_reason
     FROM immunizations i JOIN users r ON r.id = i.recorded_by
     LEFT JOIN users g ON g.id = i.given_by LEFT JOIN users e ON e.id = i.entered_in_error_by";

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad stored {what} {text:?}"))
}

fn opt_date(text: Option<String>) -> CoreResult<Option<NaiveDate>> {
    text.as_deref().map(date_from_sql).transpose()
}

fn from_row(r: &Row<'_>) -> CoreResult<Immunization> {
    let id: String = r.get(0)?;
    let patient: String = r.get(1)?;
    let cvx: String = r.get(2)?;
    let kind: String = r.get(4)?;
    let given_on: String = r.get(5)?;
    let recorded_at: String = r.get(16)?;
    let error_at: Option<String> = r.get(18)?;
    let error_by: Option<String> = r.get(19)?;
    let entered_in_error = match (error_at, error_by) {
        (Some(at), Some(by)) => Some(ErrorMark {
            at: instant_from_sql(&at)?,
            by: UserId::parse(&by).ok_or_else(|| corrupt("user id", &by))?,
            by_name: r.get::<_, Option<String>>(20)?.unwrap_or_default(),
            reason: r.get::<_, Option<String>>(21)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(Immunization {
        id: ImmunizationId::parse(&id).ok_or_else(|| corrupt("immunization id", &id))?,
        patient_id: PatientId::parse(&patient).ok_or_else(|| corrupt("patient id", &patient))?,
        series: series_of(&cvx).into_iter().map(str::to_string).collect(),
        cvx,
        vaccine: r.get(3)?,
        kind: ImmunizationKind::from_sql(&kind).ok_or_else(|| corrupt("kind", &kind))?,
        given_on: date_from_sql(&given_on)?,
        dose_number: r.get(6)?,
        lot: r.get(7)?,
        expires_on: opt_date(r.get(8)?)?,
        manufacturer: r.get(9)?,
        site: r.get(10)?,
        route: r.get(11)?,
        given_by_name: r.get(12)?,
        vis_date: opt_date(r.get(13)?)?,
        refusal_reason: r.get(14)?,
        source_note: r.get(15)?,
        recorded_at: instant_from_sql(&recorded_at)?,
        recorded_by_name: r.get(17)?,
        entered_in_error,
    })
}

/// The patient's entries, newest first (entered in error included).
pub fn list(conn: &Connection, patient: PatientId) -> CoreResult<Vec<Immunization>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE i.patient_id = ?1 ORDER BY i.given_on DESC, i.recorded_at DESC"
    ))?;
    let mut rows = stmt.query([patient.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(from_row(r)?);
    }
    Ok(out)
}

pub fn get(conn: &Connection, id: ImmunizationId) -> CoreResult<Option<Immunization>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE i.id = ?1"))?;
    let mut rows = stmt.query([id.to_string()])?;
    match rows.next()? {
        Some(r) => Ok(Some(from_row(r)?)),
        None => Ok(None),
    }
}

pub fn patient_of(conn: &Connection, id: ImmunizationId) -> CoreResult<Option<PatientId>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT patient_id FROM immunizations WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    text.map(|t| PatientId::parse(&t).ok_or_else(|| corrupt("patient id", &t)))
        .transpose()
}

/// Marks an entry entered in error; false if it already was.
pub fn mark_entered_in_error(
    conn: &Connection,
    id: ImmunizationId,
    why: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE immunizations SET entered_in_error_at = ?2, entered_in_error_by = ?3,
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

/// What the forecast reads: the patient's date of birth and sex, and every entry not entered
/// in error (one read by primary key, one by `immunizations_by_patient`).
pub fn forecast_inputs(
    conn: &Connection,
    patient: PatientId,
) -> CoreResult<Option<(NaiveDate, SexAtBirth, Vec<ForecastEntry>)>> {
    let who: Option<(String, String)> = conn
        .prepare_cached("SELECT date_of_birth, sex_at_birth FROM patients WHERE id = ?1")?
        .query_row([patient.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((dob, sex)) = who else {
        return Ok(None);
    };
    let dob = date_from_sql(&dob)?;
    let sex = SexAtBirth::parse(&sex).ok_or_else(|| corrupt("sex", &sex))?;
    let mut stmt = conn.prepare_cached(
        "SELECT cvx, kind, given_on, refusal_reason FROM immunizations
         WHERE patient_id = ?1 AND entered_in_error_at IS NULL ORDER BY given_on",
    )?;
    let mut rows = stmt.query([patient.to_string()])?;
    let mut entries = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        let on: String = r.get(2)?;
        entries.push(ForecastEntry {
            cvx: r.get(0)?,
            kind: ImmunizationKind::from_sql(&kind).ok_or_else(|| corrupt("kind", &kind))?,
            on: date_from_sql(&on)?,
            refusal_reason: r.get(3)?,
        });
    }
    Ok(Some((dob, sex, entries)))
}

/// Every active patient born on or after `born_from` with their entries not entered in error,
/// in patient-id order: two sequential scans merged, so a practice report can run the
/// forecast per patient without a query each.
pub fn coverage_inputs(conn: &Connection, born_from: NaiveDate) -> CoreResult<Vec<CoverageRow>> {
    let mut out: Vec<CoverageRow> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, date_of_birth, sex_at_birth FROM patients
         WHERE status = 'active' AND date_of_birth >= ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([born_from.to_string()])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let dob: String = r.get(1)?;
        let sex: String = r.get(2)?;
        let patient = PatientId::parse(&id).ok_or_else(|| corrupt("patient id", &id))?;
        index.insert(id, out.len());
        out.push(CoverageRow {
            patient,
            born: date_from_sql(&dob)?,
            sex: SexAtBirth::parse(&sex).ok_or_else(|| corrupt("sex", &sex))?,
            entries: Vec::new(),
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT patient_id, cvx, kind, given_on, refusal_reason FROM immunizations
         WHERE entered_in_error_at IS NULL ORDER BY patient_id, given_on",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let patient: String = r.get(0)?;
        let Some(&i) = index.get(&patient) else {
            continue;
        };
        let kind: String = r.get(2)?;
        let on: String = r.get(3)?;
        out[i].entries.push(ForecastEntry {
            cvx: r.get(1)?,
            kind: ImmunizationKind::from_sql(&kind).ok_or_else(|| corrupt("kind", &kind))?,
            on: date_from_sql(&on)?,
            refusal_reason: r.get(4)?,
        });
    }
    Ok(out)
}

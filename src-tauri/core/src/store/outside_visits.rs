//! SQL for `outside_visits` and `outside_visit_diagnoses`: a FHIR import files them, the chart
//! reads them (each with its diagnoses), and the entered-in-error mark is their one change.

use super::{instant_from_sql, instant_to_sql};
use crate::chart::common::ErrorMark;
use crate::chart::outside_visits::{OutsideDiagnosis, OutsideVisit, OutsideVisitDraft, VisitClass};
use crate::error::{CoreError, CoreResult};
use crate::ids::{OutsideDiagnosisId, OutsideVisitId, PatientId, UserId};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashMap;

fn id<T>(text: &str, kind: &str, parse: fn(&str) -> Option<T>) -> CoreResult<T> {
    parse(text).ok_or_else(|| CoreError::Corrupt(format!("bad {kind} id {text:?}")))
}

/// What an import writes: the visit and, in order, its diagnoses' ids.
pub(crate) struct NewOutsideVisit<'a> {
    pub id: OutsideVisitId,
    pub patient: PatientId,
    pub draft: &'a OutsideVisitDraft,
    /// One per `draft.diagnoses`, in the same order.
    pub diagnosis_ids: &'a [OutsideDiagnosisId],
    pub imported_by: UserId,
    pub imported_at: DateTime<Utc>,
}

pub(crate) fn insert(conn: &Connection, v: &NewOutsideVisit<'_>) -> CoreResult<()> {
    let d = v.draft;
    if v.diagnosis_ids.len() != d.diagnoses.len() {
        return Err(CoreError::Corrupt(
            "an outside visit's diagnoses and their ids do not pair up".into(),
        ));
    }
    conn.prepare_cached(
        "INSERT INTO outside_visits (id, patient_id, started_at, ended_at, visit_class,
            visit_type, reason, clinician, place, note, source, imported_at, imported_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        v.id.to_string(),
        v.patient.to_string(),
        instant_to_sql(d.started_at),
        d.ended_at.map(instant_to_sql),
        d.visit_class.as_str(),
        d.visit_type,
        d.reason,
        d.clinician,
        d.place,
        d.note,
        d.source,
        instant_to_sql(v.imported_at),
        v.imported_by.to_string(),
    ])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO outside_visit_diagnoses (id, outside_visit_id, patient_id, code_system,
            code, description, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (position, (dx, dx_id)) in d.diagnoses.iter().zip(v.diagnosis_ids).enumerate() {
        // A system and a code come as a pair (the table checks it).
        let (system, code) = match (&dx.code_system, &dx.code) {
            (Some(s), Some(c)) => (Some(s.as_str()), Some(c.as_str())),
            _ => (None, None),
        };
        stmt.execute(params![
            dx_id.to_string(),
            v.id.to_string(),
            v.patient.to_string(),
            system,
            code,
            dx.description,
            i64::try_from(position).unwrap_or(i64::MAX),
        ])?;
    }
    Ok(())
}

/// The patient and whether it is marked entered in error, for deciding what may happen to it.
pub(crate) fn state(
    conn: &Connection,
    visit: OutsideVisitId,
) -> CoreResult<Option<(PatientId, bool)>> {
    let row: Option<(String, bool)> = conn
        .prepare_cached(
            "SELECT patient_id, entered_in_error_at IS NOT NULL FROM outside_visits
             WHERE id = ?1",
        )?
        .query_row(params![visit.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(patient, in_error)| Ok((id(&patient, "patient", PatientId::parse)?, in_error)))
        .transpose()
}

/// Marks it entered in error; false when it already was.
pub(crate) fn mark_in_error(
    conn: &Connection,
    visit: OutsideVisitId,
    by: UserId,
    now: DateTime<Utc>,
    reason: &str,
) -> CoreResult<bool> {
    let n = conn.execute(
        "UPDATE outside_visits SET entered_in_error_at = ?2, entered_in_error_by = ?3,
            entered_in_error_reason = ?4
         WHERE id = ?1 AND entered_in_error_at IS NULL",
        params![
            visit.to_string(),
            instant_to_sql(now),
            by.to_string(),
            reason
        ],
    )?;
    Ok(n == 1)
}

const COLUMNS: &str = "v.id, v.patient_id, v.started_at, v.ended_at, v.visit_class,
    v.visit_type, v.reason, v.clinician, v.place, v.note, v.source, v.imported_at,
    iu.display_name, v.entered_in_error_at, v.entered_in_error_by, eu.display_name,
    v.entered_in_error_reason";

fn from_row(r: &Row<'_>) -> CoreResult<OutsideVisit> {
    let class: String = r.get(4)?;
    let ended: Option<String> = r.get(3)?;
    let error_at: Option<String> = r.get(13)?;
    let error_by: Option<String> = r.get(14)?;
    let entered_in_error = match (error_at, error_by) {
        (Some(at), Some(by)) => Some(ErrorMark {
            at: instant_from_sql(&at)?,
            by: id(&by, "user", UserId::parse)?,
            by_name: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
            reason: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(OutsideVisit {
        id: id(
            &r.get::<_, String>(0)?,
            "outside visit",
            OutsideVisitId::parse,
        )?,
        patient_id: id(&r.get::<_, String>(1)?, "patient", PatientId::parse)?,
        started_at: instant_from_sql(&r.get::<_, String>(2)?)?,
        ended_at: ended.as_deref().map(instant_from_sql).transpose()?,
        visit_class: VisitClass::parse(&class)
            .ok_or_else(|| CoreError::Corrupt(format!("bad stored visit class {class:?}")))?,
        visit_type: r.get(5)?,
        reason: r.get(6)?,
        clinician: r.get(7)?,
        place: r.get(8)?,
        note: r.get(9)?,
        diagnoses: Vec::new(),
        source: r.get(10)?,
        imported_at: instant_from_sql(&r.get::<_, String>(11)?)?,
        imported_by_name: r.get(12)?,
        entered_in_error,
    })
}

fn diagnosis_from_row(r: &Row<'_>) -> CoreResult<(String, OutsideDiagnosis)> {
    Ok((
        r.get(0)?,
        OutsideDiagnosis {
            id: id(
                &r.get::<_, String>(1)?,
                "diagnosis",
                OutsideDiagnosisId::parse,
            )?,
            code_system: r.get(2)?,
            code: r.get(3)?,
            description: r.get(4)?,
        },
    ))
}

/// The patient's outside visits with their diagnoses, newest first.
pub(crate) fn list(conn: &Connection, patient: PatientId) -> CoreResult<Vec<OutsideVisit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outside_visits v
         JOIN users iu ON iu.id = v.imported_by
         LEFT JOIN users eu ON eu.id = v.entered_in_error_by
         WHERE v.patient_id = ?1
         ORDER BY v.started_at DESC, v.id"
    ))?;
    let mut rows = stmt.query(params![patient.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(from_row(r)?);
    }
    // One read of the chart's diagnoses rather than one per visit.
    let mut stmt = conn.prepare_cached(
        "SELECT outside_visit_id, id, code_system, code, description
         FROM outside_visit_diagnoses WHERE patient_id = ?1
         ORDER BY outside_visit_id, position",
    )?;
    let mut rows = stmt.query(params![patient.to_string()])?;
    let mut by_visit: HashMap<String, Vec<OutsideDiagnosis>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let (visit, dx) = diagnosis_from_row(r)?;
        by_visit.entry(visit).or_default().push(dx);
    }
    for v in &mut out {
        v.diagnoses = by_visit.remove(&v.id.to_string()).unwrap_or_default();
    }
    Ok(out)
}

/// One outside visit with its diagnoses.
pub(crate) fn get(conn: &Connection, visit: OutsideVisitId) -> CoreResult<Option<OutsideVisit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outside_visits v
         JOIN users iu ON iu.id = v.imported_by
         LEFT JOIN users eu ON eu.id = v.entered_in_error_by
         WHERE v.id = ?1"
    ))?;
    let mut rows = stmt.query(params![visit.to_string()])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let mut found = from_row(r)?;
    let mut stmt = conn.prepare_cached(
        "SELECT outside_visit_id, id, code_system, code, description
         FROM outside_visit_diagnoses WHERE outside_visit_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query(params![visit.to_string()])?;
    while let Some(r) = rows.next()? {
        found.diagnoses.push(diagnosis_from_row(r)?.1);
    }
    Ok(Some(found))
}

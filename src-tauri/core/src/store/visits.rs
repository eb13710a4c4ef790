//! SQL for visits, their notes and amendments, the co-sign queue, and what the after-visit
//! summary reads from the other chart tables (visit diagnoses, vitals, allergies).

use super::{instant_from_sql, instant_to_sql};
use crate::chart::common::{ErrorMark, VisitType};
use crate::chart::templates::visit_type_from_sql;
use crate::chart::visits::{
    Amendment, AvsAllergy, AvsDiagnosis, AvsVitals, QueueItem, Signature, SoapNote, Visit,
    VisitSummary,
};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AmendmentId, PatientId, TemplateId, UserId, VisitId};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

fn id<T>(text: &str, kind: &str, parse: fn(&str) -> Option<T>) -> CoreResult<T> {
    parse(text).ok_or_else(|| CoreError::Corrupt(format!("bad {kind} id {text:?}")))
}

fn instant(text: Option<String>) -> CoreResult<Option<DateTime<Utc>>> {
    text.as_deref().map(instant_from_sql).transpose()
}

/// A template as a new visit starts from it: its type, whether retired, its text.
pub fn template_start(
    conn: &Connection,
    template: TemplateId,
) -> CoreResult<Option<(VisitType, bool, SoapNote)>> {
    let row = conn
        .query_row(
            "SELECT visit_type, retired, subjective, objective, assessment, plan
             FROM note_templates WHERE id = ?1",
            params![template.to_string()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, bool>(1)?,
                    SoapNote {
                        subjective: r.get(2)?,
                        objective: r.get(3)?,
                        assessment: r.get(4)?,
                        plan: r.get(5)?,
                    },
                ))
            },
        )
        .optional()?;
    row.map(|(kind, retired, note)| Ok((visit_type_from_sql(&kind)?, retired, note)))
        .transpose()
}

/// What a new visit row holds.
pub(crate) struct NewVisit<'a> {
    pub id: VisitId,
    pub patient: PatientId,
    pub provider: UserId,
    pub started_at: DateTime<Utc>,
    pub visit_type: VisitType,
    pub reason: &'a str,
    pub template: Option<TemplateId>,
    pub note: &'a SoapNote,
    pub created_at: DateTime<Utc>,
    pub created_by: UserId,
}

pub fn insert(conn: &Connection, v: &NewVisit<'_>) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO visits (id, patient_id, provider_id, started_at, visit_type, reason,
            template_id, created_at, created_by, subjective, objective, assessment, plan)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            v.id.to_string(),
            v.patient.to_string(),
            v.provider.to_string(),
            instant_to_sql(v.started_at),
            v.visit_type.as_str(),
            v.reason,
            v.template.map(|t| t.to_string()),
            instant_to_sql(v.created_at),
            v.created_by.to_string(),
            v.note.subjective,
            v.note.objective,
            v.note.assessment,
            v.note.plan,
        ],
    )?;
    Ok(())
}

/// Where a visit stands, for deciding what may happen to it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VisitState {
    pub patient: PatientId,
    pub signed: bool,
    pub in_error: bool,
    pub draft_version: u32,
    pub note_empty: bool,
}

pub fn state(conn: &Connection, visit: VisitId) -> CoreResult<Option<VisitState>> {
    let row = conn
        .query_row(
            "SELECT patient_id, signed_at IS NOT NULL, entered_in_error_at IS NOT NULL,
                draft_version,
                trim(subjective, char(32, 9, 10, 13)) = ''
                    AND trim(objective, char(32, 9, 10, 13)) = ''
                    AND trim(assessment, char(32, 9, 10, 13)) = ''
                    AND trim(plan, char(32, 9, 10, 13)) = ''
             FROM visits WHERE id = ?1",
            params![visit.to_string()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, u32>(3)?,
                    r.get::<_, bool>(4)?,
                ))
            },
        )
        .optional()?;
    row.map(|(patient, signed, in_error, draft_version, note_empty)| {
        Ok(VisitState {
            patient: id(&patient, "patient", PatientId::parse)?,
            signed,
            in_error,
            draft_version,
            note_empty,
        })
    })
    .transpose()
}

/// Writes the draft if it is still at `expected` and open; false when it is not.
pub fn save_draft(
    conn: &Connection,
    visit: VisitId,
    expected: u32,
    note: &SoapNote,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = conn.execute(
        "UPDATE visits SET subjective = ?3, objective = ?4, assessment = ?5, plan = ?6,
            draft_version = draft_version + 1, draft_saved_at = ?7, draft_saved_by = ?8
         WHERE id = ?1 AND draft_version = ?2 AND signed_at IS NULL
           AND entered_in_error_at IS NULL",
        params![
            visit.to_string(),
            expected,
            note.subjective,
            note.objective,
            note.assessment,
            note.plan,
            instant_to_sql(now),
            by.to_string(),
        ],
    )?;
    Ok(n == 1)
}

/// Signs the note if it is still at `expected` and unsigned; false when it is not.
pub fn sign(
    conn: &Connection,
    visit: VisitId,
    expected: u32,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = conn.execute(
        "UPDATE visits SET signed_at = ?3, signed_by = ?4
         WHERE id = ?1 AND draft_version = ?2 AND signed_at IS NULL
           AND entered_in_error_at IS NULL",
        params![
            visit.to_string(),
            expected,
            instant_to_sql(now),
            by.to_string()
        ],
    )?;
    Ok(n == 1)
}

pub fn add_amendment(
    conn: &Connection,
    id: AmendmentId,
    visit: VisitId,
    author: UserId,
    now: DateTime<Utc>,
    reason: &str,
    text: &str,
) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO note_amendments (id, visit_id, author_id, created_at, reason, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id.to_string(),
            visit.to_string(),
            author.to_string(),
            instant_to_sql(now),
            reason,
            text
        ],
    )?;
    Ok(())
}

/// Marks the visit entered in error unless it already is; false when it was.
pub fn mark_in_error(
    conn: &Connection,
    visit: VisitId,
    by: UserId,
    now: DateTime<Utc>,
    reason: &str,
) -> CoreResult<bool> {
    let n = conn.execute(
        "UPDATE visits SET entered_in_error_at = ?2, entered_in_error_by = ?3,
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

fn signature(
    at: Option<String>,
    by: Option<String>,
    name: Option<String>,
) -> CoreResult<Option<Signature>> {
    match (instant(at)?, by) {
        (Some(at), Some(by)) => Ok(Some(Signature {
            at,
            by: id(&by, "user", UserId::parse)?,
            by_name: name.unwrap_or_default(),
        })),
        _ => Ok(None),
    }
}

pub fn get(conn: &Connection, visit: VisitId) -> CoreResult<Option<Visit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.patient_id, v.provider_id, pu.display_name, v.started_at, v.visit_type,
            v.reason, v.template_id, v.subjective, v.objective, v.assessment, v.plan,
            v.draft_version, v.draft_saved_at, du.display_name, v.signed_at, v.signed_by,
            su.display_name, v.entered_in_error_at, v.entered_in_error_by, eu.display_name,
            v.entered_in_error_reason, v.created_at, cu.display_name
         FROM visits v
         JOIN users pu ON pu.id = v.provider_id
         JOIN users cu ON cu.id = v.created_by
         LEFT JOIN users du ON du.id = v.draft_saved_by
         LEFT JOIN users su ON su.id = v.signed_by
         LEFT JOIN users eu ON eu.id = v.entered_in_error_by
         WHERE v.id = ?1",
    )?;
    let row = stmt
        .query_row(params![visit.to_string()], |r| Ok(raw_visit(r)))
        .optional()?;
    let Some(raw) = row else { return Ok(None) };
    let mut visit_row = raw?;
    visit_row.amendments = amendments(conn, visit)?;
    Ok(Some(visit_row))
}

fn raw_visit(r: &Row<'_>) -> CoreResult<Visit> {
    let template: Option<String> = r.get(7)?;
    let error_at: Option<String> = r.get(18)?;
    let error_by: Option<String> = r.get(19)?;
    let entered_in_error = match (instant(error_at)?, error_by) {
        (Some(at), Some(by)) => Some(ErrorMark {
            at,
            by: id(&by, "user", UserId::parse)?,
            by_name: r.get::<_, Option<String>>(20)?.unwrap_or_default(),
            reason: r.get::<_, Option<String>>(21)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(Visit {
        id: id(&r.get::<_, String>(0)?, "visit", VisitId::parse)?,
        patient_id: id(&r.get::<_, String>(1)?, "patient", PatientId::parse)?,
        provider_id: id(&r.get::<_, String>(2)?, "user", UserId::parse)?,
        provider_name: r.get(3)?,
        started_at: instant_from_sql(&r.get::<_, String>(4)?)?,
        visit_type: visit_type_from_sql(&r.get::<_, String>(5)?)?,
        reason: r.get(6)?,
        template_id: template
            .as_deref()
            .map(|t| id(t, "template", TemplateId::parse))
            .transpose()?,
        note: SoapNote {
            subjective: r.get(8)?,
            objective: r.get(9)?,
            assessment: r.get(10)?,
            plan: r.get(11)?,
        },
        draft_version: r.get(12)?,
        draft_saved_at: instant(r.get(13)?)?,
        draft_saved_by_name: r.get(14)?,
        signed: signature(r.get(15)?, r.get(16)?, r.get(17)?)?,
        amendments: Vec::new(),
        entered_in_error,
        created_at: instant_from_sql(&r.get::<_, String>(22)?)?,
        created_by_name: r.get(23)?,
    })
}

fn amendments(conn: &Connection, visit: VisitId) -> CoreResult<Vec<Amendment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.created_at, a.author_id, u.display_name, a.reason, a.text
         FROM note_amendments a JOIN users u ON u.id = a.author_id
         WHERE a.visit_id = ?1 ORDER BY a.created_at, a.rowid",
    )?;
    let rows = stmt.query_map(params![visit.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    rows.map(|row| {
        let (aid, at, author, author_name, reason, text) = row?;
        Ok(Amendment {
            id: id(&aid, "amendment", AmendmentId::parse)?,
            at: instant_from_sql(&at)?,
            author: id(&author, "user", UserId::parse)?,
            author_name,
            reason,
            text,
        })
    })
    .collect()
}

/// The patient's visits, newest first.
pub fn list(conn: &Connection, patient: PatientId) -> CoreResult<Vec<VisitSummary>> {
    // Only the assessment's head is read: a list never carries note text.
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.started_at, v.visit_type, v.reason, pu.display_name,
            substr(v.assessment, 1, 300), v.signed_at, v.signed_by, su.display_name,
            (SELECT count(*) FROM note_amendments a WHERE a.visit_id = v.id),
            v.entered_in_error_at IS NOT NULL
         FROM visits v
         JOIN users pu ON pu.id = v.provider_id
         LEFT JOIN users su ON su.id = v.signed_by
         WHERE v.patient_id = ?1
         ORDER BY v.started_at DESC, v.id",
    )?;
    let mut rows = stmt.query(params![patient.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let head: String = r.get(5)?;
        out.push(VisitSummary {
            id: id(&r.get::<_, String>(0)?, "visit", VisitId::parse)?,
            patient_id: patient,
            started_at: instant_from_sql(&r.get::<_, String>(1)?)?,
            visit_type: visit_type_from_sql(&r.get::<_, String>(2)?)?,
            reason: r.get(3)?,
            provider_name: r.get(4)?,
            assessment_first_line: head
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or_default()
                .to_string(),
            signed: signature(r.get(6)?, r.get(7)?, r.get(8)?)?,
            amendment_count: r.get(9)?,
            entered_in_error: r.get(10)?,
        });
    }
    Ok(out)
}

/// Unsigned notes of visits started before `before`, not entered in error, oldest first.
pub fn unsigned_before(conn: &Connection, before: DateTime<Utc>) -> CoreResult<Vec<QueueItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.patient_id, p.mrn, p.given_name || ' ' || p.family_name,
            p.restricted, v.started_at, v.visit_type, v.reason, pu.display_name,
            coalesce(du.display_name, cu.display_name), v.draft_version
         FROM visits v
         JOIN patients p ON p.id = v.patient_id
         JOIN users pu ON pu.id = v.provider_id
         JOIN users cu ON cu.id = v.created_by
         LEFT JOIN users du ON du.id = v.draft_saved_by
         WHERE v.signed_at IS NULL AND v.entered_in_error_at IS NULL AND v.started_at < ?1
         ORDER BY v.started_at, v.id",
    )?;
    let mut rows = stmt.query(params![instant_to_sql(before)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let restricted: bool = r.get(4)?;
        out.push(QueueItem {
            visit_id: id(&r.get::<_, String>(0)?, "visit", VisitId::parse)?,
            patient_id: id(&r.get::<_, String>(1)?, "patient", PatientId::parse)?,
            mrn: r.get(2)?,
            patient_name: if restricted {
                "Restricted chart".into()
            } else {
                r.get(3)?
            },
            restricted,
            started_at: instant_from_sql(&r.get::<_, String>(5)?)?,
            visit_type: visit_type_from_sql(&r.get::<_, String>(6)?)?,
            reason: r.get(7)?,
            provider_name: r.get(8)?,
            author_name: r.get(9)?,
            draft_version: r.get(10)?,
        });
    }
    Ok(out)
}

/// The visit's diagnoses not entered in error, primary first.
pub fn visit_diagnoses(conn: &Connection, visit: VisitId) -> CoreResult<Vec<AvsDiagnosis>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, description, is_primary FROM visit_diagnoses
         WHERE visit_id = ?1 AND entered_in_error_at IS NULL
         ORDER BY is_primary DESC, position",
    )?;
    let rows = stmt.query_map(params![visit.to_string()], |r| {
        Ok(AvsDiagnosis {
            code: r.get(0)?,
            description: r.get(1)?,
            primary: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The vitals taken at the visit, not entered in error, in the order taken.
pub fn visit_vitals(conn: &Connection, visit: VisitId) -> CoreResult<Vec<AvsVitals>> {
    let mut stmt = conn.prepare_cached(
        "SELECT taken_at, systolic, diastolic, pulse, respiration, temperature_c, spo2,
            height_cm, weight_kg, bmi, pain_score
         FROM vitals WHERE visit_id = ?1 AND entered_in_error_at IS NULL
         ORDER BY taken_at, rowid",
    )?;
    let mut rows = stmt.query(params![visit.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(AvsVitals {
            taken_at: instant_from_sql(&r.get::<_, String>(0)?)?,
            systolic: r.get(1)?,
            diastolic: r.get(2)?,
            pulse: r.get(3)?,
            respiration: r.get(4)?,
            temperature_c: r.get(5)?,
            spo2: r.get(6)?,
            height_cm: r.get(7)?,
            weight_kg: r.get(8)?,
            bmi: r.get(9)?,
            pain_score: r.get(10)?,
        });
    }
    Ok(out)
}

/// The patient's active allergies and intolerances, not entered in error.
pub fn active_allergies(conn: &Connection, patient: PatientId) -> CoreResult<Vec<AvsAllergy>> {
    let mut stmt = conn.prepare_cached(
        "SELECT substance, kind, reaction, severity, criticality FROM allergies
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL
         ORDER BY criticality = 'high' DESC, substance",
    )?;
    let rows = stmt.query_map(params![patient.to_string()], |r| {
        Ok(AvsAllergy {
            substance: r.get(0)?,
            kind: r.get(1)?,
            reaction: r.get(2)?,
            severity: r.get(3)?,
            high_criticality: r.get::<_, String>(4)? == "high",
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

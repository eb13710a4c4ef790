//! SQL for letters and referrals (`letter_templates`, `letters`, `referrals`,
//! `referral_status_changes`): templates listed and saved, a signed letter stored with its PDF
//! and read without it, a referral with its history, the referrals a physician waits on, and
//! the entered-in-error mark.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{DocumentId, LetterId, LetterTemplateId, PatientId, ReferralId, UserId};
use crate::letters::{
    Letter, LetterKind, LetterTemplate, LetterTemplateDraft, Referral, ReferralChange,
    ReferralStatus,
};
use crate::messages::MessagePatient;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad stored {what} {text:?}"))
}

fn kind_of(text: &str) -> CoreResult<LetterKind> {
    LetterKind::parse(text).ok_or_else(|| corrupt("letter kind", text))
}

fn status_of(text: &str) -> CoreResult<ReferralStatus> {
    ReferralStatus::parse(text).ok_or_else(|| corrupt("referral status", text))
}

// ---- templates

fn template_from_row(r: &Row<'_>) -> CoreResult<LetterTemplate> {
    let id: String = r.get(0)?;
    let kind: String = r.get(1)?;
    let at: String = r.get(7)?;
    Ok(LetterTemplate {
        id: LetterTemplateId::parse(&id).ok_or_else(|| corrupt("template id", &id))?,
        kind: kind_of(&kind)?,
        name: r.get(2)?,
        subject: r.get(3)?,
        body: r.get(4)?,
        active: r.get(5)?,
        updated_by_name: r.get(6)?,
        updated_at: instant_from_sql(&at)?,
    })
}

const TEMPLATE_COLUMNS: &str = "t.id, t.kind, t.name, t.subject, t.body, t.active, u.display_name,
    t.updated_at FROM letter_templates t LEFT JOIN users u ON u.id = t.updated_by";

pub fn templates(conn: &Connection) -> CoreResult<Vec<LetterTemplate>> {
    let sql = format!("SELECT {TEMPLATE_COLUMNS} ORDER BY t.active DESC, t.name COLLATE NOCASE");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(template_from_row(r)?);
    }
    Ok(out)
}

pub fn template(conn: &Connection, id: LetterTemplateId) -> CoreResult<Option<LetterTemplate>> {
    let sql = format!("SELECT {TEMPLATE_COLUMNS} WHERE t.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![id.to_string()])?;
    match rows.next()? {
        Some(r) => Ok(Some(template_from_row(r)?)),
        None => Ok(None),
    }
}

/// Whether another template already has this name.
pub fn template_name_taken(
    conn: &Connection,
    name: &str,
    except: LetterTemplateId,
) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM letter_templates WHERE name = ?1 COLLATE NOCASE AND id <> ?2",
        )?
        .exists(params![name, except.to_string()])?)
}

/// Inserts the template, or replaces the one with this id.
pub fn save_template(
    tx: &Connection,
    id: LetterTemplateId,
    d: &LetterTemplateDraft,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO letter_templates (id, kind, name, subject, body, active, updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
             subject = excluded.subject, body = excluded.body, active = excluded.active,
             updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )?
    .execute(params![
        id.to_string(),
        d.kind.as_str(),
        d.name.trim(),
        d.subject.trim(),
        d.body,
        d.active,
        by.to_string(),
        instant_to_sql(at)
    ])?;
    Ok(())
}

// ---- letters

pub struct NewLetter<'a> {
    pub id: LetterId,
    pub patient: PatientId,
    pub template: Option<LetterTemplateId>,
    pub kind: LetterKind,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub by: UserId,
    pub at: DateTime<Utc>,
    pub pdf: &'a [u8],
}

pub fn insert_letter(tx: &Connection, l: &NewLetter<'_>) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO letters (id, patient_id, template_id, kind, recipient, subject, body,
             signed_by, signed_at, pdf)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        l.id.to_string(),
        l.patient.to_string(),
        l.template.map(|t| t.to_string()),
        l.kind.as_str(),
        l.recipient,
        l.subject,
        l.body,
        l.by.to_string(),
        instant_to_sql(l.at),
        l.pdf
    ])?;
    Ok(())
}

const LETTER_COLUMNS: &str = "l.id, l.patient_id, l.kind, l.recipient, l.subject, l.body,
    s.display_name, l.signed_at, l.entered_in_error_at, l.entered_in_error_reason, r.id
    FROM letters l JOIN users s ON s.id = l.signed_by
    LEFT JOIN referrals r ON r.letter_id = l.id";

fn letter_from_row(r: &Row<'_>) -> CoreResult<Letter> {
    let id: String = r.get(0)?;
    let patient: String = r.get(1)?;
    let kind: String = r.get(2)?;
    let signed_at: String = r.get(7)?;
    let error_at: Option<String> = r.get(8)?;
    let referral: Option<String> = r.get(10)?;
    Ok(Letter {
        id: LetterId::parse(&id).ok_or_else(|| corrupt("letter id", &id))?,
        patient_id: PatientId::parse(&patient).ok_or_else(|| corrupt("patient id", &patient))?,
        kind: kind_of(&kind)?,
        recipient: r.get(3)?,
        subject: r.get(4)?,
        body: r.get(5)?,
        signed_by_name: r.get(6)?,
        signed_at: instant_from_sql(&signed_at)?,
        entered_in_error_at: error_at.as_deref().map(instant_from_sql).transpose()?,
        entered_in_error_reason: r.get(9)?,
        referral_id: match referral {
            Some(x) => Some(ReferralId::parse(&x).ok_or_else(|| corrupt("referral id", &x))?),
            None => None,
        },
    })
}

/// The patient's letters, newest first.
pub fn letters_of_patient(conn: &Connection, patient: PatientId) -> CoreResult<Vec<Letter>> {
    let sql = format!("SELECT {LETTER_COLUMNS} WHERE l.patient_id = ?1 ORDER BY l.signed_at DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![patient.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(letter_from_row(r)?);
    }
    Ok(out)
}

pub fn letter(conn: &Connection, id: LetterId) -> CoreResult<Option<Letter>> {
    let sql = format!("SELECT {LETTER_COLUMNS} WHERE l.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![id.to_string()])?;
    match rows.next()? {
        Some(r) => Ok(Some(letter_from_row(r)?)),
        None => Ok(None),
    }
}

pub fn letter_patient(conn: &Connection, id: LetterId) -> CoreResult<Option<PatientId>> {
    let found: Option<String> = conn
        .prepare_cached("SELECT patient_id FROM letters WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?;
    found
        .map(|p| PatientId::parse(&p).ok_or_else(|| corrupt("patient id", &p)))
        .transpose()
}

pub fn letter_pdf(conn: &Connection, id: LetterId) -> CoreResult<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT pdf FROM letters WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?)
}

pub fn mark_letter_entered_in_error(
    tx: &Connection,
    id: LetterId,
    by: UserId,
    at: DateTime<Utc>,
    reason: &str,
) -> CoreResult<bool> {
    let changed = tx
        .prepare_cached(
            "UPDATE letters SET entered_in_error_at = ?2, entered_in_error_by = ?3,
                 entered_in_error_reason = ?4
             WHERE id = ?1 AND entered_in_error_at IS NULL",
        )?
        .execute(params![
            id.to_string(),
            instant_to_sql(at),
            by.to_string(),
            reason
        ])?;
    Ok(changed == 1)
}

// ---- referrals

pub struct NewReferral<'a> {
    pub id: ReferralId,
    pub patient: PatientId,
    pub letter: LetterId,
    pub specialty: &'a str,
    pub referred_to: &'a str,
    pub reason: &'a str,
    pub physician: UserId,
    pub expected_by: NaiveDate,
    pub at: DateTime<Utc>,
}

pub fn insert_referral(tx: &Connection, r: &NewReferral<'_>) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO referrals (id, patient_id, letter_id, specialty, referred_to, reason,
             physician_id, expected_by, status, status_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'sent', ?9, ?9)",
    )?
    .execute(params![
        r.id.to_string(),
        r.patient.to_string(),
        r.letter.to_string(),
        r.specialty,
        r.referred_to,
        r.reason,
        r.physician.to_string(),
        r.expected_by.to_string(),
        instant_to_sql(r.at)
    ])?;
    add_change(tx, r.id, ReferralStatus::Sent, "", None, r.physician, r.at)
}

/// Records a status change and makes it the referral's latest.
pub fn add_change(
    tx: &Connection,
    id: ReferralId,
    status: ReferralStatus,
    note: &str,
    document: Option<DocumentId>,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO referral_status_changes (referral_id, status, note, document_id, changed_by, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id.to_string(),
        status.as_str(),
        note,
        document.map(|d| d.to_string()),
        by.to_string(),
        instant_to_sql(at)
    ])?;
    tx.prepare_cached("UPDATE referrals SET status = ?2, status_at = ?3 WHERE id = ?1")?
        .execute(params![id.to_string(), status.as_str(), instant_to_sql(at)])?;
    Ok(())
}

const REFERRAL_COLUMNS: &str = "r.id, r.letter_id, r.patient_id, p.family_name, p.given_name,
    p.mrn, r.specialty, r.referred_to, r.reason, u.display_name, r.expected_by, r.status,
    r.status_at
    FROM referrals r JOIN patients p ON p.id = r.patient_id JOIN users u ON u.id = r.physician_id";

fn referral_from_row(r: &Row<'_>, today: NaiveDate) -> CoreResult<Referral> {
    let id: String = r.get(0)?;
    let letter: String = r.get(1)?;
    let patient: String = r.get(2)?;
    let family: String = r.get(3)?;
    let given: String = r.get(4)?;
    let expected: String = r.get(10)?;
    let status: String = r.get(11)?;
    let status_at: String = r.get(12)?;
    let status = status_of(&status)?;
    let expected_by = date_from_sql(&expected)?;
    Ok(Referral {
        id: ReferralId::parse(&id).ok_or_else(|| corrupt("referral id", &id))?,
        letter_id: LetterId::parse(&letter).ok_or_else(|| corrupt("letter id", &letter))?,
        patient: MessagePatient {
            id: PatientId::parse(&patient).ok_or_else(|| corrupt("patient id", &patient))?,
            name: format!("{family}, {given}"),
            mrn: r.get(5)?,
        },
        specialty: r.get(6)?,
        referred_to: r.get(7)?,
        reason: r.get(8)?,
        physician_name: r.get(9)?,
        expected_by,
        status,
        status_at: instant_from_sql(&status_at)?,
        overdue: status.waiting() && expected_by < today,
        history: Vec::new(),
    })
}

fn history(conn: &Connection, id: ReferralId) -> CoreResult<Vec<ReferralChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.status, c.note, c.document_id, u.display_name, c.changed_at
         FROM referral_status_changes c JOIN users u ON u.id = c.changed_by
         WHERE c.referral_id = ?1 ORDER BY c.id",
    )?;
    let mut rows = stmt.query(params![id.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let status: String = r.get(0)?;
        let document: Option<String> = r.get(2)?;
        let at: String = r.get(4)?;
        out.push(ReferralChange {
            status: status_of(&status)?,
            note: r.get(1)?,
            document_id: match document {
                Some(d) => Some(DocumentId::parse(&d).ok_or_else(|| corrupt("document id", &d))?),
                None => None,
            },
            changed_by_name: r.get(3)?,
            changed_at: instant_from_sql(&at)?,
        });
    }
    Ok(out)
}

fn collect(
    conn: &Connection,
    sql: &str,
    args: &[&dyn rusqlite::ToSql],
    today: NaiveDate,
) -> CoreResult<Vec<Referral>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(referral_from_row(r, today)?);
    }
    for referral in &mut out {
        referral.history = history(conn, referral.id)?;
    }
    Ok(out)
}

pub fn referral(
    conn: &Connection,
    id: ReferralId,
    today: NaiveDate,
) -> CoreResult<Option<Referral>> {
    let sql = format!("SELECT {REFERRAL_COLUMNS} WHERE r.id = ?1");
    Ok(collect(conn, &sql, &[&id.to_string()], today)?.pop())
}

pub fn referrals_of_patient(
    conn: &Connection,
    patient: PatientId,
    today: NaiveDate,
) -> CoreResult<Vec<Referral>> {
    let sql =
        format!("SELECT {REFERRAL_COLUMNS} WHERE r.patient_id = ?1 ORDER BY r.created_at DESC");
    collect(conn, &sql, &[&patient.to_string()], today)
}

/// The physician's referrals still waiting for the specialist past their expected date,
/// longest overdue first.
pub fn overdue_for_physician(
    conn: &Connection,
    physician: UserId,
    today: NaiveDate,
) -> CoreResult<Vec<Referral>> {
    let sql = format!(
        "SELECT {REFERRAL_COLUMNS} WHERE r.physician_id = ?1
           AND r.status IN ('sent', 'appointmentMade') AND r.expected_by < ?2
         ORDER BY r.expected_by LIMIT 200"
    );
    collect(
        conn,
        &sql,
        &[&physician.to_string(), &today.to_string()],
        today,
    )
}

pub fn overdue_count(conn: &Connection, physician: UserId, today: NaiveDate) -> CoreResult<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM referrals WHERE physician_id = ?1
               AND status IN ('sent', 'appointmentMade') AND expected_by < ?2",
        )?
        .query_row(params![physician.to_string(), today.to_string()], |r| {
            r.get(0)
        })?)
}

pub fn referral_patient(conn: &Connection, id: ReferralId) -> CoreResult<Option<PatientId>> {
    let found: Option<String> = conn
        .prepare_cached("SELECT patient_id FROM referrals WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?;
    found
        .map(|p| PatientId::parse(&p).ok_or_else(|| corrupt("patient id", &p)))
        .transpose()
}

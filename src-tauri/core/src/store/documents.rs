//! SQL for `documents` and `document_contents`: a document filed with its bytes, a chart's
//! documents (never their bytes), one document's bytes, and the entered-in-error mark.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::documents::{Document, DocumentCategory, MediaType};
use crate::error::{CoreError, CoreResult};
use crate::ids::{DocumentId, MessageId, PatientId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// A document as stored (validated by `documents`).
pub struct NewDocument<'a> {
    pub id: DocumentId,
    pub patient: PatientId,
    pub category: DocumentCategory,
    pub title: &'a str,
    pub document_date: NaiveDate,
    pub media_type: MediaType,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub note: &'a str,
    pub by: UserId,
    pub at: DateTime<Utc>,
    pub task: Option<MessageId>,
    pub content: &'a [u8],
}

pub fn insert(tx: &Connection, d: &NewDocument<'_>) -> CoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO documents (id, patient_id, category, title, document_date, media_type,
             file_name, byte_count, sha256, note, filed_by, filed_at, task_message_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        d.id.to_string(),
        d.patient.to_string(),
        d.category.as_str(),
        d.title,
        d.document_date.to_string(),
        d.media_type.as_str(),
        d.file_name,
        d.content.len() as i64,
        d.sha256,
        d.note,
        d.by.to_string(),
        instant_to_sql(d.at),
        d.task.map(|t| t.to_string()),
    ])?;
    tx.prepare_cached("INSERT INTO document_contents (document_id, content) VALUES (?1, ?2)")?
        .execute(params![d.id.to_string(), d.content])?;
    Ok(())
}

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad stored {what} {text:?}"))
}

const COLUMNS: &str = "d.id, d.patient_id, d.category, d.title, d.document_date, d.media_type,
    d.file_name, d.byte_count, d.note, f.display_name, d.filed_at, d.task_message_id,
    d.entered_in_error_at, e.display_name, d.entered_in_error_reason
    FROM documents d JOIN users f ON f.id = d.filed_by
    LEFT JOIN users e ON e.id = d.entered_in_error_by";

/// A row as a document; `viewable` is the caller's to set.
fn from_row(r: &Row<'_>) -> CoreResult<Document> {
    let id: String = r.get(0)?;
    let patient: String = r.get(1)?;
    let category: String = r.get(2)?;
    let date: String = r.get(4)?;
    let media: String = r.get(5)?;
    let bytes: i64 = r.get(7)?;
    let filed_at: String = r.get(10)?;
    let task: Option<String> = r.get(11)?;
    let error_at: Option<String> = r.get(12)?;
    let category =
        DocumentCategory::parse(&category).ok_or_else(|| corrupt("category", &category))?;
    Ok(Document {
        id: DocumentId::parse(&id).ok_or_else(|| corrupt("document id", &id))?,
        patient_id: PatientId::parse(&patient).ok_or_else(|| corrupt("patient id", &patient))?,
        category,
        clinical: category.clinical(),
        title: r.get(3)?,
        document_date: date_from_sql(&date)?,
        media_type: MediaType::parse(&media).ok_or_else(|| corrupt("media type", &media))?,
        file_name: r.get(6)?,
        byte_count: u32::try_from(bytes).map_err(|_| corrupt("byte count", &bytes.to_string()))?,
        note: r.get(8)?,
        filed_by_name: r.get(9)?,
        filed_at: instant_from_sql(&filed_at)?,
        task_message_id: match task {
            Some(t) => Some(MessageId::parse(&t).ok_or_else(|| corrupt("message id", &t))?),
            None => None,
        },
        entered_in_error_at: error_at.as_deref().map(instant_from_sql).transpose()?,
        entered_in_error_by_name: r.get(13)?,
        entered_in_error_reason: r.get(14)?,
        viewable: false,
    })
}

/// The patient's documents, newest document date first (entered-in-error ones too).
pub fn for_patient(conn: &Connection, patient: PatientId) -> CoreResult<Vec<Document>> {
    let sql = format!(
        "SELECT {COLUMNS} WHERE d.patient_id = ?1 ORDER BY d.document_date DESC, d.filed_at DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![patient.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(from_row(r)?);
    }
    Ok(out)
}

pub fn get(conn: &Connection, id: DocumentId) -> CoreResult<Option<Document>> {
    let sql = format!("SELECT {COLUMNS} WHERE d.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![id.to_string()])?;
    match rows.next()? {
        Some(r) => Ok(Some(from_row(r)?)),
        None => Ok(None),
    }
}

/// The document's patient and category (what its access check needs), if it exists.
pub fn owner(
    conn: &Connection,
    id: DocumentId,
) -> CoreResult<Option<(PatientId, DocumentCategory)>> {
    let found: Option<(String, String)> = conn
        .prepare_cached("SELECT patient_id, category FROM documents WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match found {
        None => Ok(None),
        Some((p, c)) => Ok(Some((
            PatientId::parse(&p).ok_or_else(|| corrupt("patient id", &p))?,
            DocumentCategory::parse(&c).ok_or_else(|| corrupt("category", &c))?,
        ))),
    }
}

pub fn content(conn: &Connection, id: DocumentId) -> CoreResult<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT content FROM document_contents WHERE document_id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?)
}

/// Marks a document entered in error; false if it already was.
pub fn mark_entered_in_error(
    tx: &Connection,
    id: DocumentId,
    by: UserId,
    at: DateTime<Utc>,
    reason: &str,
) -> CoreResult<bool> {
    let changed = tx
        .prepare_cached(
            "UPDATE documents SET entered_in_error_at = ?2, entered_in_error_by = ?3,
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

/// Whether the document is the patient's (a report linked to a referral must be).
pub fn is_patients(
    conn: &Connection,
    document: DocumentId,
    patient: PatientId,
) -> CoreResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM documents WHERE id = ?1 AND patient_id = ?2")?
        .exists(params![document.to_string(), patient.to_string()])?)
}

//! Scanned and imported documents in the chart: PDFs and images (outside records, specialist
//! and lab reports, insurance cards, consent forms) filed with a category and the document's
//! own date, checked by content (not by name) and size, stored inside the encrypted database
//! and never as a file; listed without their bytes, opened one at a time, each read and write
//! audited with the patient. Filing can send a review task to a person or role. A clinical
//! document opens only for roles that may view the clinical record. Nothing is deleted: a
//! document filed by mistake is marked entered in error with a reason.
//! Tables: `migrations/0010_documents/documents.sql`.

mod types;

pub use types::*;

use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{DocumentId, MessageId};
use crate::messages::{send_in, MessageDraft, MessageKind};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use crate::store::documents::NewDocument;
use crate::PatientId;
use chrono::{DateTime, NaiveDate, Utc};

/// The largest file Charta keeps: a long scanned record at 300 dpi fits; a whole archive
/// should be split so one chart never holds a file too big to open quickly.
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;
const MAX_TITLE: usize = 200;
pub(crate) const MAX_NOTE: usize = 2000;
const MAX_FILE_NAME: usize = 255;

fn not_found(id: DocumentId) -> CoreError {
    CoreError::NotFound {
        entity: "document",
        id: id.to_string(),
    }
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// What the content is, or the field error that says why it cannot be kept.
pub fn checked_content(bytes: &[u8], declared: &str) -> Result<MediaType, FieldError> {
    if bytes.is_empty() {
        return Err(FieldError::new("file", "The file is empty: scan it again"));
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(FieldError::new(
            "file",
            format!(
                "The file is {}; the limit is {}. Scan at a lower resolution or split it into parts",
                megabytes(bytes.len()),
                megabytes(MAX_DOCUMENT_BYTES)
            ),
        ));
    }
    let Some(found) = MediaType::sniff(bytes) else {
        return Err(FieldError::new(
            "file",
            "Only PDF, PNG and JPEG files can be attached, and this file is none of them: save or scan it as PDF",
        ));
    };
    let declared = declared.trim();
    if !declared.is_empty() && MediaType::parse(declared) != Some(found) {
        return Err(FieldError::new(
            "file",
            format!(
                "The file says it is {declared} but its content is a {}: it may be damaged or misnamed",
                found.label()
            ),
        ));
    }
    Ok(found)
}

/// The draft's texts trimmed, with every field error at once (the filing form's checks, and
/// the FHIR import's for the documents it files).
pub(crate) fn checked_fields(
    draft: &DocumentDraft,
    bytes: &[u8],
    today: NaiveDate,
) -> CoreResult<(MediaType, String, String, String)> {
    let mut errors = Vec::new();
    let media = match checked_content(bytes, &draft.declared_type) {
        Ok(m) => Some(m),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let title = draft.title.trim().to_string();
    if title.is_empty() {
        errors.push(FieldError::new(
            "title",
            "Give it a title (\"Cardiology consult, Dr Lee\")",
        ));
    } else if title.chars().count() > MAX_TITLE {
        errors.push(FieldError::new(
            "title",
            format!("Keep the title under {MAX_TITLE} characters"),
        ));
    }
    if draft.document_date > today {
        errors.push(FieldError::new(
            "documentDate",
            "The document's date is in the future",
        ));
    } else if draft.document_date < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(today) {
        errors.push(FieldError::new(
            "documentDate",
            "The document's date is before 1900",
        ));
    }
    let note = draft.note.trim().to_string();
    if note.chars().count() > MAX_NOTE {
        errors.push(FieldError::new(
            "note",
            format!("Keep the note under {MAX_NOTE} characters"),
        ));
    }
    // A picker may send a path; only the name is worth keeping.
    let file_name: String = draft
        .file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_FILE_NAME)
        .collect();
    match (media, errors.is_empty()) {
        (Some(m), true) => Ok((m, title, note, file_name)),
        _ => Err(CoreError::Invalid(errors)),
    }
}

/// Field errors of the task's message under `task.` (the filing form's own fields).
fn task_errors(e: CoreError) -> CoreError {
    match e {
        CoreError::Invalid(errors) => CoreError::Invalid(
            errors
                .into_iter()
                .map(|f| {
                    let field = match f.field.as_str() {
                        "body" => "task.note".to_string(),
                        other => format!("task.{other}"),
                    };
                    FieldError::new(field, f.message)
                })
                .collect(),
        ),
        other => other,
    }
}

/// What opening a document of this category takes.
fn open_operation(category: DocumentCategory) -> Operation {
    if category.clinical() {
        Operation::ViewClinical
    } else {
        Operation::ViewDemographics
    }
}

impl AsUser<'_> {
    fn may_open(&self, category: DocumentCategory) -> bool {
        self.actor.can(open_operation(category))
    }

    /// The categories a filer picks from.
    pub fn document_categories(&self) -> Vec<CategoryChoice> {
        DocumentCategory::ALL
            .into_iter()
            .map(|c| CategoryChoice {
                category: c,
                label: c.label().to_string(),
                clinical: c.clinical(),
            })
            .collect()
    }

    /// Files a document's bytes in the patient's chart (`FileDocuments`), with its review
    /// task if one is asked for, in one transaction. Audited `file_document`.
    pub fn file_document(
        &mut self,
        draft: &DocumentDraft,
        bytes: &[u8],
        id: DocumentId,
        task_id: MessageId,
        now: DateTime<Utc>,
    ) -> CoreResult<Document> {
        let access = self.require_for_patient(
            Operation::FileDocuments,
            "file_document",
            draft.patient_id,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let (media_type, title, note, file_name) = checked_fields(draft, bytes, today)?;
        let sha256 = crate::results::import::sha256_hex(bytes);
        let actor = self.actor;
        let viewable = self.may_open(draft.category);
        self.db.write(|tx| {
            let task = match &draft.task {
                None => None,
                Some(t) => {
                    let message = MessageDraft {
                        kind: MessageKind::Task,
                        to: t.to,
                        patient_id: Some(draft.patient_id),
                        subject: format!("Review: {title}"),
                        body: t.note.clone(),
                        clinical: draft.category.clinical(),
                        priority: t.priority,
                        due_on: t.due_on,
                        caller: String::new(),
                        callback_number: String::new(),
                        medication_id: None,
                    };
                    send_in(tx, actor, &message, task_id, now, today).map_err(task_errors)?;
                    Some(task_id)
                }
            };
            store::documents::insert(
                tx,
                &NewDocument {
                    id,
                    patient: draft.patient_id,
                    category: draft.category,
                    title: &title,
                    document_date: draft.document_date,
                    media_type,
                    file_name: &file_name,
                    sha256: &sha256,
                    note: &note,
                    by: actor.user_id(),
                    at: now,
                    task,
                    content: bytes,
                },
            )?;
            let event = actor
                .event(now, "file_document", Outcome::Ok)
                .patient(draft.patient_id)
                .entity("document", id)
                .emergency(access == Access::Emergency)
                .detail(format!(
                    "{}, {}, {} bytes",
                    draft.category.label(),
                    media_type.label(),
                    bytes.len()
                ));
            audit::append(tx, &event)?;
            let mut doc = store::documents::get(tx, id)?.ok_or_else(|| not_found(id))?;
            doc.viewable = viewable;
            Ok(doc)
        })
    }

    /// The patient's documents, without their bytes (`ViewDemographics`: the desk files and
    /// sees cards and consents; clinical ones are listed but open only for clinical roles).
    /// Audited `view_documents`.
    pub fn patient_documents(
        &mut self,
        patient_id: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Document>> {
        let access = self.require_for_patient(
            Operation::ViewDemographics,
            "view_documents",
            patient_id,
            now,
        )?;
        let clinical = self.actor.can(Operation::ViewClinical);
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let mut docs = store::documents::for_patient(tx, patient_id)?;
            for d in &mut docs {
                d.viewable = clinical || !d.clinical;
            }
            let event = actor
                .event(now, "view_documents", Outcome::Ok)
                .patient(patient_id)
                .entity("patient", patient_id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(docs)
        })
    }

    /// One document's bytes, to view. Audited `open_document`.
    pub fn open_document(&mut self, id: DocumentId, now: DateTime<Utc>) -> CoreResult<Vec<u8>> {
        let (patient_id, category) = self
            .db
            .read(|c| store::documents::owner(c, id))?
            .ok_or_else(|| not_found(id))?;
        let access =
            self.require_for_patient(open_operation(category), "open_document", patient_id, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let bytes = store::documents::content(tx, id)?.ok_or_else(|| not_found(id))?;
            let event = actor
                .event(now, "open_document", Outcome::Ok)
                .patient(patient_id)
                .entity("document", id)
                .emergency(access == Access::Emergency)
                .detail(category.label());
            audit::append(tx, &event)?;
            Ok(bytes)
        })
    }

    /// Marks a document filed by mistake (wrong patient, wrong scan) entered in error with the
    /// reason; it stays readable. Audited `document_entered_in_error`.
    pub fn document_entered_in_error(
        &mut self,
        id: DocumentId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Document> {
        let (patient_id, category) = self
            .db
            .read(|c| store::documents::owner(c, id))?
            .ok_or_else(|| not_found(id))?;
        let access = self.require_for_patient(
            Operation::FileDocuments,
            "document_entered_in_error",
            patient_id,
            now,
        )?;
        if !self.may_open(category) {
            return Err(CoreError::Forbidden(
                "Only a nurse or physician can mark a clinical document entered in error".into(),
            ));
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CoreError::invalid(
                "reason",
                "Say why it is in error (\"wrong patient\", \"duplicate scan\")",
            ));
        }
        if reason.chars().count() > MAX_NOTE {
            return Err(CoreError::invalid(
                "reason",
                format!("Keep the reason under {MAX_NOTE} characters"),
            ));
        }
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::documents::mark_entered_in_error(tx, id, actor.user_id(), now, reason)? {
                return Err(CoreError::invalid(
                    "reason",
                    "This document is already marked entered in error",
                ));
            }
            let event = actor
                .event(now, "document_entered_in_error", Outcome::Ok)
                .patient(patient_id)
                .entity("document", id)
                .emergency(access == Access::Emergency)
                .detail(reason);
            audit::append(tx, &event)?;
            let mut doc = store::documents::get(tx, id)?.ok_or_else(|| not_found(id))?;
            doc.viewable = true;
            Ok(doc)
        })
    }
}

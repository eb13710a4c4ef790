//! DocumentReferences that carry their file (Charta's own scanned documents and signed letters,
//! another system's PDFs and images) as documents of the chart: the inline bytes decoded and
//! checked by content, size and, when the file says them, byte count and SHA-256; the title,
//! date, category and note read from the resource; then the filing form's checks and the
//! documents table's own insert. A file Charta does not keep (another type, a link, text only)
//! stays in the import's document.

use super::clinical::Mapped;
use super::fields::{charta_extension, date_part, Fields};
use crate::documents::{checked_content, checked_fields, DocumentCategory, DocumentDraft};
use crate::documents::{MediaType, MAX_DOCUMENT_BYTES, MAX_NOTE};
use crate::error::CoreResult;
use crate::fhir::LOINC;
use crate::ids::{DocumentId, PatientId, UserId};
use crate::store;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde_json::Value;

/// DocumentReference.status (R4).
const STATUSES: [&str; 3] = ["current", "superseded", "entered-in-error"];

/// A file to be filed, as its DocumentReference describes it.
pub(super) struct ImportedDocument {
    pub category: DocumentCategory,
    pub title: String,
    pub file_name: String,
    /// The attachment's contentType, lower case and without parameters.
    pub declared_type: String,
    /// `None`: the file gives no date; it is filed under the day of the import.
    pub document_date: Option<NaiveDate>,
    /// When the date came from a dateTime with a zone: that instant, whose day is the
    /// practice's calendar day of it (Charta writes instants in UTC, which can be a day ahead).
    at: Option<DateTime<Utc>>,
    pub note: String,
    pub bytes: Vec<u8>,
    /// Where the title and the date came from, so the filing checks' issues name the element.
    title_path: String,
    date_path: String,
    attachment: usize,
}

impl ImportedDocument {
    /// The element a filing check's field came from: `content[0].attachment.creation
    /// (documentDate)`.
    pub fn path_of(&self, field: &str) -> String {
        let path = match field {
            "title" => self.title_path.clone(),
            "documentDate" => self.date_path.clone(),
            "note" => "extension".to_string(),
            _ => format!("content[{}].attachment.data", self.attachment),
        };
        format!("{path} ({field})")
    }
}

/// One `content[i].attachment` of the resource.
struct Attachment<'a> {
    index: usize,
    value: &'a Value,
    /// Its contentType, lower case, without `; charset=…`.
    media: String,
    data: Option<&'a str>,
}

impl Attachment<'_> {
    fn path(&self, element: &str) -> String {
        format!("content[{}].attachment.{element}", self.index)
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.value
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }
}

fn attachments<'a>(f: &mut Fields<'a>) -> Vec<Attachment<'a>> {
    let mut out = Vec::new();
    for (index, content) in f.array("content").iter().enumerate() {
        let Some(value) = content.get("attachment").filter(|a| a.is_object()) else {
            continue;
        };
        let data = value.get("data");
        if data.is_some_and(|d| !d.is_null() && !d.is_string()) {
            f.issue(
                &format!("content[{index}].attachment.data"),
                "must be a string (base64)",
            );
        }
        let media = value
            .get("contentType")
            .and_then(Value::as_str)
            .and_then(|t| t.split(';').next())
            .map(|t| t.trim().to_ascii_lowercase())
            .unwrap_or_default();
        out.push(Attachment {
            index,
            value,
            media,
            data: data.and_then(Value::as_str),
        });
    }
    out
}

/// The attachment to file: a PDF first (a signed letter's, rather than its text), then an
/// image, then bytes whose type is not declared (their content says what they are).
fn chosen<'x, 'a>(found: &'x [Attachment<'a>]) -> Option<&'x Attachment<'a>> {
    found
        .iter()
        .filter(|a| a.data.is_some())
        .filter_map(|a| {
            let rank = match MediaType::parse(&a.media) {
                Some(MediaType::Pdf) => 0,
                Some(_) => 1,
                None if a.media.is_empty() => 2,
                None => return None,
            };
            Some((rank, a.index, a))
        })
        .min_by_key(|(rank, index, _)| (*rank, *index))
        .map(|(_, _, a)| a)
}

/// Why a DocumentReference with no file Charta keeps stays in the import's document.
fn why_kept(found: &[Attachment<'_>]) -> String {
    if let Some(other) = found
        .iter()
        .find(|a| a.data.is_some() && !a.media.is_empty() && !a.media.starts_with("text/"))
    {
        return format!(
            "a file of type {} (Charta keeps PDF, PNG and JPEG)",
            other.media
        );
    }
    if found.iter().any(|a| a.data.is_some()) {
        return "text only, no file".into();
    }
    if found.iter().any(|a| a.text("url").is_some()) {
        return "a file by link, not its bytes".into();
    }
    "no file".into()
}

/// The category: Charta's own when it wrote one, a letter as correspondence, else what the
/// type or category clearly says, else an outside record (clinical, so it opens only for
/// the roles that may read the clinical record until someone files it otherwise).
fn category(f: &mut Fields<'_>) -> DocumentCategory {
    if let Some(c) = charta_extension(f.value, "documentCategory", "valueCode")
        .and_then(|c| DocumentCategory::parse(c.trim()))
    {
        return c;
    }
    if charta_extension(f.value, "letterKind", "valueCode").is_some() {
        return DocumentCategory::Correspondence;
    }
    let mut words = Vec::new();
    for c in f.codings("type") {
        if c.system == LOINC {
            let by_code = match c.code {
                "11502-2" => Some(DocumentCategory::LabReport),
                "18748-4" => Some(DocumentCategory::ImagingReport),
                "11488-4" => Some(DocumentCategory::SpecialistReport),
                "59284-0" => Some(DocumentCategory::ConsentForm),
                "57133-1" => Some(DocumentCategory::Correspondence),
                _ => None,
            };
            if let Some(category) = by_code {
                return category;
            }
        }
        words.push(c.display.to_string());
    }
    words.extend(f.text("type.text").map(str::to_string));
    for c in f.array("category") {
        words.extend(c.get("text").and_then(Value::as_str).map(str::to_string));
        for coding in c
            .get("coding")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            words.extend(
                coding
                    .get("display")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            );
        }
    }
    words
        .iter()
        .find_map(|w| by_words(&w.to_lowercase()))
        .unwrap_or(DocumentCategory::OutsideRecord)
}

/// A category named by its label, or by words that can mean nothing else.
fn by_words(text: &str) -> Option<DocumentCategory> {
    let text = text.trim();
    if let Some(c) = DocumentCategory::ALL
        .into_iter()
        .find(|c| c.label().eq_ignore_ascii_case(text))
    {
        return Some(c);
    }
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["letter", "correspondence"]) {
        Some(DocumentCategory::Correspondence)
    } else if has(&["consent"]) {
        Some(DocumentCategory::ConsentForm)
    } else if has(&["insurance"]) {
        Some(DocumentCategory::InsuranceCard)
    } else if has(&["identification", "identity card", "passport", "driver"]) {
        Some(DocumentCategory::Identification)
    } else if has(&["imaging", "radiology", "x-ray"]) {
        Some(DocumentCategory::ImagingReport)
    } else if has(&["laboratory", "lab report", "lab result"]) {
        Some(DocumentCategory::LabReport)
    } else if has(&["consult", "specialist"]) {
        Some(DocumentCategory::SpecialistReport)
    } else {
        None
    }
}

/// A FHIR date's date part as a day: a year or a month means its first day.
fn first_day(date: &str) -> Option<NaiveDate> {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let year = i32::try_from(parts.next()??).ok()?;
    let month = parts.next().unwrap_or(Some(1))?;
    let day = parts.next().unwrap_or(Some(1))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The document's own date: the attachment's creation, else the reference's date, else the
/// start of the period it covers; with the element it came from.
fn document_date(
    f: &mut Fields<'_>,
    a: &Attachment<'_>,
) -> (Option<NaiveDate>, Option<DateTime<Utc>>, String) {
    if let Some(text) = a.text("creation") {
        let path = a.path("creation");
        match date_part(text) {
            Some(d) => return (first_day(&d), instant(text), path),
            None => {
                f.issue(&path, format!("\"{text}\" is not a FHIR date or dateTime"));
                return (None, None, path);
            }
        }
    }
    for path in ["date", "context.period.start"] {
        if let Some(d) = f.date(path) {
            let at = f.text(path).and_then(instant);
            return (first_day(&d), at, path.to_string());
        }
    }
    (None, None, "date".into())
}

/// A FHIR dateTime with a time and a zone as an instant; `None` for a date alone.
fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// What a DocumentReference that is not a filed visit's note becomes: a document of the chart
/// when it carries a PDF, PNG or JPEG inline; kept (with why) when it does not; left out when
/// entered in error or replaced. Bytes that cannot be read, or that are not what the file says
/// they are, are an issue at the attachment.
pub(super) fn document(f: &mut Fields<'_>) -> Mapped {
    match f.code("status", &STATUSES) {
        Some("entered-in-error") => return Mapped::Skipped("entered in error".into()),
        Some("superseded") => {
            return Mapped::Skipped("a document replaced by a later one".into());
        }
        None if f.at("status").is_some() => return Mapped::Skipped(String::new()),
        _ => {}
    }
    if f.text("docStatus") == Some("entered-in-error") {
        return Mapped::Skipped("entered in error".into());
    }
    let found = attachments(f);
    let Some(a) = chosen(&found) else {
        return Mapped::Kept(why_kept(&found));
    };
    let data_path = a.path("data");
    let compact: String = a
        .data
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    // Checked before decoding, so an oversized file is not held twice to be refused.
    if compact.len() / 4 * 3 > MAX_DOCUMENT_BYTES + 2 {
        f.issue(
            &data_path,
            format!(
                "holds over {} MB; Charta keeps files of up to {} MB",
                MAX_DOCUMENT_BYTES / (1024 * 1024),
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ),
        );
        return Mapped::Skipped(String::new());
    }
    let bytes = match data_encoding::BASE64.decode(compact.as_bytes()) {
        Ok(bytes) => bytes,
        Err(_) => {
            f.issue(
                &data_path,
                "is not base64 (RFC 4648); the document's bytes cannot be read",
            );
            return Mapped::Skipped(String::new());
        }
    };
    if a.media.is_empty() && !bytes.is_empty() && MediaType::sniff(&bytes).is_none() {
        return Mapped::Kept("a file that is not PDF, PNG or JPEG".into());
    }
    if let Err(e) = checked_content(&bytes, &a.media) {
        f.issue(&data_path, e.message);
        return Mapped::Skipped(String::new());
    }
    let issues = f.issues.len();
    check_integrity(f, a, &bytes);
    if f.issues.len() > issues {
        return Mapped::Skipped(String::new());
    }
    let (title, title_path) = match f.text("description") {
        Some(d) => (d.trim().to_string(), "description".to_string()),
        None => match a.text("title") {
            Some(t) => (t.to_string(), a.path("title")),
            None => (
                f.concept_text("type")
                    .unwrap_or_else(|| "Imported document".into()),
                "type".to_string(),
            ),
        },
    };
    let file_name = match a.text("title") {
        Some(t) => t.to_string(),
        None => match MediaType::sniff(&bytes) {
            Some(MediaType::Png) => "imported.png".into(),
            Some(MediaType::Jpeg) => "imported.jpg".into(),
            _ => "imported.pdf".into(),
        },
    };
    let (document_date, at, date_path) = document_date(f, a);
    let mut note = charta_extension(f.value, "note", "valueString")
        .unwrap_or_default()
        .trim()
        .to_string();
    // Said in the note when it fits: the file's own note is never cut for it.
    const UNDATED: &str = "Undated in the imported file: filed under the day of the import.";
    if document_date.is_none() && note.chars().count() + 1 + UNDATED.len() <= MAX_NOTE {
        if !note.is_empty() {
            note.push('\n');
        }
        note.push_str(UNDATED);
    }
    let category = category(f);
    Mapped::Document(Box::new(ImportedDocument {
        category,
        title,
        file_name,
        declared_type: a.media.clone(),
        document_date,
        at,
        note,
        bytes,
        title_path,
        date_path,
        attachment: a.index,
    }))
}

/// The byte count and the SHA-256 the file gives (Charta's export writes both for a scanned
/// document), checked against the bytes: a file cut short or changed is an issue.
fn check_integrity(f: &mut Fields<'_>, a: &Attachment<'_>, bytes: &[u8]) {
    if let Some(size) = a.value.get("size").and_then(Value::as_u64) {
        if usize::try_from(size).ok() != Some(bytes.len()) {
            f.issue(
                &a.path("size"),
                format!(
                    "says {size} bytes but the data holds {}: the file may be cut short",
                    bytes.len()
                ),
            );
        }
    }
    // Only a real digest is compared (a test fixture may write a placeholder).
    if let Some(sha) = charta_extension(f.value, "sha256", "valueString")
        .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        if !sha.eq_ignore_ascii_case(&crate::results::import::sha256_hex(bytes)) {
            f.issue(
                "extension (sha256)",
                "does not match the SHA-256 of the data: the file changed after it was written",
            );
        }
    }
}

/// An imported document that passed the filing form's checks, ready to write.
pub(super) struct ValidDocument<'a> {
    id: DocumentId,
    category: DocumentCategory,
    media_type: MediaType,
    title: String,
    note: String,
    file_name: String,
    document_date: NaiveDate,
    sha256: String,
    bytes: &'a [u8],
}

/// The filing form's own checks (content, title, date, note), the date the import's day when
/// the file gives none. A dateTime's date is its instant's day in the practice's zone (a letter
/// signed this evening, written in UTC, is today's, not tomorrow's).
pub(super) fn validate(
    d: &ImportedDocument,
    id: DocumentId,
    patient: PatientId,
    today: NaiveDate,
    zone: Tz,
) -> CoreResult<ValidDocument<'_>> {
    let draft = DocumentDraft {
        patient_id: patient,
        category: d.category,
        title: d.title.clone(),
        document_date: match (d.at, d.document_date) {
            (Some(at), _) => at.with_timezone(&zone).date_naive(),
            (None, Some(day)) => day,
            (None, None) => today,
        },
        file_name: d.file_name.clone(),
        declared_type: d.declared_type.clone(),
        note: d.note.clone(),
        task: None,
    };
    let (media_type, title, note, file_name) = checked_fields(&draft, &d.bytes, today)?;
    Ok(ValidDocument {
        id,
        category: d.category,
        media_type,
        title,
        note,
        file_name,
        document_date: draft.document_date,
        sha256: crate::results::import::sha256_hex(&d.bytes),
        bytes: &d.bytes,
    })
}

/// Files the document in the chart, by the importing user.
pub(super) fn insert(
    tx: &Connection,
    v: &ValidDocument<'_>,
    patient: PatientId,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    store::documents::insert(
        tx,
        &store::documents::NewDocument {
            id: v.id,
            patient,
            category: v.category,
            title: &v.title,
            document_date: v.document_date,
            media_type: v.media_type,
            file_name: &v.file_name,
            sha256: &v.sha256,
            note: &v.note,
            by,
            at,
            task: None,
            content: v.bytes,
        },
    )
}

#[cfg(test)]
#[path = "documents_tests.rs"]
mod tests;

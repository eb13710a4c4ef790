//! What a document in the chart is made of, as the screens send and read it.

use crate::ids::{DocumentId, MessageId, PatientId};
use crate::messages::{Priority, Recipient};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a document is. Clinical categories open only for roles that may view the clinical
/// record; the administrative ones (cards, consents, correspondence) also for the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DocumentCategory {
    OutsideRecord,
    SpecialistReport,
    LabReport,
    ImagingReport,
    ConsentForm,
    InsuranceCard,
    Identification,
    Correspondence,
}

impl DocumentCategory {
    pub const ALL: [DocumentCategory; 8] = [
        DocumentCategory::OutsideRecord,
        DocumentCategory::SpecialistReport,
        DocumentCategory::LabReport,
        DocumentCategory::ImagingReport,
        DocumentCategory::ConsentForm,
        DocumentCategory::InsuranceCard,
        DocumentCategory::Identification,
        DocumentCategory::Correspondence,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentCategory::OutsideRecord => "outsideRecord",
            DocumentCategory::SpecialistReport => "specialistReport",
            DocumentCategory::LabReport => "labReport",
            DocumentCategory::ImagingReport => "imagingReport",
            DocumentCategory::ConsentForm => "consentForm",
            DocumentCategory::InsuranceCard => "insuranceCard",
            DocumentCategory::Identification => "identification",
            DocumentCategory::Correspondence => "correspondence",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            DocumentCategory::OutsideRecord => "Outside record",
            DocumentCategory::SpecialistReport => "Specialist report",
            DocumentCategory::LabReport => "Lab report",
            DocumentCategory::ImagingReport => "Imaging report",
            DocumentCategory::ConsentForm => "Consent form",
            DocumentCategory::InsuranceCard => "Insurance card",
            DocumentCategory::Identification => "Identification",
            DocumentCategory::Correspondence => "Correspondence",
        }
    }

    /// Whether its content is part of the clinical record.
    pub fn clinical(self) -> bool {
        matches!(
            self,
            DocumentCategory::OutsideRecord
                | DocumentCategory::SpecialistReport
                | DocumentCategory::LabReport
                | DocumentCategory::ImagingReport
        )
    }
}

/// The kinds of file Charta keeps, recognised by their first bytes (not their name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum MediaType {
    #[serde(rename = "application/pdf")]
    Pdf,
    #[serde(rename = "image/png")]
    Png,
    #[serde(rename = "image/jpeg")]
    Jpeg,
}

impl MediaType {
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Png => "image/png",
            MediaType::Jpeg => "image/jpeg",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [MediaType::Pdf, MediaType::Png, MediaType::Jpeg]
            .into_iter()
            .find(|m| m.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            MediaType::Pdf => "PDF",
            MediaType::Png => "PNG image",
            MediaType::Jpeg => "JPEG image",
        }
    }

    /// What the content is, by its signature.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(MediaType::Pdf)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(MediaType::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(MediaType::Jpeg)
        } else {
            None
        }
    }
}

/// A review task made when a document is filed ("Review the outside records").
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentTask {
    pub to: Recipient,
    pub note: String,
    pub priority: Priority,
    #[ts(type = "string | null")]
    pub due_on: Option<NaiveDate>,
}

/// What the filing form sends with the file's bytes.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentDraft {
    pub patient_id: PatientId,
    pub category: DocumentCategory,
    pub title: String,
    #[ts(type = "string")]
    pub document_date: NaiveDate,
    /// The picked file's name, kept for the record.
    pub file_name: String,
    /// The type the picker reported; it must agree with the content.
    pub declared_type: String,
    pub note: String,
    pub task: Option<DocumentTask>,
}

/// A document in the chart, as a reader sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: DocumentId,
    pub patient_id: PatientId,
    pub category: DocumentCategory,
    pub clinical: bool,
    pub title: String,
    #[ts(type = "string")]
    pub document_date: NaiveDate,
    pub media_type: MediaType,
    pub file_name: String,
    pub byte_count: u32,
    pub note: String,
    pub filed_by_name: String,
    #[ts(type = "string")]
    pub filed_at: DateTime<Utc>,
    pub task_message_id: Option<MessageId>,
    #[ts(type = "string | null")]
    pub entered_in_error_at: Option<DateTime<Utc>>,
    pub entered_in_error_by_name: Option<String>,
    pub entered_in_error_reason: Option<String>,
    /// Whether this reader may open it (a clinical document is listed to the desk, who may
    /// have filed it, but opens only for clinical roles).
    pub viewable: bool,
}

/// One choice of the category picker.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryChoice {
    pub category: DocumentCategory,
    pub label: String,
    pub clinical: bool,
}

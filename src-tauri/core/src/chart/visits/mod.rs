//! Visits and their SOAP notes: start, continuous drafts, sign, amend, entered in error, the
//! co-sign queue and the after-visit summary. The types are here; the operations in `ops`,
//! `queue` and `summary`; the checks of what a user typed in `validate`.

mod ops;
mod providers;
mod queue;
mod summary;
#[cfg(test)]
mod tests;
mod validate;

pub(crate) use ops::write_started_visit;
pub use providers::Provider;
pub use summary::{AfterVisitSummary, AvsAllergy, AvsDiagnosis, AvsVitals};
pub use validate::{MAX_REASON_CHARS, MAX_SECTION_CHARS};

use super::common::{ErrorMark, VisitType};
use crate::ids::{AmendmentId, PatientId, TemplateId, UserId, VisitId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The subjective text the crash-safety writer saves as draft version `version`: long enough
/// to span pages, and telling which version it is.
#[doc(hidden)]
pub fn crash_draft_text(version: u32) -> String {
    format!("Draft version {version}. ") + &"Patient reports intermittent headaches. ".repeat(60)
}

/// What starting a visit asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitDraft {
    pub visit_type: VisitType,
    pub reason: String,
    /// When the visit began; now when absent.
    #[ts(type = "string | null")]
    pub started_at: Option<DateTime<Utc>>,
    /// The responsible physician; the actor when absent and the actor is a physician.
    pub provider_id: Option<UserId>,
    /// The template the note starts from.
    pub template_id: Option<TemplateId>,
}

/// The four sections of a note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SoapNote {
    pub subjective: String,
    pub objective: String,
    pub assessment: String,
    pub plan: String,
}

impl SoapNote {
    pub fn is_empty(&self) -> bool {
        [
            &self.subjective,
            &self.objective,
            &self.assessment,
            &self.plan,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// Who signed a note and when; from then on the note is frozen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Signature {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub by: UserId,
    pub by_name: String,
}

/// A correction to a signed note, listed under the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Amendment {
    pub id: AmendmentId,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub author: UserId,
    pub author_name: String,
    pub reason: String,
    pub text: String,
}

/// One visit with its note, signature, amendments (oldest first) and error marking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    pub id: VisitId,
    pub patient_id: PatientId,
    pub provider_id: UserId,
    pub provider_name: String,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    pub visit_type: VisitType,
    pub reason: String,
    pub template_id: Option<TemplateId>,
    pub note: SoapNote,
    /// Rises by one with every saved draft; a save or signature names the version it saw.
    pub draft_version: u32,
    #[ts(type = "string | null")]
    pub draft_saved_at: Option<DateTime<Utc>>,
    pub draft_saved_by_name: Option<String>,
    pub signed: Option<Signature>,
    pub amendments: Vec<Amendment>,
    pub entered_in_error: Option<ErrorMark>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    pub created_by_name: String,
}

/// A visit as a list shows it: no note text beyond the assessment's first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitSummary {
    pub id: VisitId,
    pub patient_id: PatientId,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    pub visit_type: VisitType,
    pub reason: String,
    pub provider_name: String,
    pub assessment_first_line: String,
    pub signed: Option<Signature>,
    pub amendment_count: u32,
    pub entered_in_error: bool,
}

/// The answer to a saved draft: the version the next save names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftSaved {
    pub draft_version: u32,
    #[ts(type = "string")]
    pub saved_at: DateTime<Utc>,
}

/// An unsigned note from before today, waiting for a physician's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueItem {
    pub visit_id: VisitId,
    pub patient_id: PatientId,
    pub mrn: u32,
    /// "Restricted chart" for a restricted chart.
    pub patient_name: String,
    pub restricted: bool,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    pub visit_type: VisitType,
    pub reason: String,
    pub provider_name: String,
    /// Who last saved the draft (who started the visit when nobody has).
    pub author_name: String,
    pub draft_version: u32,
}

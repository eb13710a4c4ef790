//! What letters, their templates and referrals are made of, as the screens send and read them.

use crate::ids::{DocumentId, LetterId, LetterTemplateId, PatientId, ReferralId};
use crate::messages::MessagePatient;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LetterKind {
    /// To a specialist: makes a referral that is tracked until its report comes back.
    Referral,
    WorkSchoolNote,
    ResultsLetter,
    Generic,
}

impl LetterKind {
    pub const ALL: [LetterKind; 4] = [
        LetterKind::Referral,
        LetterKind::WorkSchoolNote,
        LetterKind::ResultsLetter,
        LetterKind::Generic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Referral => "referral",
            LetterKind::WorkSchoolNote => "workSchoolNote",
            LetterKind::ResultsLetter => "resultsLetter",
            LetterKind::Generic => "generic",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Referral => "referral letter",
            LetterKind::WorkSchoolNote => "work or school note",
            LetterKind::ResultsLetter => "results letter",
            LetterKind::Generic => "letter",
        }
    }
}

/// A template the practice keeps; `{{…}}` fields are filled from the chart.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterTemplate {
    pub id: LetterTemplateId,
    pub kind: LetterKind,
    pub name: String,
    pub subject: String,
    pub body: String,
    pub active: bool,
    pub updated_by_name: Option<String>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// One `{{…}}` field a template may use, with what it says (for the template editor).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterField {
    pub name: String,
    pub meaning: String,
}

/// A template as the editor sends it.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterTemplateDraft {
    pub kind: LetterKind,
    pub name: String,
    pub subject: String,
    pub body: String,
    pub active: bool,
}

/// What the letter form asks before the chart fills the template.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterRequest {
    pub patient_id: PatientId,
    pub template_id: LetterTemplateId,
    /// Name and address lines of whom it goes to ("Dr Kim Lee, Cardiology").
    pub recipient: String,
    /// Why: the referral's question, the note's statement, the letter's message.
    pub reason: String,
}

/// A template filled from the chart, for the physician to read and edit before signing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterText {
    pub template_id: Option<LetterTemplateId>,
    pub kind: LetterKind,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

/// What a referral letter also records: whom, why, and when the report is expected.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralDraft {
    pub specialty: String,
    pub reason: String,
    #[ts(type = "string")]
    pub expected_by: NaiveDate,
}

/// A letter to sign.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterToSign {
    pub patient_id: PatientId,
    pub text: LetterText,
    /// Required for a referral letter, refused for any other.
    pub referral: Option<ReferralDraft>,
}

/// A signed letter in the chart (its PDF copy read on its own).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Letter {
    pub id: LetterId,
    pub patient_id: PatientId,
    pub kind: LetterKind,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub signed_by_name: String,
    #[ts(type = "string")]
    pub signed_at: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub entered_in_error_at: Option<DateTime<Utc>>,
    pub entered_in_error_reason: Option<String>,
    pub referral_id: Option<ReferralId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReferralStatus {
    Sent,
    AppointmentMade,
    ReportReceived,
    Closed,
}

impl ReferralStatus {
    pub const ALL: [ReferralStatus; 4] = [
        ReferralStatus::Sent,
        ReferralStatus::AppointmentMade,
        ReferralStatus::ReportReceived,
        ReferralStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::Sent => "sent",
            ReferralStatus::AppointmentMade => "appointmentMade",
            ReferralStatus::ReportReceived => "reportReceived",
            ReferralStatus::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReferralStatus::Sent => "sent",
            ReferralStatus::AppointmentMade => "appointment made",
            ReferralStatus::ReportReceived => "report received",
            ReferralStatus::Closed => "closed",
        }
    }

    /// Still waiting for the specialist (what can become overdue).
    pub fn waiting(self) -> bool {
        matches!(self, ReferralStatus::Sent | ReferralStatus::AppointmentMade)
    }
}

/// One change of a referral's status.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralChange {
    pub status: ReferralStatus,
    pub note: String,
    pub document_id: Option<DocumentId>,
    pub changed_by_name: String,
    #[ts(type = "string")]
    pub changed_at: DateTime<Utc>,
}

/// A referral and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    pub id: ReferralId,
    pub letter_id: LetterId,
    pub patient: MessagePatient,
    pub specialty: String,
    pub referred_to: String,
    pub reason: String,
    pub physician_name: String,
    #[ts(type = "string")]
    pub expected_by: NaiveDate,
    pub status: ReferralStatus,
    #[ts(type = "string")]
    pub status_at: DateTime<Utc>,
    /// Still waiting for the specialist after the expected date.
    pub overdue: bool,
    /// Oldest first.
    pub history: Vec<ReferralChange>,
}

/// A status change as the tracking list sends it.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralUpdate {
    pub status: ReferralStatus,
    pub note: String,
    /// The filed report, for "report received".
    pub document_id: Option<DocumentId>,
}

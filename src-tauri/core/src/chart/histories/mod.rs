//! Social (smoking, alcohol, substance use, occupation), family and surgical history, each dated and versioned.
//!
//! An edit never rewrites a row: it adds a new row that `replaces` the old one, which gets
//! `superseded_at`; a mistake is marked entered in error with a reason. Smoking, alcohol,
//! substance use and occupation have one current entry each per patient; family and surgical
//! history have as many as the patient has relatives' conditions and operations.

mod ops;
pub(crate) mod validate;

use crate::chart::common::ErrorMark;
use crate::ids::{HistoryEntryId, PatientId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use validate::{pack_years, RELATIVES};
pub(crate) use validate::{ValidFamily, ValidSocial, ValidSurgical};

/// Which of the three history tables an entry is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum HistoryTable {
    Social,
    Family,
    Surgical,
}

/// The four social histories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SocialKind {
    Smoking,
    Alcohol,
    Substance,
    Occupation,
}

impl SocialKind {
    pub const ALL: [SocialKind; 4] = [
        SocialKind::Smoking,
        SocialKind::Alcohol,
        SocialKind::Substance,
        SocialKind::Occupation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SocialKind::Smoking => "smoking",
            SocialKind::Alcohol => "alcohol",
            SocialKind::Substance => "substance",
            SocialKind::Occupation => "occupation",
        }
    }

    pub fn parse(text: &str) -> Option<SocialKind> {
        SocialKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The statuses this kind takes, as stored.
    pub fn statuses(self) -> &'static [&'static str] {
        match self {
            SocialKind::Smoking => &[
                "never",
                "former",
                "current_every_day",
                "current_some_days",
                "unknown",
            ],
            SocialKind::Alcohol => &["none", "occasional", "weekly", "unknown"],
            SocialKind::Substance => &["none", "former", "current", "unknown"],
            SocialKind::Occupation => &[
                "employed",
                "self_employed",
                "unemployed",
                "retired",
                "student",
                "homemaker",
                "unable_to_work",
                "unknown",
            ],
        }
    }
}

/// A social history form as typed (numbers as text, so a typo is a field error, not a
/// refused command). Fields that do not apply to the kind stay empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SocialHistoryDraft {
    pub status: String,
    pub detail: String,
    /// Smoking.
    pub packs_per_day: String,
    pub years: String,
    /// Smoking, former: a partial date.
    pub quit_date: String,
    /// Alcohol.
    pub drinks_per_week: String,
    /// Alcohol: AUDIT-C score 0–12, optional.
    pub audit_c: String,
    /// The date the history was taken (a partial date); empty means today.
    pub as_of: String,
}

/// What every stored history entry carries: when it was taken and recorded, what it replaced
/// and whether it is still current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryMeta {
    pub id: HistoryEntryId,
    pub patient_id: PatientId,
    pub replaces: Option<HistoryEntryId>,
    #[ts(type = "string")]
    pub recorded_at: DateTime<Utc>,
    pub recorded_by_name: String,
    #[ts(type = "string | null")]
    pub superseded_at: Option<DateTime<Utc>>,
    pub entered_in_error: Option<ErrorMark>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SocialEntry {
    #[serde(flatten)]
    pub meta: EntryMeta,
    pub kind: SocialKind,
    pub status: String,
    pub detail: String,
    pub packs_per_day: Option<f64>,
    pub years: Option<f64>,
    /// packs per day × years, for smoking.
    pub pack_years: Option<f64>,
    pub quit_date: Option<String>,
    pub drinks_per_week: Option<f64>,
    pub audit_c: Option<u8>,
    pub as_of: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FamilyHistoryDraft {
    /// One of [`RELATIVES`].
    pub relative: String,
    pub condition: String,
    /// An ICD-10-CM code picked from the code set; empty when typed.
    pub code: String,
    pub onset_age: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FamilyEntry {
    #[serde(flatten)]
    pub meta: EntryMeta,
    pub relative: String,
    pub condition: String,
    pub code: Option<String>,
    pub onset_age: Option<u8>,
    pub comment: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SurgicalHistoryDraft {
    pub procedure: String,
    /// A partial date.
    pub performed_on: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SurgicalEntry {
    #[serde(flatten)]
    pub meta: EntryMeta,
    pub procedure: String,
    pub performed_on: Option<String>,
    pub comment: String,
}

/// A patient's current histories.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Histories {
    pub smoking: Option<SocialEntry>,
    pub alcohol: Option<SocialEntry>,
    pub substance: Option<SocialEntry>,
    pub occupation: Option<SocialEntry>,
    pub family: Vec<FamilyEntry>,
    pub surgical: Vec<SurgicalEntry>,
}

/// Every version of one history, newest first (only the list of its table is filled).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryVersions {
    pub social: Vec<SocialEntry>,
    pub family: Vec<FamilyEntry>,
    pub surgical: Vec<SurgicalEntry>,
}

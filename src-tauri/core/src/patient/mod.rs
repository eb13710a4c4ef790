//! Patients: what the register holds about a person, how it is validated, found and changed.

mod lookup;
mod ops;
mod search;
mod validate;

pub(crate) use ops::duplicates;
pub use ops::{DuplicateCandidate, DuplicateReason, RegisterOutcome};
pub use search::{MatchKind, SearchHit, SearchPage, SearchRequest, MAX_PAGE_SIZE};
pub(crate) use validate::phone_problem;
pub use validate::{validate_draft, ValidPatient, MAX_PHONES};

use crate::ids::PatientId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Sex assigned at birth, as recorded for clinical decision support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SexAtBirth {
    Female,
    Male,
    Intersex,
    Unknown,
}

impl SexAtBirth {
    pub fn as_str(self) -> &'static str {
        match self {
            SexAtBirth::Female => "female",
            SexAtBirth::Male => "male",
            SexAtBirth::Intersex => "intersex",
            SexAtBirth::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Female, Self::Male, Self::Intersex, Self::Unknown]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PatientStatus {
    Active,
    Inactive,
    Deceased,
}

impl PatientStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PatientStatus::Active => "active",
            PatientStatus::Inactive => "inactive",
            PatientStatus::Deceased => "deceased",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Active, Self::Inactive, Self::Deceased]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PhoneKind {
    Mobile,
    Home,
    Work,
}

impl PhoneKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PhoneKind::Mobile => "mobile",
            PhoneKind::Home => "home",
            PhoneKind::Work => "work",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Mobile, Self::Home, Self::Work]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Phone {
    pub kind: PhoneKind,
    /// As the person gave it; searching ignores the formatting.
    pub number: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PostalAddress {
    pub line1: String,
    pub line2: String,
    pub city: String,
    /// State, province or county.
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EmergencyContact {
    pub name: String,
    pub relationship: String,
    pub phone: String,
}

/// What a form submits to register or edit a patient. Dates are text as typed; core parses
/// and validates every field and answers with field-level errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PatientDraft {
    pub family_name: String,
    pub given_name: String,
    pub middle_name: String,
    pub preferred_name: String,
    /// `1980-03-14`, `03/14/1980` or `14.03.1980`.
    pub date_of_birth: String,
    /// `None` until chosen: the form must not register a default nobody picked.
    pub sex_at_birth: Option<SexAtBirth>,
    pub gender_identity: String,
    pub pronouns: String,
    pub phones: Vec<Phone>,
    pub email: String,
    pub address: PostalAddress,
    pub preferred_language: String,
    pub emergency_contact: Option<EmergencyContact>,
    pub status: PatientStatus,
    /// Required when the status is deceased, in the same forms as the birth date.
    pub deceased_on: String,
}

/// A registered patient as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    pub id: PatientId,
    /// The practice's chart number, assigned at registration and never reused.
    pub mrn: u32,
    pub family_name: String,
    pub given_name: String,
    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    pub date_of_birth: NaiveDate,
    pub age_years: u32,
    pub sex_at_birth: SexAtBirth,
    pub gender_identity: Option<String>,
    pub pronouns: Option<String>,
    pub phones: Vec<Phone>,
    pub email: Option<String>,
    pub address: PostalAddress,
    pub preferred_language: Option<String>,
    pub emergency_contact: Option<EmergencyContact>,
    pub status: PatientStatus,
    pub deceased_on: Option<NaiveDate>,
    /// Opens only through emergency access.
    pub restricted: bool,
    /// Increases with every saved edit; an edit names the version it started from.
    pub version: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One line of a search result or duplicate warning: enough to tell people apart. For a
/// restricted chart only what picking the right person needs (name, birth date, sex, chart
/// number, status): its phone and preferred name stay behind emergency access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PatientSummary {
    pub id: PatientId,
    pub mrn: u32,
    pub family_name: String,
    pub given_name: String,
    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    pub date_of_birth: NaiveDate,
    pub age_years: u32,
    pub sex_at_birth: SexAtBirth,
    pub status: PatientStatus,
    /// `None` for a restricted chart.
    pub primary_phone: Option<String>,
    /// The chart opens only through emergency access; the row says so.
    pub restricted: bool,
}

impl Patient {
    pub fn summary(&self) -> PatientSummary {
        PatientSummary {
            id: self.id,
            mrn: self.mrn,
            family_name: self.family_name.clone(),
            given_name: self.given_name.clone(),
            middle_name: self.middle_name.clone(),
            preferred_name: self.preferred_name.clone(),
            date_of_birth: self.date_of_birth,
            age_years: self.age_years,
            sex_at_birth: self.sex_at_birth,
            status: self.status,
            primary_phone: self.phones.first().map(|p| p.number.clone()),
            restricted: false,
        }
        .restricted_if(self.restricted)
    }
}

impl PatientSummary {
    /// This summary as a result may show it: a restricted chart's row loses what the chart
    /// itself would hide.
    pub(crate) fn restricted_if(mut self, restricted: bool) -> Self {
        if restricted {
            self.restricted = true;
            self.primary_phone = None;
            self.preferred_name = None;
        }
        self
    }
}

/// The audit detail naming the charts a search or duplicate check showed:
/// `shown: <id>,<id>` (nothing after the colon when none were).
pub(crate) fn shown_detail(ids: &[PatientId]) -> String {
    let ids: Vec<String> = ids.iter().map(PatientId::to_string).collect();
    format!("shown: {}", ids.join(","))
}

/// The charts an audit row's detail says were shown (see [`shown_detail`]), `None` when the
/// detail does not list any.
pub fn shown_in_detail(detail: &str) -> Option<Vec<PatientId>> {
    let rest = detail.strip_prefix("shown: ")?;
    let list = rest.split(';').next().unwrap_or_default().trim();
    if list.is_empty() {
        return Some(Vec::new());
    }
    list.split(',')
        .map(|id| PatientId::parse(id.trim()))
        .collect()
}

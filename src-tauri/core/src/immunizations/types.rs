//! The immunization types every area shares: an entry as written and the forecast's answer.

use crate::ids::{ImmunizationId, PatientId, UserId, VisitId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Given here, reported from elsewhere, or refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImmunizationKind {
    Given,
    Historical,
    Refused,
}

impl ImmunizationKind {
    pub fn as_sql(self) -> &'static str {
        match self {
            ImmunizationKind::Given => "given",
            ImmunizationKind::Historical => "historical",
            ImmunizationKind::Refused => "refused",
        }
    }

    pub fn from_sql(text: &str) -> Option<Self> {
        match text {
            "given" => Some(ImmunizationKind::Given),
            "historical" => Some(ImmunizationKind::Historical),
            "refused" => Some(ImmunizationKind::Refused),
            _ => None,
        }
    }
}

/// One row to write (`store::immunizations::insert`), already validated.
#[derive(Debug, Clone, PartialEq)]
pub struct NewImmunization {
    pub id: ImmunizationId,
    pub patient: PatientId,
    pub visit: Option<VisitId>,
    pub cvx: String,
    pub vaccine: String,
    pub kind: ImmunizationKind,
    pub given_on: NaiveDate,
    pub dose_number: Option<u32>,
    pub lot: Option<String>,
    pub expires_on: Option<NaiveDate>,
    pub manufacturer: Option<String>,
    pub site: Option<String>,
    pub route: Option<String>,
    pub given_by: Option<UserId>,
    pub given_by_name: Option<String>,
    pub vis_date: Option<NaiveDate>,
    pub refusal_reason: Option<String>,
    pub source_note: Option<String>,
    pub recorded_by: UserId,
    pub recorded_at: DateTime<Utc>,
}

/// Where one series stands for the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ForecastStatus {
    /// Not yet old enough / not yet past the minimum interval.
    NotYetDue,
    Due,
    Overdue,
    Complete,
    /// Refused (the latest refusal stands until a dose is given).
    Refused,
    /// The schedule does not apply to this patient.
    NotApplicable,
}

/// One series' forecast.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SeriesForecast {
    pub series: String,
    pub label: String,
    pub status: ForecastStatus,
    /// Valid doses counted so far.
    pub doses_counted: u32,
    /// The next dose's number, its earliest valid date and the date it is due (none when
    /// complete / not applicable).
    pub next_dose: Option<u32>,
    #[ts(type = "string | null")]
    pub earliest: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub due: Option<NaiveDate>,
    /// Why, in words ("dose 2 of MMR: at least 28 days after dose 1, from 12 months").
    pub reason: String,
    /// The schedule rule's citation.
    pub source: String,
    /// Doses recorded but not counted, each named with why ("MMR on 2025-03-01 (at 10
    /// months) not counted: before the minimum age of 12 months for dose 1").
    pub not_counted: Vec<String>,
    /// The last valid dose.
    #[ts(type = "string | null")]
    pub last_given: Option<NaiveDate>,
}

/// The patient's whole forecast.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImmunizationForecast {
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub series: Vec<SeriesForecast>,
}

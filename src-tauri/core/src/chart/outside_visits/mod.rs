//! Outside visits: visits recorded in another system and brought in by a FHIR import, kept in
//! the chart read-only with their note text, their diagnoses as that system coded them and
//! where they came from. The types are here; the reads and the entered-in-error mark in `ops`;
//! the import's checks in `validate`.

mod ops;
pub(crate) mod validate;

use super::common::ErrorMark;
use crate::ids::{OutsideDiagnosisId, OutsideVisitId, PatientId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of encounter it was (FHIR `Encounter.class`, v3 ActCode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum VisitClass {
    Ambulatory,
    Virtual,
    Home,
    Emergency,
    Inpatient,
    Observation,
    ShortStay,
    Field,
    /// A class Charta does not name (or none given).
    Other,
}

impl VisitClass {
    pub const ALL: [VisitClass; 9] = [
        VisitClass::Ambulatory,
        VisitClass::Virtual,
        VisitClass::Home,
        VisitClass::Emergency,
        VisitClass::Inpatient,
        VisitClass::Observation,
        VisitClass::ShortStay,
        VisitClass::Field,
        VisitClass::Other,
    ];

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            VisitClass::Ambulatory => "ambulatory",
            VisitClass::Virtual => "virtual",
            VisitClass::Home => "home",
            VisitClass::Emergency => "emergency",
            VisitClass::Inpatient => "inpatient",
            VisitClass::Observation => "observation",
            VisitClass::ShortStay => "shortStay",
            VisitClass::Field => "field",
            VisitClass::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<VisitClass> {
        VisitClass::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The v3 ActCode an export writes, with its display; `None` for [`VisitClass::Other`].
    pub fn act_code(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            VisitClass::Ambulatory => ("AMB", "ambulatory"),
            VisitClass::Virtual => ("VR", "virtual"),
            VisitClass::Home => ("HH", "home health"),
            VisitClass::Emergency => ("EMER", "emergency"),
            VisitClass::Inpatient => ("IMP", "inpatient encounter"),
            VisitClass::Observation => ("OBSENC", "observation encounter"),
            VisitClass::ShortStay => ("SS", "short stay"),
            VisitClass::Field => ("FLD", "field"),
            VisitClass::Other => return None,
        })
    }

    /// The class of a v3 ActCode (the acute and non-acute inpatient codes are inpatient).
    pub fn from_act_code(code: &str) -> VisitClass {
        match code {
            "AMB" => VisitClass::Ambulatory,
            "VR" => VisitClass::Virtual,
            "HH" => VisitClass::Home,
            "EMER" => VisitClass::Emergency,
            "IMP" | "ACUTE" | "NONAC" | "PRENC" => VisitClass::Inpatient,
            "OBSENC" => VisitClass::Observation,
            "SS" => VisitClass::ShortStay,
            "FLD" => VisitClass::Field,
            _ => VisitClass::Other,
        }
    }
}

/// One diagnosis of an outside visit, as the other system coded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutsideDiagnosis {
    pub id: OutsideDiagnosisId,
    /// The code system's URI (`http://hl7.org/fhir/sid/icd-10-cm`, `http://snomed.info/sct` …).
    pub code_system: Option<String>,
    pub code: Option<String>,
    pub description: String,
}

/// A visit recorded elsewhere, as the chart shows it: read-only, newest first in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutsideVisit {
    pub id: OutsideVisitId,
    pub patient_id: PatientId,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub ended_at: Option<DateTime<Utc>>,
    pub visit_class: VisitClass,
    /// The other system's name for the kind of visit ("General examination of patient").
    pub visit_type: String,
    pub reason: String,
    /// Who saw the patient, as the other system named them (not a user of this practice).
    pub clinician: String,
    /// Where: the organisation or location the other system named.
    pub place: String,
    /// The visit's clinical note(s) as text; empty when the file had none.
    pub note: String,
    /// In the other system's order.
    pub diagnoses: Vec<OutsideDiagnosis>,
    /// Where it came from (the source record of the import).
    pub source: String,
    #[ts(type = "string")]
    pub imported_at: DateTime<Utc>,
    pub imported_by_name: String,
    pub entered_in_error: Option<ErrorMark>,
}

/// A diagnosis an import files under an outside visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutsideDiagnosisDraft {
    pub code_system: Option<String>,
    pub code: Option<String>,
    pub description: String,
}

/// What an import files as one outside visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutsideVisitDraft {
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub visit_class: VisitClass,
    pub visit_type: String,
    pub reason: String,
    pub clinician: String,
    pub place: String,
    pub note: String,
    pub source: String,
    pub diagnoses: Vec<OutsideDiagnosisDraft>,
}

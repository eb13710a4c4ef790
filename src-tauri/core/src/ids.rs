//! Typed identifiers: a `PatientId` can never be passed where another id is meant.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct PatientId(Uuid);

impl PatientId {
    /// A fresh random id. Only the edges of the system (commands, demo seeding) call this;
    /// logic takes ids as inputs so tests can control them.
    pub fn random() -> Self {
        PatientId(Uuid::new_v4())
    }

    pub fn from_uuid(uuid: Uuid) -> Self {
        PatientId(uuid)
    }

    /// A deterministic id, for generated practices and tests.
    pub fn from_u128(value: u128) -> Self {
        PatientId(Uuid::from_u128(value))
    }

    pub fn as_uuid(&self) -> Uuid {
        self.0
    }

    pub fn parse(text: &str) -> Option<Self> {
        Uuid::parse_str(text).ok().map(PatientId)
    }
}

impl fmt::Display for PatientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A user account of the practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct UserId(Uuid);

impl UserId {
    pub fn random() -> Self {
        UserId(Uuid::new_v4())
    }

    pub fn from_u128(value: u128) -> Self {
        UserId(Uuid::from_u128(value))
    }

    pub fn parse(text: &str) -> Option<Self> {
        Uuid::parse_str(text).ok().map(UserId)
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A uuid-backed id of one clinical record kind; each kind is its own type.
macro_rules! record_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        #[ts(type = "string")]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh random id (only the edges of the system call this).
            pub fn random() -> Self {
                $name(Uuid::new_v4())
            }

            /// A deterministic id, for generated practices and tests.
            pub fn from_u128(value: u128) -> Self {
                $name(Uuid::from_u128(value))
            }

            /// The id as a number (to derive related ids deterministically from it).
            pub fn as_u128(&self) -> u128 {
                self.0.as_u128()
            }

            pub fn parse(text: &str) -> Option<Self> {
                Uuid::parse_str(text).ok().map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

record_id!(
    /// A visit (encounter) and its SOAP note.
    VisitId
);
record_id!(
    /// An amendment to a signed note.
    AmendmentId
);
record_id!(
    /// A visit recorded in another system, brought in by a FHIR import (read-only).
    OutsideVisitId
);
record_id!(
    /// One diagnosis the other system recorded for an outside visit.
    OutsideDiagnosisId
);
record_id!(
    /// A practice note template.
    TemplateId
);
record_id!(
    /// A smart phrase (practice-wide or one user's).
    PhraseId
);
record_id!(
    /// One diagnosis on one visit.
    DiagnosisId
);
record_id!(
    /// An entry on the problem list.
    ProblemId
);
record_id!(
    /// An allergy or intolerance.
    AllergyId
);
record_id!(
    /// A "no known (drug) allergies" statement.
    AllergyStatementId
);
record_id!(
    /// One set of vital signs.
    VitalsId
);
record_id!(
    /// One version of a social, family or surgical history entry.
    HistoryEntryId
);
record_id!(
    /// One appointment (a single booking, or one occurrence of a series).
    AppointmentId
);
record_id!(
    /// A recurring series of appointments.
    SeriesId
);
record_id!(
    /// An appointment type (new patient, follow-up, …).
    AppointmentTypeId
);
record_id!(
    /// An exam or procedure room.
    RoomId
);
record_id!(
    /// A stretch of blocked time (leave, holiday, closure, …).
    BlockId
);
record_id!(
    /// A provider's weekly availability template, from a date.
    AvailabilityId
);
record_id!(
    /// An entry on the wait list.
    WaitListId
);
record_id!(
    /// One entry of a medication list: a prescription (draft or signed) or a reported medication.
    MedicationId
);
record_id!(
    /// A practice favourite (a product with a default sig).
    FavouriteId
);
record_id!(
    /// One import of RxNorm release files.
    DrugImportId
);
record_id!(
    /// One medication reconciliation.
    ReconciliationId
);
record_id!(
    /// One printed prescription or medication list (its PDF copy).
    PrintId
);
record_id!(
    /// One set of lab results that arrived together (a manual entry, one OBR of a result file,
    /// an outside result).
    LabReportId
);
record_id!(
    /// One lab observation (one test's value) of a report.
    LabResultId
);
record_id!(
    /// One HL7 result file read by Charta (matched, waiting for a human, or refused).
    Hl7ImportId
);
record_id!(
    /// One immunization entry: a dose given, a historical dose, or a refusal.
    ImmunizationId
);
record_id!(
    /// One decision on a preventive-care reminder (done elsewhere, declined, not applicable).
    ReminderDecisionId
);
record_id!(
    /// One screening procedure recorded for the reminders (a colonoscopy, a mammogram, a PHQ-9 …).
    ScreeningProcedureId
);
record_id!(
    /// One printed results letter (a "notify patient" of a signed-off report).
    ResultsLetterId
);
record_id!(
    /// A message, task, phone note or refill request between users of the practice.
    MessageId
);
record_id!(
    /// A scanned or imported document (PDF or image) in a patient's chart.
    DocumentId
);
record_id!(
    /// One of the practice's letter templates.
    LetterTemplateId
);
record_id!(
    /// A signed letter (referral, work or school note, results letter, generic) in a chart.
    LetterId
);
record_id!(
    /// A referral to a specialist, tracked until its report comes back.
    ReferralId
);

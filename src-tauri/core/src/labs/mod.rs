//! Lab results: the LOINC-keyed catalogue of primary-care tests and panels (compiled in from
//! `assets/labs/`), units and their conversions, reference ranges by sex and age, the flags
//! Charta computes, manual entry, trends per test and the computed eGFR (CKD-EPI 2021). Result
//! files (HL7) and the physician's inbox live in `crate::results`; both store through
//! `store::lab_results`. Tables: `migrations/0008_checkup/labs.sql`.
//!
//! - [`catalogue`]: tests, panels, units, ranges, `judge`, the entry form's search.
//! - [`egfr`]: the CKD-EPI 2021 equation.
//! - [`report`]: a report and its results as shown, the entry drafts.
//! - `validate`: a draft checked and judged; [`ops`]: entry, corrections, entered in error;
//!   `reads`: reports, the results table, trends (re-exported from `ops`).

pub mod catalogue;
pub mod egfr;
pub mod ops;
pub(crate) mod reads;
pub mod report;
#[cfg(test)]
mod tests;
mod types;
pub(crate) mod validate;

pub(crate) use reads::latest_egfr;
pub use reads::{LabResultsTable, LabTableCell, LabTableRow};
pub use report::{
    LabCorrectionDraft, LabReport, LabReportDraft, LabResult, LabResultDraft, ReportFlag,
};
pub use types::*;

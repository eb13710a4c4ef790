//! Lab results: the LOINC-keyed catalogue of primary-care tests and panels (compiled in from
//! `assets/labs/`), units and their conversions, reference ranges by sex and age, the flags
//! Charta computes, manual entry, trends per test and the computed eGFR (CKD-EPI 2021). Result
//! files (HL7) and the physician's inbox live in `crate::results`; both store through
//! `store::lab_results`. Tables: `migrations/0008_checkup/labs.sql`.

pub mod catalogue;
pub mod egfr;
pub mod ops;
mod types;

pub use types::*;

//! The estimated GFR from serum creatinine, age and sex by the race-free CKD-EPI 2021
//! equation (Inker et al., N Engl J Med 2021;385:1737–49), computed wherever a creatinine is
//! known for an adult whose sex at birth is recorded.
//!
//! OWNER: labs helper (stub until built).

use crate::patient::SexAtBirth;

/// eGFR in mL/min/1.73 m² for a creatinine in mg/dL, or none when the equation does not apply
/// (under 18, sex unknown, a non-positive or non-finite creatinine).
pub fn ckd_epi_2021(_creatinine_mg_dl: f64, _age_years: u32, _sex: SexAtBirth) -> Option<f64> {
    None
}

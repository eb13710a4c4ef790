//! The estimated GFR from serum creatinine, age and sex by the race-free CKD-EPI 2021
//! equation (Inker et al., N Engl J Med 2021;385:1737–49), computed wherever a creatinine is
//! known for an adult whose sex at birth is recorded.
//!
//! eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 (female),
//! κ = 0.7 (female) or 0.9 (male), α = −0.241 (female) or −0.302 (male), Scr in mg/dL.

use crate::patient::SexAtBirth;

/// eGFR in mL/min/1.73 m² for a creatinine in mg/dL, or none when the equation does not apply
/// (under 18, sex unknown, a non-positive or non-finite creatinine).
pub fn ckd_epi_2021(creatinine_mg_dl: f64, age_years: u32, sex: SexAtBirth) -> Option<f64> {
    if !creatinine_mg_dl.is_finite() || creatinine_mg_dl <= 0.0 || age_years < 18 {
        return None;
    }
    let (kappa, alpha, factor) = match sex {
        SexAtBirth::Female => (0.7, -0.241, 1.012),
        SexAtBirth::Male => (0.9, -0.302, 1.0),
        SexAtBirth::Intersex | SexAtBirth::Unknown => return None,
    };
    let ratio: f64 = creatinine_mg_dl / kappa;
    let egfr = 142.0
        * ratio.min(1.0).powf(alpha)
        * ratio.max(1.0).powf(-1.200)
        * 0.9938_f64.powf(f64::from(age_years))
        * factor;
    egfr.is_finite().then_some(egfr)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(got: Option<f64>, want: f64) {
        let got = got.unwrap();
        assert!((got - want).abs() < 0.5, "got {got}, want {want}");
    }

    // Worked values of the published equation (the NKF CKD-EPI 2021 calculator rounds to
    // whole numbers: 50-year-old woman, creatinine 1.0 mg/dL → 69; man → 92).
    #[test]
    fn a_fifty_year_old_woman_with_creatinine_one_has_an_egfr_of_69() {
        near(ckd_epi_2021(1.0, 50, SexAtBirth::Female), 68.6);
    }

    #[test]
    fn a_fifty_year_old_man_with_creatinine_one_has_an_egfr_of_92() {
        near(ckd_epi_2021(1.0, 50, SexAtBirth::Male), 91.7);
    }

    #[test]
    fn a_low_creatinine_uses_the_alpha_exponent() {
        // 40-year-old woman, 0.6 mg/dL: 142 × (0.6/0.7)^−0.241 × 0.9938^40 × 1.012 ≈ 116.
        near(ckd_epi_2021(0.6, 40, SexAtBirth::Female), 116.3);
        // 70-year-old man, 2.0 mg/dL: 142 × (2.0/0.9)^−1.2 × 0.9938^70 ≈ 35.
        near(ckd_epi_2021(2.0, 70, SexAtBirth::Male), 35.2);
    }

    #[test]
    fn the_equation_does_not_apply_to_children_unknown_sex_or_a_bad_creatinine() {
        assert_eq!(ckd_epi_2021(1.0, 17, SexAtBirth::Male), None);
        assert_eq!(ckd_epi_2021(1.0, 40, SexAtBirth::Unknown), None);
        assert_eq!(ckd_epi_2021(1.0, 40, SexAtBirth::Intersex), None);
        assert_eq!(ckd_epi_2021(0.0, 40, SexAtBirth::Male), None);
        assert_eq!(ckd_epi_2021(f64::NAN, 40, SexAtBirth::Male), None);
    }
}

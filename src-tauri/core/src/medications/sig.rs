//! Structured sigs: the plain-language text printed on the label ("Take 1 tablet by mouth
//! twice daily for 10 days"), doses per day, and the quantity a sig and its duration need.

use super::{Sig, SigFrequency};

/// How many doses a day the frequency means at most (PRN: at most).
pub fn doses_per_day(frequency: SigFrequency) -> f64 {
    match frequency {
        SigFrequency::OnceDaily | SigFrequency::EveryMorning | SigFrequency::AtBedtime => 1.0,
        SigFrequency::TwiceDaily | SigFrequency::Every12Hours => 2.0,
        SigFrequency::ThreeTimesDaily | SigFrequency::Every8Hours => 3.0,
        SigFrequency::FourTimesDaily | SigFrequency::Every6Hours => 4.0,
        SigFrequency::Every4Hours => 6.0,
        SigFrequency::EveryOtherDay => 0.5,
        SigFrequency::OnceWeekly => 1.0 / 7.0,
        SigFrequency::Once => 1.0,
    }
}

/// The plain-language sig.
pub fn describe(sig: &Sig) -> String {
    let _ = sig;
    String::new()
}

/// What the prescribing form shows under the sig as it is typed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SigPreview {
    /// The plain-language sig.
    pub text: String,
    pub doses_per_day: f64,
    /// Dose × doses a day × duration, in the dose unit; none without a duration.
    pub expected_quantity: Option<f64>,
}

/// The preview of a sig.
pub fn preview(sig: &Sig) -> SigPreview {
    SigPreview {
        text: describe(sig),
        doses_per_day: doses_per_day(sig.frequency),
        expected_quantity: None,
    }
}

/// Checks a quantity against the sig and its duration: a quantity in the dose unit that is
/// short of (or far above) dose × doses a day × duration is refused with a field error on
/// `quantity` saying what the sig needs. Whole-package units ("inhaler", "tube") are not
/// counted against the sig.
pub fn check_quantity(
    sig: &Sig,
    quantity: f64,
    quantity_unit: &str,
) -> Result<(), crate::error::FieldError> {
    let _ = (sig, quantity, quantity_unit);
    Ok(())
}

impl crate::access::AsUser<'_> {
    /// The sig preview for the prescribing form (clinical users; no patient data, not audited).
    pub fn sig_preview(
        &mut self,
        sig: &Sig,
        now: chrono::DateTime<chrono::Utc>,
    ) -> crate::error::CoreResult<SigPreview> {
        self.require(
            crate::permissions::Operation::ViewClinical,
            "search_drugs",
            now,
        )?;
        Ok(preview(sig))
    }
}

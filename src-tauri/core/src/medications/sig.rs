//! Structured sigs: the plain-language text printed on the label ("Take 1 tablet by mouth
//! twice daily for 10 days"), doses per day, and the quantity a sig and its duration need.

use super::{Route, Sig, SigFrequency};
use crate::error::FieldError;

/// Slack for float noise (0.1 × 3 is not 0.3).
const EPSILON: f64 = 1e-9;

/// Units dispensed as a whole package: their count says nothing about doses, so the quantity
/// check leaves them alone.
const PACKAGE_UNITS: [&str; 7] = ["inhaler", "tube", "bottle", "box", "pen", "vial", "kit"];

/// Units measured rather than counted: written as decimals ("2.5 mL", never "2 1/2 mL") and
/// not rounded up to a whole unit.
const MEASURED_UNITS: [&str; 9] = ["ml", "l", "mg", "mcg", "g", "unit", "units", "meq", "iu"];

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

/// The words for a frequency, as the label reads them.
pub fn frequency_text(frequency: SigFrequency) -> &'static str {
    match frequency {
        SigFrequency::OnceDaily => "once daily",
        SigFrequency::TwiceDaily => "twice daily",
        SigFrequency::ThreeTimesDaily => "three times daily",
        SigFrequency::FourTimesDaily => "four times daily",
        SigFrequency::Every4Hours => "every 4 hours",
        SigFrequency::Every6Hours => "every 6 hours",
        SigFrequency::Every8Hours => "every 8 hours",
        SigFrequency::Every12Hours => "every 12 hours",
        SigFrequency::EveryMorning => "every morning",
        SigFrequency::AtBedtime => "at bedtime",
        SigFrequency::EveryOtherDay => "every other day",
        SigFrequency::OnceWeekly => "once weekly",
        SigFrequency::Once => "once (single dose)",
    }
}

/// The verb a label starts with and where the dose goes, by route: "Take … by mouth",
/// "Instill … in each eye".
fn route_words(route: Route) -> (&'static str, &'static str) {
    match route {
        Route::Oral => ("Take", "by mouth"),
        Route::Sublingual => ("Place", "under the tongue"),
        Route::Buccal => ("Place", "between the cheek and gum"),
        Route::Topical => ("Apply", "to the affected area"),
        Route::Transdermal => ("Apply", "to the skin"),
        Route::Ophthalmic => ("Instill", "in each eye"),
        Route::Otic => ("Instill", "in each ear"),
        Route::Nasal => ("Use", "in each nostril"),
        Route::Inhaled => ("Inhale", ""),
        Route::Rectal => ("Insert", "rectally"),
        Route::Vaginal => ("Insert", "vaginally"),
        Route::Subcutaneous => ("Inject", "under the skin"),
        Route::Intramuscular => ("Inject", "into the muscle"),
        Route::Intravenous => ("Inject", "intravenously"),
        Route::Other => ("Use", ""),
    }
}

fn normal_unit(unit: &str) -> String {
    unit.trim().to_lowercase()
}

/// Whether a unit is measured (mL, mg, units) rather than counted (tablets, puffs).
pub fn is_measured(unit: &str) -> bool {
    MEASURED_UNITS.contains(&normal_unit(unit).as_str())
}

/// Whether a unit is a whole package ("inhaler", "tube" …), plural or not.
pub fn is_package(unit: &str) -> bool {
    let u = singular(&normal_unit(unit));
    PACKAGE_UNITS.contains(&u.as_str())
}

/// The singular of a (lower-case) unit word, so "tablets" matches "tablet".
fn singular(unit: &str) -> String {
    if let Some(stem) = unit.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["ches", "shes", "xes", "sses"] {
        if unit.ends_with(ending) {
            return unit[..unit.len() - 2].to_string();
        }
    }
    match unit.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => stem.to_string(),
        _ => unit.to_string(),
    }
}

/// Whether two units name the same thing ("tablet" and "Tablets").
pub fn same_unit(a: &str, b: &str) -> bool {
    singular(&normal_unit(a)) == singular(&normal_unit(b))
}

/// A unit word for `amount` of it: "1 tablet", "2 tablets", "1/2 tablet", "2 patches",
/// "10 units"; abbreviations ("mL", "mg") do not change.
pub fn unit_for(amount: f64, unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        return if amount > 1.0 + EPSILON {
            "doses".into()
        } else {
            "dose".into()
        };
    }
    let abbreviation = (is_measured(unit) && !unit.starts_with("unit")) || unit.ends_with('%');
    if amount <= 1.0 + EPSILON || abbreviation {
        return unit.to_string();
    }
    // "extended-release tablet": the last word takes the plural.
    let (head, last) = match unit.rfind(' ') {
        Some(i) => (&unit[..=i], &unit[i + 1..]),
        None => ("", unit),
    };
    let plural = if last.ends_with("ch")
        || last.ends_with("sh")
        || last.ends_with('x')
        || last.ends_with('s')
    {
        format!("{last}es")
    } else if let Some(stem) = last
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'i', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{last}s")
    };
    format!("{head}{plural}")
}

/// A number as a label writes it: whole numbers plain, up to two decimals otherwise
/// ("2.5", "0.25").
pub fn decimal(amount: f64) -> String {
    let rounded = (amount * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A counted dose: halves, quarters and three quarters as fractions ("1/2", "1 1/2"), since
/// that is how a tablet is split; anything else as a decimal.
pub fn dose_amount(amount: f64, unit: &str) -> String {
    if is_measured(unit) {
        return decimal(amount);
    }
    let whole = (amount + EPSILON).floor();
    let part = amount - whole;
    let fraction = [(0.25, "1/4"), (0.5, "1/2"), (0.75, "3/4")]
        .into_iter()
        .find(|(f, _)| (part - f).abs() < 1e-6)
        .map(|(_, text)| text);
    match fraction {
        Some(f) if whole < 0.5 => f.to_string(),
        Some(f) => format!("{} {f}", decimal(whole)),
        None => decimal(amount),
    }
}

/// "1 tablet", "1/2 tablet", "5 mL", "2 puffs".
fn dose_phrase(sig: &Sig) -> String {
    format!(
        "{} {}",
        dose_amount(sig.dose, &sig.dose_unit),
        unit_for(sig.dose, &sig.dose_unit)
    )
}

fn days(n: u32) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// The extra instructions as a sentence of their own: capitalised, with a full stop.
fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The plain-language sig.
pub fn describe(sig: &Sig) -> String {
    let (verb, place) = route_words(sig.route);
    let mut text = format!("{verb} {}", dose_phrase(sig));
    if !place.is_empty() {
        text.push(' ');
        text.push_str(place);
    }
    text.push(' ');
    text.push_str(frequency_text(sig.frequency));
    if sig.prn {
        text.push_str(" as needed");
        let indication = sig.prn_indication.trim();
        let indication = indication.strip_prefix("for ").unwrap_or(indication).trim();
        if !indication.is_empty() {
            text.push_str(" for ");
            text.push_str(indication);
        }
    }
    if let Some(n) = sig
        .duration_days
        .filter(|_| sig.frequency != SigFrequency::Once)
    {
        text.push_str(" for ");
        text.push_str(&days(n));
    }
    let extra = sentence(&sig.extra);
    if !extra.is_empty() {
        text.push_str(". ");
        text.push_str(&extra);
    }
    text
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

/// How many doses `days` of the frequency hold: every other day over 10 days is 5 (days 1,
/// 3 … 9), once weekly over 30 days is 5 (days 1, 8, 15, 22, 29); a single dose is one.
fn doses_in(frequency: SigFrequency, days: u32) -> f64 {
    if frequency == SigFrequency::Once {
        return 1.0;
    }
    (doses_per_day(frequency) * f64::from(days) - EPSILON).ceil()
}

/// Dose × doses over the duration, rounded up to a whole unit when the unit is counted
/// (a split tablet still uses a whole one); none without a duration, except that a single
/// dose needs one dose whatever the duration says.
pub fn expected_quantity(sig: &Sig) -> Option<f64> {
    let days = match (sig.frequency, sig.duration_days) {
        (SigFrequency::Once, d) => d.unwrap_or(1),
        (_, Some(d)) if d > 0 => d,
        _ => return None,
    };
    let amount = sig.dose * doses_in(sig.frequency, days);
    if !amount.is_finite() || amount <= 0.0 {
        return None;
    }
    Some(if is_measured(&sig.dose_unit) {
        (amount * 1000.0).round() / 1000.0
    } else {
        (amount - EPSILON).ceil()
    })
}

/// The preview of a sig.
pub fn preview(sig: &Sig) -> SigPreview {
    SigPreview {
        text: describe(sig),
        doses_per_day: doses_per_day(sig.frequency),
        expected_quantity: expected_quantity(sig),
    }
}

/// "10 days of 1 tablet twice daily", "A single dose of 2 tablets".
fn course_phrase(sig: &Sig) -> String {
    if sig.frequency == SigFrequency::Once {
        return format!("A single dose of {}", dose_phrase(sig));
    }
    format!(
        "{} of {} {}",
        days(sig.duration_days.unwrap_or(0)),
        dose_phrase(sig),
        frequency_text(sig.frequency)
    )
}

/// Checks a quantity against the sig and its duration: a quantity in the dose unit that is
/// short of (or far above) dose × doses a day × duration is refused with a field error on
/// `quantity` saying what the sig needs. Whole-package units ("inhaler", "tube") are not
/// counted against the sig. An as-needed sig's figure is the most it can use, so a smaller
/// quantity is normal and only "far more" is refused.
pub fn check_quantity(sig: &Sig, quantity: f64, quantity_unit: &str) -> Result<(), FieldError> {
    if is_package(quantity_unit) || !same_unit(quantity_unit, &sig.dose_unit) {
        return Ok(());
    }
    let Some(expected) = expected_quantity(sig) else {
        return Ok(());
    };
    let needs = format!(
        "{} needs {} {}",
        course_phrase(sig),
        decimal(expected),
        unit_for(expected, &sig.dose_unit)
    );
    if quantity < expected - EPSILON && !sig.prn {
        return Err(FieldError::new(
            "quantity",
            format!("{needs}; {} is short", decimal(quantity)),
        ));
    }
    if quantity > 3.0 * expected + EPSILON && quantity > expected + 30.0 + EPSILON {
        return Err(FieldError::new(
            "quantity",
            format!(
                "{needs}; {} is far more than the sig needs",
                decimal(quantity)
            ),
        ));
    }
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

#[cfg(test)]
#[path = "sig_tests.rs"]
mod tests;

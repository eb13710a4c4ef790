//! RxNorm dose forms (TTY=DF names) as Charta prescribes them: the dose form a prescriber
//! reads, the unit one dose is counted in, and the route.
//!
//! RxNorm's injectable forms do not say whether a drug goes under the skin, into a muscle or
//! a vein, so they keep `Route::Other` (the prescriber states the route in the sig) — except
//! pen injectors and cartridges, which in practice are subcutaneous (insulins, GLP-1
//! agonists). An unknown form keeps its RxNorm name, `Route::Other` and the unit "dose".

use crate::medications::Route;

/// How an ingredient's strength relates to one dose unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Tablets, capsules, suppositories: "10 MG" is per unit.
    Each,
    /// Liquids measured in mL: "50 MG/ML" is per dose unit.
    Millilitre,
    /// Inhalers and metered sprays: "0.09 MG/ACTUAT" is per puff or spray.
    Actuation,
    /// Creams, drops, patches: the strength is a concentration or a rate, not a dose.
    Unmeasured,
}

/// One RxNorm dose form as Charta uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct DoseForm {
    pub dose_form: String,
    pub dose_unit: String,
    pub route: Route,
    pub counted: Counted,
}

use Counted::{Actuation, Each, Millilitre, Unmeasured};
use Route::{
    Buccal, Inhaled, Nasal, Ophthalmic, Oral, Other, Otic, Rectal, Subcutaneous, Sublingual,
    Topical, Transdermal, Vaginal,
};

/// (RxNorm DF name, dose form, dose unit, route, how a strength counts).
const TABLE: &[(&str, &str, &str, Route, Counted)] = &[
    ("Oral Tablet", "tablet", "tablet", Oral, Each),
    ("Chewable Tablet", "chewable tablet", "tablet", Oral, Each),
    (
        "Disintegrating Oral Tablet",
        "orally disintegrating tablet",
        "tablet",
        Oral,
        Each,
    ),
    (
        "Extended Release Oral Tablet",
        "extended-release tablet",
        "tablet",
        Oral,
        Each,
    ),
    (
        "Delayed Release Oral Tablet",
        "delayed-release tablet",
        "tablet",
        Oral,
        Each,
    ),
    (
        "Tablet for Oral Suspension",
        "tablet for oral suspension",
        "tablet",
        Oral,
        Each,
    ),
    (
        "Effervescent Oral Tablet",
        "effervescent tablet",
        "tablet",
        Oral,
        Each,
    ),
    (
        "Sublingual Tablet",
        "sublingual tablet",
        "tablet",
        Sublingual,
        Each,
    ),
    ("Buccal Tablet", "buccal tablet", "tablet", Buccal, Each),
    ("Oral Capsule", "capsule", "capsule", Oral, Each),
    (
        "Extended Release Oral Capsule",
        "extended-release capsule",
        "capsule",
        Oral,
        Each,
    ),
    (
        "Delayed Release Oral Capsule",
        "delayed-release capsule",
        "capsule",
        Oral,
        Each,
    ),
    ("Oral Lozenge", "lozenge", "lozenge", Oral, Each),
    ("Oral Troche", "troche", "troche", Oral, Each),
    ("Chewing Gum", "chewing gum", "piece", Buccal, Each),
    ("Oral Suspension", "oral suspension", "mL", Oral, Millilitre),
    (
        "Extended Release Suspension",
        "extended-release oral suspension",
        "mL",
        Oral,
        Millilitre,
    ),
    ("Oral Solution", "oral solution", "mL", Oral, Millilitre),
    ("Oral Syrup", "oral syrup", "mL", Oral, Millilitre),
    ("Oral Elixir", "oral elixir", "mL", Oral, Millilitre),
    ("Oral Drops", "oral drops", "mL", Oral, Millilitre),
    ("Mouthwash", "mouthwash", "mL", Oral, Millilitre),
    ("Oral Gel", "oral gel", "application", Oral, Unmeasured),
    ("Oral Powder", "oral powder", "packet", Oral, Each),
    ("Oral Granules", "oral granules", "packet", Oral, Each),
    (
        "Metered Dose Inhaler",
        "inhaler",
        "puff",
        Inhaled,
        Actuation,
    ),
    (
        "Dry Powder Inhaler",
        "dry powder inhaler",
        "puff",
        Inhaled,
        Actuation,
    ),
    (
        "Inhalation Powder",
        "inhalation powder",
        "puff",
        Inhaled,
        Actuation,
    ),
    (
        "Inhalation Solution",
        "inhalation solution",
        "mL",
        Inhaled,
        Millilitre,
    ),
    (
        "Inhalation Suspension",
        "inhalation suspension",
        "mL",
        Inhaled,
        Millilitre,
    ),
    (
        "Inhalation Spray",
        "inhalation spray",
        "puff",
        Inhaled,
        Actuation,
    ),
    ("Nasal Spray", "nasal spray", "spray", Nasal, Actuation),
    (
        "Metered Dose Nasal Spray",
        "nasal spray",
        "spray",
        Nasal,
        Actuation,
    ),
    (
        "Nasal Solution",
        "nasal solution",
        "spray",
        Nasal,
        Unmeasured,
    ),
    ("Nasal Gel", "nasal gel", "application", Nasal, Unmeasured),
    (
        "Ophthalmic Solution",
        "eye drops",
        "drop",
        Ophthalmic,
        Unmeasured,
    ),
    (
        "Ophthalmic Suspension",
        "eye drops (suspension)",
        "drop",
        Ophthalmic,
        Unmeasured,
    ),
    (
        "Ophthalmic Ointment",
        "eye ointment",
        "application",
        Ophthalmic,
        Unmeasured,
    ),
    ("Ophthalmic Gel", "eye gel", "drop", Ophthalmic, Unmeasured),
    ("Otic Solution", "ear drops", "drop", Otic, Unmeasured),
    (
        "Otic Suspension",
        "ear drops (suspension)",
        "drop",
        Otic,
        Unmeasured,
    ),
    ("Topical Cream", "cream", "application", Topical, Unmeasured),
    (
        "Topical Ointment",
        "ointment",
        "application",
        Topical,
        Unmeasured,
    ),
    ("Topical Gel", "gel", "application", Topical, Unmeasured),
    (
        "Topical Lotion",
        "lotion",
        "application",
        Topical,
        Unmeasured,
    ),
    (
        "Topical Solution",
        "topical solution",
        "application",
        Topical,
        Unmeasured,
    ),
    ("Topical Foam", "foam", "application", Topical, Unmeasured),
    (
        "Topical Spray",
        "topical spray",
        "spray",
        Topical,
        Unmeasured,
    ),
    (
        "Topical Powder",
        "topical powder",
        "application",
        Topical,
        Unmeasured,
    ),
    (
        "Topical Suspension",
        "topical suspension",
        "application",
        Topical,
        Unmeasured,
    ),
    (
        "Medicated Shampoo",
        "shampoo",
        "application",
        Topical,
        Unmeasured,
    ),
    ("Medicated Pad", "medicated pad", "pad", Topical, Unmeasured),
    (
        "Medicated Patch",
        "medicated patch",
        "patch",
        Topical,
        Unmeasured,
    ),
    ("Paste", "paste", "application", Topical, Unmeasured),
    (
        "Transdermal System",
        "transdermal patch",
        "patch",
        Transdermal,
        Unmeasured,
    ),
    (
        "Transdermal Patch",
        "transdermal patch",
        "patch",
        Transdermal,
        Unmeasured,
    ),
    (
        "Rectal Suppository",
        "suppository",
        "suppository",
        Rectal,
        Each,
    ),
    (
        "Rectal Cream",
        "rectal cream",
        "application",
        Rectal,
        Unmeasured,
    ),
    (
        "Rectal Ointment",
        "rectal ointment",
        "application",
        Rectal,
        Unmeasured,
    ),
    (
        "Rectal Foam",
        "rectal foam",
        "application",
        Rectal,
        Unmeasured,
    ),
    ("Enema", "enema", "enema", Rectal, Unmeasured),
    (
        "Vaginal Cream",
        "vaginal cream",
        "application",
        Vaginal,
        Unmeasured,
    ),
    (
        "Vaginal Gel",
        "vaginal gel",
        "application",
        Vaginal,
        Unmeasured,
    ),
    ("Vaginal Tablet", "vaginal tablet", "tablet", Vaginal, Each),
    (
        "Vaginal Suppository",
        "vaginal suppository",
        "suppository",
        Vaginal,
        Each,
    ),
    ("Vaginal Insert", "vaginal insert", "insert", Vaginal, Each),
    ("Vaginal Ring", "vaginal ring", "ring", Vaginal, Unmeasured),
    (
        "Pen Injector",
        "pen injector",
        "mL",
        Subcutaneous,
        Millilitre,
    ),
    ("Cartridge", "cartridge", "mL", Subcutaneous, Millilitre),
    (
        "Injectable Solution",
        "injectable solution",
        "mL",
        Other,
        Millilitre,
    ),
    (
        "Injectable Suspension",
        "injectable suspension",
        "mL",
        Other,
        Millilitre,
    ),
    ("Injection", "injection", "mL", Other, Millilitre),
    (
        "Prefilled Syringe",
        "prefilled syringe",
        "mL",
        Other,
        Millilitre,
    ),
    ("Auto-Injector", "auto-injector", "mL", Other, Millilitre),
    (
        "Injectable Foam",
        "injectable foam",
        "mL",
        Other,
        Unmeasured,
    ),
    ("Pack", "pack", "dose", Other, Unmeasured),
    ("Kit", "kit", "dose", Other, Unmeasured),
];

/// The Charta dose form for an RxNorm DF name; an unknown one keeps its name (lower-cased),
/// `Route::Other` and the unit "dose", so nothing is guessed.
pub fn map(df_name: &str) -> DoseForm {
    let found = TABLE
        .iter()
        .find(|(name, ..)| name.eq_ignore_ascii_case(df_name.trim()));
    match found {
        Some(&(_, form, unit, route, counted)) => DoseForm {
            dose_form: form.to_string(),
            dose_unit: unit.to_string(),
            route,
            counted,
        },
        None => DoseForm {
            dose_form: df_name.trim().to_lowercase(),
            dose_unit: "dose".into(),
            route: Route::Other,
            counted: Counted::Unmeasured,
        },
    }
}

/// A pack of several products: what its components share, else "dose" and `Route::Other`.
pub fn pack(components: &[DoseForm]) -> DoseForm {
    let unit = components.first().map(|c| c.dose_unit.clone());
    let same_unit = unit
        .as_ref()
        .filter(|u| components.iter().all(|c| &c.dose_unit == *u));
    let route = components.first().map(|c| c.route);
    let same_route = route.filter(|r| components.iter().all(|c| c.route == *r));
    DoseForm {
        dose_form: "pack".into(),
        dose_unit: same_unit.cloned().unwrap_or_else(|| "dose".into()),
        route: same_route.unwrap_or(Route::Other),
        counted: Counted::Unmeasured,
    }
}

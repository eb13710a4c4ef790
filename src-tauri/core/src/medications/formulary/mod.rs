//! The formulary: Charta's authored catalogue of products a family practice prescribes
//! (`assets/formulary/`), with brand names and synonyms, and each ingredient's dose limits;
//! searched together with the products the practice imported from RxNorm.
//!
//! Reference data compiled into the program; parsed once, on first use (`table.rs`), searched
//! by word prefix through a sorted word index (`search.rs`); the checked operations are in
//! `ops.rs`.

mod ops;
mod search;
mod table;

#[cfg(test)]
mod tests;

use super::{DoseLimit, Product, Route};
use serde::Serialize;
use ts_rs::TS;

pub(crate) use ops::lookup;

/// The most hits one search returns, whatever limit is asked for.
pub const MAX_LIMIT: usize = 50;

/// One product found by [`AsUser::drug_search`](crate::access::AsUser::drug_search).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DrugHit {
    pub product: Product,
    /// The brand or synonym that matched ("Coumadin"), when not the name itself.
    pub via: Option<String>,
    /// Whether it is one of the practice's favourites (those come first).
    pub favourite: bool,
}

/// Every formulary product, in table order.
pub fn all() -> &'static [Product] {
    &table::formulary().products
}

/// The formulary product with this code (`rx:<RxCUI>` or `charta:<slug>`).
pub fn get(code: &str) -> Option<&'static Product> {
    let f = table::formulary();
    f.by_code.get(code).map(|&i| &f.products[i])
}

/// The dose limit of one ingredient by one route, if the table has one.
pub fn dose_limit(ingredient: &str, route: Route) -> Option<&'static DoseLimit> {
    table::formulary()
        .doses
        .get(&(ingredient.to_string(), route))
}

/// Every dose limit, in no particular order.
pub fn dose_limits() -> impl Iterator<Item = &'static DoseLimit> {
    table::formulary().doses.values()
}

/// Searches the formulary alone (no database): by word prefixes of the name, ingredients,
/// brands and synonyms, in any order ("amox 500", "coumadin"), best first: a product whose
/// code or RxCUI is the whole query, then exact words before prefixes, the name before a
/// brand, shorter names first. At most `limit` (capped at [`MAX_LIMIT`]); an empty query
/// finds nothing.
pub fn search(query: &str, limit: usize) -> Vec<DrugHit> {
    search::ranked(query)
        .iter()
        .take(limit.min(MAX_LIMIT))
        .map(|found| DrugHit {
            product: all()[found.index].clone(),
            via: search::via(found).map(str::to_string),
            favourite: false,
        })
        .collect()
}

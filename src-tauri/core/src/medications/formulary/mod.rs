//! The formulary: Charta's authored catalogue of products a family practice prescribes
//! (`assets/formulary/`), with brand names and synonyms, and each ingredient's dose limits;
//! searched together with the products the practice imported from RxNorm.
//!
//! Reference data compiled into the program; parsed once, on first use.

use super::{not_built, DoseLimit, Product, ProductSource};
use crate::access::AsUser;
use crate::error::CoreResult;
use crate::permissions::Operation;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// The most hits one search returns, whatever limit is asked for.
pub const MAX_LIMIT: usize = 50;

/// One product found by [`AsUser::drug_search`].
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
    &[]
}

/// The formulary product with this code (`rx:<RxCUI>` or `charta:<slug>`).
pub fn get(code: &str) -> Option<&'static Product> {
    all().iter().find(|p| p.code == code)
}

/// The dose limit of one ingredient by one route, if the table has one.
pub fn dose_limit(ingredient: &str, route: super::Route) -> Option<&'static DoseLimit> {
    let _ = (ingredient, route);
    None
}

/// Searches the formulary alone (no database): by word prefixes of the name, ingredients,
/// brands and synonyms, in any order ("amox 500", "coumadin"), best first.
pub fn search(query: &str, limit: usize) -> Vec<DrugHit> {
    let _ = (query, limit);
    Vec::new()
}

impl AsUser<'_> {
    /// Products for the prescribing box: the formulary and the practice's imported products,
    /// favourites first. Reference data: checked (clinical users) but not audited.
    pub fn drug_search(
        &mut self,
        query: &str,
        limit: usize,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<DrugHit>> {
        self.require(Operation::ViewClinical, "search_drugs", now)?;
        let _ = (query, limit, ProductSource::Formulary);
        Err(not_built("drug search"))
    }

    /// One product by code, from the formulary or the imported products.
    pub fn drug_product(&mut self, code: &str, now: DateTime<Utc>) -> CoreResult<Product> {
        self.require(Operation::ViewClinical, "search_drugs", now)?;
        self.db
            .read(|conn| lookup(conn, code))?
            .ok_or_else(|| crate::error::CoreError::NotFound {
                entity: "drug product",
                id: code.to_string(),
            })
    }
}

/// A product by code inside a transaction: the formulary first, then the imported products.
pub(crate) fn lookup(conn: &rusqlite::Connection, code: &str) -> CoreResult<Option<Product>> {
    if let Some(p) = get(code) {
        return Ok(Some(p.clone()));
    }
    crate::store::drug_products::get(conn, code)
}

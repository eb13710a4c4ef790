//! The formulary's checked operations: the prescribing box's search (favourites, then the
//! formulary, then the practice's imported products) and one product by code.

use super::{search, DrugHit, MAX_LIMIT};
use crate::access::AsUser;
use crate::error::{CoreError, CoreResult};
use crate::medications::Product;
use crate::permissions::Operation;
use crate::store;
use chrono::{DateTime, Utc};
use std::collections::HashSet;

impl AsUser<'_> {
    /// Products for the prescribing box: the formulary and the practice's imported products,
    /// favourites first. Reference data: checked (clinical users) but not audited.
    ///
    /// Favourites whose product matches come first (an empty query lists them all), then the
    /// formulary's matches, then imported products; each code once, at most `limit` (capped
    /// at [`MAX_LIMIT`]).
    pub fn drug_search(
        &mut self,
        query: &str,
        limit: usize,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<DrugHit>> {
        self.require(Operation::ViewClinical, "search_drugs", now)?;
        let limit = limit.min(MAX_LIMIT);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let words = search::query_words(query);
        self.db.read(|conn| {
            let mut hits: Vec<DrugHit> = Vec::new();
            let mut seen: HashSet<String> = HashSet::new();
            for fav in store::favourites::list(conn, false)? {
                if hits.len() >= limit {
                    break;
                }
                let via = if words.is_empty() {
                    Some(None)
                } else {
                    search::product_matches(&fav.product, &words)
                };
                if let Some(via) = via {
                    if seen.insert(fav.product.code.clone()) {
                        hits.push(DrugHit {
                            product: fav.product,
                            via,
                            favourite: true,
                        });
                    }
                }
            }
            if words.is_empty() {
                return Ok(hits);
            }
            for found in search::ranked(query) {
                if hits.len() >= limit {
                    return Ok(hits);
                }
                let product = &super::all()[found.index];
                if seen.insert(product.code.clone()) {
                    hits.push(DrugHit {
                        product: product.clone(),
                        via: search::via(&found).map(str::to_string),
                        favourite: false,
                    });
                }
            }
            let room = limit - hits.len();
            if room > 0 {
                // Asked for more than the room left: some may be formulary duplicates.
                for product in store::drug_products::search(conn, &words, room + seen.len())? {
                    if hits.len() >= limit {
                        break;
                    }
                    if seen.insert(product.code.clone()) {
                        let via = search::product_matches(&product, &words).flatten();
                        hits.push(DrugHit {
                            product,
                            via,
                            favourite: false,
                        });
                    }
                }
            }
            Ok(hits)
        })
    }

    /// One product by code, from the formulary or the imported products.
    pub fn drug_product(&mut self, code: &str, now: DateTime<Utc>) -> CoreResult<Product> {
        self.require(Operation::ViewClinical, "search_drugs", now)?;
        self.db
            .read(|conn| lookup(conn, code))?
            .ok_or_else(|| CoreError::NotFound {
                entity: "drug product",
                id: code.to_string(),
            })
    }
}

/// A product by code inside a transaction: the formulary first, then the imported products.
pub(crate) fn lookup(conn: &rusqlite::Connection, code: &str) -> CoreResult<Option<Product>> {
    if let Some(p) = super::get(code) {
        return Ok(Some(p.clone()));
    }
    crate::store::drug_products::get(conn, code)
}

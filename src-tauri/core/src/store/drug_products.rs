//! The products imported from RxNorm release files: `drug_products`, their search words and
//! the `drug_imports` log (owner: medications::rxnorm).

use super::{instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{DrugImportId, UserId};
use crate::medications::rxnorm::DrugImportReport;
use crate::medications::Product;
use crate::text::fold;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

/// One imported product by its Charta code.
/// The catalogue's product for an RxNorm concept, if it lists one.
pub fn code_for_rxcui(conn: &Connection, rxcui: &str) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT code FROM drug_products WHERE rxcui = ?1 ORDER BY code LIMIT 1")?
        .query_row([rxcui], |r| r.get(0))
        .optional()?)
}

pub fn get(conn: &Connection, code: &str) -> CoreResult<Option<Product>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT product FROM drug_products WHERE code = ?1",
            params![code],
            |r| r.get(0),
        )
        .optional()?;
    json.map(|j| from_json(code, &j)).transpose()
}

fn from_json(code: &str, json: &str) -> CoreResult<Product> {
    serde_json::from_str(json)
        .map_err(|e| CoreError::Corrupt(format!("imported product {code}: {e}")))
}

/// Splits text into folded search words (letters and digits; anything else separates), the
/// same way for the stored words and for a query.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .map(fold)
        .filter(|w| !w.is_empty())
}

/// The first string after every string that starts with `prefix` (in SQLite's binary order of
/// UTF-8): U+10FFFF is the greatest character.
fn past_prefix(prefix: &str) -> String {
    let mut upper = String::with_capacity(prefix.len() + 4);
    upper.push_str(prefix);
    upper.push(char::MAX);
    upper
}

/// Above this many matching words, a query word is "common": scanning the products in name
/// order finds a page of hits sooner than sorting every match.
const COMMON: i64 = 400;

/// How many search words start with `word`, counted up to just past [`COMMON`].
fn matches_up_to_common(conn: &Connection, word: &str) -> CoreResult<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM (SELECT 1 FROM drug_product_words
                                   WHERE word >= ?1 AND word < ?2 LIMIT ?3)",
        )?
        .query_row(params![word, past_prefix(word), COMMON + 1], |r| r.get(0))?)
}

/// Imported products whose search words start with every word of the folded query, at most
/// `limit`, by name.
///
/// Two plans, both index range scans: when some query word is rare, its words drive (a range
/// of `drug_product_words`, at most [`COMMON`] rows to sort) and every other word is checked per
/// product through the `(code, word)` index; when every word is common ("oral tab"), the
/// products are read in name order (`drug_products_by_sort_key`) until `limit` of them have
/// every word. The products themselves are read only for the hits.
pub fn search(
    conn: &Connection,
    folded_words: &[String],
    limit: usize,
) -> CoreResult<Vec<Product>> {
    let mut query: Vec<&str> = folded_words
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    if query.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    query.sort_unstable();
    query.dedup();
    let mut counted = Vec::with_capacity(query.len());
    for w in &query {
        let n = matches_up_to_common(conn, w)?;
        if n == 0 {
            return Ok(Vec::new());
        }
        counted.push((n, *w));
    }
    counted.sort_by_key(|(n, w)| (*n, std::cmp::Reverse(w.len())));
    let rare = counted[0].0 <= COMMON;
    let words: Vec<&str> = counted.iter().map(|(_, w)| *w).collect();
    let exists = |k: usize| {
        format!(
            " AND EXISTS (SELECT 1 FROM drug_product_words w WHERE w.code = p.code \
             AND w.word >= ?{} AND w.word < ?{})",
            2 * k + 1,
            2 * k + 2
        )
    };
    let mut sql = if rare {
        let mut s = String::from(
            "SELECT p.code FROM drug_products p \
             WHERE p.code IN (SELECT code FROM drug_product_words WHERE word >= ?1 AND word < ?2)",
        );
        for k in 1..words.len() {
            s.push_str(&exists(k));
        }
        s
    } else {
        let mut s = String::from(
            "SELECT p.code FROM drug_products p INDEXED BY drug_products_by_sort_key WHERE 1",
        );
        for k in 0..words.len() {
            s.push_str(&exists(k));
        }
        s
    };
    sql.push_str(&format!(
        " ORDER BY p.sort_key, p.code LIMIT ?{}",
        2 * words.len() + 1
    ));
    let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(2 * words.len() + 1);
    for w in &words {
        values.push(rusqlite::types::Value::Text(w.to_string()));
        values.push(rusqlite::types::Value::Text(past_prefix(w)));
    }
    values.push(rusqlite::types::Value::Integer(
        i64::try_from(limit).unwrap_or(i64::MAX),
    ));
    let codes: Vec<String> = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(values), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(codes.len());
    for code in codes {
        if let Some(p) = get(conn, &code)? {
            out.push(p);
        }
    }
    Ok(out)
}

/// What a product is searched by: its name, ingredients and brands, as folded words.
pub fn search_words(product: &Product) -> Vec<String> {
    let mut all: Vec<String> = words(&product.name).collect();
    for i in &product.ingredients {
        all.extend(words(&i.name));
    }
    for b in &product.brands {
        all.extend(words(b));
    }
    let mut seen = std::collections::HashSet::new();
    all.retain(|w| seen.insert(w.clone()));
    all
}

/// Adds or replaces one imported product (keyed by its code); returns whether it was there
/// already. Its search words are rewritten only when they changed.
pub fn upsert(
    tx: &Connection,
    product: &Product,
    tty: &str,
    import: DrugImportId,
) -> CoreResult<bool> {
    let rxcui = product.rxcui.clone().unwrap_or_default();
    let words = search_words(product);
    let search_text = words.join(" ");
    let sort_key = self::words(&product.name).collect::<Vec<_>>().join(" ");
    let json = serde_json::to_string(product)
        .map_err(|e| CoreError::Corrupt(format!("product {} as JSON: {e}", product.code)))?;
    let before: Option<String> = tx
        .prepare_cached("SELECT search_text FROM drug_products WHERE code = ?1")?
        .query_row(params![product.code], |r| r.get(0))
        .optional()?;
    tx.prepare_cached(
        "INSERT INTO drug_products (code, rxcui, name, tty, product, search_text, sort_key, import_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (code) DO UPDATE SET
             rxcui = excluded.rxcui, name = excluded.name, tty = excluded.tty,
             product = excluded.product, search_text = excluded.search_text,
             sort_key = excluded.sort_key, import_id = excluded.import_id",
    )?
    .execute(params![
        product.code,
        rxcui,
        product.name,
        tty,
        json,
        search_text,
        sort_key,
        import.to_string()
    ])?;
    if before.as_deref() != Some(search_text.as_str()) {
        if before.is_some() {
            // The words are an index of search_text, not a record: replaced with it.
            tx.prepare_cached("DELETE FROM drug_product_words WHERE code = ?1")?
                .execute(params![product.code])?;
        }
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO drug_product_words (word, code) VALUES (?1, ?2)",
        )?;
        for w in &words {
            insert.execute(params![w, product.code])?;
        }
    }
    Ok(before.is_some())
}

/// Records one import (its counts are known once the products are written).
pub fn insert_import(tx: &Connection, report: &DrugImportReport, by: UserId) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO drug_imports (id, imported_at, imported_by, source, products, updated,
             ingredients_matched, ingredients_unmatched, lines, skipped)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            report.id.to_string(),
            instant_to_sql(report.imported_at),
            by.to_string(),
            report.source,
            report.products,
            report.updated,
            report.ingredients_matched,
            report.ingredients_unmatched,
            i64::try_from(report.lines).unwrap_or(i64::MAX),
            report.skipped,
        ],
    )?;
    Ok(())
}

/// One `drug_imports` row joined with its importer's name.
fn import_from_row(r: &Row<'_>) -> CoreResult<DrugImportReport> {
    let id: String = r.get(0)?;
    let at: String = r.get(1)?;
    Ok(DrugImportReport {
        id: DrugImportId::parse(&id)
            .ok_or_else(|| CoreError::Corrupt(format!("bad drug import id {id:?}")))?,
        imported_at: instant_from_sql(&at)?,
        imported_by_name: r.get(2)?,
        source: r.get(3)?,
        products: r.get(4)?,
        updated: r.get(5)?,
        ingredients_matched: r.get(6)?,
        ingredients_unmatched: r.get(7)?,
        lines: u64::try_from(r.get::<_, i64>(8)?).unwrap_or(0),
        skipped: r.get(9)?,
    })
}

/// Every import, newest first.
pub fn imports(conn: &Connection) -> CoreResult<Vec<DrugImportReport>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.imported_at, u.display_name, i.source, i.products, i.updated,
                i.ingredients_matched, i.ingredients_unmatched, i.lines, i.skipped
         FROM drug_imports i JOIN users u ON u.id = i.imported_by
         ORDER BY i.imported_at DESC, i.rowid DESC",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(import_from_row(row)?);
    }
    Ok(out)
}

/// Rows of the catalogue's three tables (products, words, imports), for tests.
#[cfg(test)]
pub fn counts(conn: &Connection) -> CoreResult<(i64, i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT COUNT(*) FROM drug_products),
                (SELECT COUNT(*) FROM drug_product_words),
                (SELECT COUNT(*) FROM drug_imports)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

/// Sets how many of an import's products were already present (known once they are written).
pub fn set_updated(tx: &Connection, import: DrugImportId, updated: u32) -> CoreResult<()> {
    tx.execute(
        "UPDATE drug_imports SET updated = ?2 WHERE id = ?1",
        params![import.to_string(), updated],
    )?;
    Ok(())
}

//! The embedded allergen table, parsed once: rows in file order with their folded words.

use super::AllergenCategory;
use crate::text::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The table, compiled in: reference data, the same on every workstation.
pub(super) const TABLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/allergens/allergens.tsv"
));
const HEADER: &str = "code\tname\tcategory\tclasses\tingredients\tsynonyms\tbrands";

/// One row of the catalogue.
#[derive(Debug)]
pub struct Allergen {
    pub code: &'static str,
    pub name: &'static str,
    pub category: AllergenCategory,
    /// Class codes, nearest first (`class:penicillins class:beta-lactams`).
    pub classes: Vec<&'static str>,
    /// For combinations: the catalogue's ingredient codes.
    pub ingredients: Vec<&'static str>,
    pub synonyms: Vec<&'static str>,
    pub brands: Vec<&'static str>,
    pub(super) name_words: Vec<String>,
    /// The name's words joined by one space: what a whole-name query is compared with.
    pub(super) name_joined: String,
    /// Synonyms then brands, and their words, in the same order.
    pub(super) others: Vec<&'static str>,
    pub(super) other_words: Vec<Vec<String>>,
    pub(super) others_joined: Vec<String>,
}

struct Catalogue {
    rows: Vec<Allergen>,
    by_code: HashMap<&'static str, usize>,
}

/// Splits text into folded words (letters and digits; anything else separates).
pub(super) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .map(fold)
        .filter(|w| !w.is_empty())
}

/// Every query word starts some word of the text.
pub(super) fn matches(text_words: &[String], query: &[String]) -> bool {
    query
        .iter()
        .all(|q| text_words.iter().any(|w| w.starts_with(q.as_str())))
}

fn list(cell: &'static str, sep: char) -> Vec<&'static str> {
    cell.split(sep).filter(|s| !s.is_empty()).collect()
}

/// A malformed row is skipped rather than failing every lookup: the table is checked by
/// `tests/tests/reference_data.rs`, so a damaged file fails the build's tests, not the clinic.
fn parse() -> Catalogue {
    let mut rows = Vec::new();
    let mut lines = TABLE.lines();
    if lines.next() != Some(HEADER) {
        return Catalogue {
            rows,
            by_code: HashMap::new(),
        };
    }
    for line in lines {
        let cells: Vec<&'static str> = line.split('\t').collect();
        let [code, name, category, classes, ingredients, synonyms, brands] = cells[..] else {
            continue;
        };
        let Some(category) = AllergenCategory::parse(category) else {
            continue;
        };
        let synonyms = list(synonyms, '|');
        let brands = list(brands, '|');
        let others: Vec<&'static str> = synonyms.iter().chain(brands.iter()).copied().collect();
        let name_words: Vec<String> = words(name).collect();
        let other_words: Vec<Vec<String>> = others.iter().map(|o| words(o).collect()).collect();
        rows.push(Allergen {
            code,
            name,
            category,
            classes: list(classes, ' '),
            ingredients: list(ingredients, ' '),
            name_joined: name_words.join(" "),
            others_joined: other_words.iter().map(|w| w.join(" ")).collect(),
            name_words,
            other_words,
            others,
            synonyms,
            brands,
        });
    }
    let by_code = rows.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
    Catalogue { rows, by_code }
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(parse)
}

/// Every row, in table order.
pub fn all() -> &'static [Allergen] {
    &catalogue().rows
}

/// The row with this code.
pub fn get(code: &str) -> Option<&'static Allergen> {
    let c = catalogue();
    c.by_code.get(code).map(|&i| &c.rows[i])
}

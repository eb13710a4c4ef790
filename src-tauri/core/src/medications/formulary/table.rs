//! The embedded formulary and dose tables, parsed once: products in file order with their
//! folded search words, a sorted word index for prefix lookups, and the dose limits.

use crate::allergens;
use crate::medications::{
    ControlledSchedule, DoseLimit, Ingredient, Product, ProductSource, Route,
};
use crate::text::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The tables, compiled in: reference data, the same on every workstation.
pub(super) const TABLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/formulary/formulary.tsv"
));
pub(super) const DOSES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/formulary/doses.tsv"
));
pub(super) const HEADER: &str =
    "code\trxcui\tname\tingredients\tstrength\tdose_form\tdose_unit\troute\tclasses\tschedule\tbrands";
pub(super) const DOSES_HEADER: &str = "ingredient\troute\tunit\tadult_usual\tadult_max_per_day\tchild_max_per_kg_per_day\tchild_max_per_day\tsource";

/// Words a prescriber types for a dose form that its name does not spell ("metf er").
const FORM_ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("extended-release", &["er", "xr", "xl", "sr", "la"]),
    ("delayed-release", &["dr", "ec"]),
    ("orally disintegrating", &["odt"]),
    ("metered-dose inhaler", &["mdi", "hfa", "inhaler"]),
    ("dry powder inhaler", &["dpi", "inhaler"]),
    ("inhalation solution", &["neb", "nebulizer"]),
    ("inhalation suspension", &["neb", "nebulizer"]),
    ("oral suspension", &["susp", "liquid", "syrup"]),
    ("oral solution", &["soln", "liquid", "syrup"]),
    ("injection", &["inj"]),
    ("injectable", &["inj"]),
    ("pen injector", &["pen", "inj"]),
];

/// The search words of one product: what its name, ingredients, strength and form say, and
/// each brand or synonym separately (so a match can say which one it came through).
#[derive(Debug)]
pub(super) struct Words {
    pub base: Vec<String>,
    pub brands: Vec<Vec<String>>,
    /// Every brand word once, sorted: whether any brand has a word exactly (a brand typed
    /// whole outranks a prefix of the name) is one binary search, not a scan of the brands.
    pub brand_words: Vec<String>,
    /// Characters of the name: shorter names rank first.
    pub name_len: usize,
}

/// One distinct word of the whole table and the products having it.
#[derive(Debug)]
pub(super) struct Posting {
    pub word: String,
    pub products: Vec<u32>,
}

pub(super) struct Formulary {
    pub products: Vec<Product>,
    pub words: Vec<Words>,
    /// Every word of every product, sorted: the products whose words start with a prefix
    /// are those of one contiguous run.
    pub index: Vec<Posting>,
    pub by_code: HashMap<String, usize>,
    pub doses: HashMap<(String, Route), DoseLimit>,
}

/// Splits text into folded words (letters and digits; anything else separates).
pub(super) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .map(fold)
        .filter(|w| !w.is_empty())
}

fn list(cell: &str, sep: char) -> Vec<String> {
    cell.split(sep)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn number(cell: &str) -> Result<Option<f64>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(Some)
        .ok_or_else(|| format!("not a number: {cell:?}"))
}

/// `drug:amoxicillin=875 mg` or a bare `drug:norgestimate` (multiphasic packs).
fn ingredient(cell: &str) -> Result<Ingredient, String> {
    let (code, amount) = match cell.split_once('=') {
        Some((code, amount)) => (code, Some(amount)),
        None => (cell, None),
    };
    let entry = allergens::get(code)
        .filter(|a| a.category == allergens::AllergenCategory::Drug)
        .ok_or_else(|| format!("unknown ingredient {code}"))?;
    let (amount, unit) = match amount {
        Some(text) => {
            let (value, unit) = text
                .split_once(' ')
                .ok_or_else(|| format!("malformed amount {text:?}"))?;
            (number(value)?, unit.to_string())
        }
        None => (None, String::new()),
    };
    Ok(Ingredient {
        code: code.to_string(),
        name: entry.name.to_string(),
        amount,
        unit,
    })
}

/// One row of formulary.tsv.
pub(super) fn product(line: &str) -> Result<Product, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    let [code, rxcui, name, ingredients, strength, dose_form, dose_unit, route, classes, schedule, brands] =
        cells[..]
    else {
        return Err(format!("{} columns", cells.len()));
    };
    let route = Route::parse(route).ok_or_else(|| format!("unknown route {route:?}"))?;
    let controlled = match schedule {
        "" => None,
        s => Some(ControlledSchedule::parse(s).ok_or_else(|| format!("unknown schedule {s:?}"))?),
    };
    let ingredients = ingredients
        .split(';')
        .map(ingredient)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Product {
        code: code.to_string(),
        rxcui: (!rxcui.is_empty()).then(|| rxcui.to_string()),
        name: name.to_string(),
        ingredients,
        strength: strength.to_string(),
        dose_form: dose_form.to_string(),
        dose_unit: dose_unit.to_string(),
        route,
        classes: list(classes, ' '),
        controlled,
        brands: list(brands, '|'),
        source: ProductSource::Formulary,
    })
}

/// One row of doses.tsv.
pub(super) fn dose_limit(line: &str) -> Result<DoseLimit, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    let [ingredient, route, unit, usual, adult_max, child_per_kg, child_max, source] = cells[..]
    else {
        return Err(format!("{} columns", cells.len()));
    };
    Ok(DoseLimit {
        ingredient: ingredient.to_string(),
        route: Route::parse(route).ok_or_else(|| format!("unknown route {route:?}"))?,
        unit: unit.to_string(),
        adult_usual: usual.to_string(),
        adult_max_per_day: number(adult_max)?,
        child_max_per_kg_per_day: number(child_per_kg)?,
        child_max_per_day: number(child_max)?,
        source: source.to_string(),
    })
}

fn words_of(p: &Product) -> Words {
    let mut base: Vec<String> = words(&p.name).collect();
    for i in &p.ingredients {
        base.extend(words(&i.name));
    }
    base.extend(words(&p.strength));
    base.extend(words(&p.dose_form));
    for (form, abbreviations) in FORM_ABBREVIATIONS {
        if p.dose_form.contains(form) {
            base.extend(abbreviations.iter().map(|a| a.to_string()));
        }
    }
    base.sort();
    base.dedup();
    // Sorted, so that a query word is looked up by binary search (search::covers).
    let brands: Vec<Vec<String>> = p
        .brands
        .iter()
        .map(|b| {
            let mut w: Vec<String> = words(b).collect();
            w.sort();
            w
        })
        .collect();
    let mut brand_words: Vec<String> = brands.iter().flatten().cloned().collect();
    brand_words.sort();
    brand_words.dedup();
    Words {
        base,
        brands,
        brand_words,
        name_len: p.name.chars().count(),
    }
}

fn index_of(words: &[Words]) -> Vec<Posting> {
    let mut by_word: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, w) in words.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        for word in w.base.iter().chain(w.brands.iter().flatten()) {
            let products = by_word.entry(word.as_str()).or_default();
            if products.last() != Some(&i) {
                products.push(i);
            }
        }
    }
    let mut index: Vec<Posting> = by_word
        .into_iter()
        .map(|(word, products)| Posting {
            word: word.to_string(),
            products,
        })
        .collect();
    index.sort_by(|a, b| a.word.cmp(&b.word));
    index
}

/// A malformed row is skipped rather than failing every search: the tables are checked by
/// `tests/tests/reference_data.rs` and this module's tests, so a damaged file fails the
/// build's tests, not the clinic.
fn parse() -> Formulary {
    let mut products = Vec::new();
    let mut lines = TABLE.lines();
    if lines.next() == Some(HEADER) {
        products.extend(lines.filter_map(|l| product(l).ok()));
    }
    let mut doses = HashMap::new();
    let mut lines = DOSES.lines();
    if lines.next() == Some(DOSES_HEADER) {
        for d in lines.filter_map(|l| dose_limit(l).ok()) {
            doses.insert((d.ingredient.clone(), d.route), d);
        }
    }
    let words: Vec<Words> = products.iter().map(words_of).collect();
    let index = index_of(&words);
    let by_code = products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.clone(), i))
        .collect();
    Formulary {
        products,
        words,
        index,
        by_code,
        doses,
    }
}

pub(super) fn formulary() -> &'static Formulary {
    static FORMULARY: OnceLock<Formulary> = OnceLock::new();
    FORMULARY.get_or_init(parse)
}

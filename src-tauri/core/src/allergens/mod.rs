//! The allergen catalogue: drug ingredients, drug classes, foods and environmental substances,
//! with each drug's classes, so allergies are recorded against codes a prescription check can
//! match by ingredient and by class.
//!
//! Reference data compiled into the program (`assets/allergens/allergens.tsv`, rebuilt by
//! `assets/allergens/rebuild.py`); it reads no patient data, so a lookup needs no permission and
//! writes no audit entry. The table is parsed once, on first use.

mod table;

#[cfg(test)]
mod tests;

use crate::text::fold;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use table::{all, get, Allergen};

/// The most hits one search returns, whatever limit is asked for.
pub const MAX_LIMIT: usize = 50;

/// What kind of substance a catalogue row (or a recorded allergy) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AllergenCategory {
    Drug,
    DrugClass,
    Food,
    Environment,
    /// Free text, not in the catalogue (only on recorded allergies).
    Other,
}

impl AllergenCategory {
    pub const ALL: [AllergenCategory; 5] = [
        AllergenCategory::Drug,
        AllergenCategory::DrugClass,
        AllergenCategory::Food,
        AllergenCategory::Environment,
        AllergenCategory::Other,
    ];

    /// As stored (in the table and in the database).
    pub fn as_str(self) -> &'static str {
        match self {
            AllergenCategory::Drug => "drug",
            AllergenCategory::DrugClass => "drug_class",
            AllergenCategory::Food => "food",
            AllergenCategory::Environment => "environment",
            AllergenCategory::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<AllergenCategory> {
        AllergenCategory::ALL
            .into_iter()
            .find(|c| c.as_str() == text)
    }

    /// Drugs and drug classes: what "no known drug allergies" is about.
    pub fn is_drug(self) -> bool {
        matches!(self, AllergenCategory::Drug | AllergenCategory::DrugClass)
    }
}

/// One catalogue row found by [`search`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AllergenHit {
    /// `drug:amoxicillin`, `class:penicillins`, `food:peanut`, `env:latex`.
    pub code: String,
    pub name: String,
    pub category: AllergenCategory,
    /// The display names of the classes a drug belongs to, nearest first ("Penicillins",
    /// "Beta-lactam antibiotics").
    pub classes: Vec<String>,
    /// The synonym or brand that matched, when the name did not.
    pub via: Option<String>,
}

/// Catalogue rows whose name, a synonym or a brand has a word starting with each word of the
/// query ("augm" finds amoxicillin/clavulanate via Augmentin). Ranked: the whole name typed,
/// then a whole synonym or brand ("sulfa"), then a name match, then a synonym or brand match;
/// shorter names first within each; at most
/// `limit` (capped at [`MAX_LIMIT`]). An empty query finds nothing.
pub fn search(query: &str, limit: usize) -> Vec<AllergenHit> {
    let words: Vec<String> = table::words(query).collect();
    if words.is_empty() || limit == 0 {
        return Vec::new();
    }
    let folded_query = words.join(" ");
    let mut found: Vec<(u8, usize, usize, Option<&'static str>)> = Vec::new();
    for (i, a) in all().iter().enumerate() {
        let rank = if a.name_joined == folded_query {
            Some((0, None))
        } else if let Some(k) = a.others_joined.iter().position(|w| *w == folded_query) {
            Some((1, Some(a.others[k])))
        } else if table::matches(&a.name_words, &words) {
            Some((2, None))
        } else {
            a.other_words
                .iter()
                .position(|w| table::matches(w, &words))
                .map(|k| (3, Some(a.others[k])))
        };
        if let Some((r, via)) = rank {
            found.push((r, a.name.chars().count(), i, via));
        }
    }
    found.sort_by(|x, y| (x.0, x.1, all()[x.2].name).cmp(&(y.0, y.1, all()[y.2].name)));
    found
        .into_iter()
        .take(limit.min(MAX_LIMIT))
        .map(|(_, _, i, via)| hit(&all()[i], via))
        .collect()
}

fn hit(a: &Allergen, via: Option<&str>) -> AllergenHit {
    AllergenHit {
        code: a.code.to_string(),
        name: a.name.to_string(),
        category: a.category,
        classes: a
            .classes
            .iter()
            .filter_map(|c| get(c).map(|k| k.name.to_string()))
            .collect(),
        via: via.map(str::to_string),
    }
}

/// Whether `text` names the catalogue row `code` (its name or a synonym or brand, folded):
/// lets a form accept "Augmentin" typed in full.
pub fn names(code: &str, text: &str) -> bool {
    let t = fold(text.trim());
    get(code).is_some_and(|a| fold(a.name) == t || a.others.iter().any(|o| fold(o) == t))
}

/// Whether an allergy recorded against `allergy` (a catalogue code) covers the drug `drug`:
/// the same substance, a class the drug belongs to (directly or through a parent class), or
/// one of a combination's ingredients or their classes ("class:penicillins" covers
/// "drug:amoxicillin-clavulanate"; "drug:amoxicillin" covers it too). For the prescription
/// check; unknown codes cover nothing.
pub fn covers(allergy: &str, drug: &str) -> bool {
    let (Some(a), Some(d)) = (get(allergy), get(drug)) else {
        return false;
    };
    let mut substances = vec![d];
    substances.extend(d.ingredients.iter().filter_map(|i| get(i)));
    substances
        .iter()
        .any(|s| s.code == a.code || s.classes.contains(&a.code))
}

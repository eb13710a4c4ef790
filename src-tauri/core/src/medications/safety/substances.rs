//! What a medication is made of, in the vocabulary's codes: its ingredients (a combination's
//! ingredients counted one by one) and every class of each, closed, so one set answers both
//! "is it ibuprofen?" and "is it an NSAID?".

use crate::allergens;
use std::collections::{BTreeSet, HashSet};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Substances {
    /// Single ingredients (a combination row is replaced by its ingredients).
    pub ingredients: BTreeSet<String>,
    /// The ingredients, combination codes as given, and every class of each.
    pub codes: BTreeSet<String>,
    /// The codes as given, in order, for the alert's wording.
    pub given: Vec<String>,
}

impl Substances {
    /// From ingredient codes as a product or a medication list entry lists them, plus the
    /// classes it was given (a product's classes are closed already; closing again is
    /// harmless). Unknown codes (`rxin:…` of an imported product) are kept as they are and
    /// match only themselves.
    pub fn of<'a>(
        ingredient_codes: impl IntoIterator<Item = &'a str>,
        classes: impl IntoIterator<Item = &'a str>,
    ) -> Substances {
        let mut s = Substances::default();
        for code in ingredient_codes {
            s.codes.insert(code.to_string());
            s.given.push(code.to_string());
            match allergens::get(code) {
                Some(row) if !row.ingredients.is_empty() => {
                    s.add_classes(&row.classes);
                    for part in &row.ingredients {
                        s.ingredients.insert(part.to_string());
                        s.codes.insert(part.to_string());
                        if let Some(p) = allergens::get(part) {
                            s.add_classes(&p.classes);
                        }
                    }
                }
                Some(row) => {
                    s.ingredients.insert(code.to_string());
                    s.add_classes(&row.classes);
                }
                None => {
                    s.ingredients.insert(code.to_string());
                }
            }
        }
        for class in classes {
            s.codes.insert(class.to_string());
            if let Some(row) = allergens::get(class) {
                s.add_classes(&row.classes);
            }
        }
        s
    }

    fn add_classes(&mut self, classes: &[&'static str]) {
        self.codes.extend(classes.iter().map(|c| c.to_string()));
    }

    pub fn has(&self, code: &str) -> bool {
        self.codes.contains(code)
    }

    /// Whether any of `codes` is one of these substances or their classes.
    pub fn meets(&self, codes: &HashSet<&str>) -> bool {
        if codes.len() < self.codes.len() {
            codes.iter().any(|c| self.codes.contains(*c))
        } else {
            self.codes.iter().any(|c| codes.contains(c.as_str()))
        }
    }

    /// The ingredients' display names joined with "/" ("amoxicillin/clavulanate"), or
    /// `fallback` when none is in the vocabulary.
    pub fn label(&self, fallback: &str) -> String {
        let names: Vec<&str> = self
            .given
            .iter()
            .filter_map(|c| allergens::get(c).map(|a| a.name))
            .collect();
        if names.is_empty() {
            fallback.to_string()
        } else {
            names.join("/")
        }
    }
}

/// "warfarin" → "Warfarin": titles start with a capital.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

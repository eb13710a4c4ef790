//! RxNorm ingredients matched to Charta's drug vocabulary (`crate::allergens`), so the
//! allergy, interaction and duplicate checks see imported products: an exact match of the
//! folded name on a drug's name, else on one of its synonyms.

use crate::allergens::{self, Allergen, AllergenCategory};
use crate::text::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

fn index() -> &'static HashMap<String, &'static Allergen> {
    static INDEX: OnceLock<HashMap<String, &'static Allergen>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let drugs = || {
            allergens::all()
                .iter()
                .filter(|a| a.category == AllergenCategory::Drug)
        };
        let mut by_name: HashMap<String, &'static Allergen> = HashMap::new();
        // Names first: a synonym never takes a name's place.
        for a in drugs() {
            by_name.entry(fold(a.name)).or_insert(a);
        }
        for a in drugs() {
            for s in &a.synonyms {
                by_name.entry(fold(s)).or_insert(a);
            }
        }
        by_name.remove("");
        by_name
    })
}

/// The vocabulary's drug for an RxNorm ingredient name ("Lisinopril" → `drug:lisinopril`).
pub fn drug_for(ingredient_name: &str) -> Option<&'static Allergen> {
    index().get(&fold(ingredient_name)).copied()
}

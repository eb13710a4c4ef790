//! The formulary's table and search: brand → ingredient, word order, prefixes, codes, every
//! product findable by its own name; the table's integrity and its dose limits.

use super::table::{DOSES, DOSES_HEADER, HEADER, TABLE};
use super::*;
use crate::allergens::{self, AllergenCategory};
use crate::medications::{ControlledSchedule, Route};
use std::collections::HashSet;

fn names(hits: &[DrugHit]) -> Vec<&str> {
    hits.iter().map(|h| h.product.name.as_str()).collect()
}

fn ingredient_codes(p: &Product) -> Vec<&str> {
    p.ingredients.iter().map(|i| i.code.as_str()).collect()
}

#[test]
fn every_row_of_the_table_parses_and_there_are_at_least_400_products() {
    let rows = TABLE.lines().count() - 1;
    assert_eq!(TABLE.lines().next(), Some(HEADER));
    assert_eq!(all().len(), rows, "a row of formulary.tsv did not parse");
    assert!(all().len() >= 400, "{} products", all().len());
}

#[test]
fn codes_are_unique_and_rxcuis_are_numeric_and_match_the_code() {
    let mut seen = HashSet::new();
    for p in all() {
        assert!(seen.insert(p.code.as_str()), "{} twice", p.code);
        match &p.rxcui {
            Some(rxcui) => {
                assert!(rxcui.chars().all(|c| c.is_ascii_digit()), "{}", p.code);
                assert_eq!(p.code, format!("rx:{rxcui}"));
            }
            None => assert!(p.code.starts_with("charta:"), "{}", p.code),
        }
        assert_eq!(get(&p.code), Some(p));
    }
}

#[test]
fn every_ingredient_and_class_is_in_the_drug_vocabulary_and_every_product_has_a_class() {
    for p in all() {
        assert!(!p.ingredients.is_empty(), "{}", p.code);
        for i in &p.ingredients {
            let known = allergens::get(&i.code).map(|a| a.category);
            assert_eq!(
                known,
                Some(AllergenCategory::Drug),
                "{}: {}",
                p.code,
                i.code
            );
        }
        assert!(!p.classes.is_empty(), "{} has no class", p.code);
        for c in &p.classes {
            let known = allergens::get(c).map(|a| a.category);
            assert_eq!(known, Some(AllergenCategory::DrugClass), "{}: {c}", p.code);
        }
        assert!(!p.strength.is_empty() && !p.dose_form.is_empty() && !p.dose_unit.is_empty());
    }
}

#[test]
fn controlled_substances_carry_their_dea_schedule() {
    let schedule_of = |code: &str| get(code).unwrap().controlled;
    // Oxycodone/acetaminophen (Percocet) is II, buprenorphine/naloxone III, tramadol and the
    // benzodiazepines IV, pregabalin V; warfarin none.
    assert_eq!(schedule_of("rx:1049625"), Some(ControlledSchedule::CII));
    assert_eq!(schedule_of("rx:351266"), Some(ControlledSchedule::CIII));
    assert_eq!(schedule_of("rx:835603"), Some(ControlledSchedule::CIV));
    assert_eq!(schedule_of("rx:197591"), Some(ControlledSchedule::CIV));
    assert_eq!(schedule_of("rx:483438"), Some(ControlledSchedule::CV));
    assert_eq!(schedule_of("rx:855332"), None);
    for p in all() {
        if ingredient_codes(p).iter().any(|c| {
            [
                "drug:oxycodone",
                "drug:hydrocodone",
                "drug:methylphenidate",
                "drug:amphetamine",
            ]
            .contains(c)
        }) {
            assert_eq!(p.controlled, Some(ControlledSchedule::CII), "{}", p.name);
        }
        if p.classes.iter().any(|c| c == "class:benzodiazepines") {
            assert_eq!(p.controlled, Some(ControlledSchedule::CIV), "{}", p.name);
        }
    }
}

#[test]
fn a_brand_finds_its_ingredient_and_says_which_brand_matched() {
    for (query, ingredient) in [
        ("coumadin", "drug:warfarin"),
        ("Augmentin", "drug:clavulanate"),
        ("tylenol", "drug:acetaminophen"),
        ("lipitor", "drug:atorvastatin"),
        ("eliquis", "drug:apixaban"),
        ("zestoretic", "drug:lisinopril"),
    ] {
        let hits = search(query, 10);
        assert!(!hits.is_empty(), "{query} finds nothing");
        for h in &hits {
            assert!(
                ingredient_codes(&h.product).contains(&ingredient),
                "{query}: {}",
                h.product.name
            );
        }
        let q = query.to_lowercase();
        for h in &hits {
            match h.via.as_deref() {
                Some(via) => assert!(via.to_lowercase().starts_with(&q), "{query}: via {via:?}"),
                // Synthea's branded products carry the brand in their name.
                None => assert!(
                    h.product.name.to_lowercase().contains(&q),
                    "{query}: {}",
                    h.product.name
                ),
            }
        }
    }
    let warfarin = search("coumadin", 50);
    assert!(
        warfarin.len() >= 8,
        "every warfarin strength: {:?}",
        names(&warfarin)
    );
}

#[test]
fn a_name_match_needs_no_via() {
    let hits = search("warfarin 5", 5);
    assert_eq!(hits[0].product.code, "rx:855332");
    assert_eq!(hits[0].via, None);
}

#[test]
fn word_order_does_not_matter_and_prefixes_match() {
    let a = search("amox 500", 20);
    let b = search("500 amox", 20);
    assert_eq!(names(&a), names(&b));
    assert!(!a.is_empty());
    for h in &a {
        assert!(
            ingredient_codes(&h.product).contains(&"drug:amoxicillin"),
            "{}",
            h.product.name
        );
        assert!(h.product.strength.contains("500"), "{}", h.product.name);
    }
}

#[test]
fn abbreviations_of_the_dose_form_find_extended_release_products() {
    let hits = search("metf er", 10);
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(ingredient_codes(&h.product).contains(&"drug:metformin"));
        assert!(
            h.product.dose_form.contains("extended-release"),
            "{}",
            h.product.name
        );
    }
}

#[test]
fn exact_words_rank_before_prefixes_and_shorter_names_first() {
    // "lisinopril 10" is exact for the plain 10 mg tablet; the combination is longer.
    let hits = search("lisinopril 10", 10);
    assert_eq!(hits[0].product.name, "lisinopril 10 MG Oral Tablet");
    let combination = hits
        .iter()
        .position(|h| h.product.ingredients.len() > 1)
        .unwrap();
    assert!(combination > 0);
    // "aspirin 81" (exact) before anything matched only by a prefix of 81.
    let hits = search("aspirin 8", 10);
    assert!(hits.iter().all(|h| h.product.strength.starts_with('8')));
}

#[test]
fn a_code_or_rxcui_typed_whole_finds_that_product_first() {
    assert_eq!(search("rx:855332", 5)[0].product.code, "rx:855332");
    assert_eq!(search("855332", 5)[0].product.code, "rx:855332");
    let slug = "charta:apixaban-5-mg-oral-tablet";
    assert_eq!(search(slug, 5)[0].product.code, slug);
}

#[test]
fn every_product_is_found_by_its_own_name() {
    for p in all() {
        let hits = search(&p.name, MAX_LIMIT);
        assert!(
            hits.iter().any(|h| h.product.code == p.code),
            "{} not found by its name",
            p.name
        );
    }
}

#[test]
fn an_empty_or_unknown_query_finds_nothing_and_the_limit_holds() {
    assert!(search("", 10).is_empty());
    assert!(search("  -/ ", 10).is_empty());
    assert!(search("zzqx", 10).is_empty());
    assert!(search("amox", 0).is_empty());
    assert_eq!(search("a", 500).len(), MAX_LIMIT);
    assert_eq!(search("amox", 3).len(), 3);
}

#[test]
fn every_dose_limit_parses_and_names_a_known_ingredient() {
    assert_eq!(DOSES.lines().next(), Some(DOSES_HEADER));
    assert_eq!(
        dose_limits().count(),
        DOSES.lines().count() - 1,
        "a row of doses.tsv did not parse"
    );
    for d in dose_limits() {
        let known = allergens::get(&d.ingredient).map(|a| a.category);
        assert_eq!(known, Some(AllergenCategory::Drug), "{}", d.ingredient);
        assert!(
            !d.source.is_empty() && !d.adult_usual.is_empty(),
            "{}",
            d.ingredient
        );
        assert!(d.unit == "mg" || d.unit == "unit", "{}", d.ingredient);
    }
}

#[test]
fn dose_limits_are_found_by_ingredient_and_route() {
    let acetaminophen = dose_limit("drug:acetaminophen", Route::Oral).unwrap();
    assert_eq!(acetaminophen.adult_max_per_day, Some(4000.0));
    assert_eq!(acetaminophen.child_max_per_kg_per_day, Some(75.0));
    let amoxicillin = dose_limit("drug:amoxicillin", Route::Oral).unwrap();
    assert_eq!(amoxicillin.child_max_per_kg_per_day, Some(90.0));
    assert_eq!(
        dose_limit("drug:warfarin", Route::Oral)
            .unwrap()
            .adult_max_per_day,
        None,
        "warfarin is dosed by INR"
    );
    assert!(dose_limit("drug:acetaminophen", Route::Intravenous).is_none());
    assert!(dose_limit("drug:unknown", Route::Oral).is_none());
}

#[test]
fn a_malformed_row_is_refused_with_a_reason() {
    assert!(table::product("rx:1\t1\tx").is_err());
    let good = TABLE.lines().nth(1).unwrap();
    assert!(table::product(good).is_ok());
    let bad_route = good.replace("\toral\t", "\tby mouth\t");
    assert!(table::product(&bad_route).unwrap_err().contains("route"));
    let bad_ingredient = good.replacen("drug:", "drug:no-such-", 1);
    assert!(table::product(&bad_ingredient)
        .unwrap_err()
        .contains("ingredient"));
    assert!(table::dose_limit("drug:x\toral\tmg\tu\tlots\t\t\ts").is_err());
}

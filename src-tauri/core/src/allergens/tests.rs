use super::*;

fn codes(query: &str) -> Vec<String> {
    search(query, 10).into_iter().map(|h| h.code).collect()
}

#[test]
fn a_brand_prefix_finds_the_combination_and_its_class() {
    let hits = search("augm", 10);
    let first = &hits[0];
    assert_eq!(first.code, "drug:amoxicillin-clavulanate");
    assert_eq!(first.via.as_deref(), Some("augmentin"));
    assert_eq!(first.classes, ["Penicillins", "Beta-lactam antibiotics"]);
}

#[test]
fn the_whole_name_typed_comes_first() {
    assert_eq!(codes("amoxicillin")[0], "drug:amoxicillin");
    assert_eq!(codes("penicillins")[0], "class:penicillins");
    assert_eq!(codes("peanut")[0], "food:peanut");
}

#[test]
fn words_match_in_any_order_by_prefix() {
    assert!(codes("venom bee").contains(&"env:bee-venom".to_string()));
    assert!(codes("sulfa").contains(&"class:sulfonamide-antibiotics".to_string()));
    assert!(codes("bactr").contains(&"drug:trimethoprim-sulfamethoxazole".to_string()));
}

#[test]
fn an_empty_query_or_nonsense_finds_nothing_and_the_limit_holds() {
    assert!(search("  ", 10).is_empty());
    assert!(search("zzzqqq", 10).is_empty());
    assert_eq!(search("a", 3).len(), 3);
    assert!(search("a", 1000).len() <= MAX_LIMIT);
}

#[test]
fn every_drug_row_parsed_has_a_class() {
    assert!(all().len() > 300);
    for a in all()
        .iter()
        .filter(|a| a.category == AllergenCategory::Drug)
    {
        assert!(!a.classes.is_empty(), "{}", a.code);
    }
}

#[test]
fn a_full_synonym_names_its_row() {
    assert!(names("drug:amoxicillin-clavulanate", "Augmentin"));
    assert!(!names("drug:amoxicillin", "ibuprofen"));
}

#[test]
fn an_allergy_covers_the_drug_its_classes_and_the_combinations_that_contain_it() {
    assert!(covers("class:penicillins", "drug:amoxicillin"));
    assert!(covers("class:beta-lactams", "drug:amoxicillin-clavulanate"));
    assert!(covers("drug:amoxicillin", "drug:amoxicillin-clavulanate"));
    assert!(covers(
        "class:sulfonamide-antibiotics",
        "drug:trimethoprim-sulfamethoxazole"
    ));
    assert!(covers("drug:acetaminophen", "drug:oxycodone-acetaminophen"));
    assert!(!covers("class:cephalosporins", "drug:amoxicillin"));
    assert!(!covers("drug:amoxicillin-clavulanate", "drug:amoxicillin"));
    assert!(!covers("food:peanut", "drug:ibuprofen"));
    assert!(!covers("class:nsaids", "drug:unknown"));
}

//! Diagnosis search as the physician uses it, and the parser's refusal of a damaged table.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use super::index::parse;
use super::synonyms;
use super::{search, DiagnosisHit, MatchedBy, MAX_LIMIT};
use crate::error::CoreError;

fn codes(hits: &[DiagnosisHit]) -> Vec<&str> {
    hits.iter().map(|h| h.code.as_str()).collect()
}

#[test]
fn a_code_prefix_lists_its_codes_first_in_code_order() {
    let hits = search("E11.2", 10).unwrap();
    assert_eq!(codes(&hits)[..3], ["E11.21", "E11.22", "E11.29"]);
    assert!(hits.iter().all(|h| h.matched == MatchedBy::Code));
    assert_eq!(
        hits[0].description,
        "Type 2 diabetes mellitus with diabetic nephropathy"
    );
}

#[test]
fn a_code_prefix_works_without_the_dot_and_in_lower_case() {
    assert_eq!(
        codes(&search("e112", 10).unwrap()),
        codes(&search("E11.2", 10).unwrap())
    );
    assert_eq!(codes(&search("E11.21", 10).unwrap()), ["E11.21"]);
}

#[test]
fn a_full_seven_character_code_finds_itself() {
    let hits = search("s72001a", 5).unwrap();
    assert_eq!(codes(&hits), ["S72.001A"]);
}

#[test]
fn word_prefixes_in_any_order_find_type_2_diabetes_with_kidney_disease() {
    let hits = search("diab typ 2 kidn", 10).unwrap();
    let top: Vec<&str> = codes(&hits).into_iter().take(3).collect();
    assert!(
        top.contains(&"E11.22") || top.contains(&"E11.21"),
        "top 3: {top:?}"
    );
    assert!(hits.iter().all(|h| h.matched == MatchedBy::Words));
    let reordered = search("kidn 2 typ diab", 10).unwrap();
    assert_eq!(codes(&reordered), codes(&hits));
}

#[test]
fn every_query_word_must_match_the_same_text_of_the_code() {
    // "nephropathy" is in E11.21's description, "Kimmelstiel" only in an inclusion term.
    let hits = search("nephropathy kimmelstiel", 50).unwrap();
    assert!(!codes(&hits).contains(&"E11.21"), "{:?}", codes(&hits));
    let hits = search("kimmelstiel typ 2", 50).unwrap();
    let e1121 = hits.iter().find(|h| h.code == "E11.21").expect("E11.21");
    assert_eq!(
        e1121.via.as_deref(),
        Some("Type 2 diabetes mellitus with Kimmelstiel-Wilson disease")
    );
}

#[test]
fn description_matches_rank_before_inclusion_term_matches() {
    // "Stroke" is in three descriptions (G46.3, G46.4, Z82.3) and in inclusion terms of
    // others ("Stroke NOS" of I63.9).
    let hits = search("stroke", 50).unwrap();
    let first_term = hits
        .iter()
        .position(|h| h.via.is_some())
        .expect("a term match");
    let last_description = hits
        .iter()
        .rposition(|h| h.via.is_none())
        .expect("a description match");
    assert!(last_description < first_term, "{hits:#?}");
    let i639 = hits.iter().find(|h| h.code == "I63.9").expect("I63.9");
    assert_eq!(i639.via.as_deref(), Some("Stroke NOS"));
}

#[test]
fn a_code_is_found_by_the_words_of_its_includes_note() {
    let hits = search("high blood pressure", 10).unwrap();
    assert_eq!(hits[0].code, "I10", "{:?}", codes(&hits));
    assert_eq!(hits[0].via.as_deref(), Some("high blood pressure"));
}

#[test]
fn dm2_finds_type_2_diabetes_without_complications() {
    let hits = search("DM2", 10).unwrap();
    assert_eq!(hits[0].code, "E11.9", "{:?}", codes(&hits));
    assert_eq!(hits[0].matched, MatchedBy::Synonym);
    assert_eq!(
        hits[0].via.as_deref(),
        Some("DM2 = type 2 diabetes mellitus without complications")
    );
}

#[test]
fn htn_finds_essential_hypertension_first() {
    let hits = search("htn", 10).unwrap();
    assert_eq!(hits[0].code, "I10", "{:?}", codes(&hits));
    assert!(hits.len() > 1, "the other hypertension codes follow");
}

#[test]
fn an_abbreviation_combines_with_typed_words() {
    let hits = search("t2dm kidn", 10).unwrap();
    assert!(codes(&hits).contains(&"E11.22"), "{:?}", codes(&hits));
}

#[test]
fn every_abbreviation_in_the_table_finds_a_code() {
    for (abbr, _) in synonyms::all() {
        let hits = search(abbr, 5).unwrap();
        assert!(
            hits.first()
                .is_some_and(|h| h.matched == MatchedBy::Synonym),
            "{abbr}: {hits:?}"
        );
    }
}

#[test]
fn common_abbreviations_lead_to_their_usual_codes() {
    for (abbr, code) in [
        ("CKD", "N18.9"),
        ("COPD", "J44.9"),
        ("UTI", "N39.0"),
        ("CHF", "I50.9"),
        ("GERD", "K21.9"),
        ("URI", "J06.9"),
        ("AFib", "I48.91"),
        ("OA", "M19.90"),
        ("BPH", "N40.0"),
        ("MI", "I21.9"),
    ] {
        let hits = search(abbr, 10).unwrap();
        assert!(codes(&hits).contains(&code), "{abbr}: {:?}", codes(&hits));
    }
}

#[test]
fn a_query_matching_nothing_finds_nothing() {
    assert!(search("zzqxv", 10).unwrap().is_empty());
    assert!(search("Z99.999", 10).unwrap().is_empty());
}

#[test]
fn an_empty_or_blank_query_finds_nothing() {
    assert!(search("", 10).unwrap().is_empty());
    assert!(search("  \t ", 10).unwrap().is_empty());
    assert!(search("-- ,", 10).unwrap().is_empty());
}

#[test]
fn the_limit_is_honoured_and_capped() {
    assert_eq!(search("fracture", 7).unwrap().len(), 7);
    assert_eq!(search("E11", 3).unwrap().len(), 3);
    assert_eq!(search("fracture", 10_000).unwrap().len(), MAX_LIMIT);
    assert!(search("fracture", 0).unwrap().is_empty());
}

#[test]
fn a_code_like_word_that_is_no_code_is_searched_as_a_word() {
    // No code starts with B12, but "B12" is a word of vitamin B12 deficiency codes.
    let hits = search("b12", 10).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.matched == MatchedBy::Words));
}

fn corrupt_message(table: &'static str) -> String {
    match parse(table) {
        Err(CoreError::Corrupt(m)) => m,
        Err(e) => panic!("not corrupt: {e}"),
        Ok(_) => panic!("parsed"),
    }
}

#[test]
fn a_table_with_a_missing_column_is_corrupt_and_names_the_line() {
    let table: &'static str = concat!(
        "code\tdescription\tchapter\tblock\tcategory\tinclusion_terms\tincludes\n",
        "A00.0\tCholera\t1\tA00-A09\tA00\t\t\n",
        "A00.1\tCholera eltor\t1\tA00-A09\n",
    );
    let m = corrupt_message(table);
    assert!(m.contains("line 3"), "{m}");
}

#[test]
fn a_table_with_a_malformed_code_or_no_header_is_corrupt() {
    let m = corrupt_message(concat!(
        "code\tdescription\tchapter\tblock\tcategory\tinclusion_terms\tincludes\n",
        "A0.0\tCholera\t1\tA00-A09\tA00\t\t\n",
    ));
    assert!(m.contains("line 2"), "{m}");
    let m = corrupt_message("A00.0\tCholera\t1\tA00-A09\tA00\t\t\n");
    assert!(m.contains("line 1"), "{m}");
}

#[test]
fn a_table_with_a_duplicated_code_is_corrupt() {
    let m = corrupt_message(concat!(
        "code\tdescription\tchapter\tblock\tcategory\tinclusion_terms\tincludes\n",
        "A00.0\tCholera\t1\tA00-A09\tA00\t\t\n",
        "A00.0\tCholera again\t1\tA00-A09\tA00\t\t\n",
    ));
    assert!(m.contains("A00.0"), "{m}");
}

#[test]
fn the_embedded_table_parses_into_every_billable_code() {
    let index = super::index::index().unwrap();
    assert_eq!(index.entries.len(), 74_719);
    assert!(index
        .entries
        .windows(2)
        .all(|p| p[0].compact < p[1].compact));
}

proptest::proptest! {
    #[test]
    fn the_ascii_shortcut_folds_words_as_text_fold_does(s in "[ -~]{0,40}") {
        let ours: Vec<String> = super::index::words(&s).collect();
        let reference: Vec<String> = s
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
            .map(crate::text::fold)
            .filter(|w| !w.is_empty())
            .collect();
        proptest::prop_assert_eq!(ours, reference);
    }
}

#[test]
fn a_billable_code_is_looked_up_with_its_chapter_and_block_path() {
    let info = super::lookup("e11.21").unwrap().unwrap();
    assert_eq!(info.code, "E11.21");
    assert_eq!(
        info.description,
        "Type 2 diabetes mellitus with diabetic nephropathy"
    );
    assert_eq!(
        info.path,
        "Endocrine, nutritional and metabolic diseases (E00-E89) › Diabetes mellitus (E08-E13)"
    );
    assert_eq!(super::lookup("E1121").unwrap().unwrap().code, "E11.21");
}

#[test]
fn a_category_heading_or_nonsense_is_no_billable_code() {
    for not_billable in ["E11", "E11.2", "", "XYZ.123", "hello world"] {
        assert_eq!(super::lookup(not_billable).unwrap(), None, "{not_billable}");
    }
    assert_eq!(super::path("E11").unwrap(), "");
}

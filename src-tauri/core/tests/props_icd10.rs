//! Property tests for diagnosis search: no input panics or errors, results stay within the
//! limit, are distinct billable codes, and a code prefix lists only codes it starts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::icd10::{search, MatchedBy, MAX_LIMIT};
use proptest::prelude::*;
use std::collections::HashSet;

/// What a physician types or pastes into the diagnosis box, weighted towards the interesting.
fn query_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        4 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        2 => prop::char::range('0', '9'),
        1 => prop::sample::select(vec![
            ' ', '.', '-', '\'', ',', '(', ')', '|', '\t', '\u{200B}', '\u{0301}', 'é', 'ß',
        ]),
    ]
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(query_char(), 0..40).prop_map(|cs| cs.into_iter().collect())
}

/// A code-shaped query: a letter, digits and maybe a dot.
fn code_query() -> impl Strategy<Value = String> {
    (
        "[A-Za-z]",
        "[0-9]{1,2}",
        prop::option::of("\\.?[0-9A-Za-z]{0,4}"),
    )
        .prop_map(|(a, b, c)| format!("{a}{b}{}", c.unwrap_or_default()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_query_gives_at_most_limit_distinct_hits_and_never_an_error(
        q in query(),
        limit in 0usize..80,
    ) {
        let hits = search(&q, limit).unwrap();
        prop_assert!(hits.len() <= limit.min(MAX_LIMIT), "{} hits for {:?}", hits.len(), q);
        let codes: HashSet<&str> = hits.iter().map(|h| h.code.as_str()).collect();
        prop_assert_eq!(codes.len(), hits.len(), "a code listed twice for {:?}", q);
        for h in &hits {
            prop_assert!(!h.description.is_empty());
        }
    }

    #[test]
    fn a_code_query_lists_only_codes_it_starts_in_code_order(q in code_query()) {
        let hits = search(&q, MAX_LIMIT).unwrap();
        let prefix: String = q.chars().filter(|&c| c != '.').collect::<String>().to_uppercase();
        let by_code: Vec<_> = hits.iter().filter(|h| h.matched == MatchedBy::Code).collect();
        for h in &by_code {
            prop_assert!(h.code.replace('.', "").starts_with(&prefix), "{} for {:?}", h.code, q);
        }
        prop_assert!(by_code.windows(2).all(|p| p[0].code < p[1].code), "order for {:?}", q);
    }
}

//! The compiled-in assets: the CVX catalogue and the schedule rule table.

use super::super::{catalogue, schedule, series_of};
use std::collections::HashSet;

#[test]
fn every_cvx_code_is_unique_and_every_row_of_the_file_parsed() {
    let lines = catalogue::TABLE.lines().count() - 1;
    assert_eq!(catalogue::all().len(), lines);
    let mut seen = HashSet::new();
    for v in catalogue::all() {
        assert!(seen.insert(v.cvx), "duplicate CVX {}", v.cvx);
        assert!(!v.name.is_empty() && !v.description.is_empty(), "{}", v.cvx);
    }
    assert!(
        lines >= 124 + 70,
        "the seed's 124 codes and the authored ones: {lines}"
    );
}

#[test]
fn every_series_a_vaccine_counts_toward_is_a_series_of_the_schedule() {
    let known: HashSet<&str> = schedule::series().iter().map(|s| s.id).collect();
    for v in catalogue::all() {
        for s in &v.series {
            assert!(
                known.contains(s),
                "CVX {} counts toward unknown series {s}",
                v.cvx
            );
        }
    }
    for s in schedule::series() {
        assert!(
            catalogue::all()
                .iter()
                .any(|v| v.active && v.series.contains(&s.id)),
            "no active vaccine counts toward {}",
            s.id
        );
    }
}

#[test]
fn every_rule_row_parses_and_cites_its_source() {
    assert_eq!(schedule::schedule().rejected, 0);
    assert_eq!(schedule::series().len(), 16);
    for s in schedule::series() {
        assert!(!s.doses.is_empty(), "{} has no doses", s.id);
        assert!(s.source.contains("2025"), "{}", s.id);
        for d in &s.doses {
            assert!(d.source.starts_with("CDC "), "{} dose {}", s.id, d.dose);
        }
    }
}

#[test]
fn current_vaccines_are_in_the_catalogue_with_their_series() {
    assert_eq!(series_of("187"), vec!["zoster"]);
    assert_eq!(series_of("303"), vec!["rsv-adult"]);
    assert_eq!(series_of("305"), vec!["rsv-adult"]);
    assert!(series_of("216").contains(&"pneumococcal-adult"));
    assert_eq!(series_of("115"), vec!["dtap-tdap-td"]);
    assert_eq!(series_of("165"), vec!["hpv"]);
    assert_eq!(series_of("94"), vec!["mmr", "varicella"]);
    assert!(series_of("121").is_empty(), "live zoster does not count");
    assert!(series_of("nonsense").is_empty());
    assert!(catalogue::get("309").is_some_and(|v| v.active));
    assert!(catalogue::get("150").is_some_and(|v| !v.active));
}

#[test]
fn the_search_finds_vaccines_by_short_name_brand_and_alias() {
    let first = |q: &str| catalogue::search(q, 10).first().map(|v| v.cvx);
    assert_eq!(first("mmr"), Some("03"));
    assert_eq!(first("tdap"), Some("115"));
    assert_eq!(first("shingrix"), Some("187"));
    assert_eq!(first("115"), Some("115"));
    let flu = catalogue::search("flu", 10);
    assert!(!flu.is_empty());
    assert!(flu.iter().all(|v| v.series.contains(&"influenza")));
    assert!(flu[0].active, "active formulations come first");
    assert!(catalogue::search("", 10).is_empty());
    assert!(catalogue::search("zzzz", 10).is_empty());
}

//! The entry form's search of the catalogue: panels and tests by short name, name, keyword
//! or code ("a1c", "lipid", "creat", "2160").

use super::{panels, tests};
use crate::text::fold;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CatalogueHitKind {
    Panel,
    Test,
}

/// One search hit: a panel (with its tests) or a single test.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogueHit {
    pub kind: CatalogueHitKind,
    pub code: String,
    pub name: String,
    pub short_name: String,
    /// The tests a panel expands to (a test: itself).
    pub tests: Vec<String>,
}

fn query_words(query: &str) -> Vec<String> {
    fold(query)
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .flat_map(|w| w.split('-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// How well `words` (all needed) match an entry: 0 the short name itself, 1 a prefix of it,
/// 2 every word a prefix of one of its words; none: no match.
fn score(words: &[String], short: &str, keywords: &[String]) -> Option<u8> {
    let short = fold(short);
    let joined = words.join(" ");
    if short == joined {
        return Some(0);
    }
    if !words
        .iter()
        .all(|w| keywords.iter().any(|k| k.starts_with(w.as_str())))
    {
        return None;
    }
    Some(if short.starts_with(&joined) { 1 } else { 2 })
}

/// Panels and tests matching every word of `query`, best first (a panel before a test at the
/// same score), at most `limit`. An empty query lists the panels.
pub fn search(query: &str, limit: usize) -> Vec<CatalogueHit> {
    let words = query_words(query);
    let mut hits: Vec<(u8, u8, usize, CatalogueHit)> = Vec::new();
    for (i, p) in panels().iter().enumerate() {
        let s = if words.is_empty() {
            Some(2)
        } else {
            score(&words, &p.short_name, &p.keywords)
        };
        if let Some(s) = s {
            hits.push((
                s,
                0,
                i,
                CatalogueHit {
                    kind: CatalogueHitKind::Panel,
                    code: p.code.clone(),
                    name: p.name.clone(),
                    short_name: p.short_name.clone(),
                    tests: p.tests.clone(),
                },
            ));
        }
    }
    if !words.is_empty() {
        for (i, t) in tests().iter().enumerate() {
            if let Some(s) = score(&words, &t.short_name, &t.keywords) {
                hits.push((
                    s,
                    1,
                    i,
                    CatalogueHit {
                        kind: CatalogueHitKind::Test,
                        code: t.loinc.clone(),
                        name: t.name.clone(),
                        short_name: t.short_name.clone(),
                        tests: vec![t.loinc.clone()],
                    },
                ));
            }
        }
    }
    hits.sort_by_key(|(s, kind, i, _)| (*s, *kind, *i));
    hits.into_iter().take(limit).map(|(_, _, _, h)| h).collect()
}

//! Word-prefix search over the formulary: every query word must start a word of the
//! product's name, ingredients, strength or form, or of one of its brands or synonyms
//! ("amox 500", "coumadin", "metf er"). Candidates come from the sorted word index (one
//! contiguous run per query word, intersected as bit sets), so a search touches only the
//! products that can match.

use super::table::{formulary, words, Formulary, Words};
use crate::medications::Product;

/// How one product matched: through which brand (if any), and how many query words only
/// matched as a prefix (an exact word match ranks higher).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    pub index: usize,
    pub brand: Option<usize>,
    pub inexact: usize,
}

/// The folded words of a query.
pub(crate) fn query_words(query: &str) -> Vec<String> {
    words(query).collect()
}

/// Whether a word of `words` (sorted) is `q` (true) or starts with it (false); none when
/// neither. The words at or after `q` in sorted order are the only ones that can start with it.
fn covers(words: &[String], q: &str) -> Option<bool> {
    let at = words.partition_point(|w| w.as_str() < q);
    let w = words.get(at)?;
    if w == q {
        Some(true)
    } else {
        w.starts_with(q).then_some(false)
    }
}

/// Whether every query word starts a word of `base` or of one brand (each word list sorted); the best brand when the
/// base alone does not cover the query (fewest prefix-only words, then the first listed).
pub(super) fn match_words(
    base: &[String],
    brands: &[Vec<String>],
    brand_words: Option<&[String]>,
    query: &[String],
) -> Option<(Option<usize>, usize)> {
    let inexact_with = |extra: Option<&[String]>| -> Option<usize> {
        let mut inexact = 0;
        for q in query {
            let in_base = covers(base, q);
            let in_extra = extra.and_then(|e| covers(e, q));
            match (in_base, in_extra) {
                (Some(true), _) | (_, Some(true)) => {}
                (None, None) => return None,
                _ => inexact += 1,
            }
        }
        Some(inexact)
    };
    if let Some(inexact) = inexact_with(None) {
        // Only a brand having one of the query words whole can rank better than the name.
        let exact_somewhere = |q: &String| match brand_words {
            Some(sorted) => sorted.binary_search(q).is_ok(),
            None => brands.iter().flatten().any(|w| w == q),
        };
        if inexact == 0 || !query.iter().any(exact_somewhere) {
            return Some((None, inexact));
        }
        // A brand typed whole still beats the name matched by prefix ("tylenol" is exact).
        let better = brands
            .iter()
            .enumerate()
            .filter_map(|(i, b)| inexact_with(Some(b)).map(|n| (i, n)))
            .find(|&(_, n)| n < inexact);
        return Some(match better {
            Some((i, n)) => (Some(i), n),
            None => (None, inexact),
        });
    }
    brands
        .iter()
        .enumerate()
        .filter_map(|(i, b)| inexact_with(Some(b)).map(|n| (i, n)))
        .min_by_key(|&(i, n)| (n, i))
        .map(|(i, n)| (Some(i), n))
}

/// Products having a word that starts with every query word, as a bit set over the table.
fn candidates(f: &Formulary, query: &[String]) -> Vec<u64> {
    let blocks = f.products.len().div_ceil(64);
    let mut all = vec![u64::MAX; blocks];
    let mut one = vec![0u64; blocks];
    for q in query {
        one.iter_mut().for_each(|b| *b = 0);
        let start = f.index.partition_point(|p| p.word.as_str() < q.as_str());
        for posting in f.index[start..]
            .iter()
            .take_while(|p| p.word.starts_with(q.as_str()))
        {
            for &i in &posting.products {
                one[i as usize / 64] |= 1 << (i % 64);
            }
        }
        all.iter_mut().zip(&one).for_each(|(a, o)| *a &= o);
    }
    all
}

fn rank_key(w: &Words, found: &Found) -> (usize, bool, usize, usize) {
    (
        found.inexact,
        found.brand.is_some(),
        w.name_len,
        found.index,
    )
}

/// The formulary's matches for a query, best first: a product whose code or RxCUI is the
/// whole query, then fewer prefix-only words (exact words first), name before brand, shorter
/// names, table order.
pub(super) fn ranked(query: &str) -> Vec<Found> {
    let f = formulary();
    let q = query_words(query);
    if q.is_empty() {
        return Vec::new();
    }
    let code = query.trim();
    let by_code = f
        .by_code
        .get(code)
        .or_else(|| f.by_code.get(&format!("rx:{code}")))
        .copied();
    let set = candidates(f, &q);
    let mut found: Vec<Found> = Vec::new();
    for (block, bits) in set.iter().enumerate() {
        let mut bits = *bits;
        while bits != 0 {
            let index = block * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if index >= f.products.len() || Some(index) == by_code {
                continue;
            }
            let w = &f.words[index];
            if let Some((brand, inexact)) =
                match_words(&w.base, &w.brands, Some(&w.brand_words), &q)
            {
                found.push(Found {
                    index,
                    brand,
                    inexact,
                });
            }
        }
    }
    found.sort_by_key(|x| rank_key(&f.words[x.index], x));
    if let Some(index) = by_code {
        found.insert(
            0,
            Found {
                index,
                brand: None,
                inexact: 0,
            },
        );
    }
    found
}

/// The brand or synonym a match came through.
pub(super) fn via(found: &Found) -> Option<&'static str> {
    let p = &formulary().products[found.index];
    found
        .brand
        .and_then(|b| p.brands.get(b))
        .map(String::as_str)
}

/// Whether a product outside the word index (an imported one, a favourite's) matches the
/// query words, and through which brand: the same rule as the formulary's.
pub(crate) fn product_matches(p: &Product, query: &[String]) -> Option<Option<String>> {
    let f = formulary();
    if let Some(&i) = f.by_code.get(&p.code) {
        let w = &f.words[i];
        return match_words(&w.base, &w.brands, Some(&w.brand_words), query)
            .map(|(brand, _)| brand.and_then(|b| f.products[i].brands.get(b)).cloned());
    }
    let mut base: Vec<String> = words(&p.name).collect();
    for i in &p.ingredients {
        base.extend(words(&i.name));
    }
    base.extend(words(&p.strength));
    base.extend(words(&p.dose_form));
    base.sort();
    let brands: Vec<Vec<String>> = p
        .brands
        .iter()
        .map(|b| {
            let mut w: Vec<String> = words(b).collect();
            w.sort();
            w
        })
        .collect();
    match_words(&base, &brands, None, query)
        .map(|(brand, _)| brand.and_then(|b| p.brands.get(b)).cloned())
}

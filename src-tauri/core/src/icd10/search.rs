//! Diagnosis search: a code prefix, or words that must all start words of one text of a code
//! (its description or one inclusion term), with clinical abbreviations expanded first.

use super::index::{index, words, Index, Posting};
use super::synonyms::expansions;
use super::{DiagnosisHit, MatchedBy, MAX_LIMIT};
use crate::error::CoreResult;
use std::collections::HashSet;

/// A diagnosis query is a few words; anything longer is cut, so odd input costs little.
const MAX_QUERY_CHARS: usize = 200;
const MAX_QUERY_WORDS: usize = 12;
/// The longest billable code without its dot (`S72001A`).
const MAX_CODE_CHARS: usize = 7;

/// Finds billable codes for what the physician typed, best first, at most `limit` (and at most
/// [`MAX_LIMIT`]). A code prefix ("E11.2", "e112") lists codes in code order; otherwise every
/// word must start a word of the description or of one inclusion term, description matches
/// ranked first, then texts with fewer words beyond the query, then shorter texts, then code
/// order. An abbreviation from the authored table ("DM2", "HTN") is searched as its expansion,
/// ahead of the words as typed. An empty query finds nothing.
pub fn search(query: &str, limit: usize) -> CoreResult<Vec<DiagnosisHit>> {
    let limit = limit.min(MAX_LIMIT);
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let query = query.trim();
    if limit == 0 || query.is_empty() {
        return Ok(Vec::new());
    }
    let index = index()?;
    if let Some(prefix) = code_prefix(query) {
        let hits = code_hits(index, &prefix, limit);
        // "B12" is no code prefix but may be a word ("vitamin B12"): fall through.
        if !hits.is_empty() {
            return Ok(hits);
        }
    }
    let typed: Vec<String> = words(query).take(MAX_QUERY_WORDS).collect();
    let mut results = Results {
        index,
        limit,
        seen: HashSet::new(),
        hits: Vec::new(),
    };
    for (variant, via) in synonym_variants(&typed) {
        results.add(&variant, MatchedBy::Synonym, Some(&via));
    }
    results.add(&typed, MatchedBy::Words, None);
    Ok(results.hits)
}

/// The query as a code prefix without its dot, upper case, if it looks like one: a letter,
/// then letters, digits and dots with at least one digit ("e11", "QA0"; "copd" is a word).
fn code_prefix(query: &str) -> Option<String> {
    let mut chars = query.chars();
    if !chars.next()?.is_ascii_alphabetic()
        || !query.chars().any(|c| c.is_ascii_digit())
        || !chars.all(|c| c.is_ascii_alphanumeric() || c == '.')
    {
        return None;
    }
    let compact: String = query
        .chars()
        .filter(|&c| c != '.')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (compact.len() <= MAX_CODE_CHARS).then_some(compact)
}

fn code_hits(index: &Index, prefix: &str, limit: usize) -> Vec<DiagnosisHit> {
    let start = index
        .entries
        .partition_point(|e| e.compact.as_str() < prefix);
    index.entries[start..]
        .iter()
        .take_while(|e| e.compact.starts_with(prefix))
        .take(limit)
        .map(|e| DiagnosisHit {
            code: e.code.to_string(),
            description: e.texts.first().copied().unwrap_or_default().to_string(),
            matched: MatchedBy::Code,
            via: None,
        })
        .collect()
}

/// The query with its abbreviations replaced: first every abbreviation by its first expansion,
/// then by its second where it has one, and so on; each with a note of what was expanded.
fn synonym_variants(typed: &[String]) -> Vec<(Vec<String>, String)> {
    let found: Vec<(usize, &[&str])> = typed
        .iter()
        .enumerate()
        .filter_map(|(i, w)| expansions(w).map(|e| (i, e)))
        .collect();
    let rounds = found.iter().map(|(_, e)| e.len()).max().unwrap_or(0);
    let mut variants: Vec<(Vec<String>, String)> = Vec::new();
    for round in 0..rounds {
        let mut variant = Vec::new();
        let mut notes = Vec::new();
        for (i, w) in typed.iter().enumerate() {
            match found.iter().find(|(at, _)| *at == i) {
                Some((_, e)) => {
                    // An abbreviation with fewer expansions keeps its last one.
                    let expansion = e.get(round).or(e.last()).copied().unwrap_or_default();
                    variant.extend(words(expansion));
                    notes.push(format!("{} = {expansion}", w.to_uppercase()));
                }
                None => variant.push(w.clone()),
            }
        }
        if !variants.iter().any(|(v, _)| *v == variant) {
            variants.push((variant, notes.join("; ")));
        }
    }
    variants
}

struct Results<'a> {
    index: &'a Index,
    limit: usize,
    seen: HashSet<u32>,
    hits: Vec<DiagnosisHit>,
}

impl Results<'_> {
    /// Appends the codes `query` matches, best first, skipping codes already listed.
    fn add(&mut self, query: &[String], matched: MatchedBy, note: Option<&str>) {
        if self.hits.len() >= self.limit || query.is_empty() {
            return;
        }
        let wanted = self.limit.saturating_add(self.seen.len());
        for (entry, text) in ranked(self.index, query, wanted) {
            if self.hits.len() >= self.limit {
                break;
            }
            if !self.seen.insert(entry) {
                continue;
            }
            let Some(e) = self.index.entries.get(entry as usize) else {
                continue;
            };
            let description = e.texts.first().copied().unwrap_or_default();
            let via = match note {
                Some(n) => Some(n.to_string()),
                None if text > 0 => e.texts.get(usize::from(text)).map(|t| t.to_string()),
                None => None,
            };
            self.hits.push(DiagnosisHit {
                code: e.code.to_string(),
                description: description.to_string(),
                matched,
                via,
            });
        }
    }
}

/// The postings of every word `prefix` starts.
fn postings<'a>(index: &'a Index, prefix: &str) -> (&'a [Posting], usize) {
    let lo = index.words.partition_point(|w| w.as_ref() < prefix);
    let hi = lo + index.words[lo..].partition_point(|w| w.starts_with(prefix));
    let word = |p: &Posting| p.word as usize;
    let start = index.postings.partition_point(|p| word(p) < lo);
    let end = index.postings.partition_point(|p| word(p) < hi);
    (&index.postings[start..end], hi - lo)
}

/// The best `wanted` (entry, text) pairs whose text has, for each query word, a word it
/// starts; one per entry (its best text), best first.
fn ranked(index: &Index, query: &[String], wanted: usize) -> Vec<(u32, u16)> {
    let mut lists: Vec<(&[Posting], usize)> = query.iter().map(|w| postings(index, w)).collect();
    lists.sort_by_key(|(p, _)| p.len());
    let Some(((smallest, _), rest)) = lists.split_first() else {
        return Vec::new();
    };
    let mut candidates: Vec<(u32, u16)> = smallest.iter().map(|p| (p.entry, p.text)).collect();
    candidates.sort_unstable();
    candidates.dedup();
    for &(list, word_count) in rest {
        if candidates.is_empty() {
            break;
        }
        // Within one word a list is sorted by (entry, text): with few candidates, searching
        // each word's run is cheaper than sorting the whole list.
        if candidates.len().saturating_mul(word_count) <= list.len() {
            let runs: Vec<&[Posting]> = list.chunk_by(|a, b| a.word == b.word).collect();
            candidates.retain(|&(entry, text)| {
                runs.iter().any(|run| {
                    run.binary_search_by(|p| (p.entry, p.text).cmp(&(entry, text)))
                        .is_ok()
                })
            });
        } else {
            let mut present: Vec<(u32, u16)> = list.iter().map(|p| (p.entry, p.text)).collect();
            present.sort_unstable();
            present.dedup();
            candidates.retain(|c| present.binary_search(c).is_ok());
        }
    }
    let query_words = query.len();
    let mut best: Vec<((bool, usize, usize, u32), u16)> = Vec::new();
    for (entry, text) in candidates {
        let (words, chars) = index
            .entries
            .get(entry as usize)
            .and_then(|e| e.sizes.get(usize::from(text)))
            .copied()
            .unwrap_or((u16::MAX, u16::MAX));
        let extra = usize::from(words).saturating_sub(query_words);
        let key = (text > 0, extra, usize::from(chars), entry);
        // Candidates are sorted by entry, so one entry's texts are neighbours.
        match best.last_mut() {
            Some((k, t)) if k.3 == entry => {
                if key < *k {
                    *k = key;
                    *t = text;
                }
            }
            _ => best.push((key, text)),
        }
    }
    if best.len() > wanted {
        best.select_nth_unstable(wanted);
        best.truncate(wanted);
    }
    best.sort_unstable();
    best.into_iter().map(|((_, _, _, e), t)| (e, t)).collect()
}

//! The chart search: one box over every note, amendment, problem, diagnosis, allergy and
//! history of one patient. Every query word must start a word of the entry (any order,
//! accents and case folded as in [`crate::text::fold`]); hits come newest first with a snippet
//! and the matched spans marked. One patient's text is small (a 700-visit chart is about a
//! megabyte), so it is read by the patient indexes and matched here, without a text index.

use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::error::CoreResult;
use crate::ids::{PatientId, VisitId};
use crate::permissions::Operation;
use crate::store;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// The most hits one search returns; `total` counts all of them.
pub const MAX_HITS: usize = 50;
/// Characters of context around the first match.
const SNIPPET_BEFORE: usize = 60;
const SNIPPET_LENGTH: usize = 200;
/// Query words beyond this are ignored (a pasted paragraph is not a search).
const MAX_WORDS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChartHitKind {
    Note,
    Amendment,
    Problem,
    Diagnosis,
    Allergy,
    History,
    /// A visit recorded in another system (imported): its reason, kind, clinician, place,
    /// note and diagnoses.
    OutsideVisit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartHit {
    pub kind: ChartHitKind,
    /// The entry's own id (visit, amendment, problem, diagnosis, allergy, history entry or
    /// outside visit).
    pub id: String,
    /// The visit a note, amendment or diagnosis belongs to.
    pub visit_id: Option<VisitId>,
    #[ts(type = "string")]
    pub date: DateTime<Utc>,
    pub title: String,
    pub snippet: String,
    /// `[start, end)` spans of matched text in `snippet`, counted in characters.
    pub highlights: Vec<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartSearchPage {
    pub hits: Vec<ChartHit>,
    pub total: u32,
}

/// One searchable entry as read from the store.
#[derive(Debug, Clone)]
pub(crate) struct ChartText {
    pub kind: ChartHitKind,
    pub id: String,
    pub visit_id: Option<VisitId>,
    pub date: DateTime<Utc>,
    pub title: String,
    pub body: String,
}

/// A query's folded words, longest first so the rarest test runs first.
pub(crate) fn query_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = words(query)
        .map(|(_, _, w)| fold_word(w))
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    words
}

/// Runs of letters and digits in `text` as `(char_start, char_count, &str)`.
fn words(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut chars = text.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        // Skip to a word's first character.
        let (start_char, (start_byte, _)) = loop {
            let (i, (b, c)) = chars.next()?;
            if c.is_alphanumeric() {
                break (i, (b, c));
            }
        };
        let mut count = 1;
        let mut end_byte = text.len();
        while let Some(&(_, (b, c))) = chars.peek() {
            if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
                count += 1;
                chars.next();
            } else {
                end_byte = b;
                break;
            }
        }
        Some((start_char, count, &text[start_byte..end_byte]))
    })
}

/// Folds one word; plain ASCII (nearly all chart text) skips the Unicode normalisation.
fn fold_word(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        crate::text::fold(word)
    }
}

/// Where the query's words start words of `text`: `(char_start, char_len)` of each match, or
/// `None` unless every query word matched somewhere.
pub(crate) fn matches(text: &str, query: &[String]) -> Option<Vec<(usize, usize)>> {
    let mut found = vec![false; query.len()];
    let mut spans = Vec::new();
    let mut folded = String::new();
    for (start, count, word) in words(text) {
        let key: &str = if word.is_ascii() {
            folded.clear();
            folded.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
            &folded
        } else {
            folded = crate::text::fold(word);
            &folded
        };
        let mut best = 0;
        for (i, q) in query.iter().enumerate() {
            if key.starts_with(q.as_str()) {
                found[i] = true;
                best = best.max(q.len());
            }
        }
        if best > 0 {
            // Plain ASCII maps one to one, so the match is the prefix; otherwise the word.
            let len = if word.is_ascii() { best } else { count };
            spans.push((start, len));
        }
    }
    found.iter().all(|f| *f).then_some(spans)
}

/// `parts` folded for a quick yes/no, into `out`: letters and digits folded, everything else a
/// space, so a query word matches where it follows a space. ASCII skips the Unicode folding.
fn fold_for_test(parts: &[&str], out: &mut String) {
    out.clear();
    let mut buf = [0u8; 4];
    for text in parts {
        out.push(' ');
        for c in text.chars() {
            if c.is_ascii() {
                out.push(if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    ' '
                });
            } else {
                let folded = crate::text::fold(c.encode_utf8(&mut buf));
                if !folded.is_empty() {
                    out.push_str(&folded);
                } else if !unicode_normalization::char::is_combining_mark(c) {
                    out.push(' ');
                }
            }
        }
    }
}

/// The query words as [`holds_all`] looks for them: each after a word boundary.
fn needles(query: &[String]) -> Vec<String> {
    query.iter().map(|q| format!(" {q}")).collect()
}

/// Whether every query word starts a word of one of `parts` (the cheap test run on every
/// entry; the spans are worked out only for the hits shown). `scratch` is reused.
fn holds_all(parts: &[&str], needles: &[String], scratch: &mut String) -> bool {
    fold_for_test(parts, scratch);
    needles.iter().all(|n| scratch.contains(n.as_str()))
}

/// A window of `text` around its first match, with the spans moved into it.
fn snippet(text: &str, spans: &[(usize, usize)]) -> (String, Vec<(u32, u32)>) {
    let first = spans.first().map_or(0, |s| s.0);
    let total = text.chars().count();
    let mut start = first.saturating_sub(SNIPPET_BEFORE);
    // Start at a word boundary so the snippet does not open mid-word.
    if start > 0 {
        let before: Vec<char> = text.chars().skip(start).take(first - start).collect();
        if let Some(space) = before.iter().position(|c| c.is_whitespace()) {
            start += space + 1;
        }
    }
    let end = (start + SNIPPET_LENGTH).min(total);
    let body: String = text
        .chars()
        .skip(start)
        .take(end - start)
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < total { "…" } else { "" };
    let shift = prefix.chars().count();
    let highlights = spans
        .iter()
        .filter(|(s, l)| *s >= start && s + l <= end)
        .map(|(s, l)| ((s - start + shift) as u32, (s - start + shift + l) as u32))
        .collect();
    (format!("{prefix}{body}{suffix}"), highlights)
}

/// The cheap test of [`holds_all`] with its needles and scratch space, for the store to run on
/// each entry's borrowed text before anything is copied out of the row.
pub(crate) struct Matcher {
    needles: Vec<String>,
    scratch: String,
}

impl Matcher {
    pub(crate) fn new(query: &[String]) -> Self {
        Matcher {
            needles: needles(query),
            scratch: String::new(),
        }
    }

    /// Whether the entry made of `parts` (its title parts and body) holds every query word.
    pub(crate) fn keeps(&mut self, parts: &[&str]) -> bool {
        holds_all(parts, &self.needles, &mut self.scratch)
    }
}

/// The page for `query` over `entries` (any order): all matches counted, the newest shown.
#[cfg(test)]
pub(crate) fn search_entries(entries: Vec<ChartText>, query: &[String]) -> ChartSearchPage {
    let mut matcher = Matcher::new(query);
    // The title (a diagnosis code, the visit reason) counts as part of the entry.
    let found = entries
        .into_iter()
        .filter(|e| matcher.keeps(&[&e.title, &e.body]))
        .collect();
    page_of(found, query)
}

/// The page of entries already known to match: counted, sorted newest first, cut, marked.
pub(crate) fn page_of(mut found: Vec<ChartText>, query: &[String]) -> ChartSearchPage {
    if query.is_empty() {
        return ChartSearchPage {
            hits: Vec::new(),
            total: 0,
        };
    }
    let total = found.len() as u32;
    found.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let hits = found
        .into_iter()
        .take(MAX_HITS)
        .map(|e| {
            // Spans over the body alone, so the snippet shows the body's matches.
            let spans = matches(&e.body, query).unwrap_or_default();
            let spans = if spans.is_empty() {
                partial_spans(&e.body, query)
            } else {
                spans
            };
            let (snippet, highlights) = snippet(&e.body, &spans);
            ChartHit {
                kind: e.kind,
                id: e.id,
                visit_id: e.visit_id,
                date: e.date,
                title: e.title,
                snippet,
                highlights,
            }
        })
        .collect();
    ChartSearchPage { hits, total }
}

/// The body's matches for whichever query words it holds (the others matched the title).
fn partial_spans(text: &str, query: &[String]) -> Vec<(usize, usize)> {
    query
        .iter()
        .filter_map(|q| matches(text, std::slice::from_ref(q)))
        .flatten()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

impl AsUser<'_> {
    /// Searches one patient's chart. The audit row says that a search was made and how many
    /// hits it found, never the words: a query can itself be clinical ("hiv", "overdose").
    pub fn search_chart(
        &mut self,
        patient: PatientId,
        query: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<ChartSearchPage> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "search_chart", patient, now)?;
        let actor = self.actor;
        let words = query_words(query);
        self.db.write_relaxed(|tx| {
            let page = if words.is_empty() {
                page_of(Vec::new(), &words)
            } else {
                let mut matcher = Matcher::new(&words);
                let found =
                    store::chart_search::entries(tx, patient, &mut |parts| matcher.keeps(parts))?;
                page_of(found, &words)
            };
            let event = actor
                .event(now, "search_chart", Outcome::Ok)
                .entity("patient", patient)
                .patient(patient)
                .emergency(access == Access::Emergency)
                .detail(format!("{} hits", page.total));
            audit::append(tx, &event)?;
            Ok(page)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Vec<String> {
        query_words(text)
    }

    #[test]
    fn every_word_must_start_a_word_in_any_order() {
        let text = "Knee pain after a fall; started Metformin 500 mg.";
        assert!(matches(text, &q("metf knee")).is_some());
        assert!(matches(text, &q("KNEE")).is_some());
        assert!(
            matches(text, &q("nee")).is_none(),
            "inside a word is no match"
        );
        assert!(matches(text, &q("knee insulin")).is_none());
    }

    #[test]
    fn the_quick_test_agrees_with_the_spans() {
        let texts = [
            "Knee pain after a fall; started Metformin 500 mg.",
            "Café-au-lait macule; naïve to metformin, temp 38.2 °C",
            "BP 142/90, SpO₂ 97%",
        ];
        for query in [
            "metf knee",
            "nee",
            "cafe naive",
            "naive 38",
            "spo2",
            "142 90",
            "°c",
            "fall knee pain",
        ] {
            for text in texts {
                assert_eq!(
                    holds_all(&[text], &needles(&q(query)), &mut String::new()),
                    matches(text, &q(query)).is_some(),
                    "{query:?} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn accents_and_case_are_folded_and_highlights_count_characters() {
        let text = "Café-au-lait macule; naïve to metformin";
        let spans = matches(text, &q("cafe naive")).unwrap();
        assert_eq!(spans, vec![(0, 4), (21, 5)]);
        let (snip, marks) = snippet(text, &spans);
        let marked: Vec<String> = marks
            .iter()
            .map(|(s, e)| {
                snip.chars()
                    .skip(*s as usize)
                    .take((e - s) as usize)
                    .collect()
            })
            .collect();
        assert_eq!(marked, vec!["Café", "naïve"]);
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_match_and_marks_follow() {
        let text = format!(
            "{} the patient reports knee pain {}",
            "word ".repeat(100),
            "tail ".repeat(100)
        );
        let spans = matches(&text, &q("knee")).unwrap();
        let (snip, marks) = snippet(&text, &spans);
        assert!(snip.starts_with('…') && snip.ends_with('…'), "{snip}");
        let (s, e) = marks[0];
        let marked: String = snip
            .chars()
            .skip(s as usize)
            .take((e - s) as usize)
            .collect();
        assert_eq!(marked, "knee");
    }

    #[test]
    fn hits_come_newest_first_and_are_all_counted() {
        use chrono::TimeZone;
        let entry = |day: u32, body: &str| ChartText {
            kind: ChartHitKind::Note,
            id: format!("v{day}"),
            visit_id: None,
            date: Utc.with_ymd_and_hms(2026, 1, day, 9, 0, 0).unwrap(),
            title: "Office visit".into(),
            body: body.into(),
        };
        let page = search_entries(
            vec![
                entry(1, "knee pain"),
                entry(3, "knee brace"),
                entry(2, "cough"),
            ],
            &q("knee"),
        );
        assert_eq!(page.total, 2);
        assert_eq!(page.hits[0].id, "v3");
        assert_eq!(page.hits[1].id, "v1");
        assert!(search_entries(vec![entry(1, "x")], &q("  ,, "))
            .hits
            .is_empty());
    }
}

//! The in-memory index of the embedded ICD-10-CM table: codes in code order, and every folded
//! word of every description and inclusion term pointing back at its code.

use crate::error::{CoreError, CoreResult};
use crate::text::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The table, compiled in: reference data, the same on every workstation.
const TABLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/icd10cm/icd10cm-2026.tsv"
));
const TABLE_NAME: &str = "icd10cm-2026.tsv";
const HEADER: &str = "code\tdescription\tchapter\tblock\tcategory\tinclusion_terms\tincludes";

/// One billable code. Its texts are the description (text 0) then its inclusion terms and
/// includes-note terms, in table order.
pub(super) struct Entry {
    pub code: &'static str,
    /// The chapter number and block range, keys of the headings table.
    pub chapter: &'static str,
    pub block: &'static str,
    /// The code without its dot, upper case: what a code query is compared with.
    pub compact: String,
    pub texts: Vec<&'static str>,
    /// Each text's word and character counts, for ranking without rescanning it.
    pub sizes: Vec<(u16, u16)>,
}

/// A word of one text of one entry.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Posting {
    pub word: u32,
    pub entry: u32,
    pub text: u16,
}

pub(super) struct Index {
    /// Sorted by `compact`, which is code order.
    pub entries: Vec<Entry>,
    /// Every distinct folded word, sorted, so the words a prefix starts are one range.
    pub words: Vec<Box<str>>,
    /// Sorted by word, then entry, then text: the postings of a word range are one range.
    pub postings: Vec<Posting>,
}

/// Splits text into folded words: letters and digits, with an apostrophe kept inside a word
/// ("Crohn's" is one word) and everything else a separator ("Kimmelstiel-Wilson" is two).
pub(super) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(fold_word)
        .filter(|w| !w.is_empty())
}

/// [`fold`], with a shortcut for plain ASCII (almost every word of the table), for which
/// folding is lower-casing and dropping what is not a letter or digit: the index is built
/// on the first search, while the physician waits.
fn fold_word(word: &str) -> String {
    if word.is_ascii() {
        word.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    } else {
        fold(word)
    }
}

/// The index, parsed on first use; every later call shares it.
pub(super) fn index() -> CoreResult<&'static Index> {
    static INDEX: OnceLock<Result<Index, String>> = OnceLock::new();
    INDEX
        .get_or_init(|| parse(TABLE).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|message| CoreError::Corrupt(message.clone()))
}

/// Builds the index now rather than on the first search (at start-up, or to time it).
pub fn prepare() -> CoreResult<()> {
    index()?;
    super::headings::path_of("", "").map(|_| ())
}

fn corrupt(line: usize, what: &str) -> CoreError {
    CoreError::Corrupt(format!("{TABLE_NAME} line {line}: {what}"))
}

/// Parses the table (header line first). A damaged table is an error naming its line, never a
/// panic: the rest of Charta works without diagnosis search.
pub(super) fn parse(table: &'static str) -> CoreResult<Index> {
    let mut lines = table.lines();
    if lines.next() != Some(HEADER) {
        return Err(corrupt(1, "not the expected header"));
    }
    let mut entries: Vec<Entry> = Vec::new();
    for (i, line) in lines.enumerate() {
        let number = i + 2;
        let columns: Vec<&str> = line.split('\t').collect();
        let [code, description, chapter, block, _category, terms, includes] = columns[..] else {
            return Err(corrupt(
                number,
                &format!("expected 7 columns, found {}", columns.len()),
            ));
        };
        if !valid_code(code) {
            return Err(corrupt(
                number,
                &format!("{code:?} is not an ICD-10-CM code"),
            ));
        }
        if description.trim().is_empty() {
            return Err(corrupt(number, "empty description"));
        }
        let mut texts = vec![description];
        texts.extend(
            [terms, includes]
                .iter()
                .flat_map(|column| column.split(" | "))
                .map(str::trim)
                .filter(|t| !t.is_empty()),
        );
        if texts.len() > usize::from(u16::MAX) {
            return Err(corrupt(number, "too many inclusion terms"));
        }
        let size = |t: &str| {
            let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
            (clamp(words(t).count()), clamp(t.chars().count()))
        };
        entries.push(Entry {
            code,
            chapter,
            block,
            compact: code.replace('.', ""),
            sizes: texts.iter().map(|t| size(t)).collect(),
            texts,
        });
    }
    if entries.is_empty() {
        return Err(corrupt(1, "no codes"));
    }
    entries.sort_by(|a, b| a.compact.cmp(&b.compact));
    if let Some(pair) = entries.windows(2).find(|p| p[0].compact == p[1].compact) {
        return Err(CoreError::Corrupt(format!(
            "{TABLE_NAME}: code {} appears twice",
            pair[0].code
        )));
    }
    let entry_count = u32::try_from(entries.len())
        .map_err(|_| CoreError::Corrupt(format!("{TABLE_NAME}: too many codes")))?;

    // Words are numbered as first seen, then renumbered in sorted order.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut postings: Vec<Posting> = Vec::new();
    for (entry, e) in (0..entry_count).zip(&entries) {
        for (text, t) in (0..u16::MAX).zip(&e.texts) {
            for w in words(t) {
                let next = u32::try_from(ids.len())
                    .map_err(|_| CoreError::Corrupt(format!("{TABLE_NAME}: too many words")))?;
                let word = *ids.entry(w).or_insert(next);
                postings.push(Posting { word, entry, text });
            }
        }
    }
    let mut words: Vec<(Box<str>, u32)> = ids.into_iter().map(|(w, id)| (w.into(), id)).collect();
    words.sort_unstable();
    let mut rank = vec![0u32; words.len()];
    for (sorted, (_, first_seen)) in (0u32..).zip(&words) {
        if let Some(r) = rank.get_mut(*first_seen as usize) {
            *r = sorted;
        }
    }
    for p in &mut postings {
        p.word = rank.get(p.word as usize).copied().unwrap_or(p.word);
    }
    let words: Vec<Box<str>> = words.into_iter().map(|(w, _)| w).collect();
    postings.sort_unstable();
    postings.dedup();
    Ok(Index {
        entries,
        words,
        postings,
    })
}

/// A letter and two letters or digits (`E11`, `QA0`), then optionally a dot and one to four
/// more (`E11.21`, `S72.001A`); upper case.
fn valid_code(code: &str) -> bool {
    let b = code.as_bytes();
    let symbol = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    b.len() >= 3
        && b[0].is_ascii_uppercase()
        && b[1..3].iter().all(symbol)
        && match &b[3..] {
            [] => true,
            [b'.', rest @ ..] => (1..=4).contains(&rest.len()) && rest.iter().all(symbol),
            _ => false,
        }
}

//! The chapter and block titles of the embedded ICD-10-CM table, so a code can be shown with
//! where it sits ("Endocrine, nutritional and metabolic diseases (E00-E89) › Diabetes mellitus
//! (E08-E13)"), and the lookup of one billable code.

use super::index::index;
use crate::error::{CoreError, CoreResult};
use std::collections::HashMap;
use std::sync::OnceLock;

const HEADINGS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/icd10cm/icd10cm-2026-headings.tsv"
));
const HEADINGS_NAME: &str = "icd10cm-2026-headings.tsv";
const HEADER: &str = "kind\tcode\tdescription";
/// Between a chapter and its block, as the UI shows a path.
pub const PATH_SEPARATOR: &str = " › ";

/// A billable code with its description and chapter/block path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeInfo {
    pub code: &'static str,
    pub description: &'static str,
    pub path: String,
}

struct Headings {
    chapters: HashMap<&'static str, &'static str>,
    blocks: HashMap<&'static str, &'static str>,
}

fn headings() -> CoreResult<&'static Headings> {
    static HEADINGS_INDEX: OnceLock<Result<Headings, String>> = OnceLock::new();
    HEADINGS_INDEX
        .get_or_init(|| parse_headings(HEADINGS).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|message| CoreError::Corrupt(message.clone()))
}

fn parse_headings(text: &'static str) -> CoreResult<Headings> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(CoreError::Corrupt(format!(
            "{HEADINGS_NAME} line 1: not the expected header"
        )));
    }
    let mut chapters = HashMap::new();
    let mut blocks = HashMap::new();
    for (i, line) in lines.enumerate() {
        let columns: Vec<&str> = line.split('\t').collect();
        let [kind, code, title] = columns[..] else {
            return Err(CoreError::Corrupt(format!(
                "{HEADINGS_NAME} line {}: expected 3 columns",
                i + 2
            )));
        };
        match kind {
            "chapter" => {
                chapters.insert(code, title);
            }
            "block" => {
                blocks.insert(code, title);
            }
            _ => {}
        }
    }
    Ok(Headings { chapters, blocks })
}

/// "Chapter title › block title" for a chapter number and block range of the table; what is
/// missing is left out rather than failing (the path is a help, not the record).
pub(super) fn path_of(chapter: &str, block: &str) -> CoreResult<String> {
    let h = headings()?;
    let parts: Vec<&str> = [h.chapters.get(chapter), h.blocks.get(block)]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    Ok(parts.join(PATH_SEPARATOR))
}

/// The billable code `code` ("E11.21", "e1121", " E11.21 "), or None when it is not one.
pub fn lookup(code: &str) -> CoreResult<Option<CodeInfo>> {
    let compact: String = code
        .trim()
        .chars()
        .filter(|&c| c != '.')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if compact.is_empty() || compact.len() > 7 {
        return Ok(None);
    }
    let index = index()?;
    let Ok(at) = index
        .entries
        .binary_search_by(|e| e.compact.as_str().cmp(compact.as_str()))
    else {
        return Ok(None);
    };
    let Some(e) = index.entries.get(at) else {
        return Ok(None);
    };
    Ok(Some(CodeInfo {
        code: e.code,
        description: e.texts.first().copied().unwrap_or_default(),
        path: path_of(e.chapter, e.block)?,
    }))
}

/// The chapter/block path of a billable code, empty when the code is not one.
pub fn path(code: &str) -> CoreResult<String> {
    Ok(lookup(code)?.map(|c| c.path).unwrap_or_default())
}

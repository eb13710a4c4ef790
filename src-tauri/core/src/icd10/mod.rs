//! ICD-10-CM diagnosis lookup: the FY2026 billable codes, searched by code prefix, by words and
//! by common clinical abbreviations.
//!
//! This is reference data compiled into the program: it reads no patient data, so a lookup needs
//! no permission and writes no audit entry. The table is parsed once, on first use.

mod headings;
mod index;
mod search;
mod synonyms;

#[cfg(test)]
mod tests;

use serde::Serialize;
use ts_rs::TS;

pub use headings::{lookup, path, CodeInfo, PATH_SEPARATOR};
pub use index::prepare;
pub use search::search;

/// The most hits one search returns, whatever limit is asked for.
pub const MAX_LIMIT: usize = 50;

/// One billable code found by [`search`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosisHit {
    /// The code with its dot, as billed: `E11.21`.
    pub code: String,
    pub description: String,
    pub matched: MatchedBy,
    /// The inclusion term, or the abbreviation and its expansion, that matched; none when the
    /// code or its description did.
    pub via: Option<String>,
}

/// Why a code is in the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MatchedBy {
    /// The query is a prefix of the code (the dot optional).
    Code,
    /// Every query word starts a word of the description or of one inclusion term.
    Words,
    /// The query holds a clinical abbreviation, searched as its expansion.
    Synonym,
}

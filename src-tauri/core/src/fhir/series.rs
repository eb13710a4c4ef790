//! A recurring series as Charta's export carries it on each occurrence: Charta extensions
//! name the series, the occurrence's number, whether it was edited on its own (an exception)
//! and the series' rule with its first local start, so an import into another Charta keeps
//! the series — "this and following" and "all" still reach its coming occurrences.

use super::extension;
use crate::schedule::RecurrenceRule;
use crate::store::record_rows::StoredRow;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What the extension `seriesRule` holds (as JSON text): the series row, less its ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SeriesRecord {
    pub rule: RecurrenceRule,
    /// The first occurrence's wall-clock start in the practice zone, `YYYY-MM-DDTHH:MM`.
    pub first_local: String,
    /// "This and following" ended the series after this occurrence.
    pub ended_after: Option<u32>,
    /// The series this one continues (it was split from it).
    pub split_from: Option<String>,
}

/// The series extensions of an appointment row (nothing for a single appointment).
pub(super) fn extensions(a: &StoredRow) -> [Value; 4] {
    let record = a
        .text("series_rule")
        .and_then(|rule| serde_json::from_str::<RecurrenceRule>(rule).ok())
        .and_then(|rule| {
            Some(SeriesRecord {
                rule,
                first_local: a.text("series_first")?.to_string(),
                ended_after: a
                    .int("series_ended_after")
                    .and_then(|n| u32::try_from(n).ok()),
                split_from: a.text("series_split_from").map(str::to_string),
            })
        });
    [
        extension("series", "valueString", a.text("series_id")),
        extension("seriesOccurrence", "valueInteger", a.int("occurrence")),
        extension(
            "seriesException",
            "valueBoolean",
            (a.int("is_exception") == Some(1)).then_some(true),
        ),
        extension(
            "seriesRule",
            "valueString",
            record.and_then(|r| serde_json::to_string(&r).ok()),
        ),
    ]
}

//! SQL for each search tier. Every query is an index range scan bounded by `LIMIT`.

use super::patients::{summary_from_row, SUMMARY_COLUMNS};
use crate::error::CoreResult;
use crate::patient::PatientSummary;
use crate::text::prefix_upper_bound;
use chrono::NaiveDate;
use rusqlite::{params, Connection, Params};

/// Prefix ranges over the folded family name and, optionally, the folded given name.
#[derive(Debug)]
pub struct NameRange {
    family_low: String,
    family_high: String,
    given: Option<(String, String)>,
}

impl NameRange {
    pub fn new(family_prefix: &str, given_prefix: Option<&str>) -> Self {
        NameRange {
            family_low: family_prefix.to_string(),
            family_high: prefix_upper_bound(family_prefix),
            given: given_prefix.map(|g| (g.to_string(), prefix_upper_bound(g))),
        }
    }

    /// Exactly `family`, with a given name starting with `given_prefix`.
    pub fn exact_family(family: &str, given_prefix: &str) -> Self {
        NameRange {
            family_low: family.to_string(),
            // Keys never hold U+0000, so this is the next string after `family`.
            family_high: format!("{family}\u{0}"),
            given: Some((given_prefix.to_string(), prefix_upper_bound(given_prefix))),
        }
    }
}

fn summaries<P: Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    today: NaiveDate,
) -> CoreResult<Vec<PatientSummary>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| Ok(summary_from_row(r, today)))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

fn limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub fn by_mrn(conn: &Connection, mrn: u32, today: NaiveDate) -> CoreResult<Vec<PatientSummary>> {
    summaries(
        conn,
        &format!("SELECT {SUMMARY_COLUMNS} FROM patients p WHERE p.mrn = ?1"),
        params![mrn],
        today,
    )
}

pub fn by_birth_date(
    conn: &Connection,
    date: NaiveDate,
    n: usize,
    today: NaiveDate,
) -> CoreResult<Vec<PatientSummary>> {
    summaries(
        conn,
        &format!(
            "SELECT {SUMMARY_COLUMNS} FROM patients p INDEXED BY patients_by_birth
             WHERE p.date_of_birth = ?1 ORDER BY p.family_fold, p.given_fold, p.mrn LIMIT ?2"
        ),
        params![date.to_string(), limit(n)],
        today,
    )
}

pub fn by_phone_prefix(
    conn: &Connection,
    key: &str,
    n: usize,
    today: NaiveDate,
) -> CoreResult<Vec<PatientSummary>> {
    summaries(
        conn,
        &format!(
            "SELECT {SUMMARY_COLUMNS} FROM patients p
             WHERE p.id IN (SELECT patient_id FROM patient_phones
                            WHERE digits >= ?1 AND digits < ?2 LIMIT ?3)
             ORDER BY p.family_fold, p.given_fold, p.mrn"
        ),
        params![key, prefix_upper_bound(key), limit(n)],
        today,
    )
}

/// Numbers ending in `key`: seven digits typed without the area code.
pub fn by_phone_suffix(
    conn: &Connection,
    key: &str,
    n: usize,
    today: NaiveDate,
) -> CoreResult<Vec<PatientSummary>> {
    let reversed: String = key.chars().rev().collect();
    summaries(
        conn,
        &format!(
            "SELECT {SUMMARY_COLUMNS} FROM patients p
             WHERE p.id IN (SELECT patient_id FROM patient_phones
                            WHERE digits_reversed >= ?1 AND digits_reversed < ?2 LIMIT ?3)
             ORDER BY p.family_fold, p.given_fold, p.mrn"
        ),
        params![reversed, prefix_upper_bound(&reversed), limit(n)],
        today,
    )
}

pub fn by_family_given(
    conn: &Connection,
    range: &NameRange,
    n: usize,
    today: NaiveDate,
) -> CoreResult<Vec<PatientSummary>> {
    match &range.given {
        None => summaries(
            conn,
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM patients p INDEXED BY patients_by_family_given
                 WHERE p.family_fold >= ?1 AND p.family_fold < ?2
                 ORDER BY p.family_fold, p.given_fold LIMIT ?3"
            ),
            params![range.family_low, range.family_high, limit(n)],
            today,
        ),
        Some((given_low, given_high)) => summaries(
            conn,
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM patients p INDEXED BY patients_by_family_given
                 WHERE p.family_fold >= ?1 AND p.family_fold < ?2
                   AND p.given_fold >= ?3 AND p.given_fold < ?4
                 ORDER BY p.family_fold, p.given_fold LIMIT ?5"
            ),
            params![
                range.family_low,
                range.family_high,
                given_low,
                given_high,
                limit(n)
            ],
            today,
        ),
    }
}

pub fn by_sound(
    conn: &Connection,
    family_key: &str,
    given_key: Option<&str>,
    n: usize,
    today: NaiveDate,
) -> CoreResult<Vec<PatientSummary>> {
    match given_key {
        None => summaries(
            conn,
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM patients p INDEXED BY patients_by_family_sound
                 WHERE p.family_sound = ?1 ORDER BY p.family_fold, p.given_fold LIMIT ?2"
            ),
            params![family_key, limit(n)],
            today,
        ),
        Some(given_key) => summaries(
            conn,
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM patients p INDEXED BY patients_by_sounds
                 WHERE p.family_sound = ?1 AND p.given_sound = ?2
                 ORDER BY p.family_fold, p.given_fold LIMIT ?3"
            ),
            params![family_key, given_key, limit(n)],
            today,
        ),
    }
}

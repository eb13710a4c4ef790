//! Calendar dates as people type them, and ages.

use chrono::{Datelike, NaiveDate};

/// Parses a date typed in one of the forms front desks use: ISO `1980-03-14`, US
/// `03/14/1980` (month first) and European `14.03.1980` (day first). Two-digit years are
/// refused: for birth dates they are ambiguous across a century.
pub fn parse_typed_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let numbers = |sep: char| -> Option<(u32, u32, i32)> {
        let mut parts = t.split(sep);
        let a = parts.next()?;
        let b = parts.next()?;
        let c = parts.next()?;
        if parts.next().is_some() || a.is_empty() || b.is_empty() || c.is_empty() {
            return None;
        }
        if ![a, b, c]
            .iter()
            .all(|p| p.chars().all(|ch| ch.is_ascii_digit()))
        {
            return None;
        }
        if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
            // ISO order, returned as (month, day, year).
            return Some((b.parse().ok()?, c.parse().ok()?, a.parse().ok()?));
        }
        if a.len() <= 2 && b.len() <= 2 && c.len() == 4 {
            return Some((a.parse().ok()?, b.parse().ok()?, c.parse().ok()?));
        }
        None
    };
    if t.contains('-') {
        let (m, d, y) = numbers('-')?;
        if t.len() < 8 || !t.chars().take(4).all(|c| c.is_ascii_digit()) {
            return None;
        }
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if t.contains('/') {
        let (m, d, y) = numbers('/')?;
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if t.contains('.') {
        // Day first: the tuple's first two are (day, month) here.
        let (d, m, y) = numbers('.')?;
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
}

/// Whole years between `born` and `on` (0 for a newborn).
pub fn age_in_years(born: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn typed_dates_in_iso_us_and_european_forms() {
        assert_eq!(parse_typed_date("1980-03-14"), Some(d(1980, 3, 14)));
        assert_eq!(parse_typed_date("03/14/1980"), Some(d(1980, 3, 14)));
        assert_eq!(parse_typed_date("3/4/1980"), Some(d(1980, 3, 4)));
        assert_eq!(parse_typed_date("14.03.1980"), Some(d(1980, 3, 14)));
        assert_eq!(parse_typed_date(" 1980-3-4 "), Some(d(1980, 3, 4)));
    }

    #[test]
    fn impossible_or_ambiguous_dates_are_refused() {
        assert_eq!(
            parse_typed_date("14/03/1980"),
            None,
            "US form has month first"
        );
        assert_eq!(parse_typed_date("1980-02-30"), None);
        assert_eq!(
            parse_typed_date("03/14/80"),
            None,
            "two-digit years are refused"
        );
        assert_eq!(parse_typed_date("smith"), None);
        assert_eq!(parse_typed_date("1980-03"), None);
        assert_eq!(parse_typed_date(""), None);
        assert_eq!(parse_typed_date("1980-03-14-1"), None);
    }

    #[test]
    fn age_counts_completed_years() {
        assert_eq!(age_in_years(d(1980, 3, 14), d(2026, 3, 13)), 45);
        assert_eq!(age_in_years(d(1980, 3, 14), d(2026, 3, 14)), 46);
        assert_eq!(age_in_years(d(2026, 3, 14), d(2026, 3, 14)), 0);
        assert_eq!(age_in_years(d(2000, 2, 29), d(2001, 2, 28)), 0);
    }
}

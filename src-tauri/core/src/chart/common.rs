//! What every clinical area shares: the reason an entry was marked entered in error, partial
//! dates ("2019", "2019-04", "2019-04-12") for onsets and past procedures, and the marking
//! itself as the UI shows it.

use crate::error::{CoreError, CoreResult};
use crate::ids::UserId;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Who marked a record entered in error, when and why; the record stays readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorMark {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub by: UserId,
    pub by_name: String,
    pub reason: String,
}

/// A reason for a correction (entered in error, amendment): trimmed, 3–500 characters.
pub fn reason(text: &str, field: &str) -> CoreResult<String> {
    let t = text.trim();
    let n = t.chars().count();
    if n < 3 {
        return Err(CoreError::invalid(
            field,
            "Say why (at least 3 characters); the original stays readable with your reason",
        ));
    }
    if n > 500 {
        return Err(CoreError::invalid(
            field,
            "Keep the reason under 500 characters",
        ));
    }
    Ok(t.to_string())
}

/// A date known to the year, month or day, as typed: `2019`, `2019-04` or `2019-04-12`
/// (empty means unknown). It may not lie after `today` (the practice's local date).
pub fn partial_date(text: &str, field: &str, today: NaiveDate) -> CoreResult<Option<String>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || {
        CoreError::invalid(
            field,
            "Use a year (2019), a month (2019-04) or a full date (2019-04-12)",
        )
    };
    let parts: Vec<&str> = t.split('-').collect();
    let digits = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_digit());
    let (first_day, _) = match parts.as_slice() {
        [y] if digits(y, 4) => (
            y.parse()
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
            (),
        ),
        [y, m] if digits(y, 4) && digits(m, 2) => (
            match (y.parse(), m.parse()) {
                (Ok(y), Ok(m)) => NaiveDate::from_ymd_opt(y, m, 1),
                _ => None,
            },
            (),
        ),
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => (
            match (y.parse(), m.parse(), d.parse()) {
                (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            },
            (),
        ),
        _ => (None, ()),
    };
    let first_day = first_day.ok_or_else(bad)?;
    if first_day > today {
        return Err(CoreError::invalid(field, "This date is in the future"));
    }
    if first_day.year_ce().1 < 1900 {
        return Err(CoreError::invalid(field, "Use a year after 1900"));
    }
    Ok(Some(t.to_string()))
}

/// Where a visit took place; templates are per type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum VisitType {
    Office,
    Telephone,
    Home,
}

impl VisitType {
    pub const ALL: [VisitType; 3] = [VisitType::Office, VisitType::Telephone, VisitType::Home];

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            VisitType::Office => "office",
            VisitType::Telephone => "telephone",
            VisitType::Home => "home",
        }
    }

    pub fn parse(text: &str) -> Option<VisitType> {
        VisitType::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn partial_dates_take_a_year_a_month_or_a_day() {
        assert_eq!(
            partial_date("2019", "f", today()).unwrap().as_deref(),
            Some("2019")
        );
        assert_eq!(
            partial_date(" 2019-04 ", "f", today()).unwrap().as_deref(),
            Some("2019-04")
        );
        assert_eq!(
            partial_date("2019-04-12", "f", today()).unwrap().as_deref(),
            Some("2019-04-12")
        );
        assert_eq!(partial_date("", "f", today()).unwrap(), None);
    }

    #[test]
    fn partial_dates_refuse_nonsense_and_the_future() {
        for bad in [
            "19",
            "2019-4",
            "2019-02-30",
            "2019-13",
            "april",
            "2027",
            "2026-12-02",
            "1850",
        ] {
            let err = partial_date(bad, "onset", today()).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "onset", "{bad}");
        }
    }

    #[test]
    fn a_reason_is_needed_and_bounded() {
        assert!(reason("  ", "reason").is_err());
        assert!(reason(&"x".repeat(501), "reason").is_err());
        assert_eq!(
            reason(" wrong patient ", "reason").unwrap(),
            "wrong patient"
        );
    }
}

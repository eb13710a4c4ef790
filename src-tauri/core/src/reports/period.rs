//! The reports' periods in the practice's time zone: the 12 months ending today, the 12
//! calendar months ending with this one, age bands as birth-date ranges, the flu season.

use crate::schedule::time::day_bounds;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use chrono_tz::Tz;

/// `date` minus `months` (the 31st → the month's last day).
pub fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

/// The start of the measurement period: the practice day after `today` a year ago, as UTC.
pub fn twelve_months_from(zone: Tz, today: NaiveDate) -> DateTime<Utc> {
    let first = months_before(today, 12).succ_opt().unwrap_or(today);
    day_bounds(zone, first).0
}

/// The birth dates of patients aged `youngest..=oldest` whole years on `today`.
pub fn born_aged(today: NaiveDate, youngest: u32, oldest: u32) -> (NaiveDate, NaiveDate) {
    let latest = months_before(today, 12 * youngest);
    let earliest = months_before(today, 12 * (oldest + 1))
        .succ_opt()
        .unwrap_or(NaiveDate::MIN);
    (earliest, latest)
}

/// The 12 calendar months ending with `today`'s, oldest first: label and `[start, end)`.
pub fn last_twelve_months(
    zone: Tz,
    today: NaiveDate,
) -> Vec<(String, DateTime<Utc>, DateTime<Utc>)> {
    let this_month = today.with_day(1).unwrap_or(today);
    (0..12u32)
        .rev()
        .map(|back| {
            let first = months_before(this_month, back);
            let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
            (
                first.format("%b %Y").to_string(),
                day_bounds(zone, first).0,
                day_bounds(zone, next).0,
            )
        })
        .collect()
}

/// The influenza season `today` falls in starts on 1 August (CMS147's August–March season;
/// a dose from August on counts for the season).
pub fn flu_season_start(today: NaiveDate) -> NaiveDate {
    let year = if today.month() >= 8 {
        today.year()
    } else {
        today.year() - 1
    };
    NaiveDate::from_ymd_opt(year, 8, 1).unwrap_or(today)
}

//! Local wall-clock time in the practice's zone and the UTC instants stored: what 09:00 on a
//! date is, where a local day starts and ends, across daylight-saving changes.

use crate::db::ChartDb;
use crate::error::CoreResult;
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

/// The practice's zone (UTC before the practice is set up).
pub(crate) fn practice_zone(conn: &Connection) -> CoreResult<Tz> {
    Ok(crate::store::practice::get(conn)?
        .map(|p| p.zone())
        .unwrap_or(Tz::UTC))
}

/// The practice's zone, for callers holding the database.
pub fn zone(db: &ChartDb) -> CoreResult<Tz> {
    db.read(practice_zone)
}

/// The instant a local wall-clock time names. In the spring-forward gap (02:30 that never
/// happens) it is the same wall-clock distance past the gap's start, i.e. 03:30 summer time;
/// in the autumn overlap (01:30 that happens twice) it is the first one.
pub fn local_to_utc(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Gaps are at most a few hours; the instant an hour (or two) later exists.
            for hours in 1..=3 {
                if let LocalResult::Single(t) | LocalResult::Ambiguous(t, _) =
                    zone.from_local_datetime(&(local + Duration::hours(hours)))
                {
                    return t.with_timezone(&Utc);
                }
            }
            Utc.from_utc_datetime(&local)
        }
    }
}

/// The local wall-clock time of an instant.
pub fn utc_to_local(zone: Tz, instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&zone).naive_local()
}

/// The local date of an instant.
pub fn local_date(zone: Tz, instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
}

/// A local day as UTC instants: from its midnight to the next day's (23 or 25 hours on the
/// days the clocks change).
pub fn day_bounds(zone: Tz, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = local_to_utc(zone, date.and_time(NaiveTime::MIN));
    let next = date.succ_opt().unwrap_or(date);
    (start, local_to_utc(zone, next.and_time(NaiveTime::MIN)))
}

/// `HH:MM` (24-hour) as a time of day.
pub fn parse_hhmm(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    if text.len() != 5 {
        return None;
    }
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

/// A time of day as `HH:MM`.
pub fn hhmm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn nine_oclock_is_nine_oclock_on_both_sides_of_a_clock_change() {
        let chicago: Tz = "America/Chicago".parse().unwrap();
        // CST is UTC−6, CDT is UTC−5; clocks went forward on 8 March 2026.
        assert_eq!(
            local_to_utc(chicago, at("2026-03-06", "09:00")).to_rfc3339(),
            "2026-03-06T15:00:00+00:00"
        );
        assert_eq!(
            local_to_utc(chicago, at("2026-03-09", "09:00")).to_rfc3339(),
            "2026-03-09T14:00:00+00:00"
        );
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_past_it_and_an_autumn_repeat_takes_the_first() {
        let chicago: Tz = "America/Chicago".parse().unwrap();
        assert_eq!(
            utc_to_local(chicago, local_to_utc(chicago, at("2026-03-08", "02:30"))),
            at("2026-03-08", "03:30")
        );
        // 1 November 2026, 01:30 happens at 06:30 UTC (CDT) and again at 07:30 (CST).
        assert_eq!(
            local_to_utc(chicago, at("2026-11-01", "01:30")).to_rfc3339(),
            "2026-11-01T06:30:00+00:00"
        );
    }

    #[test]
    fn the_days_the_clocks_change_are_23_and_25_hours_long() {
        let chicago: Tz = "America/Chicago".parse().unwrap();
        let len = |d: &str| {
            let (a, b) = day_bounds(chicago, NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
            (b - a).num_hours()
        };
        assert_eq!(len("2026-03-08"), 23);
        assert_eq!(len("2026-11-01"), 25);
        assert_eq!(len("2026-11-02"), 24);
    }

    #[test]
    fn only_two_digit_hours_and_minutes_are_a_time() {
        assert_eq!(parse_hhmm("08:30"), NaiveTime::from_hms_opt(8, 30, 0));
        assert_eq!(parse_hhmm("8:30"), None);
        assert_eq!(parse_hhmm("24:00"), None);
        assert_eq!(parse_hhmm("12:60"), None);
    }
}

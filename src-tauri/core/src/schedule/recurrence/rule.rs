//! A rule's occurrences as local wall-clock times (pure, no database): every N days, weeks or
//! months from the first, or the Nth weekday of every N months; the limits a rule must keep;
//! the rule said in words.

use crate::error::{CoreError, CoreResult, FieldError};
use crate::schedule::{Frequency, RecurrenceEnd, RecurrenceRule};
use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Weekday};

/// Most occurrences one series may have.
pub const MAX_OCCURRENCES: u32 = 104;
/// How far after the first occurrence a series may reach.
pub const MAX_MONTHS: u32 = 24;
/// Largest "every N".
pub const MAX_INTERVAL: u32 = 99;

/// The last date a series starting on `first` may reach.
fn horizon(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(Months::new(MAX_MONTHS))
        .unwrap_or(NaiveDate::MAX)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(28, |d| d.day())
}

/// The first day of the month `months` after `first`'s month.
fn month_after(first: NaiveDate, months: u64) -> Option<(i32, u32)> {
    let index = i64::from(first.year()) * 12 + i64::from(first.month0()) + months as i64;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    Some((year, index.rem_euclid(12) as u32 + 1))
}

/// `first`'s weekday in the month `months` later, at the same number ("2nd Tuesday"); the
/// 5th is always the month's last such weekday, since not every month has five.
fn nth_weekday(first: NaiveDate, months: u64) -> Option<NaiveDate> {
    let (year, month) = month_after(first, months)?;
    let nth = (first.day() - 1) / 7 + 1;
    let weekday = first.weekday();
    if nth >= 5 {
        let last = NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))?;
        let back = (last.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        return last.checked_sub_signed(Duration::days(i64::from(back)));
    }
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth as u8)
}

/// The date of occurrence `k` (0-based). Each is computed from the first, never from the
/// previous one, so the 31st comes back after a 30-day month.
fn date_of(first: NaiveDate, rule: &RecurrenceRule, k: u64) -> Option<NaiveDate> {
    let step = k.checked_mul(u64::from(rule.interval.max(1)))?;
    match rule.frequency {
        Frequency::Daily => first.checked_add_signed(Duration::days(i64::try_from(step).ok()?)),
        Frequency::Weekly => first.checked_add_signed(Duration::weeks(i64::try_from(step).ok()?)),
        Frequency::Monthly => {
            let (year, month) = month_after(first, step)?;
            NaiveDate::from_ymd_opt(year, month, first.day().min(days_in_month(year, month)))
        }
        Frequency::MonthlyByWeekday => nth_weekday(first, step),
    }
}

/// Occurrences up to `limit`, within the rule's end and the two-year horizon.
fn generate(first_local: NaiveDateTime, rule: &RecurrenceRule, limit: u32) -> Vec<NaiveDateTime> {
    let first = first_local.date();
    let last = match rule.ends {
        RecurrenceEnd::Until { date } => date.min(horizon(first)),
        RecurrenceEnd::Count { .. } => horizon(first),
    };
    let count = match rule.ends {
        RecurrenceEnd::Count { count } => count.min(limit),
        RecurrenceEnd::Until { .. } => limit,
    };
    let mut out = Vec::new();
    let mut k = 0u64;
    while (out.len() as u32) < count {
        let Some(date) = date_of(first, rule, k) else {
            break;
        };
        if date > last {
            break;
        }
        out.push(date.and_time(first_local.time()));
        k += 1;
    }
    out
}

/// Every occurrence of `rule` from `first_local` (the first included), at the first's local
/// wall-clock time, at most [`MAX_OCCURRENCES`] and within [`MAX_MONTHS`] months.
pub fn occurrences(first_local: NaiveDateTime, rule: &RecurrenceRule) -> Vec<NaiveDateTime> {
    generate(first_local, rule, MAX_OCCURRENCES)
}

/// Refuses a rule that repeats too often or too long: fields `rule.interval`, `rule.ends`.
pub fn check(first_local: NaiveDateTime, rule: &RecurrenceRule) -> CoreResult<()> {
    let mut errors = Vec::new();
    if rule.interval == 0 || rule.interval > MAX_INTERVAL {
        errors.push(FieldError::new(
            "rule.interval",
            format!("Repeat every 1 to {MAX_INTERVAL}"),
        ));
    }
    let first = first_local.date();
    match rule.ends {
        RecurrenceEnd::Count { count } if count == 0 || count > MAX_OCCURRENCES => {
            errors.push(FieldError::new(
                "rule.ends",
                format!("A series has 1 to {MAX_OCCURRENCES} appointments"),
            ))
        }
        RecurrenceEnd::Until { date } if date < first => errors.push(FieldError::new(
            "rule.ends",
            "The end date is before the first appointment",
        )),
        RecurrenceEnd::Until { date } if date > horizon(first) => errors.push(FieldError::new(
            "rule.ends",
            format!(
                "A series may last at most two years (until {})",
                horizon(first).format("%-d %b %Y")
            ),
        )),
        _ => {}
    }
    if errors.is_empty() {
        let all = generate(first_local, rule, MAX_OCCURRENCES + 1);
        if all.len() as u32 > MAX_OCCURRENCES {
            errors.push(FieldError::new(
                "rule.ends",
                format!(
                    "That gives more than {MAX_OCCURRENCES} appointments; end the series sooner"
                ),
            ));
        }
        let spans_horizon = matches!(rule.ends, RecurrenceEnd::Count { count }
            if all.len() < count as usize && (all.len() as u32) < MAX_OCCURRENCES);
        if spans_horizon {
            errors.push(FieldError::new(
                "rule.ends",
                "A series may last at most two years; fewer appointments fit",
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Invalid(errors))
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn ordinal(n: u32) -> &'static str {
    match n {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        4 => "4th",
        _ => "last",
    }
}

/// The rule as the desk says it: "Every 2 weeks on Tuesday, 6 times".
pub fn describe(first_local: NaiveDateTime, rule: &RecurrenceRule) -> String {
    let first = first_local.date();
    let n = rule.interval.max(1);
    let every = |one: &str, many: &str| {
        if n == 1 {
            format!("Every {one}")
        } else {
            format!("Every {n} {many}")
        }
    };
    let how = match rule.frequency {
        Frequency::Daily => every("day", "days"),
        Frequency::Weekly => format!(
            "{} on {}",
            every("week", "weeks"),
            weekday_name(first.weekday())
        ),
        Frequency::Monthly => format!("{} on day {}", every("month", "months"), first.day()),
        Frequency::MonthlyByWeekday => format!(
            "{} on the {} {}",
            every("month", "months"),
            ordinal((first.day() - 1) / 7 + 1),
            weekday_name(first.weekday())
        ),
    };
    match rule.ends {
        RecurrenceEnd::Count { count: 1 } => format!("{how}, once"),
        RecurrenceEnd::Count { count } => format!("{how}, {count} times"),
        RecurrenceEnd::Until { date } => format!("{how}, until {}", date.format("%-d %b %Y")),
    }
}

#[cfg(test)]
#[path = "rule_tests.rs"]
mod tests;

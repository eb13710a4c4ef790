//! The forecast engine: a pure function of the date of birth, sex, today and the recorded
//! entries (doses given or reported, refusals) that says, series by series, what is owed.
//! Doses are validated against the rule table's minimum ages and intervals with ACIP's 4-day
//! grace period; an invalid dose is not counted and is named.

use super::schedule::{self, Kind, SeriesRule};
use super::{catalogue, ForecastStatus, ImmunizationForecast, ImmunizationKind, SeriesForecast};
use crate::patient::SexAtBirth;
use chrono::{Datelike, Days, NaiveDate};

/// ACIP: a dose given up to 4 days before the minimum age or interval still counts.
const GRACE_DAYS: u64 = 4;

/// One recorded entry as the engine reads it (entries entered in error are left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastEntry {
    pub cvx: String,
    pub kind: ImmunizationKind,
    pub on: NaiveDate,
    /// A refusal's reason.
    pub refusal_reason: Option<String>,
}

fn minus_grace(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(GRACE_DAYS)).unwrap_or(d)
}

/// The age on `on` in words, for the sentences ("10 months", "4 years").
fn age_words(dob: NaiveDate, on: NaiveDate) -> String {
    let months = (on.year() - dob.year()) * 12 + on.month() as i32
        - dob.month() as i32
        - i32::from(on.day() < dob.day());
    let days = (on - dob).num_days();
    if days < 56 {
        format!("{} weeks", days / 7)
    } else if months < 24 {
        format!("{months} months")
    } else {
        format!("{} years", months / 12)
    }
}

/// Where the series stands today.
pub fn forecast(
    dob: NaiveDate,
    sex: SexAtBirth,
    today: NaiveDate,
    entries: &[ForecastEntry],
) -> ImmunizationForecast {
    // No series of the 2025 schedules depends on sex (HPV is for everyone); the input is kept
    // for rules that will (pregnancy-related doses).
    let _ = sex;
    // Each entry's series looked up once, not once per series.
    let tagged: Vec<(&ForecastEntry, &[&str])> = entries
        .iter()
        .map(|e| {
            let series = catalogue::get(&e.cvx).map_or(&[][..], |v| v.series.as_slice());
            (e, series)
        })
        .collect();
    let series = schedule::series()
        .iter()
        .map(|rule| {
            let mut doses: Vec<NaiveDate> = Vec::new();
            let mut refusals: Vec<(&ForecastEntry, NaiveDate)> = Vec::new();
            for &(e, of) in &tagged {
                if !of.contains(&rule.id) {
                    continue;
                }
                match e.kind {
                    ImmunizationKind::Refused => refusals.push((e, e.on)),
                    _ => doses.push(e.on),
                }
            }
            doses.sort();
            // A combination vaccine and a single one the same day are one dose of the series.
            doses.dedup();
            refusals.sort_by_key(|r| r.1);
            let mut f = match rule.kind {
                Kind::Doses => numbered(rule, dob, today, &doses),
                Kind::Season => seasonal(rule, dob, today, &doses),
            };
            apply_refusal(rule, &mut f, today, &doses, refusals.last().copied());
            f
        })
        .collect();
    ImmunizationForecast {
        as_of: today,
        series,
    }
}

fn blank(rule: &SeriesRule) -> SeriesForecast {
    SeriesForecast {
        series: rule.id.to_string(),
        label: rule.label.to_string(),
        status: ForecastStatus::NotApplicable,
        doses_counted: 0,
        next_dose: None,
        earliest: None,
        due: None,
        reason: String::new(),
        source: rule.source.to_string(),
        not_counted: Vec::new(),
        last_given: None,
    }
}

fn status_for(today: NaiveDate, due: NaiveDate, overdue_from: Option<NaiveDate>) -> ForecastStatus {
    if today < due {
        ForecastStatus::NotYetDue
    } else if overdue_from.is_some_and(|o| today >= o) {
        ForecastStatus::Overdue
    } else {
        ForecastStatus::Due
    }
}

fn numbered(
    rule: &SeriesRule,
    dob: NaiveDate,
    today: NaiveDate,
    doses: &[NaiveDate],
) -> SeriesForecast {
    let mut f = blank(rule);
    let start = doses.first().copied().unwrap_or(today);
    let rows: Vec<_> = rule
        .doses
        .iter()
        .filter(|d| d.variant.fits(dob, start))
        .collect();
    let mut counted: Vec<NaiveDate> = Vec::new();
    let mut idx = 0;
    for &date in doses {
        if idx >= rows.len() {
            if rule.repeat.is_some() {
                counted.push(date);
            }
            continue;
        }
        while idx + 1 < rows.len()
            && rows[idx].skip_after_max
            && rows[idx].max_age.is_some_and(|m| date >= m.after(dob))
        {
            idx += 1;
        }
        let row = rows[idx];
        let what = format!("{} on {} (at {})", row.note, date, age_words(dob, date));
        let min_age = row.min_age.after(dob);
        if date < minus_grace(min_age) {
            f.not_counted.push(format!(
                "{what} not counted: before the minimum age of {} for dose {}",
                row.min_age.words(),
                row.dose
            ));
            continue;
        }
        if let (Some(iv), Some(prev)) = (row.min_interval, counted.last()) {
            if date < minus_grace(iv.after(*prev)) {
                f.not_counted.push(format!(
                    "{what} not counted: less than {} after the previous dose ({prev})",
                    iv.words()
                ));
                continue;
            }
        }
        if let (Some(iv), Some(first)) = (row.from_first, counted.first()) {
            if date < minus_grace(iv.after(*first)) {
                f.not_counted.push(format!(
                    "{what} not counted: less than {} after the first dose ({first})",
                    iv.words()
                ));
                continue;
            }
        }
        if let Some(m) = row.max_age {
            if date >= m.after(dob) {
                f.not_counted.push(format!(
                    "{what} not counted: given at or after the maximum age of {}",
                    m.words()
                ));
                continue;
            }
        }
        counted.push(date);
        idx += 1;
    }
    f.doses_counted = u32::try_from(counted.len()).unwrap_or(u32::MAX);
    f.last_given = counted.last().copied();
    let next_number = f.doses_counted + 1;

    if idx >= rows.len() {
        let Some(repeat) = rule.repeat else {
            f.status = ForecastStatus::Complete;
            f.reason = format!("Complete: {} valid doses", f.doses_counted);
            return f;
        };
        let last = counted.last().copied().unwrap_or(today);
        let due = repeat.after(last);
        f.status = status_for(today, due, None);
        f.next_dose = Some(next_number);
        f.earliest = Some(due);
        f.due = Some(due);
        f.reason = format!(
            "Series complete; a booster every {} after the last dose ({last}): next due {due}",
            repeat.words()
        );
        return f;
    }
    while idx + 1 < rows.len()
        && rows[idx].skip_after_max
        && rows[idx].max_age.is_some_and(|m| today >= m.after(dob))
    {
        idx += 1;
    }
    let row = rows[idx];
    if counted.is_empty() {
        let from = rule.shown_from.after(dob);
        if today < from {
            f.reason = format!("Not yet: from {} ({from})", rule.shown_from.words());
            return f;
        }
        if let Some(m) = rule.max_start {
            if today >= m.after(dob) {
                f.reason = format!(
                    "Not started before {}: not routinely given from that age",
                    m.words()
                );
                return f;
            }
        }
    }
    if let Some(m) = row.max_age {
        if today >= m.after(dob) {
            f.reason = format!(
                "Dose {} is not given from {}: the series ends with {} valid doses",
                row.dose,
                m.words(),
                f.doses_counted
            );
            return f;
        }
    }
    let prev = counted.last().copied();
    let first = counted.first().copied();
    let mut earliest = row.min_age.after(dob);
    if let (Some(iv), Some(p)) = (row.min_interval, prev) {
        earliest = earliest.max(iv.after(p));
    }
    if let (Some(iv), Some(p)) = (row.from_first, first) {
        earliest = earliest.max(iv.after(p));
    }
    let mut due = row.rec_age.after(dob).max(earliest);
    if let (Some(iv), Some(p)) = (row.rec_interval, prev) {
        due = due.max(iv.after(p));
    }
    let mut overdue_from: Option<NaiveDate> = row.overdue_age.map(|a| a.after(dob));
    if let (Some(iv), Some(p)) = (row.overdue_interval, prev) {
        let o = iv.after(p);
        overdue_from = Some(overdue_from.map_or(o, |x| x.max(o)));
    }
    let overdue_from = overdue_from.map(|o| o.max(due));
    f.status = status_for(today, due, overdue_from);
    f.next_dose = Some(row.dose);
    f.earliest = Some(earliest);
    f.due = Some(due);
    f.source = row.source.to_string();
    let mut why = format!(
        "Dose {} ({}): recommended at {}",
        row.dose,
        row.note,
        row.rec_age.words()
    );
    if let (Some(iv), Some(p)) = (row.min_interval, prev) {
        why.push_str(&format!(", at least {} after dose on {p}", iv.words()));
    }
    why.push_str(&format!("; earliest {earliest}"));
    match f.status {
        ForecastStatus::NotYetDue => why.push_str(&format!("; due {due}")),
        ForecastStatus::Overdue => why.push_str(&format!(
            "; due since {due}, overdue from {}",
            overdue_from.unwrap_or(due)
        )),
        _ => why.push_str(&format!("; due since {due}")),
    }
    f.reason = why;
    f
}

/// The season (August 1 to June 30) `d` falls in or, in July, the one starting next.
fn season_start(d: NaiveDate) -> NaiveDate {
    let year = if d.month() >= 8 {
        d.year()
    } else {
        d.year() - 1
    };
    NaiveDate::from_ymd_opt(year, 8, 1).unwrap_or(d)
}

fn seasonal(
    rule: &SeriesRule,
    dob: NaiveDate,
    today: NaiveDate,
    doses: &[NaiveDate],
) -> SeriesForecast {
    let mut f = blank(rule);
    let from = rule.shown_from.after(dob);
    let mut counted = Vec::new();
    for &d in doses {
        if d < minus_grace(from) {
            f.not_counted.push(format!(
                "{} on {d} (at {}) not counted: before the minimum age of {}",
                rule.label,
                age_words(dob, d),
                rule.shown_from.words()
            ));
        } else {
            counted.push(d);
        }
    }
    f.doses_counted = u32::try_from(counted.len()).unwrap_or(u32::MAX);
    f.last_given = counted.last().copied();
    if let Some(row) = rule.doses.first() {
        f.source = row.source.to_string();
    }
    let start = season_start(today);
    let end = NaiveDate::from_ymd_opt(start.year() + 1, 6, 30).unwrap_or(today);
    let next_start = NaiveDate::from_ymd_opt(start.year() + 1, 8, 1).unwrap_or(today);
    f.next_dose = Some(1);
    if today > end {
        f.status = ForecastStatus::NotYetDue;
        f.earliest = Some(next_start.max(from));
        f.due = f.earliest;
        f.reason = format!("Between seasons: the next season starts {next_start}");
        return f;
    }
    if let Some(given) = counted.iter().copied().rev().find(|d| *d >= start) {
        f.status = ForecastStatus::NotYetDue;
        f.earliest = Some(next_start);
        f.due = Some(next_start);
        f.reason = format!("Given this season ({given}); next season's dose from {next_start}");
        return f;
    }
    if today < from {
        f.status = ForecastStatus::NotYetDue;
        f.earliest = Some(from);
        f.due = Some(from);
        f.reason = format!(
            "From {} ({from}): one dose every season",
            rule.shown_from.words()
        );
        return f;
    }
    let due = start.max(from);
    let overdue_from = rule
        .season_overdue
        .and_then(|(m, d)| NaiveDate::from_ymd_opt(start.year(), m, d))
        .map(|o| o.max(due));
    f.status = status_for(today, due, overdue_from);
    f.earliest = Some(due);
    f.due = Some(due);
    f.reason = match (f.status, overdue_from) {
        (ForecastStatus::Overdue, Some(o)) => {
            format!("No dose this season (from {start}); overdue since {o} (ideally given by then)")
        }
        (_, Some(o)) => format!("Due this season (from {start}), ideally before {o}"),
        _ => format!("Due this season (from {start})"),
    };
    f
}

/// The latest refusal stands until a dose is given after it (for a seasonal series, within
/// the current season).
fn apply_refusal(
    rule: &SeriesRule,
    f: &mut SeriesForecast,
    today: NaiveDate,
    doses: &[NaiveDate],
    refusal: Option<(&ForecastEntry, NaiveDate)>,
) {
    let Some((entry, on)) = refusal else {
        return;
    };
    if matches!(
        f.status,
        ForecastStatus::Complete | ForecastStatus::NotApplicable
    ) {
        return;
    }
    if doses.iter().any(|d| *d >= on) {
        return;
    }
    if rule.kind == Kind::Season && on < season_start(today) {
        return;
    }
    f.status = ForecastStatus::Refused;
    f.reason = format!(
        "Refused on {on}: {} (was: {})",
        entry.refusal_reason.as_deref().unwrap_or("no reason given"),
        f.reason
    );
}

//! The schedule rule table compiled in from `assets/immunization-schedule/` (series.tsv and
//! doses.tsv, authored from the CDC 2025 schedules, cited per row), parsed once.

use chrono::{Days, Months, NaiveDate};
use std::sync::OnceLock;

const SERIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/immunization-schedule/series.tsv"
));
const DOSES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/immunization-schedule/doses.tsv"
));
const SERIES_HEADER: &str =
    "series\tlabel\tkind\tshown_from\tmax_start\trepeat\tseason_overdue\tnote\tsource";
const DOSES_HEADER: &str = "series\tvariant\tdose\tmin_age\trec_age\toverdue_age\tmax_age\tafter_max\tmin_interval\trec_interval\toverdue_interval\tfrom_first\tnote\tsource";

/// An age or an interval as the schedules write them: days, weeks, months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Days(u32),
    Weeks(u32),
    Months(u32),
    Years(u32),
}

impl Span {
    pub fn parse(text: &str) -> Option<Span> {
        let t = text.trim();
        let (n, unit) = t.split_at(t.len().checked_sub(1)?);
        let n: u32 = n.parse().ok()?;
        Some(match unit {
            "d" => Span::Days(n),
            "w" => Span::Weeks(n),
            "m" => Span::Months(n),
            "y" => Span::Years(n),
            _ => return None,
        })
    }

    /// `date` plus this span; months and years keep the day of the month (or the month's last).
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        let r = match self {
            Span::Days(n) => date.checked_add_days(Days::new(n.into())),
            Span::Weeks(n) => date.checked_add_days(Days::new(u64::from(n) * 7)),
            Span::Months(n) => date.checked_add_months(Months::new(n)),
            Span::Years(n) => date.checked_add_months(Months::new(n.saturating_mul(12))),
        };
        r.unwrap_or(NaiveDate::MAX)
    }

    /// In words: "6 weeks", "12 months", "1 year".
    pub fn words(self) -> String {
        let (n, one, many) = match self {
            Span::Days(n) => (n, "day", "days"),
            Span::Weeks(n) => (n, "week", "weeks"),
            Span::Months(n) => (n, "month", "months"),
            Span::Years(n) => (n, "year", "years"),
        };
        if n == 0 {
            return "birth".to_string();
        }
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A numbered series (with an optional booster that repeats).
    Doses,
    /// One dose every season, August to June.
    Season,
}

/// Which dose rows apply, by the age at the first valid dose (or today, with none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    All,
    StartBefore(Span),
    StartFrom(Span),
}

impl Variant {
    fn parse(text: &str) -> Option<Variant> {
        if text.is_empty() {
            Some(Variant::All)
        } else if let Some(a) = text.strip_prefix("start>=") {
            Span::parse(a).map(Variant::StartFrom)
        } else if let Some(a) = text.strip_prefix("start<") {
            Span::parse(a).map(Variant::StartBefore)
        } else {
            None
        }
    }

    pub fn fits(self, dob: NaiveDate, start: NaiveDate) -> bool {
        match self {
            Variant::All => true,
            Variant::StartBefore(a) => start < a.after(dob),
            Variant::StartFrom(a) => start >= a.after(dob),
        }
    }
}

/// One dose of a series.
#[derive(Debug)]
pub struct DoseRule {
    pub variant: Variant,
    pub dose: u32,
    pub min_age: Span,
    pub rec_age: Span,
    pub overdue_age: Option<Span>,
    /// Not given on or after this age.
    pub max_age: Option<Span>,
    /// Past the maximum age, move on to the next dose (DTaP → adolescent Tdap) instead of
    /// ending the series (rotavirus, Hib).
    pub skip_after_max: bool,
    pub min_interval: Option<Span>,
    pub rec_interval: Option<Span>,
    pub overdue_interval: Option<Span>,
    /// Minimum interval from the first dose (HepB 3, HPV 3).
    pub from_first: Option<Span>,
    pub note: &'static str,
    pub source: &'static str,
}

/// One series of the schedule.
#[derive(Debug)]
pub struct SeriesRule {
    pub id: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    /// Below this age, with no dose yet, the series is not shown as owed.
    pub shown_from: Span,
    /// Not started on or after this age.
    pub max_start: Option<Span>,
    /// After the last dose, a booster every so long (Td/Tdap every 10 years).
    pub repeat: Option<Span>,
    /// Seasonal series: overdue from this month and day of the season (11-01).
    pub season_overdue: Option<(u32, u32)>,
    pub note: &'static str,
    pub source: &'static str,
    pub doses: Vec<DoseRule>,
}

#[derive(Debug)]
pub struct Schedule {
    pub series: Vec<SeriesRule>,
    /// Rows that did not parse (the tests require none).
    pub rejected: usize,
}

fn opt(cell: &str) -> Result<Option<Span>, ()> {
    if cell.is_empty() {
        Ok(None)
    } else {
        Span::parse(cell).map(Some).ok_or(())
    }
}

fn month_day(cell: &str) -> Result<Option<(u32, u32)>, ()> {
    if cell.is_empty() {
        return Ok(None);
    }
    let (m, d) = cell.split_once('-').ok_or(())?;
    let m: u32 = m.parse().map_err(|_| ())?;
    let d: u32 = d.parse().map_err(|_| ())?;
    if (1..=12).contains(&m) && (1..=31).contains(&d) {
        Ok(Some((m, d)))
    } else {
        Err(())
    }
}

fn parse_series(line: &'static str) -> Result<SeriesRule, ()> {
    let cells: Vec<&'static str> = line.split('\t').collect();
    let [id, label, kind, shown_from, max_start, repeat, season_overdue, note, source] = cells[..]
    else {
        return Err(());
    };
    let kind = match kind {
        "doses" => Kind::Doses,
        "season" => Kind::Season,
        _ => return Err(()),
    };
    Ok(SeriesRule {
        id,
        label,
        kind,
        shown_from: Span::parse(shown_from).ok_or(())?,
        max_start: opt(max_start)?,
        repeat: opt(repeat)?,
        season_overdue: month_day(season_overdue)?,
        note,
        source,
        doses: Vec::new(),
    })
}

fn parse_dose(line: &'static str) -> Result<(&'static str, DoseRule), ()> {
    let cells: Vec<&'static str> = line.split('\t').collect();
    let [series, variant, dose, min_age, rec_age, overdue_age, max_age, after_max, min_interval, rec_interval, overdue_interval, from_first, note, source] =
        cells[..]
    else {
        return Err(());
    };
    let skip_after_max = match after_max {
        "skip" => true,
        "stop" | "" => false,
        _ => return Err(()),
    };
    Ok((
        series,
        DoseRule {
            variant: Variant::parse(variant).ok_or(())?,
            dose: dose.parse().map_err(|_| ())?,
            min_age: Span::parse(min_age).ok_or(())?,
            rec_age: Span::parse(rec_age).ok_or(())?,
            overdue_age: opt(overdue_age)?,
            max_age: opt(max_age)?,
            skip_after_max,
            min_interval: opt(min_interval)?,
            rec_interval: opt(rec_interval)?,
            overdue_interval: opt(overdue_interval)?,
            from_first: opt(from_first)?,
            note,
            source,
        },
    ))
}

fn parse() -> Schedule {
    let mut series = Vec::new();
    let mut rejected = 0;
    let mut lines = SERIES.lines();
    if lines.next() == Some(SERIES_HEADER) {
        for line in lines {
            match parse_series(line) {
                Ok(s) => series.push(s),
                Err(()) => rejected += 1,
            }
        }
    }
    let mut lines = DOSES.lines();
    if lines.next() == Some(DOSES_HEADER) {
        for line in lines {
            match parse_dose(line) {
                Ok((id, d)) => match series.iter_mut().find(|s: &&mut SeriesRule| s.id == id) {
                    Some(s) => s.doses.push(d),
                    None => rejected += 1,
                },
                Err(()) => rejected += 1,
            }
        }
    }
    for s in &mut series {
        s.doses.sort_by_key(|d| d.dose);
    }
    Schedule { series, rejected }
}

pub fn schedule() -> &'static Schedule {
    static SCHEDULE: OnceLock<Schedule> = OnceLock::new();
    SCHEDULE.get_or_init(parse)
}

/// Every series, in the table's order.
pub fn series() -> &'static [SeriesRule] {
    &schedule().series
}

/// The label of a series id ("mmr" → "MMR"); the id itself when unknown.
pub fn label_of(id: &str) -> &str {
    series()
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.label)
        .unwrap_or(id)
}

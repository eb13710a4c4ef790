//! A generated practice's schedule: the set-up (providers, rooms, availability, holidays and
//! leave) and 15 years before `now` until 8 weeks after it of appointments for every
//! provider, with recurring series and a few wait-list entries. Deterministic from the seed;
//! written in large transactions; nothing generated collides with anything that holds a slot.

use super::Rng;
use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::UserId;
use crate::schedule::time::{day_bounds, local_date, local_to_utc, practice_zone};
use crate::schedule::{Frequency, RecurrenceEnd, RecurrenceRule};
use crate::store::chart_seed::{self, SeedPatient};
use crate::store::schedule_seed as seed;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use std::collections::{HashMap, HashSet};

mod day;
#[cfg(test)]
mod tests;

/// Years of appointments before `now` (the benchmark's practice).
const YEARS: i64 = 15;
/// Days of bookings after today.
const AHEAD_DAYS: i64 = 56;
/// Days per transaction (one audit row each).
const BATCH_DAYS: i64 = 90;
/// Provider colours, distinct for the first twelve.
const COLOURS: &[&str] = &[
    "#2f6fb0", "#3a8f5c", "#8a5cb8", "#c0552f", "#b08a2f", "#2f9fa8", "#a8506b", "#5c6bc0",
    "#6d8f2f", "#8f5c3a", "#3a6b8f", "#b05c8a",
];
const ROOMS: &[&str] = &["Exam 1", "Exam 2", "Exam 3", "Exam 4", "Procedure"];

/// Who the generated schedule is for: the physicians and the nurse are the providers (the
/// last of several physicians works Tuesdays and Thursdays only); `desk` books and checks
/// patients in (the first physician when `None`).
#[derive(Debug, Clone)]
pub struct ScheduleProviders {
    pub physicians: Vec<UserId>,
    pub nurse: Option<UserId>,
    pub desk: Option<UserId>,
}

/// What [`ChartDb::add_generated_schedule`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedSchedule {
    pub appointments: u64,
    pub series: u32,
}

/// One provider as the generator sees them.
struct Provider {
    id: String,
    nurse: bool,
    /// Index into the physicians, for the patients they look after.
    physician_no: Option<usize>,
    /// ISO weekdays worked (1 = Monday).
    works: [bool; 8],
}

/// The set-up the appointments are generated inside.
struct Plan {
    providers: Vec<Provider>,
    /// Exam rooms, then the procedure room last.
    rooms: Vec<String>,
    /// Local dates the whole practice is closed, with the reason.
    closed: HashMap<NaiveDate, &'static str>,
    /// `(provider index, local date)` on leave.
    leave: HashSet<(usize, NaiveDate)>,
    desk: String,
}

impl Plan {
    fn open(&self, provider: usize, date: NaiveDate) -> bool {
        let weekday = date.weekday().number_from_monday() as usize;
        self.providers[provider].works[weekday]
            && !self.closed.contains_key(&date)
            && !self.leave.contains(&(provider, date))
    }
}

impl ChartDb {
    /// Sets up the schedule of a generated practice and fills 15 years before `now` to 8
    /// weeks after it with appointments. Public like [`ChartDb::add_generated_charts`], for
    /// the demo and the benchmark; refused once any appointment exists, so generated
    /// bookings never mix into a real appointment book. One audit row per transaction.
    pub fn add_generated_schedule(
        &mut self,
        seed: u64,
        providers: &ScheduleProviders,
        now: DateTime<Utc>,
    ) -> CoreResult<GeneratedSchedule> {
        self.add_generated_schedule_years(seed, providers, YEARS as u32, now)
    }

    /// [`ChartDb::add_generated_schedule`] with `years` of history before `now` (the demo
    /// keeps its first start quick with a short history; its 8 weeks ahead are the same).
    /// In a practice with no patients yet it writes the set-up alone (providers, hours,
    /// availability, rooms, closed days): a book ready to take another practice's in.
    pub fn add_generated_schedule_years(
        &mut self,
        seed: u64,
        providers: &ScheduleProviders,
        years: u32,
        now: DateTime<Utc>,
    ) -> CoreResult<GeneratedSchedule> {
        let first = *providers.physicians.first().ok_or_else(|| {
            CoreError::invalid("physicians", "A generated schedule needs a physician")
        })?;
        if self.read(seed::any_appointment)? {
            return Err(CoreError::Forbidden(
                "A generated schedule goes only into a practice without appointments".into(),
            ));
        }
        let zone = self.read(practice_zone)?;
        let patients = self.read(chart_seed::patients)?;
        let types = self.read(day::Kinds::load)?;
        let today = local_date(zone, now);
        let start = today - Duration::days(i64::from(years.clamp(1, 30)) * 365);
        let end = today + Duration::days(AHEAD_DAYS);
        let desk = providers.desk.unwrap_or(first).to_string();
        let plan = self.write(|tx| {
            let plan = set_up(tx, seed, zone, providers, desk, start, end, now)?;
            let event = AuditEvent::new(now, None, "setup", "add_generated_schedule", Outcome::Ok)
                .detail(format!(
                    "schedule set-up for {} providers: {} rooms, availability from {start}, {} closed days",
                    plan.providers.len(),
                    plan.rooms.len(),
                    plan.closed.len()
                ));
            crate::audit::append(tx, &event)?;
            Ok(plan)
        })?;
        let series = plan_series(seed, &plan, &patients, start, end);
        let mut result = GeneratedSchedule {
            appointments: 0,
            series: series.list.len() as u32,
        };
        if patients.is_empty() {
            return Ok(result);
        }
        let mut next_id: u128 = 0;
        let mut from = start;
        while from <= end {
            let to = (from + Duration::days(BATCH_DAYS - 1)).min(end);
            let last = to == end;
            self.write(|tx| {
                let mut days = day::Days {
                    tx,
                    zone,
                    now,
                    today,
                    seed,
                    plan: &plan,
                    patients: &patients,
                    kinds: &types,
                    series: &series,
                    next_id,
                    written: 0,
                };
                if from == start {
                    days.series_rows()?;
                }
                let mut date = from;
                while date <= to {
                    days.day(date)?;
                    date += Duration::days(1);
                }
                if last {
                    days.wait_list()?;
                }
                let event =
                    AuditEvent::new(now, None, "setup", "add_generated_schedule", Outcome::Ok)
                        .detail(format!(
                            "generated appointments {from} to {to}: {}",
                            days.written
                        ));
                crate::audit::append(tx, &event)?;
                next_id = days.next_id;
                result.appointments += days.written;
                Ok(())
            })?;
            self.checkpoint()?;
            from = to + Duration::days(1);
        }
        Ok(result)
    }
}

fn id(kind: u128, n: u128) -> String {
    uuid::Uuid::from_u128((kind << 112) | n).to_string()
}

const AVAILABILITY: u128 = 0xA7A1;
const ROOM: u128 = 0x7007;
const BLOCK: u128 = 0xB10C;
const SERIES: u128 = 0x5E41;

#[allow(clippy::too_many_arguments)] // the generator's inputs
fn set_up(
    tx: &rusqlite::Connection,
    seed: u64,
    zone: Tz,
    who: &ScheduleProviders,
    desk: String,
    start: NaiveDate,
    end: NaiveDate,
    now: DateTime<Utc>,
) -> CoreResult<Plan> {
    let full: &[(u32, &str, &str)] = &[
        (1, "08:00", "12:00"),
        (1, "13:00", "17:00"),
        (2, "08:00", "12:00"),
        (2, "13:00", "17:00"),
        (3, "08:00", "12:00"),
        (3, "13:00", "17:00"),
        (4, "08:00", "12:00"),
        (4, "13:00", "17:00"),
        (5, "08:00", "12:00"),
        (5, "13:00", "17:00"),
    ];
    let part_time: Vec<(u32, &str, &str)> = full
        .iter()
        .copied()
        .filter(|(d, _, _)| *d == 2 || *d == 4)
        .collect();
    let mut providers = Vec::new();
    let part_timer = (who.physicians.len() >= 2).then(|| who.physicians.len() - 1);
    for (i, user) in who.physicians.iter().enumerate() {
        providers.push((*user, false, Some(i), Some(i) == part_timer));
    }
    if let Some(nurse) = who.nurse {
        providers.push((nurse, true, None, false));
    }
    let mut plan = Plan {
        providers: Vec::new(),
        rooms: Vec::new(),
        closed: HashMap::new(),
        leave: HashSet::new(),
        desk,
    };
    for (i, (user, nurse, physician_no, part)) in providers.into_iter().enumerate() {
        let user_id = user.to_string();
        seed::provider(tx, &user_id, COLOURS[i % COLOURS.len()], i as i64 + 1, now)?;
        let intervals = if part { &part_time[..] } else { full };
        seed::availability(
            tx,
            &id(AVAILABILITY, i as u128 + 1),
            &user_id,
            start,
            intervals,
            now,
        )?;
        let mut works = [false; 8];
        for (d, _, _) in intervals {
            works[*d as usize] = true;
        }
        plan.providers.push(Provider {
            id: user_id,
            nurse,
            physician_no,
            works,
        });
    }
    for (i, name) in ROOMS.iter().enumerate() {
        plan.rooms.push(seed::room(
            tx,
            &id(ROOM, i as u128 + 1),
            name,
            i as i64 + 1,
            now,
        )?);
    }
    let mut blocks: u128 = 0;
    let mut rng = Rng::new(seed ^ 0x0B10_C5ED);
    for year in start.year()..=end.year() + 1 {
        for (date, reason) in holidays(year) {
            let (from, to) = day_bounds(zone, date);
            blocks += 1;
            seed::block(
                tx,
                &id(BLOCK, blocks),
                None,
                from,
                to,
                "holiday",
                reason,
                now,
            )?;
            plan.closed.insert(date, reason);
        }
        // Two weeks of leave a year each: one in the summer, one at any time.
        for p in 0..plan.providers.len() {
            for week in [26 + rng.below(8) as u32, 2 + rng.below(48) as u32] {
                let Some(monday) = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon) else {
                    continue;
                };
                let saturday = monday + Duration::days(5);
                blocks += 1;
                seed::block(
                    tx,
                    &id(BLOCK, blocks),
                    Some(&plan.providers[p].id),
                    local_to_utc(zone, monday.and_time(NaiveTime::MIN)),
                    local_to_utc(zone, saturday.and_time(NaiveTime::MIN)),
                    "leave",
                    "Annual leave",
                    now,
                )?;
                for d in 0..5 {
                    plan.leave.insert((p, monday + Duration::days(d)));
                }
            }
        }
    }
    Ok(plan)
}

/// New Year's Day, Thanksgiving (the fourth Thursday of November), Christmas Day.
fn holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    [
        (NaiveDate::from_ymd_opt(year, 1, 1), "New Year's Day"),
        (
            NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Thu, 4),
            "Thanksgiving",
        ),
        (NaiveDate::from_ymd_opt(year, 12, 25), "Christmas Day"),
    ]
    .into_iter()
    .filter_map(|(d, r)| d.map(|d| (d, r)))
    .collect()
}

/// A recurring series planned before the days are filled, so its occurrences hold their
/// slots first.
pub(super) struct PlannedSeries {
    id: String,
    patient: usize,
    kind: usize,
    reason: &'static str,
    rule: RecurrenceRule,
    first: NaiveDate,
    /// Local start, minutes after midnight.
    at: u32,
    minutes: u32,
}

/// A reserved series slot: start and end minute, series index, occurrence number.
type Reserved = (u32, u32, usize, u32);

pub(super) struct Series {
    list: Vec<PlannedSeries>,
    /// `(provider, date)` → `(start minute, end minute, series index, occurrence)`, closed
    /// days included (those occurrences are cancelled by the practice).
    reserved: HashMap<(usize, NaiveDate), Vec<Reserved>>,
}

/// Weekly nurse visits and monthly B12 injections (by the nurse, else the first physician):
/// a dozen series a year, each at a time free on every one of its dates.
fn plan_series(
    seed: u64,
    plan: &Plan,
    patients: &[SeedPatient],
    start: NaiveDate,
    end: NaiveDate,
) -> Series {
    let mut out = Series {
        list: Vec::new(),
        reserved: HashMap::new(),
    };
    if patients.is_empty() {
        return out;
    }
    let provider = plan.providers.iter().position(|p| p.nurse).unwrap_or(0);
    let mut rng = Rng::new(seed ^ 0x005E_41E5);
    let span = (end - start).num_days().max(1) as u64;
    let count = (span / 365 + 1) * 12;
    for _ in 0..count {
        let weekly = rng.chance(650);
        let mut first = start + Duration::days(rng.below(span) as i64);
        while first.weekday().number_from_monday() > 5 {
            first += Duration::days(1);
        }
        let n = if weekly {
            6 + rng.below(5) as u32
        } else {
            6 + rng.below(7) as u32
        };
        let nth = (first.day0() / 7) + 1;
        if !weekly && nth > 4 {
            continue;
        }
        let mut dates = Vec::new();
        for k in 0..n {
            let date = if weekly {
                Some(first + Duration::days(7 * k as i64))
            } else {
                let months = first.month0() + k;
                let year = first.year() + (months / 12) as i32;
                NaiveDate::from_weekday_of_month_opt(
                    year,
                    months % 12 + 1,
                    first.weekday(),
                    nth as u8,
                )
            };
            match date {
                Some(d) if d <= end => dates.push(d),
                _ => break,
            }
        }
        if dates.len() < 2 {
            continue;
        }
        let Some(patient) = (0..6).find_map(|_| {
            let i = rng.below(patients.len() as u64) as usize;
            let p = &patients[i];
            let alive = |d: NaiveDate| {
                p.date_of_birth + Duration::days(365 * 18) <= d
                    && p.deceased_on.is_none_or(|x| d < x)
            };
            (alive(dates[0]) && dates.last().is_some_and(|d| alive(*d))).then_some(i)
        }) else {
            continue;
        };
        // 08:00–11:45 or 13:00–16:45 on the quarter hour, free on every open date.
        let minutes = 15;
        let Some(at) = (0..6).find_map(|_| {
            let slot = rng.below(32) as u32;
            let at = if slot < 16 {
                8 * 60 + slot * 15
            } else {
                13 * 60 + (slot - 16) * 15
            };
            dates
                .iter()
                .all(|d| {
                    out.reserved
                        .get(&(provider, *d))
                        .is_none_or(|r| r.iter().all(|(s, e, _, _)| at + minutes <= *s || *e <= at))
                })
                .then_some(at)
        }) else {
            continue;
        };
        let index = out.list.len();
        for (k, d) in dates.iter().enumerate() {
            out.reserved.entry((provider, *d)).or_default().push((
                at,
                at + minutes,
                index,
                k as u32,
            ));
        }
        let (frequency, reason, kind) = if weekly {
            (
                Frequency::Weekly,
                *rng.pick(&[
                    "Weekly dressing change",
                    "Weekly blood pressure check",
                    "Physiotherapy exercises review",
                ]),
                day::FOLLOW_UP,
            )
        } else {
            (
                Frequency::MonthlyByWeekday,
                "Vitamin B12 injection",
                day::PROCEDURE,
            )
        };
        out.list.push(PlannedSeries {
            id: id(SERIES, index as u128 + 1),
            patient,
            kind,
            reason,
            rule: RecurrenceRule {
                frequency,
                interval: 1,
                ends: RecurrenceEnd::Count {
                    count: dates.len() as u32,
                },
            },
            first: dates[0],
            at,
            minutes,
        });
    }
    out
}

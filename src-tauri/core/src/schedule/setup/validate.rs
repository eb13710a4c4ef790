//! Checks of the set-up forms: colours, `HH:MM` times, weekly intervals, opening hours,
//! blocked time, appointment types and rooms. Each failure names the draft's field.

use super::{AppointmentTypeDraft, AvailabilityDraft, BlockDraft, RoomDraft};
use crate::chart::common::VisitType;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::UserId;
use crate::schedule::time::{day_bounds, hhmm, local_to_utc, parse_hhmm};
use crate::schedule::{AvailabilityInterval, BlockKind, WeekdayHours};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The weekday's name, for messages (ISO 1 = Monday).
pub(super) fn weekday_name(weekday: u8) -> &'static str {
    WEEKDAYS
        .get(usize::from(weekday.saturating_sub(1)))
        .copied()
        .unwrap_or("?")
}

fn fail(errors: Vec<FieldError>) -> CoreResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Invalid(errors))
    }
}

/// `#rrggbb`, lower-case (as the colour input gives it); upper-case is folded.
pub(super) fn colour(text: &str, field: &str) -> CoreResult<String> {
    let c = text.trim().to_ascii_lowercase();
    let ok = c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit());
    if ok {
        Ok(c)
    } else {
        Err(CoreError::invalid(
            field,
            "Give a colour as #rrggbb, e.g. #2f6fb0",
        ))
    }
}

fn time(text: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<NaiveTime> {
    let t = parse_hhmm(text);
    if t.is_none() {
        errors.push(FieldError::new(field, "Give a time as HH:MM, e.g. 08:30"));
    }
    t
}

/// A local date `YYYY-MM-DD`.
pub(super) fn date(text: &str, field: &str) -> CoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| CoreError::invalid(field, "Give a date as YYYY-MM-DD"))
}

/// Opening hours: the seven weekdays once each; a day open from before it closes, or closed
/// (both blank).
pub(super) fn practice_hours(hours: &[WeekdayHours]) -> CoreResult<Vec<WeekdayHours>> {
    let mut errors = Vec::new();
    let mut seen = [false; 7];
    let mut out = Vec::new();
    for (i, h) in hours.iter().enumerate() {
        let slot = usize::from(h.weekday).checked_sub(1).filter(|s| *s < 7);
        match slot {
            Some(s) if !seen[s] => seen[s] = true,
            Some(_) => errors.push(FieldError::new(
                format!("hours.{i}.weekday"),
                format!("{} is given twice", weekday_name(h.weekday)),
            )),
            None => errors.push(FieldError::new(
                format!("hours.{i}.weekday"),
                "A weekday is 1 (Monday) to 7 (Sunday)",
            )),
        }
        let blank = |t: &Option<String>| t.as_deref().map(str::trim).unwrap_or("").is_empty();
        let (o, c) = (&h.opens, &h.closes);
        match (blank(o), blank(c)) {
            (true, true) => out.push(WeekdayHours {
                weekday: h.weekday,
                opens: None,
                closes: None,
            }),
            (false, true) => errors.push(FieldError::new(
                format!("hours.{i}.closes"),
                "Give the closing time too (or clear both: closed)",
            )),
            (true, false) => errors.push(FieldError::new(
                format!("hours.{i}.opens"),
                "Give the opening time too (or clear both: closed)",
            )),
            (false, false) => {
                let opens = time(
                    o.as_deref().unwrap_or(""),
                    &format!("hours.{i}.opens"),
                    &mut errors,
                );
                let closes = time(
                    c.as_deref().unwrap_or(""),
                    &format!("hours.{i}.closes"),
                    &mut errors,
                );
                if let (Some(a), Some(b)) = (opens, closes) {
                    if a >= b {
                        errors.push(FieldError::new(
                            format!("hours.{i}.closes"),
                            "Closes after it opens",
                        ));
                    } else {
                        out.push(WeekdayHours {
                            weekday: h.weekday,
                            opens: Some(hhmm(a)),
                            closes: Some(hhmm(b)),
                        });
                    }
                }
            }
        }
    }
    if errors.is_empty() && seen.iter().any(|s| !s) {
        errors.push(FieldError::new("hours", "Give all seven weekdays"));
    }
    fail(errors)?;
    out.sort_by_key(|h| h.weekday);
    Ok(out)
}

/// A template's start date and intervals: each on a weekday 1–7, starting before it ends,
/// none overlapping another on the same weekday. Times come back as `HH:MM`, in order.
pub(super) fn availability(
    draft: &AvailabilityDraft,
) -> CoreResult<(NaiveDate, Vec<AvailabilityInterval>)> {
    let mut errors = Vec::new();
    let from = match date(&draft.effective_from, "effectiveFrom") {
        Ok(d) => Some(d),
        Err(e) => {
            errors.extend(e.field_errors().iter().cloned());
            None
        }
    };
    let mut good: Vec<(usize, u8, NaiveTime, NaiveTime)> = Vec::new();
    for (i, iv) in draft.intervals.iter().enumerate() {
        let weekday_ok = (1..=7).contains(&iv.weekday);
        if !weekday_ok {
            errors.push(FieldError::new(
                format!("intervals.{i}.weekday"),
                "A weekday is 1 (Monday) to 7 (Sunday)",
            ));
        }
        let s = time(&iv.starts, &format!("intervals.{i}.starts"), &mut errors);
        let e = time(&iv.ends, &format!("intervals.{i}.ends"), &mut errors);
        let (Some(s), Some(e)) = (s, e) else { continue };
        if s >= e {
            errors.push(FieldError::new(
                format!("intervals.{i}.ends"),
                "Ends after it starts",
            ));
            continue;
        }
        if !weekday_ok {
            continue;
        }
        if let Some((_, _, os, oe)) = good
            .iter()
            .find(|(_, w, os, oe)| *w == iv.weekday && s < *oe && *os < e)
        {
            errors.push(FieldError::new(
                format!("intervals.{i}.starts"),
                format!(
                    "Overlaps {}–{} on {}",
                    hhmm(*os),
                    hhmm(*oe),
                    weekday_name(iv.weekday)
                ),
            ));
            continue;
        }
        good.push((i, iv.weekday, s, e));
    }
    fail(errors)?;
    good.sort_by_key(|(_, w, s, _)| (*w, *s));
    let intervals = good
        .into_iter()
        .map(|(_, weekday, s, e)| AvailabilityInterval {
            weekday,
            starts: hhmm(s),
            ends: hhmm(e),
        })
        .collect();
    Ok((from.unwrap_or_default(), intervals))
}

/// Blocked time, checked: UTC bounds, its kind and reason.
#[derive(Debug, Clone)]
pub(crate) struct ValidBlock {
    pub provider_id: Option<UserId>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub kind: BlockKind,
    pub reason: String,
}

/// The longest block: a year (leave, a long closure); longer is a typing slip.
const MAX_BLOCK_DAYS: i64 = 366;

fn instant(text: &str, zone: Tz, field: &str) -> CoreResult<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(i) = DateTime::parse_from_rfc3339(t) {
        return Ok(i.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .map(|local| local_to_utc(zone, local))
        .ok_or_else(|| CoreError::invalid(field, "Give a date and time, e.g. 2026-12-24 12:00"))
}

pub(super) fn block(draft: &BlockDraft, zone: Tz) -> CoreResult<ValidBlock> {
    let mut errors = Vec::new();
    let take = |r: CoreResult<DateTime<Utc>>, errors: &mut Vec<FieldError>| match r {
        Ok(v) => Some(v),
        Err(e) => {
            errors.extend(e.field_errors().iter().cloned());
            None
        }
    };
    let (starts, ends) = if draft.all_day {
        let first = take(
            date(&draft.starts_at, "startsAt").map(|d| day_bounds(zone, d).0),
            &mut errors,
        );
        let last = take(
            date(&draft.ends_at, "endsAt").map(|d| day_bounds(zone, d).1),
            &mut errors,
        );
        (first, last)
    } else {
        (
            take(instant(&draft.starts_at, zone, "startsAt"), &mut errors),
            take(instant(&draft.ends_at, zone, "endsAt"), &mut errors),
        )
    };
    if let (Some(s), Some(e)) = (starts, ends) {
        if s >= e {
            errors.push(FieldError::new(
                "endsAt",
                if draft.all_day {
                    "The last day is on or after the first"
                } else {
                    "Ends after it starts"
                },
            ));
        } else if (e - s).num_days() > MAX_BLOCK_DAYS {
            errors.push(FieldError::new("endsAt", "Block at most a year at a time"));
        }
    }
    let reason = draft.reason.trim().to_string();
    if reason.chars().count() > 200 {
        errors.push(FieldError::new(
            "reason",
            "Keep the reason under 200 characters",
        ));
    }
    fail(errors)?;
    Ok(ValidBlock {
        provider_id: draft.provider_id,
        starts_at: starts.unwrap_or_default(),
        ends_at: ends.unwrap_or_default(),
        kind: draft.kind,
        reason,
    })
}

fn name(text: &str, errors: &mut Vec<FieldError>) -> String {
    let n = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if n.is_empty() {
        errors.push(FieldError::new("name", "Give a name"));
    } else if n.chars().count() > 60 {
        errors.push(FieldError::new("name", "Keep the name under 60 characters"));
    }
    n
}

/// An appointment type, checked (the name's uniqueness is the store's, in the transaction).
#[derive(Debug, Clone)]
pub(crate) struct ValidType {
    pub name: String,
    pub default_minutes: u32,
    pub colour: String,
    pub visit_type: VisitType,
    pub display_order: i64,
    pub retired: bool,
}

pub(super) fn appointment_type(draft: &AppointmentTypeDraft) -> CoreResult<ValidType> {
    let mut errors = Vec::new();
    let name = name(&draft.name, &mut errors);
    let m = draft.default_minutes;
    if !(5..=480).contains(&m) || !m.is_multiple_of(5) {
        errors.push(FieldError::new(
            "defaultMinutes",
            "Give 5 to 480 minutes, in steps of 5",
        ));
    }
    let colour = match colour(&draft.colour, "colour") {
        Ok(c) => c,
        Err(e) => {
            errors.extend(e.field_errors().iter().cloned());
            String::new()
        }
    };
    fail(errors)?;
    Ok(ValidType {
        name,
        default_minutes: m,
        colour,
        visit_type: draft.visit_type,
        display_order: draft.display_order,
        retired: draft.retired,
    })
}

/// A room, checked: (name, display order, retired).
pub(super) fn room(draft: &RoomDraft) -> CoreResult<(String, i64, bool)> {
    let mut errors = Vec::new();
    let name = name(&draft.name, &mut errors);
    fail(errors)?;
    Ok((name, draft.display_order, draft.retired))
}

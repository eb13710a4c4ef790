//! The slot arithmetic, free of the database: which starts of a given length fit in a day's
//! open stretches around its busy ones. Pure, so every case (gaps, back-to-back bookings,
//! lunch, blocks, clock changes, "not before now") is tested without a practice.

use chrono::{DateTime, Duration, DurationRound, Utc};

/// A UTC stretch `[start, end)`.
pub type Stretch = (DateTime<Utc>, DateTime<Utc>);

/// Where candidate starts lie: on a grid of `grid` minutes, and at the end of each busy
/// stretch (rounded up to `align` minutes) so a short gap left after a short booking is found.
#[derive(Debug, Clone, Copy)]
pub struct SlotGrid {
    pub minutes: i64,
    pub grid: i64,
    pub align: i64,
    /// No slot starts earlier (now, on today).
    pub not_before: Option<DateTime<Utc>>,
}

impl SlotGrid {
    /// The desk's grid: quarter hours, bookings' ends rounded to five minutes.
    pub fn quarter_hours(minutes: i64, not_before: Option<DateTime<Utc>>) -> SlotGrid {
        SlotGrid {
            minutes,
            grid: 15,
            align: 5,
            not_before: not_before.map(|t| round_up(t, 5)),
        }
    }
}

/// `t` rounded up to the next multiple of `step` minutes (unchanged when on one). Whole
/// minutes of UTC are whole minutes of every zone the practice can be in (offsets are
/// multiples of 15 minutes), so the grid is the local clock's grid too.
pub fn round_up(t: DateTime<Utc>, step: i64) -> DateTime<Utc> {
    let step = Duration::minutes(step.max(1));
    match t.duration_trunc(step) {
        Ok(down) if down == t => t,
        Ok(down) => down + step,
        Err(_) => t,
    }
}

/// The starts of free slots of `grid.minutes`, earliest first, within `open` and clear of
/// every stretch in `busy` (bookings and blocked time, any order, may overlap), for which
/// `keep` holds (the time-of-day preference).
pub fn free_slots(
    open: &[Stretch],
    busy: &[Stretch],
    grid: &SlotGrid,
    keep: impl Fn(DateTime<Utc>) -> bool,
) -> Vec<DateTime<Utc>> {
    let length = Duration::minutes(grid.minutes);
    let step = Duration::minutes(grid.grid.max(1));
    let mut out = Vec::new();
    for &(opens, closes) in open {
        let mut starts = Vec::new();
        // The span's own start (it may be off the grid, e.g. 08:10), then the grid.
        starts.push(opens);
        let mut t = round_up(opens, grid.grid);
        while t < closes {
            starts.push(t);
            t += step;
        }
        for &(_, ends) in busy {
            let after = round_up(ends, grid.align);
            if opens <= after && after < closes {
                starts.push(after);
            }
        }
        starts.sort();
        starts.dedup();
        for start in starts {
            let end = start + length;
            if end > closes || grid.not_before.is_some_and(|n| start < n) || !keep(start) {
                continue;
            }
            if busy.iter().any(|&(s, e)| s < end && e > start) {
                continue;
            }
            out.push(start);
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::time::{local_to_utc, utc_to_local};
    use chrono::{NaiveDateTime, Timelike};
    use chrono_tz::Tz;

    fn ny() -> Tz {
        "America/New_York".parse().unwrap()
    }

    fn at(zone: Tz, date: &str, time: &str) -> DateTime<Utc> {
        local_to_utc(
            zone,
            NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap(),
        )
    }

    fn clocks(zone: Tz, starts: &[DateTime<Utc>]) -> Vec<String> {
        starts
            .iter()
            .map(|t| utc_to_local(zone, *t).format("%H:%M").to_string())
            .collect()
    }

    fn day(zone: Tz, from: &str, to: &str) -> Stretch {
        (at(zone, "2026-12-08", from), at(zone, "2026-12-08", to))
    }

    fn any(_: DateTime<Utc>) -> bool {
        true
    }

    #[test]
    fn an_empty_morning_offers_every_quarter_hour_that_fits() {
        let z = ny();
        let slots = free_slots(
            &[day(z, "08:00", "09:00")],
            &[],
            &SlotGrid::quarter_hours(15, None),
            any,
        );
        assert_eq!(clocks(z, &slots), ["08:00", "08:15", "08:30", "08:45"]);
    }

    #[test]
    fn a_slot_must_end_by_closing_time() {
        let z = ny();
        let slots = free_slots(
            &[day(z, "08:00", "09:00")],
            &[],
            &SlotGrid::quarter_hours(30, None),
            any,
        );
        assert_eq!(clocks(z, &slots), ["08:00", "08:15", "08:30"]);
    }

    #[test]
    fn the_gap_after_a_ten_minute_call_is_found_off_the_quarter_hour_grid() {
        let z = ny();
        // 08:00–08:10 telephone, 08:25–09:00 booked: only 08:10–08:25 is free.
        let busy = [day(z, "08:00", "08:10"), day(z, "08:25", "09:00")];
        let slots = free_slots(
            &[day(z, "08:00", "09:00")],
            &busy,
            &SlotGrid::quarter_hours(15, None),
            any,
        );
        assert_eq!(clocks(z, &slots), ["08:10"]);
    }

    #[test]
    fn back_to_back_bookings_leave_nothing_between_them() {
        let z = ny();
        let busy = [
            day(z, "08:00", "08:30"),
            day(z, "08:30", "09:00"),
            day(z, "09:00", "09:20"),
        ];
        let slots = free_slots(
            &[day(z, "08:00", "10:00")],
            &busy,
            &SlotGrid::quarter_hours(20, None),
            any,
        );
        assert_eq!(
            clocks(z, &slots),
            ["09:20", "09:30"],
            "the first free start is where the last booking ends"
        );
    }

    #[test]
    fn lunch_between_two_open_spans_is_never_offered() {
        let z = ny();
        let open = [day(z, "11:00", "12:00"), day(z, "13:00", "14:00")];
        let slots = free_slots(&open, &[], &SlotGrid::quarter_hours(30, None), any);
        assert_eq!(
            clocks(z, &slots),
            ["11:00", "11:15", "11:30", "13:00", "13:15", "13:30"]
        );
    }

    #[test]
    fn a_block_is_as_busy_as_a_booking_and_overlapping_busy_stretches_merge() {
        let z = ny();
        let busy = [day(z, "09:00", "10:30"), day(z, "10:00", "11:00")];
        let slots = free_slots(
            &[day(z, "09:00", "12:00")],
            &busy,
            &SlotGrid::quarter_hours(60, None),
            any,
        );
        assert_eq!(clocks(z, &slots), ["11:00"]);
    }

    #[test]
    fn a_booking_ending_off_the_five_minute_grid_rounds_the_next_start_up() {
        let z = ny();
        let ends = day(z, "08:00", "08:00").0 + Duration::minutes(7);
        let busy = [(day(z, "08:00", "08:00").0, ends)];
        let slots = free_slots(
            &[day(z, "08:00", "08:30")],
            &busy,
            &SlotGrid::quarter_hours(10, None),
            any,
        );
        assert_eq!(clocks(z, &slots), ["08:10", "08:15"]);
    }

    #[test]
    fn today_offers_nothing_before_now_rounded_up_to_five_minutes() {
        let z = ny();
        let now = day(z, "09:02", "09:02").0;
        let busy = [day(z, "08:00", "09:03")];
        let slots = free_slots(
            &[day(z, "08:00", "10:00")],
            &busy,
            &SlotGrid::quarter_hours(15, Some(now)),
            any,
        );
        assert_eq!(clocks(z, &slots), ["09:05", "09:15", "09:30", "09:45"]);
    }

    #[test]
    fn morning_starts_before_noon_and_afternoon_from_noon() {
        let z = ny();
        let open = [day(z, "11:00", "13:00")];
        let grid = SlotGrid::quarter_hours(30, None);
        let morning = free_slots(&open, &[], &grid, |t| utc_to_local(z, t).hour() < 12);
        let afternoon = free_slots(&open, &[], &grid, |t| utc_to_local(z, t).hour() >= 12);
        assert_eq!(clocks(z, &morning), ["11:00", "11:15", "11:30", "11:45"]);
        assert_eq!(clocks(z, &afternoon), ["12:00", "12:15", "12:30"]);
    }

    #[test]
    fn on_the_day_the_clocks_go_forward_slots_keep_their_wall_clock_times() {
        let z = ny();
        // 8 March 2026: EST → EDT. 08:00 local is 12:00 UTC that day, 13:00 the day before.
        let open = [(at(z, "2026-03-08", "08:00"), at(z, "2026-03-08", "09:00"))];
        let slots = free_slots(&open, &[], &SlotGrid::quarter_hours(30, None), any);
        assert_eq!(clocks(z, &slots), ["08:00", "08:15", "08:30"]);
        assert_eq!(slots[0].to_rfc3339(), "2026-03-08T12:00:00+00:00");
    }

    #[test]
    fn an_open_span_starting_off_the_grid_offers_its_own_start() {
        let z = ny();
        let slots = free_slots(
            &[day(z, "08:10", "09:00")],
            &[],
            &SlotGrid::quarter_hours(20, None),
            any,
        );
        assert_eq!(clocks(z, &slots), ["08:10", "08:15", "08:30"]);
    }

    #[test]
    fn a_fully_booked_day_has_no_slot() {
        let z = ny();
        let slots = free_slots(
            &[day(z, "08:00", "17:00")],
            &[day(z, "07:00", "18:00")],
            &SlotGrid::quarter_hours(5, None),
            any,
        );
        assert!(slots.is_empty());
    }
}

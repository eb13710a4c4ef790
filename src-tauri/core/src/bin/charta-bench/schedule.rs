//! The front desk's operations on the generated 15-year, 10-provider appointment book:
//! `day_view`, `next_free_slot`, `book_appointment` (with its conflict check) and `flow_board`.

use super::{time, Report};
use charta_core::ids::AppointmentId;
use charta_core::schedule::{AppointmentDraft, SlotQuery, TimeOfDay};
use charta_core::synth::Rng;
use charta_core::{Actor, ChartDb, CoreError, PatientId, UserId};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// The starter type "Follow-up" (15 minutes) of migration 0006.
const FOLLOW_UP: &str = "00000000-0000-0000-0006-000000000002";

/// The first id of the bookings a generating run times; a run on a kept practice starts
/// elsewhere each time (its earlier bookings are in the file).
pub const GENERATED_BOOKING_IDS: u128 = 0xBE4C_A990_0000;

/// A weekday within `days` before (negative) or after `today`.
fn weekday(rng: &mut Rng, today: NaiveDate, from: i64, days: u64) -> NaiveDate {
    let mut date = today + Duration::days(from + rng.below(days) as i64);
    while date.weekday().number_from_monday() > 5 {
        date -= Duration::days(1);
    }
    date
}

#[allow(clippy::too_many_arguments)] // the bench's shared state
pub fn schedule_ops(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    desk: &Actor,
    providers: &[UserId],
    picks: &[PatientId],
    booking_ids: u128,
    seed: u64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let samples = report.options.samples;
    let mut rng = Rng::new(seed ^ 0x5C4E_D01E);
    let type_id = charta_core::ids::AppointmentTypeId::parse(FOLLOW_UP)
        .ok_or_else(|| CoreError::Corrupt("the Follow-up type id".into()))?;

    // A day of all ten providers, on weekdays of the last year.
    if report.wants(&["day_view"]) {
        let mut micros = Vec::with_capacity(samples);
        for _ in 0..samples {
            let day = weekday(&mut rng, today, -365, 365);
            micros.push(time(|| db.as_user(desk).schedule_range(day, 1, None, now))?);
        }
        report.print("day_view", micros);
        db.checkpoint()?;
    }

    // The next five free slots, alternately with any provider and with one, from dates in
    // the booked eight weeks ahead.
    if report.wants(&["next_free_slot"]) {
        let mut micros = Vec::with_capacity(samples);
        for i in 0..samples {
            let query = SlotQuery {
                provider_id: (i % 2 == 1).then(|| *rng.pick(providers)),
                type_id,
                minutes: None,
                from: weekday(&mut rng, today, 0, 56),
                time_of_day: TimeOfDay::Any,
                count: 5,
            };
            micros.push(time(|| db.as_user(desk).next_free_slots(&query, now))?);
        }
        report.print("next_free_slot", micros);
        db.checkpoint()?;
    }

    // Booking: a free slot is found first (untimed), then the booking with its check.
    if report.wants(&["book_appointment"]) {
        let mut micros = Vec::with_capacity(samples);
        for (i, patient) in picks.iter().cycle().take(samples).enumerate() {
            let query = SlotQuery {
                provider_id: Some(*rng.pick(providers)),
                type_id,
                minutes: None,
                from: weekday(&mut rng, today, 1, 56),
                time_of_day: TimeOfDay::Any,
                count: 1,
            };
            let Some(slot) = db.as_user(desk).next_free_slots(&query, now)?.pop() else {
                continue;
            };
            let draft = AppointmentDraft {
                patient_id: *patient,
                provider_id: slot.provider_id,
                type_id,
                room_id: None,
                starts_at: slot.starts_at,
                minutes: 15,
                reason: "Blood pressure follow-up".into(),
                note: String::new(),
                overbook_reason: None,
            };
            // Some generated patients have died: they cannot be booked (untimed check).
            if db.as_user(desk).check_booking(&draft, None, now).is_err() {
                continue;
            }
            let id = AppointmentId::from_u128(booking_ids + i as u128);
            micros.push(time(|| db.as_user(desk).book_appointment(&draft, id, now))?);
        }
        if !micros.is_empty() {
            report.print("book_appointment", micros);
        }
        db.checkpoint()?;
    }

    // The flow board of a busy weekday: the bench's `now` is Thanksgiving, when the practice
    // is closed, so the board is the Tuesday before at 11:00 in New York.
    let busy = now - Duration::days(2);
    if report.wants(&["flow_board"]) {
        let mut micros = Vec::with_capacity(samples);
        for _ in 0..samples {
            micros.push(time(|| db.as_user(desk).flow_board(busy))?);
        }
        report.print("flow_board", micros);
        db.checkpoint()?;
    }
    Ok(())
}

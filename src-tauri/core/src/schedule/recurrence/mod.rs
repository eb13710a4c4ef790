//! Recurring series (owner: the recurrence helper): the rule's occurrences in the practice's
//! zone (DST, month ends, leap days), booking a series with each occurrence checked, and
//! editing or cancelling this one, this and following, or all, keeping exceptions.

//!
//! A series is materialised: every occurrence is an `appointments` row with its series and
//! occurrence number, checked by `schedule::rules` like any booking. The operations are
//! split by what they do: [`book`] (preview and booking), [`change`] and [`cancel`]; the pure
//! rule arithmetic is in [`rule`], the input checks in [`validate`].

mod book;
mod cancel;
mod change;
pub mod rule;
mod validate;

use crate::error::CoreError;
use crate::ids::{AppointmentId, SeriesId};
use crate::schedule::time::utc_to_local;
use crate::schedule::{Appointment, AppointmentStatus, Collision, SeriesScope};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

/// One occurrence a series would have, and what it would collide with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedOccurrence {
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub ends_at: DateTime<Utc>,
    pub collisions: Vec<Collision>,
}

/// What booking a series did: the occurrences booked and those skipped for collisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SeriesBooking {
    pub series_id: SeriesId,
    pub booked: Vec<Appointment>,
    pub skipped: Vec<PlannedOccurrence>,
}

/// The id of occurrence `k` of a series whose first occurrence has `first`: deterministic,
/// so a retried booking writes the same rows.
pub fn occurrence_id(first: AppointmentId, k: u32) -> AppointmentId {
    AppointmentId::from_u128(first.as_u128().wrapping_add(u128::from(k)))
}

/// Whether an occurrence may still be moved, edited or cancelled with its series: not
/// cancelled, not a no-show, not checked out.
fn still_open(a: &Appointment) -> bool {
    !matches!(
        a.status,
        AppointmentStatus::Cancelled | AppointmentStatus::NoShow | AppointmentStatus::CheckedOut
    )
}

/// Still ahead of the patient: booked or confirmed, not yet arrived. Only these move or are
/// cancelled with their series (an arrived one is the desk's to handle on its own).
fn ahead(a: &Appointment) -> bool {
    matches!(
        a.status,
        AppointmentStatus::Booked | AppointmentStatus::Confirmed
    )
}

/// How a scope reads in an audit row.
fn scope_words(scope: SeriesScope) -> &'static str {
    match scope {
        SeriesScope::This => "this one",
        SeriesScope::Following => "this and following",
        SeriesScope::All => "all",
    }
}

/// The refusal of a series whose occurrences collide, naming each date and what it meets.
fn refusal<'a>(
    zone: Tz,
    colliding: impl IntoIterator<Item = (DateTime<Utc>, &'a [Collision])>,
) -> CoreError {
    CoreError::invalid("collisions", collision_lines(zone, colliding))
}

fn collision_lines<'a>(
    zone: Tz,
    colliding: impl IntoIterator<Item = (DateTime<Utc>, &'a [Collision])>,
) -> String {
    let lines: Vec<String> = colliding
        .into_iter()
        .map(|(at, collisions)| {
            let what: Vec<&str> = collisions.iter().map(|c| c.description.as_str()).collect();
            format!(
                "{} — {}",
                utc_to_local(zone, at).format("%a %-d %b %Y"),
                what.join(", ")
            )
        })
        .collect();
    lines.join("; ")
}

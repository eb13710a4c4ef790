//! Recurring series (owner: the recurrence helper): the rule's occurrences in the practice's
//! zone (DST, month ends, leap days), booking a series with each occurrence checked, and
//! editing or cancelling this one, this and following, or all, keeping exceptions.

use crate::access::AsUser;
use crate::error::CoreResult;
use crate::ids::{AppointmentId, SeriesId};
use crate::schedule::{
    not_built, Appointment, AppointmentChange, AppointmentDraft, CancelKind, Collision,
    RecurrenceRule, SeriesScope,
};
use chrono::{DateTime, Utc};
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

impl AsUser<'_> {
    /// Every occurrence `rule` gives from `draft.starts_at`, each with its collisions.
    pub fn preview_series(
        &mut self,
        draft: &AppointmentDraft,
        rule: &RecurrenceRule,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<PlannedOccurrence>> {
        let _ = (draft, rule, now);
        Err(not_built("recurring appointments"))
    }

    /// Books the series. Colliding occurrences refuse the whole series (field `collisions`)
    /// unless `skip_collisions` (they are skipped and reported) or `draft.overbook_reason`.
    /// Occurrence ids are `first_id`, then derived from it deterministically.
    pub fn book_series(
        &mut self,
        draft: &AppointmentDraft,
        rule: &RecurrenceRule,
        skip_collisions: bool,
        series_id: SeriesId,
        first_id: AppointmentId,
        now: DateTime<Utc>,
    ) -> CoreResult<SeriesBooking> {
        let _ = (draft, rule, skip_collisions, series_id, first_id, now);
        Err(not_built("recurring appointments"))
    }

    /// Applies `change` to the occurrence `id` and, by `scope`, to the following ones or all
    /// (exceptions kept). Returns every appointment changed.
    pub fn change_series(
        &mut self,
        id: AppointmentId,
        version: i64,
        change: &AppointmentChange,
        scope: SeriesScope,
        new_series_id: SeriesId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Appointment>> {
        let _ = (id, version, change, scope, new_series_id, now);
        Err(not_built("recurring appointments"))
    }

    /// Cancels the occurrence `id` and, by `scope`, the following ones or all not yet past.
    pub fn cancel_series(
        &mut self,
        id: AppointmentId,
        version: i64,
        kind: CancelKind,
        reason: &str,
        scope: SeriesScope,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Appointment>> {
        let _ = (id, version, kind, reason, scope, now);
        Err(not_built("recurring appointments"))
    }
}

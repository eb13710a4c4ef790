//! What the screens read: the calendar's range, one appointment's history, today's flow
//! board and a patient's appointments. A read showing many patients is one audit row with a
//! detail; a read about one patient names them.

use super::ops::not_found;
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentId, PatientId, UserId};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::schedule::time::{day_bounds, practice_zone};
use crate::schedule::{
    AppointmentHistoryEntry, AppointmentStatus, FlowBoard, FlowRow, PatientAppointments,
    ProviderHours, ScheduleRange, Span,
};
use crate::store;
use chrono::{DateTime, Days, NaiveDate, Utc};

/// The longest range the calendar asks for (a month view with its edges).
pub const MAX_RANGE_DAYS: u32 = 42;

impl AsUser<'_> {
    /// The calendar for `days` local days from `from` (1–42), for `providers` (every active
    /// provider when `None`), in the providers' display order. Bench op `day_view`.
    pub fn schedule_range(
        &mut self,
        from: NaiveDate,
        days: u32,
        providers: Option<&[UserId]>,
        now: DateTime<Utc>,
    ) -> CoreResult<ScheduleRange> {
        self.require(Operation::ViewSchedule, "view_schedule", now)?;
        if !(1..=MAX_RANGE_DAYS).contains(&days) {
            return Err(CoreError::invalid(
                "days",
                format!("Show 1 to {MAX_RANGE_DAYS} days"),
            ));
        }
        let last = from
            .checked_add_days(Days::new(u64::from(days - 1)))
            .ok_or_else(|| CoreError::invalid("from", "Choose a date within the calendar"))?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let zone = practice_zone(tx)?;
            let all = store::schedule_setup::providers(tx)?;
            let shown: Vec<UserId> = match providers {
                None => all.iter().filter(|p| p.active).map(|p| p.user_id).collect(),
                Some(ids) => {
                    if let Some(unknown) =
                        ids.iter().find(|id| !all.iter().any(|p| p.user_id == **id))
                    {
                        return Err(CoreError::invalid(
                            "providerIds",
                            format!("{unknown} is not a provider of the schedule"),
                        ));
                    }
                    all.iter()
                        .filter(|p| ids.contains(&p.user_id))
                        .map(|p| p.user_id)
                        .collect()
                }
            };
            let (start, _) = day_bounds(zone, from);
            let (_, end) = day_bounds(zone, last);
            // The practice's week and each provider's templates read once, not per day.
            let week = store::schedule_setup::opening_hours(tx)?;
            let mut calendars = crate::schedule::slots::calendar::OpenHours::read_all(tx)?;
            let mut hours = Vec::with_capacity(shown.len());
            for provider in &shown {
                let calendar = calendars.remove(provider).unwrap_or_default();
                let open = from
                    .iter_days()
                    .take(days as usize)
                    .flat_map(|date| calendar.on(zone, &week, date))
                    .map(|(s, e)| Span {
                        starts_at: s,
                        ends_at: e,
                    })
                    .collect();
                hours.push(ProviderHours {
                    provider_id: *provider,
                    open,
                });
            }
            let appointments = if shown.is_empty() {
                Vec::new()
            } else if providers.is_none() {
                // Every active provider: one range over the day's appointments.
                store::appointments::between(tx, start, end, None)?
                    .into_iter()
                    .filter(|a| shown.contains(&a.provider_id))
                    .collect()
            } else {
                store::appointments::between(tx, start, end, Some(&shown))?
            };
            let blocks: Vec<_> = store::schedule_setup::blocks_between(tx, None, start, end)?
                .into_iter()
                .filter(|b| b.provider_id.is_none_or(|p| shown.contains(&p)))
                .collect();
            let event = actor
                .event(now, "view_schedule", Outcome::Ok)
                .detail(format!(
                    "{from}, {days} day(s), {} provider(s), {} appointment(s)",
                    shown.len(),
                    appointments.len()
                ));
            audit::append(tx, &event)?;
            Ok(ScheduleRange {
                from,
                days,
                providers: hours,
                appointments,
                blocks,
            })
        })
    }

    /// Every change of one appointment, oldest first.
    pub fn appointment_history(
        &mut self,
        id: AppointmentId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<AppointmentHistoryEntry>> {
        self.require(Operation::ViewSchedule, "view_appointment_history", now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let a = store::appointments::get(tx, id)?.ok_or_else(|| not_found(id))?;
            let history = store::appointment_changes::history(tx, id)?;
            let event = actor
                .event(now, "view_appointment_history", Outcome::Ok)
                .entity("appointment", id)
                .patient(a.patient_id);
            audit::append(tx, &event)?;
            Ok(history)
        })
    }

    /// Today's flow board (practice zone): every appointment of the day that is not
    /// cancelled, by start, with how long each has been in its status and waited since
    /// arriving. Bench op `flow_board`.
    pub fn flow_board(&mut self, now: DateTime<Utc>) -> CoreResult<FlowBoard> {
        self.require(Operation::ViewSchedule, "view_flow_board", now)?;
        let date = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let zone = practice_zone(tx)?;
            let (start, end) = day_bounds(zone, date);
            let times = store::appointment_changes::flow_times(tx, start, end)?;
            let rows: Vec<FlowRow> = store::appointments::between(tx, start, end, None)?
                .into_iter()
                .filter(|a| a.status != AppointmentStatus::Cancelled)
                .map(|a| {
                    let flow = times.get(&a.id).copied().unwrap_or_default();
                    let (arrived_at, seen_at) = (flow.arrived, flow.seen);
                    let still_waiting = matches!(
                        a.status,
                        AppointmentStatus::Arrived | AppointmentStatus::InRoom
                    );
                    let minutes_waiting = arrived_at.map(|arrived| {
                        let until = match seen_at {
                            Some(seen) if !still_waiting => seen,
                            _ if still_waiting => now,
                            _ => a.status_at,
                        };
                        (until - arrived).num_minutes().max(0)
                    });
                    FlowRow {
                        minutes_in_status: (now - a.status_at).num_minutes().max(0),
                        arrived_at,
                        minutes_waiting,
                        appointment: a,
                    }
                })
                .collect();
            let event = actor
                .event(now, "view_flow_board", Outcome::Ok)
                .detail(format!("{date}, {} appointment(s)", rows.len()));
            audit::append(tx, &event)?;
            Ok(FlowBoard { now, date, rows })
        })
    }

    /// A patient's upcoming appointments (from now, not cancelled, soonest first), past ones
    /// (latest first, at most 200) and how many times they did not come.
    pub fn patient_appointments(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<PatientAppointments> {
        self.require(Operation::ViewSchedule, "view_patient_appointments", now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            if store::appointment_changes::patient_status(tx, patient)?.is_none() {
                return Err(CoreError::NotFound {
                    entity: "patient",
                    id: patient.to_string(),
                });
            }
            let lists = PatientAppointments {
                upcoming: store::appointment_changes::upcoming_of(tx, patient, now)?,
                past: store::appointment_changes::past_of(tx, patient, now)?,
                no_shows: store::appointment_changes::no_shows_of(tx, patient)?,
            };
            let event = actor
                .event(now, "view_patient_appointments", Outcome::Ok)
                .entity("patient", patient)
                .patient(patient);
            audit::append(tx, &event)?;
            Ok(lists)
        })
    }
}

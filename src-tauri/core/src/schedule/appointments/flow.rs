//! The visit flow of one appointment: booked → confirmed → arrived → in room → with provider
//! → checked out, the forward jumps the desk takes (check-in without confirming, straight to
//! the provider when no room is used), no-show once the start has passed, an undo of the last
//! step (a mis-click is fixed by a new history row, nothing is deleted), and starting the
//! chart visit from an arrived appointment.

use super::ops::{current, not_found, stale};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::chart::common::VisitType;
use crate::chart::visits::{write_started_visit, Visit, VisitDraft};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentId, RoomId, TemplateId, VisitId};
use crate::permissions::{Operation, Role};
use crate::schedule::time::{practice_zone, utc_to_local};
use crate::schedule::Appointment;
use crate::schedule::AppointmentStatus;
use crate::store;
use chrono::{DateTime, Utc};

/// The steps forward the flow allows from `from`.
pub fn is_forward(from: AppointmentStatus, to: AppointmentStatus) -> bool {
    use AppointmentStatus::*;
    matches!(
        (from, to),
        (Booked, Confirmed)
            | (Booked | Confirmed, Arrived)
            | (Arrived, InRoom)
            | (Arrived | InRoom, WithProvider)
            | (Arrived | InRoom | WithProvider, CheckedOut)
            | (Booked | Confirmed, NoShow)
    )
}

impl AsUser<'_> {
    /// The next step of the flow (check-in = arrived; in room takes a room), or no-show, or
    /// back one step (the status before the latest change) to undo a mis-click.
    pub fn set_appointment_status(
        &mut self,
        id: AppointmentId,
        version: i64,
        status: AppointmentStatus,
        room: Option<RoomId>,
        now: DateTime<Utc>,
    ) -> CoreResult<Appointment> {
        self.require(
            Operation::UpdateAppointmentStatus,
            "set_appointment_status",
            now,
        )?;
        if status == AppointmentStatus::Cancelled {
            return Err(CoreError::invalid(
                "status",
                "Cancel the appointment with a reason instead",
            ));
        }
        let actor = self.actor;
        self.db.write(|tx| {
            let before = current(tx, id, version)?;
            if before.status == status {
                return Err(CoreError::invalid(
                    "status",
                    format!("The appointment is already {}", status.label()),
                ));
            }
            let undo = !is_forward(before.status, status)
                && before.status != AppointmentStatus::Cancelled
                && store::appointment_changes::status_before_last_change(tx, id)? == Some(status);
            if !undo && !is_forward(before.status, status) {
                return Err(CoreError::invalid(
                    "status",
                    format!(
                        "An appointment that is {} cannot become {}",
                        before.status.label(),
                        status.label()
                    ),
                ));
            }
            if status == AppointmentStatus::NoShow && now < before.starts_at {
                let zone = practice_zone(tx)?;
                return Err(CoreError::invalid(
                    "status",
                    format!(
                        "A no-show can be recorded once the start time ({}) has passed",
                        utc_to_local(zone, before.starts_at).format("%H:%M")
                    ),
                ));
            }
            let room = room.or(before.room_id);
            if let Some(r) = room.filter(|r| Some(*r) != before.room_id) {
                match store::appointment_changes::room_retired(tx, r)? {
                    None => {
                        return Err(CoreError::invalid(
                            "roomId",
                            "Choose a room of the practice",
                        ))
                    }
                    Some(true) => {
                        return Err(CoreError::invalid(
                            "roomId",
                            "This room is retired; choose another",
                        ))
                    }
                    Some(false) => {}
                }
            }
            if status == AppointmentStatus::InRoom && room.is_none() {
                return Err(CoreError::invalid(
                    "roomId",
                    "Choose the room the patient is in",
                ));
            }
            if !store::appointment_changes::set_status(
                tx,
                id,
                version,
                status,
                room,
                actor.user_id(),
                now,
            )? {
                return Err(stale());
            }
            let detail = if undo {
                format!("undo: back from {}", before.status.label())
            } else {
                String::new()
            };
            store::appointments::record_history(tx, id, "status", actor.user_id(), now, &detail)?;
            let event = actor
                .event(now, "set_appointment_status", Outcome::Ok)
                .entity("appointment", id)
                .patient(before.patient_id)
                .detail(format!(
                    "{} → {}{}",
                    before.status.label(),
                    status.label(),
                    if undo { " (undo)" } else { "" }
                ));
            audit::append(tx, &event)?;
            store::appointments::get(tx, id)?.ok_or_else(|| not_found(id))
        })
    }

    /// Starts the chart visit of an arrived (or later) appointment, linked to it, via
    /// `AsUser::start_visit`; the appointment moves to "with provider". The visit, the link,
    /// the status and their history rows are written in one transaction.
    pub fn start_visit_from_appointment(
        &mut self,
        id: AppointmentId,
        template: Option<TemplateId>,
        visit_id: VisitId,
        now: DateTime<Utc>,
    ) -> CoreResult<Visit> {
        let patient = self
            .db
            .read(|c| store::appointments::get(c, id))?
            .ok_or_else(|| not_found(id))?
            .patient_id;
        let access = self.require_for_patient(
            Operation::EditClinical,
            "start_visit_from_appointment",
            patient,
            now,
        )?;
        let actor = self.actor;
        self.db.write(|tx| {
            let a = store::appointments::get(tx, id)?.ok_or_else(|| not_found(id))?;
            if let Some(visit) = a.visit_id {
                return Err(CoreError::invalid(
                    "visitId",
                    format!("A visit was already started from this appointment: {visit}"),
                ));
            }
            if !matches!(
                a.status,
                AppointmentStatus::Arrived
                    | AppointmentStatus::InRoom
                    | AppointmentStatus::WithProvider
            ) {
                return Err(CoreError::invalid(
                    "status",
                    format!(
                        "The appointment is {}; check the patient in before starting the visit",
                        a.status.label()
                    ),
                ));
            }
            let facts =
                store::appointment_changes::type_facts(tx, a.type_id)?.ok_or_else(|| {
                    CoreError::NotFound {
                        entity: "appointment type",
                        id: a.type_id.to_string(),
                    }
                })?;
            let visit_type = VisitType::parse(&facts.visit_type).ok_or_else(|| {
                CoreError::Corrupt(format!("bad stored visit type {:?}", facts.visit_type))
            })?;
            let is_physician = store::users::get(tx, a.provider_id)?
                .is_some_and(|u| u.active && u.roles.contains(&Role::Physician));
            let draft = VisitDraft {
                visit_type,
                reason: if a.reason.trim().is_empty() {
                    facts.name.clone()
                } else {
                    a.reason.clone()
                },
                started_at: None,
                provider_id: is_physician.then_some(a.provider_id),
                template_id: template,
            };
            let visit = write_started_visit(tx, actor, access, patient, &draft, visit_id, now)?;
            if a.status != AppointmentStatus::WithProvider {
                let moved = store::appointment_changes::set_status(
                    tx,
                    id,
                    a.version,
                    AppointmentStatus::WithProvider,
                    a.room_id,
                    actor.user_id(),
                    now,
                )?;
                if !moved {
                    return Err(stale());
                }
                store::appointments::record_history(tx, id, "status", actor.user_id(), now, "")?;
            }
            store::appointment_changes::link_visit(tx, id, visit_id, actor.user_id(), now)?;
            store::appointments::record_history(
                tx,
                id,
                "visitStarted",
                actor.user_id(),
                now,
                &visit_id.to_string(),
            )?;
            let event = actor
                .event(now, "start_visit_from_appointment", Outcome::Ok)
                .entity("appointment", id)
                .patient(patient)
                .detail(format!("visit {visit_id}"));
            audit::append(tx, &event)?;
            Ok(visit)
        })
    }
}

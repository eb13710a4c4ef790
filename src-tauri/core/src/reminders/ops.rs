//! The reminder operations behind the checked door: the patient's reminders, decisions
//! (record, withdraw), screening procedures, and one rule's registry for the whole practice.

use super::{due_registry, reminders_from_facts, validate, RegistryRow, Reminder};
use super::{ReminderDecisionDraft, ScreeningProcedureDraft};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common::reason;
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, ReminderDecisionId, ScreeningProcedureId};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use chrono::{DateTime, Utc};

fn patient_not_found(patient: PatientId) -> CoreError {
    CoreError::NotFound {
        entity: "patient",
        id: patient.to_string(),
    }
}

impl AsUser<'_> {
    /// The patient's reminders (`ViewClinical`; audited `view_reminders`): every rule that
    /// applies to them, in the rule table's order, each with its status and why. Eight small
    /// indexed reads.
    pub fn reminders_for_patient(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Reminder>> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_reminders", patient, now)?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let facts =
                store::reminders::facts(tx, patient)?.ok_or_else(|| patient_not_found(patient))?;
            let list = reminders_from_facts(&facts, today)?;
            let event = actor
                .event(now, "view_reminders", Outcome::Ok)
                .patient(patient)
                .entity("patient", patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(list)
        })
    }

    /// Records the patient's decision on one reminder (`EditClinical`): done elsewhere with
    /// the date (and where), declined or not applicable with the reason. It supersedes the
    /// rule's open decision; nothing is rewritten. Returns the refreshed reminders.
    pub fn record_reminder_decision(
        &mut self,
        patient: PatientId,
        draft: &ReminderDecisionDraft,
        id: ReminderDecisionId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Reminder>> {
        let access = self.require_for_patient(
            Operation::EditClinical,
            "record_reminder_decision",
            patient,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let valid = validate::decision(draft, today)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            store::reminders::insert_decision(tx, id, patient, &valid, today, by, now)?;
            let replaced = store::reminders::supersede_open(tx, patient, &valid.rule, id, now)?;
            let event = actor
                .event(now, "record_reminder_decision", Outcome::Ok)
                .patient(patient)
                .entity("reminder_decision", id)
                .emergency(access == Access::Emergency)
                .detail(format!(
                    "{} {}{}",
                    valid.rule,
                    valid.kind.as_str(),
                    if replaced > 0 {
                        "; superseded the earlier decision"
                    } else {
                        ""
                    }
                ));
            audit::append(tx, &event)?;
            Ok(())
        })?;
        self.reminders_for_patient(patient, now)
    }

    /// Withdraws an open decision with the reason (`EditClinical`); it stays readable and the
    /// reminder is judged on the data again. Returns the refreshed reminders.
    pub fn withdraw_reminder_decision(
        &mut self,
        id: ReminderDecisionId,
        why: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Reminder>> {
        let (patient, _) = self
            .db
            .read(|c| store::reminders::decision_patient(c, id))?
            .ok_or_else(|| CoreError::NotFound {
                entity: "reminder decision",
                id: id.to_string(),
            })?;
        let access = self.require_for_patient(
            Operation::EditClinical,
            "withdraw_reminder_decision",
            patient,
            now,
        )?;
        let why = reason(why, "reason")?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::reminders::withdraw_decision(tx, id, &why, by, now)? {
                return Err(CoreError::invalid(
                    "reason",
                    "This decision was already withdrawn or replaced by a newer one",
                ));
            }
            let event = actor
                .event(now, "withdraw_reminder_decision", Outcome::Ok)
                .patient(patient)
                .entity("reminder_decision", id)
                .emergency(access == Access::Emergency)
                .detail(why.clone());
            audit::append(tx, &event)?;
            Ok(())
        })?;
        self.reminders_for_patient(patient, now)
    }

    /// Records a screening procedure done here or outside (`EditClinical`). Returns the
    /// refreshed reminders.
    pub fn record_screening_procedure(
        &mut self,
        patient: PatientId,
        draft: &ScreeningProcedureDraft,
        id: ScreeningProcedureId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Reminder>> {
        let access = self.require_for_patient(
            Operation::EditClinical,
            "record_screening_procedure",
            patient,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let valid = validate::procedure(draft, today)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            store::reminders::insert_procedure(tx, id, patient, &valid, by, now)?;
            let event = actor
                .event(now, "record_screening_procedure", Outcome::Ok)
                .patient(patient)
                .entity("screening_procedure", id)
                .emergency(access == Access::Emergency)
                .detail(format!(
                    "{} {}",
                    valid.procedure.as_str(),
                    valid.place.as_str()
                ));
            audit::append(tx, &event)?;
            Ok(())
        })?;
        self.reminders_for_patient(patient, now)
    }

    /// Every active patient due or overdue for one rule (`ViewClinicalReports`; audited
    /// `view_reminder_registry`).
    pub fn reminder_registry(
        &mut self,
        rule: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<RegistryRow>> {
        self.require(
            Operation::ViewClinicalReports,
            "view_reminder_registry",
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let rows = due_registry(tx, rule, today)?;
            let event = actor
                .event(now, "view_reminder_registry", Outcome::Ok)
                .detail(format!("{rule}: {} due", rows.len()));
            audit::append(tx, &event)?;
            Ok(rows)
        })
    }
}

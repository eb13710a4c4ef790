//! Medication reconciliation at a visit: every active entry gets exactly one decision —
//! confirmed, changed (with a note saying how it is really taken) or stopped (the note is the
//! reason) — all kept in one transaction with the reconciliation and its items.

use super::list::stop;
use super::{as_of, not_found};
use crate::access::{denial_message, Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common::reason as checked_reason;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{MedicationId, PatientId, ReconciliationId, VisitId};
use crate::medications::{
    Medication, MedicationOrigin, MedicationStatus, ReconciliationAction, ReconciliationItem,
    ReconciliationSummary,
};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// Checks the decisions against the active entries: each item names an active entry once,
/// every active entry has one, and a change or stop says why. Returns the items with their
/// notes trimmed.
pub(crate) fn check_items(
    active: &[Medication],
    items: &[ReconciliationItem],
) -> CoreResult<Vec<ReconciliationItem>> {
    let mut errors = Vec::new();
    let by_id: HashMap<MedicationId, &Medication> = active.iter().map(|m| (m.id, m)).collect();
    let mut seen: HashMap<MedicationId, usize> = HashMap::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if !by_id.contains_key(&item.medication_id) {
            errors.push(FieldError::new(
                format!("items.{i}.medicationId"),
                "This is not one of the patient's active medications; reload the list",
            ));
        } else if seen.insert(item.medication_id, i).is_some() {
            errors.push(FieldError::new(
                format!("items.{i}.medicationId"),
                "This medication has two decisions; keep one",
            ));
        }
        let note = match item.action {
            ReconciliationAction::Confirmed => item.note.trim().to_string(),
            _ => match checked_reason(&item.note, &format!("items.{i}.note")) {
                Ok(n) => n,
                Err(e) => {
                    errors.extend(e.field_errors().iter().cloned());
                    String::new()
                }
            },
        };
        if note.chars().count() > 500 {
            errors.push(FieldError::new(
                format!("items.{i}.note"),
                "Keep the note under 500 characters",
            ));
        }
        out.push(ReconciliationItem {
            medication_id: item.medication_id,
            action: item.action,
            note,
        });
    }
    for m in active {
        if !seen.contains_key(&m.id) {
            errors.push(FieldError::new(
                "items",
                format!("{} has no decision yet: confirm, change or stop it", m.name),
            ));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(CoreError::Invalid(errors))
    }
}

fn active_entries(
    conn: &rusqlite::Connection,
    patient: PatientId,
    today: NaiveDate,
) -> CoreResult<Vec<Medication>> {
    Ok(store::medications::list(conn, patient)?
        .into_iter()
        .map(|m| as_of(m, today))
        .filter(|m| m.status == MedicationStatus::Active)
        .collect())
}

impl AsUser<'_> {
    /// Reconciles the list at a visit: every active entry confirmed, changed (with a note) or
    /// stopped (with the note as the reason) in one transaction. Stopping a signed
    /// prescription needs a prescriber, checked per item. Audited `reconcile_medications`.
    pub fn reconcile_medications(
        &mut self,
        patient: PatientId,
        visit: Option<VisitId>,
        items: &[ReconciliationItem],
        id: ReconciliationId,
        now: DateTime<Utc>,
    ) -> CoreResult<ReconciliationSummary> {
        let access = self.require_for_patient(
            Operation::EditClinical,
            "reconcile_medications",
            patient,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let active = self.db.read(|c| active_entries(c, patient, today))?;
        let stops_prescription = items.iter().any(|item| {
            item.action == ReconciliationAction::Stopped
                && active.iter().any(|m| {
                    m.id == item.medication_id
                        && m.origin == MedicationOrigin::Prescribed
                        && m.signed_at.is_some()
                })
        });
        if stops_prescription && !self.actor.can(Operation::SignPrescriptions) {
            let event = self
                .actor
                .event(now, "reconcile_medications", Outcome::Denied)
                .patient(patient)
                .detail("stopping a signed prescription needs a prescriber");
            self.db.audit(&event)?;
            return Err(CoreError::Forbidden(format!(
                "{} (stopping a signed prescription); confirm it and ask the prescriber to stop it",
                denial_message(Operation::SignPrescriptions)
            )));
        }
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            if let Some(v) = visit {
                if store::medications::visit_patient(tx, v)? != Some(patient) {
                    return Err(CoreError::invalid(
                        "visitId",
                        "This visit is not one of this patient's visits",
                    ));
                }
            }
            let active = active_entries(tx, patient, today)?;
            let items = check_items(&active, items)?;
            for item in &items {
                let m = active
                    .iter()
                    .find(|m| m.id == item.medication_id)
                    .ok_or_else(|| not_found(item.medication_id))?;
                match item.action {
                    ReconciliationAction::Stopped => {
                        stop(tx, m, &item.note, by, now, today, "stopped")?;
                    }
                    ReconciliationAction::Confirmed | ReconciliationAction::Changed => {
                        if !store::medications::bump_version(tx, m.id, m.version)? {
                            return Err(CoreError::Conflict {
                                entity: "medication",
                            });
                        }
                        let note = match item.action {
                            ReconciliationAction::Changed => format!("changed: {}", item.note),
                            _ if item.note.is_empty() => "confirmed".to_string(),
                            _ => format!("confirmed: {}", item.note),
                        };
                        let now_m =
                            store::medications::get(tx, m.id)?.ok_or_else(|| not_found(m.id))?;
                        store::medications::append_history(
                            tx,
                            &now_m,
                            "reconciled",
                            by,
                            now,
                            Some(&note),
                        )?;
                    }
                }
            }
            store::reconciliations::insert(tx, id, patient, visit, &items, by, now)?;
            let count = |a: ReconciliationAction| items.iter().filter(|i| i.action == a).count();
            let event = actor
                .event(now, "reconcile_medications", Outcome::Ok)
                .patient(patient)
                .entity("reconciliation", id)
                .emergency(access == Access::Emergency)
                .detail(format!(
                    "{} confirmed, {} changed, {} stopped",
                    count(ReconciliationAction::Confirmed),
                    count(ReconciliationAction::Changed),
                    count(ReconciliationAction::Stopped)
                ));
            audit::append(tx, &event)?;
            store::reconciliations::last(tx, patient)?.ok_or_else(|| CoreError::NotFound {
                entity: "reconciliation",
                id: id.to_string(),
            })
        })
    }
}

//! The medication list and what ends or adds an entry without a prescription: the list
//! itself, the prescriber's queue, an entry's history, discontinuing, entered in error and
//! medications the patient reports.

use super::ops::insert_new;
use super::validate::validate_reported;
use super::{as_of, not_found};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common::reason as checked_reason;
use crate::error::{CoreError, CoreResult};
use crate::ids::{MedicationId, PatientId, UserId};
use crate::medications::{
    Medication, MedicationHistoryEntry, MedicationList, MedicationOrigin, MedicationStatus,
    ReportedMedicationDraft,
};
use crate::patient::PatientSummary;
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// One draft in the prescriber's queue with the patient it is for (name, date of birth, MRN),
/// so the queue needs no read per row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueuedPrescription {
    pub medication: Medication,
    pub patient: PatientSummary,
}

/// Splits a patient's entries into the list's three groups, as they read on `today`.
pub(crate) fn group(
    patient: PatientId,
    entries: Vec<Medication>,
    today: NaiveDate,
) -> MedicationList {
    let mut list = MedicationList {
        patient_id: patient,
        active: Vec::new(),
        drafts: Vec::new(),
        past: Vec::new(),
        last_reconciled: None,
    };
    for m in entries {
        let m = as_of(m, today);
        match m.status {
            MedicationStatus::Active => list.active.push(m),
            MedicationStatus::Draft => list.drafts.push(m),
            _ => list.past.push(m),
        }
    }
    list.active
        .sort_by_cached_key(|m| (m.name.to_lowercase(), m.written_at));
    list.drafts.sort_by_key(|m| (m.written_at, m.id));
    // Newest first: by when it left the list, or (completed) when its course ended.
    list.past.sort_by(|a, b| {
        let key = |m: &Medication| {
            m.ended_at
                .map(|t| t.date_naive())
                .or(m.end_date)
                .unwrap_or(m.written_at.date_naive())
        };
        key(b).cmp(&key(a)).then(b.written_at.cmp(&a.written_at))
    });
    list
}

/// Which permission ending or correcting an entry needs: a signed prescription is the
/// prescriber's; an unsigned draft its drafters'; a reported medication any clinician's.
fn end_operation(m: &Medication, correcting: bool) -> Operation {
    match (m.origin, m.signed_at.is_some()) {
        (MedicationOrigin::Prescribed, true) => Operation::SignPrescriptions,
        (MedicationOrigin::Prescribed, false) if !correcting => Operation::DraftPrescriptions,
        _ => Operation::EditClinical,
    }
}

/// Stops entry `m` (active, or a draft: withdrawn) inside the caller's transaction.
pub(super) fn stop(
    conn: &Connection,
    m: &Medication,
    reason: &str,
    by: UserId,
    at: DateTime<Utc>,
    today: NaiveDate,
    change: &str,
) -> CoreResult<Medication> {
    let current = as_of(m.clone(), today);
    if !matches!(
        current.status,
        MedicationStatus::Active | MedicationStatus::Draft
    ) {
        return Err(CoreError::invalid(
            "reason",
            format!("{} is not active; nothing to stop", m.name),
        ));
    }
    if !store::medications::end(
        conn,
        m.id,
        m.version,
        MedicationStatus::Stopped,
        by,
        at,
        reason,
    )? {
        return Err(CoreError::Conflict {
            entity: "medication",
        });
    }
    let ended = store::medications::get(conn, m.id)?.ok_or_else(|| not_found(m.id))?;
    store::medications::append_history(conn, &ended, change, by, at, Some(reason))?;
    Ok(as_of(ended, today))
}

impl AsUser<'_> {
    /// The entry and the permission ending it needs, read before the door is asked.
    fn entry_for_end(&mut self, id: MedicationId) -> CoreResult<Medication> {
        self.db
            .read(|c| store::medications::get(c, id))?
            .ok_or_else(|| not_found(id))
    }

    /// The patient's medication list (audited `view_medications`).
    pub fn medication_list(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<MedicationList> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_medications", patient, now)?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let mut list = group(patient, store::medications::list(tx, patient)?, today);
            list.last_reconciled = store::reconciliations::last(tx, patient)?;
            let event = actor
                .event(now, "view_medications", Outcome::Ok)
                .patient(patient)
                .entity("patient", patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(list)
        })
    }

    /// Drafts waiting for a prescriber: every unsigned prescription of the practice, oldest
    /// first (audited `view_prescription_queue`, one row). Drafts on a restricted chart are
    /// listed only while the prescriber holds emergency access to it.
    pub fn prescriptions_to_sign(
        &mut self,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<QueuedPrescription>> {
        self.require(Operation::SignPrescriptions, "view_prescription_queue", now)?;
        let today = practice_today(self.db, now)?;
        let me = self.actor.user_id();
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            // Each patient read once: None when the queue may not show them.
            let mut shown: HashMap<PatientId, Option<PatientSummary>> = HashMap::new();
            let mut queue = Vec::new();
            for m in store::medications::drafts(tx)? {
                if let std::collections::hash_map::Entry::Vacant(slot) = shown.entry(m.patient_id) {
                    let visible = match store::patients::is_restricted(tx, m.patient_id)? {
                        Some(false) => true,
                        Some(true) => {
                            store::users::active_grant(tx, me, &m.patient_id.to_string(), now)?
                        }
                        None => false,
                    };
                    slot.insert(if visible {
                        store::patients::summary(tx, m.patient_id, today)?
                    } else {
                        None
                    });
                }
                if let Some(Some(patient)) = shown.get(&m.patient_id) {
                    queue.push(QueuedPrescription {
                        patient: patient.clone(),
                        medication: as_of(m, today),
                    });
                }
            }
            let patients = shown.values().filter(|s| s.is_some()).count();
            let event = actor
                .event(now, "view_prescription_queue", Outcome::Ok)
                .detail(format!("{} drafts for {patients} patients", queue.len()));
            audit::append(tx, &event)?;
            Ok(queue)
        })
    }

    /// Every version of one entry (audited `view_medication_history`).
    pub fn medication_history(
        &mut self,
        id: MedicationId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<MedicationHistoryEntry>> {
        let patient = self.medication_patient(id)?;
        let access = self.require_for_patient(
            Operation::ViewClinical,
            "view_medication_history",
            patient,
            now,
        )?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let versions = store::medications::history(tx, id)?;
            let event = actor
                .event(now, "view_medication_history", Outcome::Ok)
                .patient(patient)
                .entity("medication", id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(versions)
        })
    }

    /// Stops an active medication with a reason (a prescription: a prescriber; a reported one:
    /// any clinical user; an unsigned draft — withdrawn — whoever may draft). Audited
    /// `discontinue_medication`.
    pub fn discontinue_medication(
        &mut self,
        id: MedicationId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let m = self.entry_for_end(id)?;
        let patient = m.patient_id;
        let access = self.require_for_patient(
            end_operation(&m, false),
            "discontinue_medication",
            patient,
            now,
        )?;
        let why = checked_reason(reason, "reason")?;
        let today = practice_today(self.db, now)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let m = store::medications::get(tx, id)?.ok_or_else(|| not_found(id))?;
            let change = if m.status == MedicationStatus::Draft {
                "withdrawn"
            } else {
                "stopped"
            };
            let stopped = stop(tx, &m, &why, by, now, today, change)?;
            let event = actor
                .event(now, "discontinue_medication", Outcome::Ok)
                .patient(patient)
                .entity("medication", id)
                .emergency(access == Access::Emergency)
                .detail(format!("{}: {why}", stopped.name));
            audit::append(tx, &event)?;
            Ok(stopped)
        })
    }

    /// Marks an entry entered in error with a reason; it stays readable under past.
    /// Audited `medication_entered_in_error`.
    pub fn medication_entered_in_error(
        &mut self,
        id: MedicationId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let m = self.entry_for_end(id)?;
        let patient = m.patient_id;
        let access = self.require_for_patient(
            end_operation(&m, true),
            "medication_entered_in_error",
            patient,
            now,
        )?;
        let why = checked_reason(reason, "reason")?;
        let today = practice_today(self.db, now)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let m = store::medications::get(tx, id)?.ok_or_else(|| not_found(id))?;
            if m.status == MedicationStatus::EnteredInError {
                return Err(CoreError::invalid(
                    "reason",
                    "This entry is already marked entered in error",
                ));
            }
            let ended = store::medications::end(
                tx,
                id,
                m.version,
                MedicationStatus::EnteredInError,
                by,
                now,
                &why,
            )?;
            if !ended {
                return Err(CoreError::Conflict {
                    entity: "medication",
                });
            }
            let marked = store::medications::get(tx, id)?.ok_or_else(|| not_found(id))?;
            store::medications::append_history(
                tx,
                &marked,
                "entered_in_error",
                by,
                now,
                Some(&why),
            )?;
            let event = actor
                .event(now, "medication_entered_in_error", Outcome::Ok)
                .patient(patient)
                .entity("medication", id)
                .emergency(access == Access::Emergency)
                .detail(why.clone());
            audit::append(tx, &event)?;
            Ok(as_of(marked, today))
        })
    }

    /// Records a medication the patient reports (coded or free text). Audited
    /// `record_reported_medication`.
    pub fn record_reported_medication(
        &mut self,
        patient: PatientId,
        draft: &ReportedMedicationDraft,
        id: MedicationId,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let access = self.require_for_patient(
            Operation::EditClinical,
            "record_reported_medication",
            patient,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let w = self.writer(now);
        let actor = self.actor;
        self.db.write(|tx| {
            let v = validate_reported(tx, draft, today)?;
            let coded = v.product.is_some();
            let m = v.into_medication(id, patient, w.by, w.by_name.clone(), now);
            let stored = insert_new(tx, &m, "reported", None)?;
            let event = actor
                .event(now, "record_reported_medication", Outcome::Ok)
                .patient(patient)
                .entity("medication", id)
                .emergency(access == Access::Emergency)
                .detail(if coded { "coded" } else { "uncoded" });
            audit::append(tx, &event)?;
            Ok(stored)
        })
    }
}

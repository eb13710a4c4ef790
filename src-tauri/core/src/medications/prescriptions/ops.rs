//! Writing and signing prescriptions: draft, save a draft, check, sign (with the override
//! reasons the interrupting alerts need), renew and change. Each is one transaction with its
//! history row and audit event.

use super::validate::{answer_alerts, validate_draft, ValidDraft};
use super::{as_of, checks, not_found, SignedPrescription};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common::reason as checked_reason;
use crate::error::{CoreError, CoreResult};
use crate::ids::{MedicationId, PatientId, UserId, VisitId};
use crate::medications::{
    safety, sig, AlertOverride, Medication, MedicationOrigin, MedicationStatus, PrescriptionDraft,
    SafetyCheck,
};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::Connection;

/// Who writes a new entry, and when.
pub(super) struct Writer {
    pub by: UserId,
    pub by_name: String,
    pub at: DateTime<Utc>,
}

/// A new unsigned prescription from a checked draft.
fn prescription(
    v: &ValidDraft,
    id: MedicationId,
    patient: PatientId,
    visit: Option<VisitId>,
    w: &Writer,
) -> Medication {
    Medication {
        id,
        patient_id: patient,
        origin: MedicationOrigin::Prescribed,
        status: MedicationStatus::Draft,
        product_code: Some(v.product.code.clone()),
        rxcui: v.product.rxcui.clone(),
        name: v.product.name.clone(),
        ingredient_codes: v
            .product
            .ingredients
            .iter()
            .map(|i| i.code.clone())
            .collect(),
        controlled: v.product.controlled,
        sig: Some(v.sig.clone()),
        sig_text: sig::describe(&v.sig),
        quantity: Some(v.quantity),
        quantity_unit: v.quantity_unit.clone(),
        refills: v.refills,
        dispense_as_written: v.dispense_as_written,
        note_to_pharmacist: v.note_to_pharmacist.clone(),
        indication: v.indication.clone(),
        reported_by: String::new(),
        visit_id: visit,
        start_date: Some(v.start_date),
        end_date: v.end_date,
        written_by: w.by,
        written_by_name: w.by_name.clone(),
        written_at: w.at,
        signed_by: None,
        signed_by_name: None,
        signed_at: None,
        renews: None,
        replaces: None,
        ended_reason: None,
        ended_by_name: None,
        ended_at: None,
        overrides: Vec::new(),
        version: 1,
    }
}

/// Refuses a visit of another patient.
fn check_visit(conn: &Connection, patient: PatientId, visit: Option<VisitId>) -> CoreResult<()> {
    let Some(visit) = visit else { return Ok(()) };
    match store::medications::visit_patient(conn, visit)? {
        Some(p) if p == patient => Ok(()),
        _ => Err(CoreError::invalid(
            "visitId",
            "This visit is not one of this patient's visits",
        )),
    }
}

/// Writes a new entry with its first history row and returns it as read back.
/// A medication reported from elsewhere (an import), written with its history entry.
pub(crate) fn insert_reported(conn: &Connection, m: &Medication) -> CoreResult<Medication> {
    insert_new(conn, m, "reported", None)
}

pub(super) fn insert_new(
    conn: &Connection,
    m: &Medication,
    change: &str,
    change_reason: Option<&str>,
) -> CoreResult<Medication> {
    store::medications::insert(conn, m, change_reason)?;
    let stored = store::medications::get(conn, m.id)?.ok_or_else(|| not_found(m.id))?;
    store::medications::append_history(
        conn,
        &stored,
        change,
        m.written_by,
        m.written_at,
        change_reason,
    )?;
    Ok(stored)
}

/// A signed prescription that a renewal or change may start from: prescribed, signed and
/// still on the list (active, completed or already superseded).
fn renewable(m: &Medication) -> CoreResult<()> {
    let ok = m.origin == MedicationOrigin::Prescribed
        && m.signed_at.is_some()
        && matches!(
            m.status,
            MedicationStatus::Active | MedicationStatus::Superseded
        );
    if ok {
        Ok(())
    } else {
        Err(CoreError::invalid(
            "id",
            "Only a signed prescription that is active (or was superseded) can be renewed or changed",
        ))
    }
}

impl AsUser<'_> {
    /// The patient an entry belongs to (so the door can check that chart).
    pub(super) fn medication_patient(&mut self, id: MedicationId) -> CoreResult<PatientId> {
        self.db
            .read(|c| store::medications::patient_of(c, id))?
            .ok_or_else(|| not_found(id))
    }

    pub(super) fn writer(&self, now: DateTime<Utc>) -> Writer {
        Writer {
            by: self.actor.user_id(),
            by_name: self.actor.display_name().to_string(),
            at: now,
        }
    }

    /// Writes a new prescription draft under `id` (physician or nurse; audited
    /// `draft_prescription`). Validates the draft field by field (quantity against sig ×
    /// duration among them).
    pub fn draft_prescription(
        &mut self,
        patient: PatientId,
        draft: &PrescriptionDraft,
        id: MedicationId,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let access = self.require_for_patient(
            Operation::DraftPrescriptions,
            "draft_prescription",
            patient,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let w = self.writer(now);
        let actor = self.actor;
        self.db.write(|tx| {
            let v = validate_draft(tx, draft, today)?;
            check_visit(tx, patient, draft.visit_id)?;
            let m = prescription(&v, id, patient, draft.visit_id, &w);
            let stored = insert_new(tx, &m, "drafted", None)?;
            let event = actor
                .event(now, "draft_prescription", Outcome::Ok)
                .patient(patient)
                .entity("medication", id)
                .emergency(access == Access::Emergency)
                .detail(stored.name.clone());
            audit::append(tx, &event)?;
            Ok(stored)
        })
    }

    /// Saves an edited draft opened at `expected_version` (audited `update_prescription_draft`).
    pub fn update_prescription_draft(
        &mut self,
        id: MedicationId,
        expected_version: u32,
        draft: &PrescriptionDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let patient = self.medication_patient(id)?;
        let access = self.require_for_patient(
            Operation::DraftPrescriptions,
            "update_prescription_draft",
            patient,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let current = store::medications::get(tx, id)?.ok_or_else(|| not_found(id))?;
            if current.status != MedicationStatus::Draft {
                return Err(CoreError::invalid(
                    "id",
                    "Only an unsigned draft can be edited; renew or change a signed prescription",
                ));
            }
            if current.version != expected_version {
                return Err(CoreError::Conflict {
                    entity: "prescription",
                });
            }
            let v = validate_draft(tx, draft, today)?;
            check_visit(tx, patient, draft.visit_id)?;
            let w = Writer {
                by: current.written_by,
                by_name: current.written_by_name.clone(),
                at: current.written_at,
            };
            let mut m = prescription(&v, id, patient, draft.visit_id, &w);
            m.renews = current.renews;
            m.replaces = current.replaces;
            if !store::medications::update_draft(tx, &m, expected_version)? {
                return Err(CoreError::Conflict {
                    entity: "prescription",
                });
            }
            let stored = store::medications::get(tx, id)?.ok_or_else(|| not_found(id))?;
            store::medications::append_history(tx, &stored, "draft_saved", by, now, None)?;
            let event = actor
                .event(now, "update_prescription_draft", Outcome::Ok)
                .patient(patient)
                .entity("medication", id)
                .emergency(access == Access::Emergency)
                .detail(format!("version {expected_version} replaced"));
            audit::append(tx, &event)?;
            Ok(stored)
        })
    }

    /// Runs every safety check on a draft against the active list and allergies, without
    /// signing (audited `check_prescription`).
    pub fn check_prescription(
        &mut self,
        id: MedicationId,
        now: DateTime<Utc>,
    ) -> CoreResult<SafetyCheck> {
        let patient = self.medication_patient(id)?;
        let access = self.require_for_patient(
            Operation::DraftPrescriptions,
            "check_prescription",
            patient,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let m = store::medications::get(tx, id)?.ok_or_else(|| not_found(id))?;
            if m.origin != MedicationOrigin::Prescribed {
                return Err(CoreError::invalid("id", "Only a prescription is checked"));
            }
            let check = checks::run(tx, &m, today)?;
            let event = actor
                .event(now, "check_prescription", Outcome::Ok)
                .patient(patient)
                .entity("medication", id)
                .emergency(access == Access::Emergency)
                .detail(format!("{} alerts", check.alerts.len()));
            audit::append(tx, &event)?;
            Ok(check)
        })
    }

    /// Refuses (audited) a signer without the credentials this prescription needs: an NPI
    /// always, a DEA number for a controlled substance.
    fn require_credentials(
        &mut self,
        patient: PatientId,
        id: MedicationId,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let me = self.actor.user_id();
        let (user, m) = self
            .db
            .read(|c| Ok((store::users::get(c, me)?, store::medications::get(c, id)?)))?;
        let m = m.ok_or_else(|| not_found(id))?;
        let has = |v: Option<&String>| v.is_some_and(|s| !s.trim().is_empty());
        let refusal = match &user {
            Some(u) if !has(u.npi.as_ref()) => Some(
                "Signing a prescription needs an NPI on your user account; ask the practice admin to add it",
            ),
            Some(u) if m.controlled.is_some() && !has(u.dea.as_ref()) => Some(
                "Signing a controlled-substance prescription needs a DEA number on your user account; ask the practice admin to add it",
            ),
            Some(_) => None,
            None => Some("Your user account was not found"),
        };
        if let Some(message) = refusal {
            let event = self
                .actor
                .event(now, "sign_prescription", Outcome::Denied)
                .patient(patient)
                .entity("medication", id)
                .detail(message);
            self.db.audit(&event)?;
            return Err(CoreError::Forbidden(message.to_string()));
        }
        Ok(())
    }

    /// Signs a draft (a prescriber: physician role with an NPI). Re-runs the checks; refuses
    /// (`CoreError::invalid("overrides", …)`) while an interrupting alert has no override
    /// reason. A signed renewal or change supersedes the prescription it replaces. Audited
    /// `sign_prescription`, each override also `override_alert`.
    pub fn sign_prescription(
        &mut self,
        id: MedicationId,
        expected_version: u32,
        overrides: &[AlertOverride],
        now: DateTime<Utc>,
    ) -> CoreResult<SignedPrescription> {
        self.sign_with(id, expected_version, overrides, now, safety::check)
    }

    /// [`Self::sign_prescription`] with the safety engine given (unit tests pass a stand-in).
    pub(super) fn sign_with(
        &mut self,
        id: MedicationId,
        expected_version: u32,
        overrides: &[AlertOverride],
        now: DateTime<Utc>,
        engine: checks::Engine,
    ) -> CoreResult<SignedPrescription> {
        let patient = self.medication_patient(id)?;
        let access = self.require_for_patient(
            Operation::SignPrescriptions,
            "sign_prescription",
            patient,
            now,
        )?;
        self.require_credentials(patient, id, now)?;
        let today = practice_today(self.db, now)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let m = store::medications::get(tx, id)?.ok_or_else(|| not_found(id))?;
            if m.status != MedicationStatus::Draft {
                return Err(CoreError::invalid(
                    "id",
                    "This prescription is not an unsigned draft",
                ));
            }
            if m.version != expected_version {
                return Err(CoreError::Conflict {
                    entity: "prescription",
                });
            }
            let check = checks::run_with(tx, &m, today, engine)?;
            let answered = answer_alerts(&check, overrides)?;
            for (alert, reason) in &answered {
                store::medications::insert_alert(tx, id, alert, reason.as_deref(), by, now)?;
            }
            if !store::medications::sign(tx, id, expected_version, by, now)? {
                return Err(CoreError::Conflict {
                    entity: "prescription",
                });
            }
            let signed = store::medications::get(tx, id)?.ok_or_else(|| not_found(id))?;
            store::medications::append_history(tx, &signed, "signed", by, now, None)?;
            let superseded = supersede(tx, &m, by, now)?;
            let overridden = answered.iter().filter(|(_, r)| r.is_some()).count();
            let event = actor
                .event(now, "sign_prescription", Outcome::Ok)
                .patient(patient)
                .entity("medication", id)
                .emergency(access == Access::Emergency)
                .detail(format!(
                    "{}; {} alerts, {overridden} overridden{}",
                    signed.name,
                    answered.len(),
                    superseded
                        .map(|old| format!("; supersedes {old}"))
                        .unwrap_or_default()
                ));
            audit::append(tx, &event)?;
            for (alert, reason) in &answered {
                if let Some(reason) = reason {
                    let event = actor
                        .event(now, "override_alert", Outcome::Ok)
                        .patient(patient)
                        .entity("medication", id)
                        .emergency(access == Access::Emergency)
                        .detail(format!("{}: {reason}", alert.title));
                    audit::append(tx, &event)?;
                }
            }
            Ok(SignedPrescription {
                medication: as_of(signed, today),
                check,
            })
        })
    }

    /// A renewal draft of a signed prescription under `new_id` (same product, sig and
    /// dispensing; a nurse may draft it for the prescriber's queue). Audited `renew_prescription`.
    pub fn renew_prescription(
        &mut self,
        id: MedicationId,
        new_id: MedicationId,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let patient = self.medication_patient(id)?;
        let access = self.require_for_patient(
            Operation::DraftPrescriptions,
            "renew_prescription",
            patient,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let w = self.writer(now);
        let actor = self.actor;
        self.db.write(|tx| {
            let old = store::medications::get(tx, id)?.ok_or_else(|| not_found(id))?;
            renewable(&old)?;
            let m = renewal(&old, new_id, today, &w);
            let stored = insert_new(tx, &m, "renewal_drafted", None)?;
            let event = actor
                .event(now, "renew_prescription", Outcome::Ok)
                .patient(patient)
                .entity("medication", new_id)
                .emergency(access == Access::Emergency)
                .detail(format!("renews {id}"));
            audit::append(tx, &event)?;
            Ok(stored)
        })
    }

    /// A draft that changes a signed prescription (new product, dose or sig) under `new_id`;
    /// on signing it supersedes the old one with `reason`. Audited `change_prescription`.
    pub fn change_prescription(
        &mut self,
        id: MedicationId,
        draft: &PrescriptionDraft,
        reason: &str,
        new_id: MedicationId,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let patient = self.medication_patient(id)?;
        let access = self.require_for_patient(
            Operation::DraftPrescriptions,
            "change_prescription",
            patient,
            now,
        )?;
        let reason = checked_reason(reason, "reason")?;
        let today = practice_today(self.db, now)?;
        let w = self.writer(now);
        let actor = self.actor;
        self.db.write(|tx| {
            let old = store::medications::get(tx, id)?.ok_or_else(|| not_found(id))?;
            renewable(&old)?;
            let v = validate_draft(tx, draft, today)?;
            check_visit(tx, patient, draft.visit_id)?;
            let mut m = prescription(&v, new_id, patient, draft.visit_id, &w);
            m.replaces = Some(id);
            let stored = insert_new(tx, &m, "change_drafted", Some(&reason))?;
            let event = actor
                .event(now, "change_prescription", Outcome::Ok)
                .patient(patient)
                .entity("medication", new_id)
                .emergency(access == Access::Emergency)
                .detail(format!("replaces {id}: {reason}"));
            audit::append(tx, &event)?;
            Ok(stored)
        })
    }
}

/// The renewal draft of `old`: its product, sig and dispensing, starting `today`.
fn renewal(old: &Medication, new_id: MedicationId, today: NaiveDate, w: &Writer) -> Medication {
    let end_date = old
        .sig
        .as_ref()
        .and_then(|s| s.duration_days)
        .filter(|d| *d >= 1)
        .and_then(|d| today.checked_add_days(Days::new(u64::from(d) - 1)));
    Medication {
        id: new_id,
        status: MedicationStatus::Draft,
        visit_id: None,
        start_date: Some(today),
        end_date,
        written_by: w.by,
        written_by_name: w.by_name.clone(),
        written_at: w.at,
        signed_by: None,
        signed_by_name: None,
        signed_at: None,
        renews: Some(old.id),
        replaces: None,
        ended_reason: None,
        ended_by_name: None,
        ended_at: None,
        overrides: Vec::new(),
        version: 1,
        ..old.clone()
    }
}

/// On signing `m`, the prescription it renews or replaces leaves the active list (if it is
/// still on it), with "renewed" or the change's reason. Returns the one superseded.
fn supersede(
    conn: &Connection,
    m: &Medication,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<Option<MedicationId>> {
    let (old_id, why) = match (m.renews, m.replaces) {
        (Some(old), _) => (old, "renewed".to_string()),
        (None, Some(old)) => (
            old,
            store::medications::change_reason(conn, m.id)?.unwrap_or_else(|| "changed".into()),
        ),
        (None, None) => return Ok(None),
    };
    let old = store::medications::get(conn, old_id)?.ok_or_else(|| not_found(old_id))?;
    if old.status != MedicationStatus::Active {
        return Ok(None);
    }
    if !store::medications::end(
        conn,
        old_id,
        old.version,
        MedicationStatus::Superseded,
        by,
        at,
        &why,
    )? {
        return Err(CoreError::Conflict {
            entity: "prescription",
        });
    }
    let ended = store::medications::get(conn, old_id)?.ok_or_else(|| not_found(old_id))?;
    store::medications::append_history(conn, &ended, "superseded", by, at, Some(&why))?;
    Ok(Some(old_id))
}

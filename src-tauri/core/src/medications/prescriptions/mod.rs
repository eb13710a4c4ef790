//! Prescribing and the medication list behind the checked door: drafts (a nurse's renewal
//! drafts wait in the prescriber's queue), signing with the safety checks and override
//! reasons, renew, change, stop, entered in error, medications the patient reports, the list
//! itself, each entry's history, and reconciliation at a visit. Signed content is never
//! rewritten: a renewal or change is a new prescription that supersedes the old on signing.

use super::{
    not_built, AlertOverride, Medication, MedicationHistoryEntry, MedicationList,
    PrescriptionDraft, ReconciliationItem, ReconciliationSummary, ReportedMedicationDraft,
    SafetyCheck,
};
use crate::access::AsUser;
use crate::error::CoreResult;
use crate::ids::{MedicationId, PatientId, ReconciliationId, VisitId};
use crate::permissions::Operation;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// A signed prescription and the alerts it was signed with.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignedPrescription {
    pub medication: Medication,
    pub check: SafetyCheck,
}

impl AsUser<'_> {
    /// The patient's medication list (audited `view_medications`).
    pub fn medication_list(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<MedicationList> {
        self.require_for_patient(Operation::ViewClinical, "view_medications", patient, now)?;
        Err(not_built("the medication list"))
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
        self.require_for_patient(
            Operation::DraftPrescriptions,
            "draft_prescription",
            patient,
            now,
        )?;
        let _ = (draft, id);
        Err(not_built("prescribing"))
    }

    /// Saves an edited draft opened at `expected_version` (audited `update_prescription_draft`).
    pub fn update_prescription_draft(
        &mut self,
        id: MedicationId,
        expected_version: u32,
        draft: &PrescriptionDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let _ = (id, expected_version, draft, now);
        Err(not_built("prescribing"))
    }

    /// Runs every safety check on a draft against the active list and allergies, without
    /// signing (audited `check_prescription`).
    pub fn check_prescription(
        &mut self,
        id: MedicationId,
        now: DateTime<Utc>,
    ) -> CoreResult<SafetyCheck> {
        let _ = (id, now);
        Err(not_built("the safety checks"))
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
        let _ = (id, expected_version, overrides, now);
        Err(not_built("signing prescriptions"))
    }

    /// A renewal draft of a signed prescription under `new_id` (same product, sig and
    /// dispensing; a nurse may draft it for the prescriber's queue). Audited `renew_prescription`.
    pub fn renew_prescription(
        &mut self,
        id: MedicationId,
        new_id: MedicationId,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let _ = (id, new_id, now);
        Err(not_built("renewals"))
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
        let _ = (id, draft, reason, new_id, now);
        Err(not_built("changes"))
    }

    /// Stops an active medication with a reason (a prescription: a prescriber; a reported one:
    /// any clinical user). Audited `discontinue_medication`.
    pub fn discontinue_medication(
        &mut self,
        id: MedicationId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let _ = (id, reason, now);
        Err(not_built("discontinuing"))
    }

    /// Marks an entry entered in error with a reason; it stays readable under past.
    /// Audited `medication_entered_in_error`.
    pub fn medication_entered_in_error(
        &mut self,
        id: MedicationId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        let _ = (id, reason, now);
        Err(not_built("entered in error"))
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
        self.require_for_patient(
            Operation::EditClinical,
            "record_reported_medication",
            patient,
            now,
        )?;
        let _ = (draft, id);
        Err(not_built("reported medications"))
    }

    /// Drafts waiting for a prescriber: every unsigned prescription of the practice, oldest
    /// first (audited `view_prescription_queue`, one row).
    pub fn prescriptions_to_sign(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<Medication>> {
        self.require(Operation::SignPrescriptions, "view_prescription_queue", now)?;
        Err(not_built("the prescription queue"))
    }

    /// Every version of one entry (audited `view_medication_history`).
    pub fn medication_history(
        &mut self,
        id: MedicationId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<MedicationHistoryEntry>> {
        let _ = (id, now);
        Err(not_built("medication history"))
    }

    /// Reconciles the list at a visit: every active entry confirmed, changed (with a note) or
    /// stopped (with the note as the reason) in one transaction. Audited `reconcile_medications`.
    pub fn reconcile_medications(
        &mut self,
        patient: PatientId,
        visit: Option<VisitId>,
        items: &[ReconciliationItem],
        id: ReconciliationId,
        now: DateTime<Utc>,
    ) -> CoreResult<ReconciliationSummary> {
        self.require_for_patient(
            Operation::EditClinical,
            "reconcile_medications",
            patient,
            now,
        )?;
        let _ = (visit, items, id);
        Err(not_built("reconciliation"))
    }
}

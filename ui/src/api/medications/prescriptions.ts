// Commands of prescribing and the medication list (see src-tauri/src/commands/prescriptions.rs).
import { call } from '../call';
import type {
  AlertOverride,
  Medication,
  MedicationHistoryEntry,
  MedicationId,
  MedicationList,
  PatientId,
  PrescriptionDraft,
  QueuedPrescription,
  ReconciliationItem,
  ReconciliationSummary,
  ReportedMedicationDraft,
  SafetyCheck,
  SignedPrescription,
  Sig,
  SigPreview,
  VisitId,
} from '../bindings';

export const prescriptionsApi = {
  /** The plain-language sig and the quantity it needs, as the form is typed. */
  sigPreview: (sig: Sig) => call<SigPreview>('sig_preview', { sig }),
  medicationList: (patientId: PatientId) => call<MedicationList>('medication_list', { patientId }),
  draftPrescription: (patientId: PatientId, draft: PrescriptionDraft) =>
    call<Medication>('draft_prescription', { patientId, draft }),
  updatePrescriptionDraft: (id: MedicationId, expectedVersion: number, draft: PrescriptionDraft) =>
    call<Medication>('update_prescription_draft', { id, expectedVersion, draft }),
  /** All safety checks on a draft, without signing. */
  checkPrescription: (id: MedicationId) => call<SafetyCheck>('check_prescription', { id }),
  /** Refused (field `overrides`) while an interrupting alert has no override reason. */
  signPrescription: (id: MedicationId, expectedVersion: number, overrides: AlertOverride[]) =>
    call<SignedPrescription>('sign_prescription', { id, expectedVersion, overrides }),
  /** A renewal draft (a nurse may draft it for the prescriber's queue). */
  renewPrescription: (id: MedicationId) => call<Medication>('renew_prescription', { id }),
  changePrescription: (id: MedicationId, draft: PrescriptionDraft, reason: string) =>
    call<Medication>('change_prescription', { id, draft, reason }),
  discontinueMedication: (id: MedicationId, reason: string) =>
    call<Medication>('discontinue_medication', { id, reason }),
  medicationEnteredInError: (id: MedicationId, reason: string) =>
    call<Medication>('medication_entered_in_error', { id, reason }),
  recordReportedMedication: (patientId: PatientId, draft: ReportedMedicationDraft) =>
    call<Medication>('record_reported_medication', { patientId, draft }),
  /** Unsigned prescriptions of the practice, oldest first. */
  /** Each draft with the patient it is for. */
  prescriptionsToSign: () => call<QueuedPrescription[]>('prescriptions_to_sign'),
  medicationHistory: (id: MedicationId) => call<MedicationHistoryEntry[]>('medication_history', { id }),
  reconcileMedications: (patientId: PatientId, visitId: VisitId | null, items: ReconciliationItem[]) =>
    call<ReconciliationSummary>('reconcile_medications', { patientId, visitId, items }),
};

// Commands of the chart's vitals area (src-tauri/src/commands/vitals.rs).
import type { PatientId, VisitId, VitalsId, VitalsInput, VitalsSet } from '../bindings';
import { call } from '../call';

export const vitalsApi = {
  /** Records one set; field errors name the input's fields (`systolic`, `weight`, …). */
  recordVitals: (patientId: PatientId, visitId: VisitId | null, input: VitalsInput) =>
    call<VitalsSet>('record_vitals', { patientId, visitId, input }),
  /** Every set of the patient, newest first, flagged for the patient's age at each. */
  listVitals: (patientId: PatientId) => call<VitalsSet[]>('list_vitals', { patientId }),
  enteredInError: (id: VitalsId, reason: string) => call<VitalsSet>('vitals_entered_in_error', { id, reason }),
};

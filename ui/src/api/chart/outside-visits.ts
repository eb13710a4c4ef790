// Commands of the chart's outside visits (see src-tauri/src/commands/outside_visits.rs).
import type { OutsideVisit, OutsideVisitId, PatientId } from '../bindings';
import { call } from '../call';

export const outsideVisitsApi = {
  /** Visits recorded elsewhere and imported, with their notes and diagnoses, newest first. */
  listOutsideVisits: (patientId: PatientId) => call<OutsideVisit[]>('list_outside_visits', { patientId }),
  /** Marks one entered in error (a physician); it stays readable, marked. */
  outsideVisitEnteredInError: (id: OutsideVisitId, reason: string) =>
    call<OutsideVisit>('outside_visit_entered_in_error', { id, reason }),
};

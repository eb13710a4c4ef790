// Commands of the chart's diagnoses area (see src-tauri/src/commands/diagnoses.rs).
import type { DiagnosisChoice, DiagnosisId, VisitDiagnosis, VisitId } from '../bindings';
import { call } from '../call';

export const diagnosesApi = {
  /** Billable ICD-10-CM codes for what was typed (code prefix, words, abbreviations), the
   *  practice's recent codes first; an empty query lists the most used codes. */
  searchDiagnoses: (query: string, limit = 20) => call<DiagnosisChoice[]>('search_diagnoses', { query, limit }),
  /** Adds a code to an unsigned visit; answers the visit's whole list. */
  addVisitDiagnosis: (visitId: VisitId, code: string, primary: boolean) =>
    call<VisitDiagnosis[]>('add_visit_diagnosis', { visitId, code, primary }),
  listVisitDiagnoses: (visitId: VisitId) => call<VisitDiagnosis[]>('list_visit_diagnoses', { visitId }),
  setPrimaryDiagnosis: (id: DiagnosisId) => call<VisitDiagnosis[]>('set_primary_diagnosis', { id }),
  diagnosisEnteredInError: (id: DiagnosisId, reason: string) =>
    call<VisitDiagnosis[]>('diagnosis_entered_in_error', { id, reason }),
};

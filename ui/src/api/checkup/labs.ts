// Commands of the chart's lab results (src-tauri/src/commands/labs.rs).
import type {
  CatalogueHit,
  LabCatalogue,
  LabCorrectionDraft,
  LabPhysician,
  LabReport,
  LabReportDraft,
  LabResultId,
  LabResultsTable,
  LabTrend,
  PatientId,
} from '../bindings';
import { call } from '../call';

export const labsApi = {
  /** Records a typed-in report; field errors name the draft's fields (`results.2.value`, `collectedAt`, …). */
  recordLabReport: (patientId: PatientId, draft: LabReportDraft) => call<LabReport>('record_lab_report', { patientId, draft }),
  /** The patient's reports, newest collected first, with their results. */
  labReports: (patientId: PatientId) => call<LabReport[]>('lab_reports', { patientId }),
  /** Tests × collection dates of the standing results. */
  labResultsTable: (patientId: PatientId) => call<LabResultsTable>('lab_results_table', { patientId }),
  /** One test's standing values, oldest first, in its canonical unit. */
  labTrend: (patientId: PatientId, loinc: string) => call<LabTrend>('lab_trend', { patientId, loinc }),
  correctLabResult: (resultId: LabResultId, draft: LabCorrectionDraft) => call<LabReport>('correct_lab_result', { resultId, draft }),
  enteredInError: (resultId: LabResultId, reason: string) => call<LabReport>('lab_result_entered_in_error', { resultId, reason }),
  searchCatalogue: (query: string) => call<CatalogueHit[]>('search_lab_catalogue', { query }),
  catalogue: () => call<LabCatalogue>('lab_catalogue'),
  physicians: () => call<LabPhysician[]>('lab_physicians'),
};

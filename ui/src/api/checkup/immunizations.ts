// Commands of the immunizations area (see src-tauri/src/commands/immunizations.rs).
import { call } from '../call';
import type {
  Immunization,
  ImmunizationDraft,
  ImmunizationForecast,
  ImmunizationId,
  PatientId,
  VaccineHit,
} from '../bindings';

export const immunizationsApi = {
  searchVaccines: (query: string, limit = 12) => call<VaccineHit[]>('search_vaccines', { query, limit }),
  recordImmunization: (patientId: PatientId, draft: ImmunizationDraft) =>
    call<Immunization>('record_immunization', { patientId, draft }),
  immunizationEnteredInError: (id: ImmunizationId, reason: string) =>
    call<Immunization>('immunization_entered_in_error', { id, reason }),
  immunizations: (patientId: PatientId) => call<Immunization[]>('immunizations', { patientId }),
  immunizationForecast: (patientId: PatientId) => call<ImmunizationForecast>('immunization_forecast', { patientId }),
};

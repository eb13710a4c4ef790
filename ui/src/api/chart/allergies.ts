// Commands of the chart's allergies area (see src-tauri/src/commands/allergies.rs).
import { call } from '../call';
import type {
  AllergenHit,
  Allergy,
  AllergyBadge,
  AllergyDraft,
  AllergyId,
  AllergyList,
  AllergyVersion,
  PatientId,
} from '../bindings';

export const allergiesApi = {
  searchAllergens: (query: string, limit = 12) => call<AllergenHit[]>('search_allergens', { query, limit }),
  recordAllergy: (patientId: PatientId, draft: AllergyDraft) => call<Allergy>('record_allergy', { patientId, draft }),
  updateAllergy: (id: AllergyId, expectedVersion: number, draft: AllergyDraft) =>
    call<Allergy>('update_allergy', { id, expectedVersion, draft }),
  allergyEnteredInError: (id: AllergyId, reason: string) => call<Allergy>('allergy_entered_in_error', { id, reason }),
  listAllergies: (patientId: PatientId) => call<AllergyList>('list_allergies', { patientId }),
  allergyHistory: (id: AllergyId) => call<AllergyVersion[]>('allergy_history', { id }),
  recordNoKnownAllergies: (patientId: PatientId, drugsOnly: boolean) =>
    call<AllergyList>('record_no_known_allergies', { patientId, drugsOnly }),
  allergyState: (patientId: PatientId) => call<AllergyBadge>('allergy_state', { patientId }),
};

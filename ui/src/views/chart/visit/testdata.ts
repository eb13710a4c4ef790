// Visits shaped like the core's answers, for the visit screens' tests.
import type { AfterVisitSummary, NoteTemplate, OutsideVisit, QueueItem, Visit, VisitSummary } from '../../../api';

export const PATIENT = 'p-ada';

export function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'v-1',
    patientId: PATIENT,
    providerId: 'u-drreyes',
    providerName: 'Dr. Ana Reyes',
    startedAt: '2026-11-26T15:00:00Z',
    visitType: 'office',
    reason: 'Blood pressure',
    templateId: null,
    note: { subjective: '', objective: '', assessment: '', plan: '' },
    draftVersion: 0,
    draftSavedAt: null,
    draftSavedByName: null,
    signed: null,
    amendments: [],
    enteredInError: null,
    createdAt: '2026-11-26T15:00:00Z',
    createdByName: 'Dr. Ana Reyes',
    ...overrides,
  };
}

export function visitSummary(overrides: Partial<VisitSummary> = {}): VisitSummary {
  return {
    id: 'v-1',
    patientId: PATIENT,
    startedAt: '2026-11-26T15:00:00Z',
    visitType: 'office',
    reason: 'Blood pressure',
    providerName: 'Dr. Ana Reyes',
    assessmentFirstLine: 'Hypertension',
    signed: null,
    amendmentCount: 0,
    enteredInError: false,
    ...overrides,
  };
}

export function template(overrides: Partial<NoteTemplate> = {}): NoteTemplate {
  return {
    id: 't-chronic',
    visitType: 'office',
    name: 'Chronic follow-up',
    subjective: 'Here for follow-up.',
    objective: '',
    assessment: '',
    plan: '',
    retired: false,
    version: 1,
    updatedAt: '2026-11-01T10:00:00Z',
    ...overrides,
  };
}

export function queueItem(overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    visitId: 'v-9',
    patientId: PATIENT,
    mrn: 1042,
    patientName: 'Ada Okafor',
    restricted: false,
    startedAt: '2026-11-24T15:00:00Z',
    visitType: 'office',
    reason: 'Flu shot',
    providerName: 'Dr. Ana Reyes',
    authorName: 'Sam Ortiz',
    draftVersion: 3,
    ...overrides,
  };
}

export function avs(overrides: Partial<AfterVisitSummary> = {}): AfterVisitSummary {
  return {
    practiceName: 'Riverside Family Practice',
    practiceAddress: '1 River Rd\nSpringfield',
    practicePhone: '555 0100',
    patientId: PATIENT,
    patientName: 'Ada Okafor',
    dateOfBirth: '1970-03-04',
    mrn: 1042,
    visitId: 'v-1',
    startedAt: '2026-11-26T15:00:00Z',
    visitType: 'office',
    providerName: 'Dr. Ana Reyes',
    reason: 'Blood pressure',
    assessment: 'Hypertension, well controlled',
    plan: 'Lisinopril 10 mg daily',
    signed: null,
    diagnoses: [{ code: 'I10', description: 'Essential (primary) hypertension', primary: true }],
    vitals: [],
    allergyState: { state: 'allergies', active: 1, highCriticality: 1 },
    allergies: [{ substance: 'Penicillin', kind: 'allergy', reaction: 'hives', severity: 'moderate', highCriticality: true }],
    ...overrides,
  };
}

export function outsideVisit(overrides: Partial<OutsideVisit> = {}): OutsideVisit {
  return {
    id: 'o-1',
    patientId: PATIENT,
    startedAt: '2026-10-15T14:00:00Z',
    endedAt: null,
    visitClass: 'emergency',
    visitType: 'Emergency room admission',
    reason: 'Sprained ankle',
    clinician: 'Dr. Sarah Rossi',
    place: 'Nantucket Cottage Hospital',
    note: 'Twisted ankle playing football.\n\nX-ray: no fracture.',
    diagnoses: [{ id: 'od-1', codeSystem: 'http://snomed.info/sct', code: '44465007', description: 'Sprain of ankle' }],
    source: 'https://github.com/synthetichealth/synthea|abc',
    importedAt: '2026-11-20T10:00:00Z',
    importedByName: 'Admin',
    enteredInError: null,
    ...overrides,
  };
}

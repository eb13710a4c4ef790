// Test data built by code: app info, patients and search hits shaped like the core's answers.
import type { AppInfo, Patient, PatientSummary, SearchHit, SearchPage } from '../api';

export const TODAY = '2026-11-26';

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: '0.1.0',
    databasePath: '/tmp/charta-test.db',
    practice: {
      name: 'Riverside Family Practice',
      address: '1 River Rd\nSpringfield',
      phone: '555 0100',
      timeZone: 'America/Chicago',
      isDemo: true,
      updatedAt: '2026-11-01T10:00:00Z',
    },
    patientCount: 3,
    today: TODAY,
    ...overrides,
  };
}

export function summary(overrides: Partial<PatientSummary> = {}): PatientSummary {
  return {
    id: 'p-smith',
    mrn: 1042,
    familyName: 'Smith',
    givenName: 'Jane',
    middleName: null,
    preferredName: 'Janie',
    dateOfBirth: '1980-03-14',
    ageYears: 46,
    sexAtBirth: 'female',
    status: 'active',
    primaryPhone: '555 0142',
    ...overrides,
  };
}

export function patient(overrides: Partial<Patient> = {}): Patient {
  const s = summary();
  return {
    id: s.id,
    mrn: s.mrn,
    familyName: s.familyName,
    givenName: s.givenName,
    middleName: null,
    preferredName: s.preferredName,
    dateOfBirth: s.dateOfBirth,
    ageYears: s.ageYears,
    sexAtBirth: s.sexAtBirth,
    genderIdentity: null,
    pronouns: 'she/her',
    phones: [{ kind: 'mobile', number: '555 0142' }],
    email: 'jane@example.org',
    address: { line1: '12 Elm St', line2: '', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'USA' },
    preferredLanguage: 'English',
    emergencyContact: null,
    status: 'active',
    deceasedOn: null,
    version: 1,
    createdAt: '2024-02-01T09:00:00Z',
    updatedAt: '2024-02-01T09:00:00Z',
    ...overrides,
  };
}

export const SMITH = summary();
export const SMYTHE = summary({ id: 'p-smythe', mrn: 1043, familyName: 'Smythe', givenName: 'John', preferredName: null, sexAtBirth: 'male', dateOfBirth: '1975-07-02', ageYears: 51, status: 'deceased', primaryPhone: null });
export const SMALL = summary({ id: 'p-small', mrn: 1044, familyName: 'Small', givenName: 'Ada', preferredName: null, dateOfBirth: '2025-06-01', ageYears: 1 });

export function page(query: string, hits: SearchHit[], hasMore = false, offset = 0): SearchPage {
  return { query, hits, hasMore, offset };
}

export function hit(p: PatientSummary, matchedBy: SearchHit['matchedBy'] = 'name'): SearchHit {
  return { patient: p, matchedBy };
}

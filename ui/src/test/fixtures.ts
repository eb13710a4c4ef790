// Test data built by code: app info, actors, users, patients, search hits, audit rows and backup
// reports shaped like the core's answers.
import type { Actor, AppInfo, AuditEntry, BackupReport, BackupResult, BackupStatus, ListedBackup, Patient, PatientSummary, Role, SearchHit, SearchPage, SessionView, User } from '../api';

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
      autoLockMinutes: 10,
      backupDir: '',
      backupsKept: 7,
      updatedAt: '2026-11-01T10:00:00Z',
    },
    phase: 'open',
    session: activeSession(DR_REYES),
    demoPassword: null,
    lockAfterSeconds: 600,
    patientCount: 3,
    today: TODAY,
    ...overrides,
  };
}

/** The one place that spells the active session's lock instant (`locks_at` on the wire today). */
export function activeSession(who: Actor): SessionView {
  return { state: 'active', actor: who, locksAt: '2026-11-26T16:10:00Z' };
}

export function actor(username: string, displayName: string, roles: Role[]): Actor {
  return { userId: `u-${username}`, username, displayName, roles };
}

export const DR_REYES = actor('drreyes', 'Dr. Ana Reyes', ['physician']);
export const NURSE = actor('nurse', 'Sam Ortiz', ['nurse']);
export const DESK = actor('desk', 'Pat Lee', ['frontDesk']);
export const ADMIN = actor('admin', 'Office Admin', ['admin']);

/** App info with `who` logged in (or locked, when `locked`). */
export function appInfoAs(who: Actor, locked = false): AppInfo {
  return appInfo({
    session: locked ? { state: 'locked', actor: who } : activeSession(who),
  });
}

export function user(a: Actor, overrides: Partial<User> = {}): User {
  return {
    id: a.userId,
    username: a.username,
    displayName: a.displayName,
    roles: a.roles,
    licenceNumber: null,
    npi: a.roles.includes('physician') ? '1234567893' : null,
    dea: null,
    active: true,
    version: 1,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    ...overrides,
  };
}

export function auditEntry(seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    at: '2026-11-26T15:04:00Z',
    userId: DR_REYES.userId,
    username: DR_REYES.username,
    action: 'view_patient',
    actionLabel: 'opened demographics',
    entity: 'patient',
    entityId: 'p-smith',
    patientId: 'p-smith',
    patientLabel: 'SMITH, Jane (Chart #1042)',
    outcome: 'ok',
    emergency: false,
    detail: '',
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
    restricted: false,
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
    restricted: false,
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

/** A verified backup taken at 09:04 practice time on `TODAY` (15:04 UTC). */
export function backupReport(overrides: Partial<BackupReport> = {}): BackupReport {
  const path = overrides.path ?? '/data/backups/charta-2026-11-26T150400Z.db';
  return {
    path,
    keystorePath: `${path}.keys`,
    createdAt: '2026-11-26T15:04:00Z',
    bytes: 3_565_158,
    tableCounts: { patients: 3, users: 4, audit_log: 120 },
    verified: true,
    problems: [],
    ...overrides,
  };
}

/** A listed backup whose stored verification passed, taken like `backupReport`. */
export function listedBackup(overrides: Partial<ListedBackup> = {}): ListedBackup {
  const path = overrides.path ?? '/data/backups/charta-2026-11-26T150400Z.db';
  return {
    path,
    keystorePath: `${path}.keys`,
    createdAt: '2026-11-26T15:04:00Z',
    bytes: 3_565_158,
    check: 'verified',
    verifiedAt: '2026-11-26T15:04:02Z',
    tableCounts: { patients: 3, users: 4, audit_log: 120 },
    problems: [],
    ...overrides,
  };
}

/** No backup running; `lastResult` as given. */
export function backupIdle(lastResult: BackupResult | null = null): BackupStatus {
  return { running: false, kind: null, phase: null, pagesDone: 0, pagesTotal: 0, lastResult };
}

/** A backup running in `phase`, `pagesDone` of `pagesTotal`. */
export function backupRunning(
  phase: BackupStatus['phase'],
  pagesDone: number,
  pagesTotal: number,
  kind: BackupStatus['kind'] = 'manual',
): BackupStatus {
  return { running: true, kind, phase, pagesDone, pagesTotal, lastResult: null };
}

/** A finished job's result. */
export function backupResult(overrides: Partial<BackupResult> = {}): BackupResult {
  return { kind: 'manual', startedAt: '2026-11-26T15:04:00Z', ok: true, report: backupReport(), error: null, ...overrides };
}

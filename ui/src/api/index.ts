// The only module that talks to the Rust core: one typed function per Tauri command, and the
// typed ApiError rebuilt from the core's ErrorReport. Nothing else in ui/src imports @tauri-apps.
import { invoke } from '@tauri-apps/api/core';
import type {
  Actor,
  AppInfo,
  AuditPage,
  AuditQuery,
  BackupStatus,
  ChainCheck,
  ErrorCode,
  ErrorReport,
  FieldError,
  ListedBackup,
  Patient,
  PatientDraft,
  PatientId,
  Practice,
  PracticeDraft,
  RegisterOutcome,
  RestoreReport,
  SearchPage,
  SearchRequest,
  SetupRequest,
  User,
  UserDraft,
  UserId,
} from './bindings';
import { ERROR_CODES } from './bindings';

export type * from './bindings';
export { ERROR_CODES } from './bindings';
export { PERMISSION_TABLE } from './permissions';

/** A code the core sent (the union and its list are generated from Rust's `ErrorCode`), or
 * `unknown` for anything else: a rejection that was not an ErrorReport, or a code this UI does not know. */
export type ApiErrorCode = ErrorCode | 'unknown';

/** An ErrorReport as it arrives: until checked, its code is only a string. */
type ReceivedReport = Omit<ErrorReport, 'code'> & { code: string };

function knownCode(code: string): ErrorCode | undefined {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : undefined;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  readonly fieldErrors: FieldError[];

  constructor(report: ReceivedReport) {
    super(report.message);
    this.name = 'ApiError';
    this.code = knownCode(report.code) ?? 'unknown';
    this.field = report.field;
    this.fieldErrors = report.fieldErrors ?? [];
  }

  /** Field errors keyed by draft path; the top-level `field` counts as one too. */
  byField(): Record<string, string> {
    const out: Record<string, string> = {};
    const add = (field: string, message: string) => {
      out[field] = out[field] ? `${out[field]} ${message}` : message;
    };
    for (const fe of this.fieldErrors) add(fe.field, fe.message);
    if (this.field && !out[this.field]) add(this.field, this.message);
    return out;
  }
}

function isErrorReport(value: unknown): value is ReceivedReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ReceivedReport).code === 'string' &&
    typeof (value as ReceivedReport).message === 'string'
  );
}

/** Turns anything a command rejected with into an ApiError. */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (isErrorReport(raw)) return new ApiError({ ...raw, fieldErrors: raw.fieldErrors ?? [] });
  const message = raw instanceof Error ? raw.message : String(raw);
  return new ApiError({ code: 'unknown', message, fieldErrors: [] });
}

type ErrorListener = (err: ApiError, command: string) => void;
let errorListener: ErrorListener | null = null;

/** One listener hears every failed command (the session module uses it to show the lock screen). */
export function onCommandError(listener: ErrorListener | null): void {
  errorListener = listener;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    const err = toApiError(raw);
    errorListener?.(err, command);
    throw err;
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  savePractice: (draft: PracticeDraft) => call<Practice>('save_practice', { draft }),
  timeZones: () => call<string[]>('time_zones'),
  searchPatients: (request: SearchRequest) => call<SearchPage>('search_patients', { request }),
  registerPatient: (draft: PatientDraft, allowDuplicates: boolean) =>
    call<RegisterOutcome>('register_patient', { draft, allowDuplicates }),
  getPatient: (id: PatientId) => call<Patient>('get_patient', { id }),
  updatePatient: (id: PatientId, expectedVersion: number, draft: PatientDraft) =>
    call<Patient>('update_patient', { id, expectedVersion, draft }),
  setRestricted: (id: PatientId, restricted: boolean) => call<void>('set_restricted', { id, restricted }),
  /** Returns the UTC instant the access ends. */
  emergencyAccess: (id: PatientId, reason: string) => call<string>('emergency_access', { id, reason }),

  /** Returns the recovery key, to be shown once. */
  setUpPractice: (request: SetupRequest) => call<string>('set_up_practice', { request }),
  /** Also "switch user" while someone is logged in or the screen is locked. */
  logIn: (username: string, password: string) => call<Actor>('log_in', { username, password }),
  unlock: (password: string) => call<Actor>('unlock', { password }),
  lock: () => call<void>('lock'),
  logOut: () => call<void>('log_out'),
  changePassword: (current: string, next: string) => call<void>('change_password', { current, new: next }),

  listUsers: () => call<User[]>('list_users'),
  createUser: (draft: UserDraft, password: string) => call<User>('create_user', { draft, password }),
  updateUser: (id: UserId, expectedVersion: number, draft: UserDraft) =>
    call<User>('update_user', { id, expectedVersion, draft }),
  resetPassword: (id: UserId, password: string) => call<void>('reset_password', { id, password }),
  /** `password` is the new password when reactivating, '' when deactivating. */
  setUserActive: (id: UserId, active: boolean, password: string) =>
    call<User>('set_user_active', { id, active, password }),

  auditReport: (query: AuditQuery) => call<AuditPage>('audit_report', { query }),
  /** Returns the path of the CSV written. */
  exportAuditCsv: (query: AuditQuery) => call<string>('export_audit_csv', { query }),
  verifyAuditChain: () => call<ChainCheck>('verify_audit_chain'),

  /** Starts an encrypted, verified backup in the background and answers at once with the
   *  running status; `dir` '' means the practice's backup folder. */
  backUpNow: (dir: string) => call<BackupStatus>('back_up_now', { dir }),
  /** The background backup's progress and the last result; poll while `running`. */
  backupStatus: () => call<BackupStatus>('backup_status'),
  /** Checks one backup again in the background; the list then shows the new result. */
  verifyBackup: (path: string) => call<BackupStatus>('verify_backup', { path }),
  /** The practice's backups, newest first, with their stored verification results. */
  listBackups: () => call<ListedBackup[]>('list_backups'),
  /** Verifies, sets the current database aside (never deleted) and swaps the backup in. */
  restoreBackup: (path: string) => call<RestoreReport>('restore_backup', { path }),
};

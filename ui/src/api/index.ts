// The only module that talks to the Rust core: one typed function per Tauri command, and the
// typed ApiError rebuilt from the core's ErrorReport. Nothing else in ui/src imports @tauri-apps.
import type {
  Actor,
  AppInfo,
  AuditPage,
  AuditQuery,
  BackupStatus,
  ChainCheck,
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
import { call } from './call';

export type * from './bindings';
export { AUDIT_ACTIONS, ERROR_CODES } from './bindings';
export { PERMISSION_TABLE } from './permissions';

export { ApiError, toApiError, onCommandError, type ApiErrorCode } from './call';
export { visitsApi } from './chart/visits';
export { outsideVisitsApi } from './chart/outside-visits';
export { templatesApi } from './chart/templates';
export { diagnosesApi } from './chart/diagnoses';
export { problemsApi } from './chart/problems';
export { allergiesApi } from './chart/allergies';
export { vitalsApi } from './chart/vitals';
export { historiesApi } from './chart/histories';
export { chartApi } from './chart/summary';
export { scheduleSetupApi } from './schedule/setup';
export { prescriptionsApi } from './medications/prescriptions';
export { catalogueApi } from './medications/catalogue';
export { prescriptionPrintApi } from './medications/print';
export { appointmentsApi } from './schedule/appointments';
export { recurrenceApi } from './schedule/recurrence';
export { slotsApi } from './schedule/slots';
export { frontDeskApi } from './schedule/front-desk';
export { immunizationsApi } from './checkup/immunizations';
export { remindersApi } from './checkup/reminders';
export { growthApi } from './checkup/growth';
export { resultsApi } from './checkup/results';
export { labsApi } from './checkup/labs';
export { reportsApi } from './checkup/reports';
export { messagesApi } from './messages/messages';
export { documentsApi, DRAFT_HEADER } from './documents/documents';
export { lettersApi } from './letters/letters';
export { recordsApi } from './records/export';
export { recordsImportApi } from './records/import';

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

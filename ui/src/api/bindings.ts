// Generated from charta-core's Rust types by tests/ts_bindings.rs. Do not edit.

export type AppInfo = { version: string, 
/**
 * Where the chart database lives, shown so staff know what to back up.
 */
databasePath: string, phase: Phase, session: SessionView, 
/**
 * Known once the practice has been opened.
 */
practice: Practice | null, patientCount: number, 
/**
 * Today at the practice, `YYYY-MM-DD`, so the UI never uses the workstation's own clock.
 */
today: string, 
/**
 * The demo users' password, shown on the login screen of the demo practice only.
 */
demoPassword: string | null, 
/**
 * Idle seconds after which the UI locks the screen (the backend enforces the same).
 */
lockAfterSeconds: number, };
export type ErrorReport = { code: ErrorCode, message: string, field?: string, fieldErrors: Array<FieldError>, };
export type ErrorCode = "invalid_input" | "not_found" | "conflict" | "schema_too_new" | "database" | "wrong_key" | "corrupt_data" | "forbidden" | "restricted" | "unauthenticated" | "session_locked" | "io" | "restart_required" | "usage" | "no_data_dir" | "internal" | "window_system";
export type FieldError = { 
/**
 * The field's path in the submitted form, e.g. `dateOfBirth` or `phones.1.number`.
 */
field: string, message: string, };
export type Practice = { name: string, 
/**
 * Free text, several lines.
 */
address: string, phone: string, 
/**
 * IANA zone such as `America/Chicago`.
 */
timeZone: string, 
/**
 * The practice holds generated demo patients only.
 */
isDemo: boolean, 
/**
 * Minutes without input after which the screen locks.
 */
autoLockMinutes: number, 
/**
 * Where the daily automatic backup goes; empty for the default beside the database.
 */
backupDir: string, 
/**
 * How many daily backups to keep.
 */
backupsKept: number, updatedAt: string, };
export type PracticeDraft = { name: string, address: string, phone: string, timeZone: string, autoLockMinutes: number, backupDir: string, backupsKept: number, };
export type Patient = { id: PatientId, 
/**
 * The practice's chart number, assigned at registration and never reused.
 */
mrn: number, familyName: string, givenName: string, middleName: string | null, preferredName: string | null, dateOfBirth: string, ageYears: number, sexAtBirth: SexAtBirth, genderIdentity: string | null, pronouns: string | null, phones: Array<Phone>, email: string | null, address: PostalAddress, preferredLanguage: string | null, emergencyContact: EmergencyContact | null, status: PatientStatus, deceasedOn: string | null, 
/**
 * Opens only through emergency access.
 */
restricted: boolean, 
/**
 * Increases with every saved edit; an edit names the version it started from.
 */
version: number, createdAt: string, updatedAt: string, };
export type PatientDraft = { familyName: string, givenName: string, middleName: string, preferredName: string, 
/**
 * `1980-03-14`, `03/14/1980` or `14.03.1980`.
 */
dateOfBirth: string, 
/**
 * `None` until chosen: the form must not register a default nobody picked.
 */
sexAtBirth: SexAtBirth | null, genderIdentity: string, pronouns: string, phones: Array<Phone>, email: string, address: PostalAddress, preferredLanguage: string, emergencyContact: EmergencyContact | null, status: PatientStatus, 
/**
 * Required when the status is deceased, in the same forms as the birth date.
 */
deceasedOn: string, };
export type PatientSummary = { id: PatientId, mrn: number, familyName: string, givenName: string, middleName: string | null, preferredName: string | null, dateOfBirth: string, ageYears: number, sexAtBirth: SexAtBirth, status: PatientStatus, 
/**
 * `None` for a restricted chart.
 */
primaryPhone: string | null, 
/**
 * The chart opens only through emergency access; the row says so.
 */
restricted: boolean, };
export type Phone = { kind: PhoneKind, 
/**
 * As the person gave it; searching ignores the formatting.
 */
number: string, };
export type PhoneKind = "mobile" | "home" | "work";
export type PostalAddress = { line1: string, line2: string, city: string, 
/**
 * State, province or county.
 */
region: string, postalCode: string, country: string, };
export type EmergencyContact = { name: string, relationship: string, phone: string, };
export type SexAtBirth = "female" | "male" | "intersex" | "unknown";
export type PatientStatus = "active" | "inactive" | "deceased";
export type SearchRequest = { query: string, limit?: number, offset?: number, };
export type SearchPage = { 
/**
 * The query this page answers, so a UI can drop answers to text it no longer shows.
 */
query: string, hits: Array<SearchHit>, offset: number, 
/**
 * More results exist past this page.
 */
hasMore: boolean, };
export type SearchHit = { patient: PatientSummary, matchedBy: MatchKind, };
export type MatchKind = "chartNumber" | "phone" | "dateOfBirth" | "name" | "soundsLike";
export type RegisterOutcome = { "outcome": "registered", patient: Patient, } | { "outcome": "possibleDuplicates", candidates: Array<DuplicateCandidate>, };
export type DuplicateCandidate = { patient: PatientSummary, reasons: Array<DuplicateReason>, };
export type DuplicateReason = "sameFamilyNameAndBirthDate" | "samePhone";
export type Role = "physician" | "nurse" | "frontDesk" | "admin";
export type Operation = "editPracticeSettings" | "searchPatients" | "viewDemographics" | "registerPatient" | "editDemographics" | "restrictChart" | "viewClinical" | "editClinical" | "signNote" | "editDiagnoses" | "editTemplates" | "emergencyAccess" | "manageUsers" | "viewAuditLog" | "exportAuditLog" | "backUp" | "restore";
export type RoleEntry = { role: Role, 
/**
 * As a person would say it, e.g. "nurse/MA".
 */
label: string, };
export type OperationRule = { operation: Operation, 
/**
 * What the audit log and the README call it.
 */
name: string, roles: Array<Role>, };
export type PermissionTable = { 
/**
 * In the table's column order.
 */
roles: Array<RoleEntry>, operations: Array<OperationRule>, };
export type Actor = { userId: UserId, username: string, displayName: string, roles: Array<Role>, };
export type User = { id: UserId, username: string, displayName: string, roles: Array<Role>, licenceNumber: string | null, 
/**
 * US National Provider Identifier.
 */
npi: string | null, 
/**
 * US DEA registration number, for controlled-substance prescriptions.
 */
dea: string | null, 
/**
 * Deactivated users cannot log in; they are never deleted.
 */
active: boolean, version: number, createdAt: string, updatedAt: string, };
export type UserDraft = { username: string, displayName: string, roles: Array<Role>, licenceNumber: string, npi: string, dea: string, };
export type AuditEntry = { seq: number, at: string, userId: UserId | null, username: string, action: string, entity: string, entityId: string, patientId: PatientId | null, 
/**
 * "FAMILY, Given (Chart #1042)" when the row names a patient.
 */
patientLabel: string | null, outcome: Outcome, emergency: boolean, detail: string, };
export type AuditPage = { entries: Array<AuditEntry>, hasMore: boolean, };
export type AuditQuery = { userId?: UserId, patientId?: PatientId, 
/**
 * Exact action name, e.g. `view_patient`.
 */
action?: string, outcome?: Outcome, 
/**
 * Only rows done under emergency access.
 */
emergencyOnly: boolean, 
/**
 * First day, `YYYY-MM-DD` at the practice.
 */
from?: string, 
/**
 * Last day (inclusive), `YYYY-MM-DD` at the practice.
 */
to?: string, sort: AuditSort, limit?: number, offset?: number, };
export type AuditSort = "newestFirst" | "oldestFirst" | "byUser" | "byAction";
export type Outcome = "ok" | "denied" | "failed";
export type ChainCheck = { rows: number, 
/**
 * The first row whose content or link does not match its hash.
 */
firstBrokenSeq: number | null, message: string, };
export type Phase = "setup" | "login" | "open";
export type SessionView = { "state": "loggedOut" } | { "state": "active", actor: Actor, 
/**
 * When the screen locks unless something happens first.
 */
locksAt: string, } | { "state": "locked", actor: Actor, };
export type SetupRequest = { practice: PracticeDraft, admin: UserDraft, password: string, };
export type Startup = "needsSetup" | "needsLogin";
export type BackupReport = { path: string, 
/**
 * The keystore copied beside it (`<backup>.keys`), if there was one to copy.
 */
keystorePath: string | null, 
/**
 * From the file name, which records when the backup was taken (UTC).
 */
createdAt: string, bytes: number, 
/**
 * Rows per table in the backup.
 */
tableCounts: Record<string, number>, 
/**
 * Opens with the key, `integrity_check` is ok, the audit chain verifies, and (for a
 * fresh backup) every table has as many rows as the database it was taken from.
 */
verified: boolean, 
/**
 * What failed, in words, when `verified` is false.
 */
problems: Array<string>, };
export type RestoreReport = { restored: BackupReport, 
/**
 * The database (and its -wal/-shm and keystore, when moved) as it was before.
 */
setAside: string[], 
/**
 * Whether the backup's keystore replaced the live one (only when the live one does not
 * hold the backup's key).
 */
keystoreReplaced: boolean, 
/**
 * Audit rows the replaced database had beyond the backup's newest row, now appended to
 * the restored log (marked as carried over).
 */
carriedRows: number, 
/**
 * What the carrying found: a replaced log that could not be read, was broken, or had
 * parted from the backup's.
 */
auditNotes: Array<string>, };
export type ListedBackup = { path: string, keystorePath: string | null, 
/**
 * From the file name (UTC).
 */
createdAt: string, 
/**
 * The file's size now; 0 when it cannot be read.
 */
bytes: number, check: BackupCheck, 
/**
 * When the stored result was made, if there is one.
 */
verifiedAt: string | null, 
/**
 * Rows per table at the last verification.
 */
tableCounts: Record<string, number>, 
/**
 * What failed or why there is no result, in words.
 */
problems: Array<string>, };
export type BackupCheck = "verified" | "failed" | "notVerified" | "unreadable";
export type BackupStatus = { running: boolean, kind: BackupKind | null, phase: BackupPhase | null, pagesDone: number, pagesTotal: number, 
/**
 * The last job that finished (a daily backup that was not due leaves it as it was).
 */
lastResult: BackupResult | null, };
export type BackupResult = { kind: BackupKind, startedAt: string, ok: boolean, report: BackupReport | null, 
/**
 * Why it failed, in words.
 */
error: string | null, };
export type BackupKind = "manual" | "daily" | "verify";
export type BackupPhase = "copying" | "verifying";
export type DiagnosisHit = { 
/**
 * The code with its dot, as billed: `E11.21`.
 */
code: string, description: string, matched: MatchedBy, 
/**
 * The inclusion term, or the abbreviation and its expansion, that matched; none when the
 * code or its description did.
 */
via: string | null, };
export type MatchedBy = "code" | "words" | "synonym";
export type VisitType = "office" | "telephone" | "home";
export type ErrorMark = { at: string, by: UserId, byName: string, reason: string, };
export type NoteTemplate = { id: TemplateId, visitType: VisitType, name: string, subjective: string, objective: string, assessment: string, plan: string, retired: boolean, version: number, updatedAt: string, };
export type AllergyState = { "state": "notAsked" } | { "state": "noKnownAllergies", drugsOnly: boolean, } | { "state": "allergies", active: number, highCriticality: number, };
export type BpPosition = "sitting" | "standing" | "lying";
export type TemperatureUnit = "celsius" | "fahrenheit";
export type HeightUnit = "cm" | "in" | "ftIn";
export type WeightUnit = "kg" | "lb";
export type LengthUnit = "cm" | "in";
export type VitalsInput = { systolic: string, diastolic: string, bpPosition: BpPosition | null, pulse: string, respiration: string, temperature: string, temperatureUnit: TemperatureUnit, spo2: string, 
/**
 * Centimetres, inches, or (with [`HeightUnit::FtIn`]) feet, the inches then in `height_inches`.
 */
height: string, heightInches: string, heightUnit: HeightUnit, weight: string, weightUnit: WeightUnit, headCircumference: string, headCircumferenceUnit: LengthUnit, painScore: string, 
/**
 * When the readings were taken; `None` means now.
 */
takenAt: string | null, };
export type VitalFlag = "normal" | "low" | "high" | "criticalLow" | "criticalHigh";
export type AgeBand = "newborn" | "infant" | "toddler" | "preschool" | "schoolAge" | "adolescent" | "adult";
export type Reading = { value: number, flag?: VitalFlag, };
export type BmiHeight = { vitalsId: VitalsId, takenAt: string, heightCm: number, };
export type VitalsSet = { id: VitalsId, patientId: PatientId, visitId?: VisitId, takenAt: string, recordedAt: string, recordedBy: UserId, recordedByName: string, 
/**
 * The age band whose ranges flagged this set.
 */
ageBand: AgeBand, systolic?: Reading, diastolic?: Reading, bpPosition?: BpPosition, pulse?: Reading, respiration?: Reading, temperatureC?: Reading, spo2?: Reading, heightCm?: Reading, weightKg?: Reading, bmi?: Reading, 
/**
 * Set when the BMI used an earlier height; `None` when it used this set's own.
 */
bmiHeightFrom?: BmiHeight, headCircumferenceCm?: Reading, painScore?: Reading, enteredInError?: ErrorMark, };
export type PatientId = string;
export type UserId = string;
export type VisitId = string;
export type AmendmentId = string;
export type TemplateId = string;
export type PhraseId = string;
export type DiagnosisId = string;
export type ProblemId = string;
export type AllergyId = string;
export type AllergyStatementId = string;
export type VitalsId = string;
export type HistoryEntryId = string;

/** Every code an error can arrive with, for checking a report at run time. */
export const ERROR_CODES: readonly ErrorCode[] = ["invalid_input","not_found","conflict","schema_too_new","database","wrong_key","corrupt_data","forbidden","restricted","unauthenticated","session_locked","io","restart_required","usage","no_data_dir","internal","window_system"];

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
export type Operation = "editPracticeSettings" | "searchPatients" | "viewDemographics" | "registerPatient" | "editDemographics" | "restrictChart" | "viewClinical" | "editClinical" | "signNote" | "editDiagnoses" | "editTemplates" | "emergencyAccess" | "viewSchedule" | "bookAppointments" | "updateAppointmentStatus" | "editScheduleSetup" | "blockTime" | "draftPrescriptions" | "signPrescriptions" | "editFavourites" | "importDrugCatalogue" | "signOffResults" | "importResults" | "viewClinicalReports" | "viewOperationalReports" | "sendMessages" | "fileDocuments" | "writeLetters" | "manageUsers" | "viewAuditLog" | "exportAuditLog" | "backUp" | "restore" | "exportRecords" | "importRecords";
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
patientLabel: string | null, 
/**
 * The action as a person would say it ("signed visit note").
 */
actionLabel: string, outcome: Outcome, emergency: boolean, detail: string, };
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
export type AuditAction = { action: string, label: string, };
export type VisitDraft = { visitType: VisitType, reason: string, 
/**
 * When the visit began; now when absent.
 */
startedAt: string | null, 
/**
 * The responsible physician; the actor when absent and the actor is a physician.
 */
providerId: UserId | null, 
/**
 * The template the note starts from.
 */
templateId: TemplateId | null, };
export type SoapNote = { subjective: string, objective: string, assessment: string, plan: string, };
export type Signature = { at: string, by: UserId, byName: string, };
export type Amendment = { id: AmendmentId, at: string, author: UserId, authorName: string, reason: string, text: string, };
export type Visit = { id: VisitId, patientId: PatientId, providerId: UserId, providerName: string, startedAt: string, visitType: VisitType, reason: string, templateId: TemplateId | null, note: SoapNote, 
/**
 * Rises by one with every saved draft; a save or signature names the version it saw.
 */
draftVersion: number, draftSavedAt: string | null, draftSavedByName: string | null, signed: Signature | null, amendments: Array<Amendment>, enteredInError: ErrorMark | null, createdAt: string, createdByName: string, };
export type VisitSummary = { id: VisitId, patientId: PatientId, startedAt: string, visitType: VisitType, reason: string, providerName: string, assessmentFirstLine: string, signed: Signature | null, amendmentCount: number, enteredInError: boolean, };
export type DraftSaved = { draftVersion: number, savedAt: string, };
export type QueueItem = { visitId: VisitId, patientId: PatientId, mrn: number, 
/**
 * "Restricted chart" for a restricted chart.
 */
patientName: string, restricted: boolean, startedAt: string, visitType: VisitType, reason: string, providerName: string, 
/**
 * Who last saved the draft (who started the visit when nobody has).
 */
authorName: string, draftVersion: number, };
export type VisitClass = "ambulatory" | "virtual" | "home" | "emergency" | "inpatient" | "observation" | "shortStay" | "field" | "other";
export type OutsideDiagnosis = { id: OutsideDiagnosisId, 
/**
 * The code system's URI (`http://hl7.org/fhir/sid/icd-10-cm`, `http://snomed.info/sct` …).
 */
codeSystem: string | null, code: string | null, description: string, };
export type OutsideVisit = { id: OutsideVisitId, patientId: PatientId, startedAt: string, endedAt: string | null, visitClass: VisitClass, 
/**
 * The other system's name for the kind of visit ("General examination of patient").
 */
visitType: string, reason: string, 
/**
 * Who saw the patient, as the other system named them (not a user of this practice).
 */
clinician: string, 
/**
 * Where: the organisation or location the other system named.
 */
place: string, 
/**
 * The visit's clinical note(s) as text; empty when the file had none.
 */
note: string, 
/**
 * In the other system's order.
 */
diagnoses: Array<OutsideDiagnosis>, 
/**
 * Where it came from (the source record of the import).
 */
source: string, importedAt: string, importedByName: string, enteredInError: ErrorMark | null, };
export type AvsDiagnosis = { code: string, description: string, primary: boolean, };
export type AvsVitals = { takenAt: string, systolic: number | null, diastolic: number | null, pulse: number | null, respiration: number | null, temperatureC: number | null, spo2: number | null, heightCm: number | null, weightKg: number | null, bmi: number | null, painScore: number | null, };
export type AvsAllergy = { substance: string, 
/**
 * `allergy` or `intolerance`.
 */
kind: string, reaction: string, severity: string | null, highCriticality: boolean, };
export type AfterVisitSummary = { practiceName: string, practiceAddress: string, practicePhone: string, patientId: PatientId, patientName: string, dateOfBirth: string, mrn: number, visitId: VisitId, startedAt: string, visitType: VisitType, providerName: string, reason: string, assessment: string, plan: string, signed: Signature | null, diagnoses: Array<AvsDiagnosis>, vitals: Array<AvsVitals>, allergyState: AllergyState, allergies: Array<AvsAllergy>, };
export type Provider = { id: UserId, name: string, };
export type TemplateDraft = { 
/**
 * `office`, `telephone` or `home`.
 */
visitType: string, name: string, subjective: string, objective: string, assessment: string, plan: string, retired: boolean, };
export type PhraseDraft = { abbreviation: string, expansion: string, 
/**
 * The practice's (needs EditTemplates) rather than the user's own (EditClinical).
 */
practiceWide: boolean, };
export type PhraseOwner = "practice" | "mine";
export type SmartPhrase = { id: PhraseId, abbreviation: string, expansion: string, owner: PhraseOwner, 
/**
 * A practice phrase the user's own phrase of the same abbreviation replaces.
 */
shadowed: boolean, updatedAt: string, };
export type BuiltinPhrase = { abbreviation: string, description: string, };
export type PhraseBook = { phrases: Array<SmartPhrase>, builtIns: Array<BuiltinPhrase>, };
export type Expansion = { text: string, };
export type DiagnosisChoice = { code: string, description: string, 
/**
 * Chapter › block, e.g. "Endocrine, nutritional and metabolic diseases (E00-E89) ›
 * Diabetes mellitus (E08-E13)".
 */
path: string, 
/**
 * Why the search found it; none for a recent code suggested for an empty box.
 */
matched: MatchedBy | null, 
/**
 * The inclusion term or abbreviation that matched.
 */
via: string | null, 
/**
 * The practice used this code before (ranked first).
 */
recent: boolean, };
export type VisitDiagnosis = { id: DiagnosisId, visitId: VisitId, patientId: PatientId, code: string, description: string, path: string, primary: boolean, position: number, addedAt: string, addedBy: UserId, addedByName: string, 
/**
 * An active problem with this code is on the patient's list.
 */
onProblemList: boolean, enteredInError: ErrorMark | null, };
export type ProblemStatus = "active" | "inactive" | "resolved";
export type ProblemDraft = { code: string | null, description: string, status: ProblemStatus, 
/**
 * Partial date: "2019", "2019-04" or "2019-04-12"; empty when unknown.
 */
onset: string, 
/**
 * Partial date, only with status resolved.
 */
resolved: string, comment: string, };
export type ProblemVisit = { visitId: VisitId, startedAt: string, reason: string, };
export type Problem = { id: ProblemId, patientId: PatientId, 
/**
 * None for a free-text problem.
 */
code: string | null, description: string, 
/**
 * The code's chapter › block; empty when uncoded.
 */
path: string, status: ProblemStatus, onset: string | null, resolved: string | null, comment: string, version: number, createdAt: string, createdByName: string, updatedAt: string, updatedByName: string, enteredInError: ErrorMark | null, 
/**
 * Latest first.
 */
visits: Array<ProblemVisit>, };
export type ProblemChange = "created" | "updated" | "enteredInError";
export type ProblemVersion = { version: number, change: ProblemChange, code: string | null, description: string, status: ProblemStatus, onset: string | null, resolved: string | null, comment: string, changedAt: string, changedBy: UserId, changedByName: string, 
/**
 * The entered-in-error reason.
 */
reason: string | null, changed: Array<string>, };
export type ProblemLink = "added" | "linked";
export type ProblemFromDiagnosis = { outcome: ProblemLink, problem: Problem, };
export type AllergenHit = { 
/**
 * `drug:amoxicillin`, `class:penicillins`, `food:peanut`, `env:latex`.
 */
code: string, name: string, category: AllergenCategory, 
/**
 * The display names of the classes a drug belongs to, nearest first ("Penicillins",
 * "Beta-lactam antibiotics").
 */
classes: Array<string>, 
/**
 * The synonym or brand that matched, when the name did not.
 */
via: string | null, };
export type AllergenCategory = "drug" | "drugClass" | "food" | "environment" | "other";
export type AllergyBadge = { state: AllergyState, substances: Array<BadgeSubstance>, };
export type BadgeSubstance = { substance: string, reaction: string, highCriticality: boolean, };
export type AllergyKind = "allergy" | "intolerance";
export type Severity = "mild" | "moderate" | "severe";
export type Criticality = "low" | "high" | "unableToAssess";
export type AllergyStatus = "active" | "inactive" | "resolved";
export type AllergyDraft = { 
/**
 * A catalogue code (`drug:amoxicillin`); none for free text, recorded as uncoded.
 */
substanceCode: string | null, 
/**
 * The substance as typed; replaced by the catalogue name when coded.
 */
substance: string, kind: AllergyKind, reaction: string, severity: Severity | null, criticality: Criticality, status: AllergyStatus, 
/**
 * A partial date: `2019`, `2019-04` or `2019-04-12`; empty when unknown.
 */
onset: string, comment: string, };
export type AllergySnapshot = { substanceCode: string | null, substance: string, category: AllergenCategory, kind: AllergyKind, reaction: string, severity: Severity | null, criticality: Criticality, status: AllergyStatus, onset: string | null, comment: string, };
export type Allergy = { id: AllergyId, patientId: PatientId, 
/**
 * The catalogue's classes of a coded drug, by name, nearest first.
 */
classes: Array<string>, version: number, recordedAt: string, recordedByName: string, updatedAt: string, updatedByName: string, enteredInError: ErrorMark | null, substanceCode: string | null, substance: string, category: AllergenCategory, kind: AllergyKind, reaction: string, severity: Severity | null, criticality: Criticality, status: AllergyStatus, onset: string | null, comment: string, };
export type AllergyChange = "created" | "updated" | "enteredInError";
export type AllergyVersion = { version: number, change: AllergyChange, snapshot: AllergySnapshot, changedAt: string, changedBy: UserId, changedByName: string, reason: string | null, };
export type AllergyStatement = { id: AllergyStatementId, drugsOnly: boolean, recordedAt: string, recordedByName: string, withdrawnAt: string | null, withdrawnByName: string | null, };
export type AllergyList = { state: AllergyState, active: Array<Allergy>, 
/**
 * Inactive and resolved.
 */
inactive: Array<Allergy>, enteredInError: Array<Allergy>, 
/**
 * Every statement, newest first.
 */
statements: Array<AllergyStatement>, };
export type HistoryTable = "social" | "family" | "surgical";
export type SocialKind = "smoking" | "alcohol" | "substance" | "occupation";
export type SocialHistoryDraft = { status: string, detail: string, 
/**
 * Smoking.
 */
packsPerDay: string, years: string, 
/**
 * Smoking, former: a partial date.
 */
quitDate: string, 
/**
 * Alcohol.
 */
drinksPerWeek: string, 
/**
 * Alcohol: AUDIT-C score 0–12, optional.
 */
auditC: string, 
/**
 * The date the history was taken (a partial date); empty means today.
 */
asOf: string, };
export type EntryMeta = { id: HistoryEntryId, patientId: PatientId, replaces: HistoryEntryId | null, recordedAt: string, recordedByName: string, supersededAt: string | null, enteredInError: ErrorMark | null, };
export type SocialEntry = { kind: SocialKind, status: string, detail: string, packsPerDay: number | null, years: number | null, 
/**
 * packs per day × years, for smoking.
 */
packYears: number | null, quitDate: string | null, drinksPerWeek: number | null, auditC: number | null, asOf: string, id: HistoryEntryId, patientId: PatientId, replaces: HistoryEntryId | null, recordedAt: string, recordedByName: string, supersededAt: string | null, enteredInError: ErrorMark | null, };
export type FamilyHistoryDraft = { 
/**
 * One of [`RELATIVES`].
 */
relative: string, condition: string, 
/**
 * An ICD-10-CM code picked from the code set; empty when typed.
 */
code: string, onsetAge: string, comment: string, };
export type FamilyEntry = { relative: string, condition: string, code: string | null, onsetAge: number | null, comment: string, id: HistoryEntryId, patientId: PatientId, replaces: HistoryEntryId | null, recordedAt: string, recordedByName: string, supersededAt: string | null, enteredInError: ErrorMark | null, };
export type SurgicalHistoryDraft = { procedure: string, 
/**
 * A partial date.
 */
performedOn: string, comment: string, };
export type SurgicalEntry = { procedure: string, performedOn: string | null, comment: string, id: HistoryEntryId, patientId: PatientId, replaces: HistoryEntryId | null, recordedAt: string, recordedByName: string, supersededAt: string | null, enteredInError: ErrorMark | null, };
export type Histories = { smoking: SocialEntry | null, alcohol: SocialEntry | null, substance: SocialEntry | null, occupation: SocialEntry | null, family: Array<FamilyEntry>, surgical: Array<SurgicalEntry>, };
export type HistoryVersions = { social: Array<SocialEntry>, family: Array<FamilyEntry>, surgical: Array<SurgicalEntry>, };
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
export type ChartSummary = { patientId: PatientId, allergyState: AllergyState, 
/**
 * Active allergies and intolerances, high criticality first.
 */
allergies: Array<SummaryAllergy>, allergyCount: number, 
/**
 * Active problems, newest onset first.
 */
problems: Array<SummaryProblem>, problemCount: number, 
/**
 * Distinct diagnoses of the last twelve months' visits (those recorded elsewhere too),
 * most recently seen first.
 */
diagnoses: Array<SummaryDiagnosis>, diagnosisCount: number, 
/**
 * Each measurement's latest value (from the latest sets) with its previous one.
 */
vitals: Array<SummaryVital>, vitalsCount: number, histories: SummaryHistories, 
/**
 * The latest visits, newest first.
 */
visits: Array<SummaryVisit>, visitCount: number, 
/**
 * The latest visits recorded in another system (brought in by an import), newest first;
 * the screen shows them among the practice's own by date.
 */
outsideVisits: Array<SummaryOutsideVisit>, outsideVisitCount: number, 
/**
 * Notes of this patient not yet signed (not entered in error).
 */
unsignedNotes: number, };
export type SummaryAllergy = { id: AllergyId, substance: string, 
/**
 * `false` for free text not matched to the catalogue.
 */
coded: boolean, kind: string, reaction: string, criticality: string, };
export type SummaryProblem = { id: ProblemId, code: string | null, description: string, 
/**
 * As recorded: `2019`, `2019-04` or `2019-04-12`.
 */
onset: string | null, };
export type SummaryDiagnosis = { 
/**
 * The ICD-10-CM code; empty for a diagnosis recorded elsewhere in another coding or none.
 */
code: string, description: string, 
/**
 * When the latest visit with this code started.
 */
lastSeenAt: string, };
export type VitalKind = "bloodPressure" | "pulse" | "weight" | "bmi" | "temperature" | "spo2";
export type Trend = "up" | "down" | "same" | "first";
export type VitalValue = { value: number, second: number | null, takenAt: string, };
export type SummaryVital = { kind: VitalKind, unit: string, current: VitalValue, currentText: string, previous: VitalValue | null, previousText: string | null, trend: Trend, };
export type SummarySocialEntry = { id: HistoryEntryId, 
/**
 * As stored, e.g. smoking `former`, alcohol `occasional`.
 */
status: string, detail: string, packYears: number | null, };
export type SummaryFamilyEntry = { id: HistoryEntryId, relative: string, condition: string, onsetAge: number | null, };
export type SummarySurgicalEntry = { id: HistoryEntryId, procedure: string, performedOn: string | null, };
export type SummaryHistories = { smoking: SummarySocialEntry | null, alcohol: SummarySocialEntry | null, occupation: SummarySocialEntry | null, 
/**
 * The first few current entries; the counts hold all of them.
 */
family: Array<SummaryFamilyEntry>, familyCount: number, surgical: Array<SummarySurgicalEntry>, surgicalCount: number, };
export type SummaryVisit = { id: VisitId, startedAt: string, visitType: VisitType, providerName: string, reason: string, signed: boolean, };
export type SummaryOutsideVisit = { id: OutsideVisitId, startedAt: string, visitType: string, reason: string, clinician: string, place: string, };
export type ChartHitKind = "note" | "amendment" | "problem" | "diagnosis" | "allergy" | "history" | "outsideVisit";
export type ChartHit = { kind: ChartHitKind, 
/**
 * The entry's own id (visit, amendment, problem, diagnosis, allergy, history entry or
 * outside visit).
 */
id: string, 
/**
 * The visit a note, amendment or diagnosis belongs to.
 */
visitId: VisitId | null, date: string, title: string, snippet: string, 
/**
 * `[start, end)` spans of matched text in `snippet`, counted in characters.
 */
highlights: Array<[number, number]>, };
export type ChartSearchPage = { hits: Array<ChartHit>, total: number, };
export type AppointmentStatus = "booked" | "confirmed" | "arrived" | "inRoom" | "withProvider" | "checkedOut" | "noShow" | "cancelled";
export type CancelKind = "patient" | "practice";
export type Appointment = { id: AppointmentId, patientId: PatientId, 
/**
 * "Family, Given" as registered.
 */
patientName: string, mrn: number, dateOfBirth: string, providerId: UserId, providerName: string, roomId: RoomId | null, roomName: string | null, typeId: AppointmentTypeId, typeName: string, 
/**
 * The type's colour, `#rrggbb`.
 */
colour: string, startsAt: string, endsAt: string, reason: string, note: string, status: AppointmentStatus, 
/**
 * When the current status was set.
 */
statusAt: string, cancelKind: CancelKind | null, cancelReason: string | null, 
/**
 * Set when the booking was made over a collision, with the user's reason.
 */
overbookReason: string | null, seriesId: SeriesId | null, 
/**
 * 0-based number of this occurrence in its series.
 */
occurrence: number | null, 
/**
 * Edited on its own: edits of the whole series leave it alone.
 */
isException: boolean, 
/**
 * The chart visit started from this appointment.
 */
visitId: VisitId | null, version: number, };
export type AppointmentDraft = { patientId: PatientId, providerId: UserId, typeId: AppointmentTypeId, roomId: RoomId | null, startsAt: string, 
/**
 * Length in minutes (5–480); the type's default unless the desk changed it.
 */
minutes: number, reason: string, note: string, 
/**
 * Book over the collisions the check found, for this reason (audited). `None` (or
 * blank) means a collision refuses the booking.
 */
overbookReason: string | null, };
export type AppointmentChange = { providerId: UserId, typeId: AppointmentTypeId, roomId: RoomId | null, startsAt: string, minutes: number, reason: string, note: string, overbookReason: string | null, };
export type CollisionKind = "provider" | "room" | "outsideHours" | "blocked";
export type Collision = { kind: CollisionKind, startsAt: string, endsAt: string, description: string, appointmentId: AppointmentId | null, blockId: BlockId | null, };
export type SeriesScope = "this" | "following" | "all";
export type Frequency = "daily" | "weekly" | "monthly" | "monthlyByWeekday";
export type RecurrenceEnd = { "kind": "until", date: string, } | { "kind": "count", count: number, };
export type RecurrenceRule = { frequency: Frequency, interval: number, ends: RecurrenceEnd, };
export type TimeOfDay = "any" | "morning" | "afternoon";
export type Span = { startsAt: string, endsAt: string, };
export type ScheduleProvider = { userId: UserId, displayName: string, 
/**
 * `#rrggbb`
 */
colour: string, displayOrder: number, active: boolean, };
export type AppointmentType = { id: AppointmentTypeId, name: string, defaultMinutes: number, 
/**
 * `#rrggbb`
 */
colour: string, 
/**
 * What kind of chart visit "Start visit" opens.
 */
visitType: VisitType, displayOrder: number, retired: boolean, };
export type Room = { id: RoomId, name: string, displayOrder: number, retired: boolean, };
export type WeekdayHours = { weekday: number, opens: string | null, closes: string | null, };
export type AvailabilityInterval = { weekday: number, starts: string, ends: string, };
export type AvailabilityTemplate = { id: AvailabilityId, providerId: UserId, effectiveFrom: string, intervals: Array<AvailabilityInterval>, };
export type BlockKind = "lunch" | "leave" | "holiday" | "closure" | "meeting" | "other";
export type Block = { id: BlockId, providerId: UserId | null, providerName: string | null, startsAt: string, endsAt: string, kind: BlockKind, reason: string, };
export type ScheduleSetup = { 
/**
 * Active and retired, in display order (the calendar shows the active ones).
 */
providers: Array<ScheduleProvider>, types: Array<AppointmentType>, rooms: Array<Room>, 
/**
 * Seven entries, Monday first.
 */
hours: Array<WeekdayHours>, };
export type ProviderHours = { providerId: UserId, open: Array<Span>, };
export type ScheduleRange = { from: string, days: number, providers: Array<ProviderHours>, appointments: Array<Appointment>, blocks: Array<Block>, };
export type AppointmentHistoryEntry = { at: string, byName: string, 
/**
 * booked, status, moved, edited, cancelled, visitStarted
 */
change: string, status: AppointmentStatus, startsAt: string, endsAt: string, providerName: string, roomName: string | null, detail: string, };
export type FlowRow = { appointment: Appointment, 
/**
 * When the patient arrived (checked in), if they have.
 */
arrivedAt: string | null, 
/**
 * Whole minutes in the current status at `FlowBoard::now`.
 */
minutesInStatus: number, 
/**
 * Whole minutes since arrival until seen by the provider (or until now, still waiting).
 */
minutesWaiting: number | null, };
export type FlowBoard = { now: string, date: string, rows: Array<FlowRow>, };
export type PatientAppointments = { 
/**
 * From now on, soonest first (cancelled ones left out).
 */
upcoming: Array<Appointment>, 
/**
 * Before now, latest first, every status.
 */
past: Array<Appointment>, noShows: number, };
export type SlotQuery = { 
/**
 * `None`: any provider.
 */
providerId: UserId | null, typeId: AppointmentTypeId, 
/**
 * The type's default length unless given.
 */
minutes: number | null, 
/**
 * The first local date to look at (the practice's today if earlier).
 */
from: string, timeOfDay: TimeOfDay, 
/**
 * How many slots (1–20).
 */
count: number, };
export type FreeSlot = { providerId: UserId, providerName: string, startsAt: string, endsAt: string, };
export type WaitListEntry = { id: WaitListId, patientId: PatientId, patientName: string, mrn: number, dateOfBirth: string, 
/**
 * The patient's first phone, to call them.
 */
phone: string | null, providerId: UserId | null, providerName: string | null, typeId: AppointmentTypeId, typeName: string, 
/**
 * The booking they hold and want moved earlier.
 */
appointmentId: AppointmentId | null, currentStartsAt: string | null, earliest: string | null, latest: string | null, timeOfDay: TimeOfDay, note: string, createdAt: string, };
export type WaitListDraft = { patientId: PatientId, providerId: UserId | null, typeId: AppointmentTypeId, appointmentId: AppointmentId | null, earliest: string | null, latest: string | null, timeOfDay: TimeOfDay, note: string, };
export type PlannedOccurrence = { startsAt: string, endsAt: string, collisions: Array<Collision>, };
export type SeriesBooking = { seriesId: SeriesId, booked: Array<Appointment>, skipped: Array<PlannedOccurrence>, };
export type ProviderCandidate = { userId: UserId, displayName: string, 
/**
 * "Physician", "Nurse", as the admin reads them.
 */
roles: Array<string>, 
/**
 * Has a row on the schedule (active or retired).
 */
isProvider: boolean, };
export type AvailabilityDraft = { providerId: UserId, effectiveFrom: string, intervals: Array<AvailabilityInterval>, };
export type BlockDraft = { providerId: UserId | null, startsAt: string, endsAt: string, allDay: boolean, kind: BlockKind, reason: string, };
export type BlockResult = { block: Block, coveredAppointments: number, };
export type AppointmentTypeDraft = { name: string, 
/**
 * 5–480, in steps of 5.
 */
defaultMinutes: number, 
/**
 * `#rrggbb`
 */
colour: string, visitType: VisitType, displayOrder: number, retired: boolean, };
export type RoomDraft = { name: string, displayOrder: number, retired: boolean, };
export type CallListRow = { appointment: Appointment, 
/**
 * Every phone of the patient, in the order registered.
 */
phones: Array<string>, };
export type Route = "oral" | "sublingual" | "buccal" | "topical" | "transdermal" | "ophthalmic" | "otic" | "nasal" | "inhaled" | "rectal" | "vaginal" | "subcutaneous" | "intramuscular" | "intravenous" | "other";
export type ControlledSchedule = "CII" | "CIII" | "CIV" | "CV";
export type Ingredient = { 
/**
 * The ingredient's code in the allergen/drug vocabulary (`drug:amoxicillin`), so the
 * allergy and interaction checks match it; `rxin:<RxCUI>` for an imported ingredient the
 * vocabulary does not know.
 */
code: string, name: string, 
/**
 * Amount per dose unit, in `unit` (500 for "500 mg" per tablet; 80 for 400 mg/5 mL per mL).
 */
amount: number | null, 
/**
 * "mg", "mcg", "g", "unit", "mEq", "%" …
 */
unit: string, };
export type ProductSource = "formulary" | "rxnormImport";
export type Product = { 
/**
 * Charta's key: `rx:<RxCUI>` when RxNorm-coded, else `charta:<slug>`.
 */
code: string, rxcui: string | null, 
/**
 * As a prescriber reads it: "amoxicillin 500 mg oral capsule".
 */
name: string, ingredients: Array<Ingredient>, 
/**
 * As printed: "500 mg", "875 mg / 125 mg", "400 mg/5 mL".
 */
strength: string, 
/**
 * "tablet", "extended-release tablet", "capsule", "oral suspension", "inhaler", "cream" …
 */
doseForm: string, 
/**
 * What one dose is counted in: "tablet", "capsule", "mL", "puff", "drop", "application",
 * "unit", "patch", "spray".
 */
doseUnit: string, route: Route, 
/**
 * Drug-class codes (`class:ace-inhibitors`), from the vocabulary, closed transitively.
 */
classes: Array<string>, controlled: ControlledSchedule | null, 
/**
 * Brand names and synonyms that find it ("Coumadin", "Jantoven").
 */
brands: Array<string>, source: ProductSource, };
export type DoseLimit = { ingredient: string, route: Route, unit: string, 
/**
 * "10–40 mg once daily".
 */
adultUsual: string, adultMaxPerDay: number | null, 
/**
 * Children, by weight: the most per kg per day, and the absolute cap per day.
 */
childMaxPerKgPerDay: number | null, childMaxPerDay: number | null, 
/**
 * Where the figures come from (label, reference).
 */
source: string, };
export type SigFrequency = "onceDaily" | "twiceDaily" | "threeTimesDaily" | "fourTimesDaily" | "every4Hours" | "every6Hours" | "every8Hours" | "every12Hours" | "everyMorning" | "atBedtime" | "everyOtherDay" | "onceWeekly" | "once";
export type Sig = { 
/**
 * 1, 0.5, 2, 5 (mL) …
 */
dose: number, 
/**
 * The product's dose unit ("tablet", "mL", "puff" …).
 */
doseUnit: string, route: Route, frequency: SigFrequency, 
/**
 * As needed; then `prn_indication` says for what ("for pain").
 */
prn: boolean, prnIndication: string, 
/**
 * Days of treatment; none = ongoing.
 */
durationDays: number | null, 
/**
 * Anything else the label says ("with food", "do not crush").
 */
extra: string, };
export type PrescriptionDraft = { productCode: string, sig: Sig, quantity: number, 
/**
 * Usually the product's dose unit ("tablet", "mL"); "inhaler", "tube", "bottle" for a
 * whole package.
 */
quantityUnit: string, refills: number, dispenseAsWritten: boolean, noteToPharmacist: string, 
/**
 * Why it is prescribed ("hypertension"), printed when the prescriber chooses.
 */
indication: string, 
/**
 * The visit it was prescribed at, if any.
 */
visitId: VisitId | null, startDate: string | null, };
export type ReportedMedicationDraft = { 
/**
 * A product found by search, or none for free text.
 */
productCode: string | null, 
/**
 * The free text ("turmeric capsules", "blood pressure pill from Dr. Lee") when uncoded;
 * ignored when coded.
 */
name: string, 
/**
 * How the patient takes it, in their words.
 */
howTaken: string, 
/**
 * "patient", "hospital discharge", "Dr. Lee (cardiology)" …
 */
reportedBy: string, startDate: string | null, };
export type MedicationOrigin = "prescribed" | "reported";
export type MedicationStatus = "draft" | "active" | "stopped" | "superseded" | "completed" | "enteredInError";
export type Medication = { id: MedicationId, patientId: PatientId, origin: MedicationOrigin, status: MedicationStatus, 
/**
 * None for an uncoded (free-text) reported medication.
 */
productCode: string | null, rxcui: string | null, 
/**
 * The product's name when it was written (kept, even if the catalogue changes), or the
 * free text.
 */
name: string, 
/**
 * Ingredient codes the checks match (empty when uncoded).
 */
ingredientCodes: Array<string>, controlled: ControlledSchedule | null, 
/**
 * Structured sig (prescriptions; reported ones may have none).
 */
sig: Sig | null, 
/**
 * The plain-language sig ("Take 1 tablet by mouth twice daily for 10 days"), or the
 * patient's words for a reported one.
 */
sigText: string, quantity: number | null, quantityUnit: string, refills: number, dispenseAsWritten: boolean, noteToPharmacist: string, indication: string, reportedBy: string, visitId: VisitId | null, startDate: string | null, 
/**
 * Last day of the course when the sig has a duration.
 */
endDate: string | null, 
/**
 * Who wrote it (the drafter: a nurse for a renewal draft, or the physician).
 */
writtenBy: UserId, writtenByName: string, writtenAt: string, 
/**
 * The prescriber who signed it.
 */
signedBy: UserId | null, signedByName: string | null, signedAt: string | null, 
/**
 * The prescription this one renews or changes.
 */
renews: MedicationId | null, replaces: MedicationId | null, 
/**
 * Why it was stopped / entered in error, who and when.
 */
endedReason: string | null, endedByName: string | null, endedAt: string | null, 
/**
 * Alerts overridden when it was signed (shown on its history).
 */
overrides: Array<AlertOverride>, version: number, };
export type MedicationList = { patientId: PatientId, 
/**
 * Active prescriptions and reported medications, by name.
 */
active: Array<Medication>, 
/**
 * Unsigned prescriptions (drafts and renewal drafts waiting for a prescriber).
 */
drafts: Array<Medication>, 
/**
 * Stopped, superseded, completed and entered-in-error ones, newest first.
 */
past: Array<Medication>, 
/**
 * When the list was last reconciled, and by whom.
 */
lastReconciled: ReconciliationSummary | null, };
export type AlertKind = "drugDrug" | "drugAllergy" | "duplicateTherapy" | "dose" | "renal" | "age";
export type AlertSeverity = "minor" | "moderate" | "major" | "contraindicated";
export type SafetyAlert = { 
/**
 * Stable for the same finding on the same prescription ("ddi:<rule id>:<medication id>",
 * "allergy:<allergy id>", "duplicate:<medication id>", "dose:<ingredient>",
 * "renal:<caution id>", "age:<caution id>"): an override names the alert by it.
 */
key: string, kind: AlertKind, severity: AlertSeverity, 
/**
 * One line: "Warfarin + ibuprofen (NSAID): bleeding".
 */
title: string, 
/**
 * Mechanism and effect.
 */
detail: string, 
/**
 * What to do.
 */
action: string, 
/**
 * The citation the rule comes from.
 */
source: string, 
/**
 * The rule's id in its asset table, when a table rule fired.
 */
ruleId: string | null, 
/**
 * The active medication or allergy it is about.
 */
medicationId: MedicationId | null, allergyId: AllergyId | null, };
export type SafetyCheck = { 
/**
 * Most serious first.
 */
alerts: Array<SafetyAlert>, 
/**
 * Whether any alert interrupts (needs an override reason to sign).
 */
needsOverride: boolean, };
export type AlertOverride = { key: string, reason: string, 
/**
 * Filled from the alert when stored (ignored on input).
 */
title: string, severity: AlertSeverity | null, };
export type ReconciliationAction = "confirmed" | "changed" | "stopped";
export type ReconciliationItem = { medicationId: MedicationId, action: ReconciliationAction, note: string, };
export type ReconciliationSummary = { at: string, byName: string, visitId: VisitId | null, confirmed: number, changed: number, stopped: number, };
export type Favourite = { id: FavouriteId, 
/**
 * "Amoxicillin for otitis media (adult)".
 */
label: string, product: Product, sig: Sig, quantity: number, quantityUnit: string, refills: number, createdByName: string, };
export type FavouriteDraft = { label: string, productCode: string, sig: Sig, quantity: number, quantityUnit: string, refills: number, };
export type MedicationHistoryEntry = { version: number, 
/**
 * "drafted", "signed", "renewal drafted", "changed", "stopped", "superseded",
 * "reconciled", "entered in error" …
 */
change: string, at: string, byName: string, reason: string | null, sigText: string, overrides: Array<AlertOverride>, };
export type DrugHit = { product: Product, 
/**
 * The brand or synonym that matched ("Coumadin"), when not the name itself.
 */
via: string | null, 
/**
 * Whether it is one of the practice's favourites (those come first).
 */
favourite: boolean, };
export type SignedPrescription = { medication: Medication, check: SafetyCheck, };
export type QueuedPrescription = { medication: Medication, patient: PatientSummary, };
export type DrugImportReport = { id: DrugImportId, importedAt: string, importedByName: string, 
/**
 * The folder the files came from.
 */
source: string, 
/**
 * Products added or updated (by RxCUI).
 */
products: number, 
/**
 * Of which already present and updated.
 */
updated: number, 
/**
 * Ingredients matched to the vocabulary (so checks see them) and not matched.
 */
ingredientsMatched: number, ingredientsUnmatched: number, 
/**
 * Lines of the files read.
 */
lines: number, 
/**
 * Products of the files left out: suppressed, obsolete or for animals only.
 */
skipped: number, };
export type TypeCount = { resourceType: string, file: string, count: number, };
export type PracticeExport = { dir: string, patients: number, resources: number, byType: Array<TypeCount>, };
export type ExportProgress = { done: number, total: number, };
export type ImportIssue = { 
/**
 * `Condition/abc` (or the resource type and its place in the file).
 */
resource: string, 
/**
 * The element, as a FHIRPath-like path: `code.coding[0].code`.
 */
path: string, message: string, };
export type ChartOutcome = "wouldCreate" | "created" | "alreadyImported" | "possibleDuplicate" | "invalid";
export type Tally = { name: string, count: number, };
export type ChartReport = { 
/**
 * The Patient resource (`Patient/abc`).
 */
resource: string, 
/**
 * "Family, Given" as the file has it.
 */
name: string, birthDate: string, outcome: ChartOutcome, 
/**
 * The chart number made, or the one it matched.
 */
mrn: number | null, 
/**
 * Why it was matched or refused, in a sentence.
 */
detail: string, 
/**
 * What was (would be) filed: problems, allergies, medications …
 */
records: Array<Tally>, 
/**
 * Resource types kept in the chart's import document rather than filed.
 */
kept: Array<Tally>, 
/**
 * Resources left out on purpose, by reason.
 */
skipped: Array<Tally>, issues: Array<ImportIssue>, };
export type ImportReport = { dryRun: boolean, files: number, resources: number, charts: Array<ChartReport>, created: number, alreadyImported: number, duplicates: number, invalid: number, 
/**
 * Records filed, over all charts, by kind.
 */
records: Array<Tally>, 
/**
 * Resources kept as documents, over all charts, by type.
 */
kept: Array<Tally>, 
/**
 * Resources that are nobody's chart (practitioners, organisations …), by type.
 */
outside: Array<Tally>, 
/**
 * Resources pointing at a patient the files do not hold.
 */
orphans: Array<ImportIssue>, };
export type ImportProgress = { done: number, total: number, };
export type PatientColumn = "familyName" | "givenName" | "middleName" | "preferredName" | "dateOfBirth" | "sexAtBirth" | "mobilePhone" | "homePhone" | "workPhone" | "email" | "addressLine1" | "addressLine2" | "city" | "region" | "postalCode" | "country" | "preferredLanguage" | "ignore";
export type DateFormat = "iso" | "monthDayYear" | "dayMonthYear" | "dayMonthYearDots";
export type CsvOptions = { 
/**
 * One per column of the file, in order.
 */
mapping: Array<PatientColumn> | null, dateFormat: DateFormat | null, };
export type CellError = { 
/**
 * The file's line number (the header is line 1).
 */
row: number, 
/**
 * The column's header as the file has it ("" for the whole row).
 */
column: string, message: string, };
export type RowOutcome = "wouldCreate" | "created" | "possibleDuplicate" | "invalid";
export type CsvRow = { row: number, name: string, dateOfBirth: string, outcome: RowOutcome, mrn: number | null, detail: string, errors: Array<CellError>, };
export type CsvImportReport = { dryRun: boolean, headers: Array<string>, 
/**
 * The mapping used, one per column.
 */
mapping: Array<PatientColumn>, 
/**
 * The birth-date format used; every format the values fit in `date_formats`.
 */
dateFormat: DateFormat | null, dateFormats: Array<DateFormat>, 
/**
 * Each phone column's usual shape ("(999) 999-9999"), by header.
 */
phoneShapes: Array<[string, string]>, rows: Array<CsvRow>, 
/**
 * What the mapping lacks ("Choose the column that holds the family name"); while any,
 * no row is read (the preview shows the columns to map).
 */
missingColumns: Array<string>, created: number, duplicates: number, invalid: number, };
export type AppointmentColumn = "chartNumber" | "familyName" | "givenName" | "dateOfBirth" | "date" | "startTime" | "endTime" | "minutes" | "provider" | "appointmentType" | "room" | "reason" | "note" | "status" | "ignore";
export type CsvAppointmentOptions = { 
/**
 * One per column of the file, in order.
 */
mapping: Array<AppointmentColumn> | null, dateFormat: DateFormat | null, 
/**
 * Book rows that collide with the book (or fall outside availability) anyway, for this
 * reason, audited as overbooking. `None` (or blank): such a row is refused.
 */
overbookReason: string | null, };
export type AppointmentRowOutcome = "wouldBook" | "booked" | "wouldRecord" | "recorded" | "alreadyBooked" | "collides" | "skipped" | "invalid";
export type CsvAppointmentRow = { row: number, 
/**
 * "Family, Given (chart N)" once found; the row's own text otherwise.
 */
patient: string, mrn: number | null, 
/**
 * The start in the practice's zone, "2026-12-04 09:00".
 */
starts: string, provider: string, outcome: AppointmentRowOutcome, detail: string, errors: Array<CellError>, };
export type CsvAppointmentReport = { dryRun: boolean, headers: Array<string>, mapping: Array<AppointmentColumn>, dateFormat: DateFormat | null, dateFormats: Array<DateFormat>, rows: Array<CsvAppointmentRow>, 
/**
 * What the mapping lacks; while any, no row is read.
 */
missingColumns: Array<string>, booked: number, recorded: number, alreadyBooked: number, collides: number, skipped: number, invalid: number, };
export type PrescriptionPrint = { printId: PrintId, practiceName: string, 
/**
 * Letterhead lines: address, phone.
 */
practiceLines: Array<string>, prescriberName: string, prescriberCredentials: string, licenceNumber: string | null, npi: string | null, 
/**
 * Only for a controlled substance.
 */
dea: string | null, patientName: string, 
/**
 * The chart number, printed with the name.
 */
patientMrn: number, patientDateOfBirth: string | null, patientAddress: Array<string>, date: string, medication: Medication, 
/**
 * "30 (thirty) tablets".
 */
quantityText: string, 
/**
 * "2 (two)" or "none".
 */
refillsText: string, controlled: string | null, 
/**
 * When the copy was made (the print view says "printed <time>").
 */
printedAt: string, };
export type MedicationListPrint = { printId: PrintId, practiceName: string, practiceLines: Array<string>, patientName: string, patientMrn: number, patientDateOfBirth: string | null, date: string, active: Array<Medication>, 
/**
 * Active allergies and intolerances: "Penicillin (hives)".
 */
allergies: Array<string>, 
/**
 * With no active allergy: "No known drug allergies" or "Allergies not recorded".
 */
allergyStatement: string | null, printedAt: string, };
export type PrintedCopy = { id: PrintId, patientId: PatientId, medicationId: MedicationId | null, 
/**
 * As stored: "prescription" or "medication_list".
 */
kind: string, printedAt: string, printedByName: string, bytes: number, };
export type SigPreview = { 
/**
 * The plain-language sig.
 */
text: string, dosesPerDay: number, 
/**
 * Dose × doses a day × duration, in the dose unit; none without a duration.
 */
expectedQuantity: number | null, };
export type ReportSource = "manual" | "hl7" | "outside";
export type ResultStatus = "final" | "preliminary" | "corrected";
export type LabFlag = "normal" | "low" | "high" | "criticalLow" | "criticalHigh" | "abnormal" | "none";
export type LabValue = { "kind": "number", "value": number } | { "kind": "text", "value": string };
export type LabUnit = { unit: string, 
/**
 * canonical = value × factor + offset.
 */
toCanonical: number, 
/**
 * Zero but for affine conversions (HbA1c mmol/mol → %).
 */
offset: number, };
export type ReferenceRange = { sex: SexAtBirth | null, minAgeDays: bigint | null, maxAgeDays: bigint | null, low: number | null, high: number | null, criticalLow: number | null, criticalHigh: number | null, 
/**
 * Where the range comes from (`assets/labs/ranges.tsv`).
 */
source: string, };
export type LabTest = { loinc: string, name: string, 
/**
 * As a physician says it: "HbA1c", "LDL", "TSH".
 */
shortName: string, 
/**
 * None: a text result (urinalysis dipstick, HIV screen …).
 */
canonicalUnit: string | null, 
/**
 * The canonical unit first.
 */
units: Array<LabUnit>, ranges: Array<ReferenceRange>, 
/**
 * For a text result, the normal answer ("negative"); anything else flags abnormal.
 */
expectedText: string | null, 
/**
 * Decimals to show in the canonical unit.
 */
decimals: number, 
/**
 * Outside these (canonical unit) a value is not a human's: refused at entry.
 */
plausibleLow: number | null, plausibleHigh: number | null, 
/**
 * Where the units come from.
 */
source: string, };
export type LabPanel = { code: string, name: string, shortName: string, 
/**
 * LOINC codes of its tests, in report order.
 */
tests: Array<string>, };
export type TrendPoint = { resultId: LabResultId, collectedAt: string, value: number, flag: LabFlag, 
/**
 * Charta computed it (the eGFR from a creatinine).
 */
computed: boolean, };
export type LabTrend = { loinc: string, name: string, unit: string | null, points: Array<TrendPoint>, 
/**
 * The reference range for the patient today (canonical unit), for the plot's band.
 */
refLow: number | null, refHigh: number | null, decimals: number, };
export type Hl7ImportOutcome = { "kind": "matched", import: Hl7ImportId, patient: PatientId, reports: Array<LabReportId>, } | { "kind": "held", import: Hl7ImportId, why: string, } | { "kind": "duplicate", import: Hl7ImportId, 
/**
 * The earlier file's status: "matched" or "held".
 */
status: string, };
export type ImmunizationKind = "given" | "historical" | "refused";
export type ForecastStatus = "notYetDue" | "due" | "overdue" | "complete" | "refused" | "notApplicable";
export type SeriesForecast = { series: string, label: string, status: ForecastStatus, 
/**
 * Valid doses counted so far.
 */
dosesCounted: number, 
/**
 * The next dose's number, its earliest valid date and the date it is due (none when
 * complete / not applicable).
 */
nextDose: number | null, earliest: string | null, due: string | null, 
/**
 * Why, in words ("dose 2 of MMR: at least 28 days after dose 1, from 12 months").
 */
reason: string, 
/**
 * The schedule rule's citation.
 */
source: string, 
/**
 * Doses recorded but not counted, each named with why ("MMR on 2025-03-01 (at 10
 * months) not counted: before the minimum age of 12 months for dose 1").
 */
notCounted: Array<string>, 
/**
 * The last valid dose.
 */
lastGiven: string | null, };
export type ImmunizationForecast = { asOf: string, series: Array<SeriesForecast>, };
export type GrowthMeasure = "weightForAge" | "lengthHeightForAge" | "bmiForAge" | "headCircumferenceForAge" | "weightForLength";
export type GrowthPoint = { measure: GrowthMeasure, ageDays: number, value: number, z: number, percentile: number, 
/**
 * "WHO 2006" or "CDC 2000".
 */
reference: string, 
/**
 * The chart it is placed on.
 */
chart: GrowthReference, 
/**
 * The vitals set it comes from.
 */
vitalsId: VitalsId, takenAt: string, 
/**
 * Weight-for-length only: the length (cm) the weight is placed at, the plot's x.
 */
lengthCm?: number, };
export type GrowthChart = { 
/**
 * Oldest first.
 */
points: Array<GrowthPoint>, 
/**
 * The percentile lines of every chart the child has a point on, and of the charts for
 * the child's age today.
 */
curves: Array<GrowthCurve>, sexAtBirth: SexAtBirth, dateOfBirth: string, 
/**
 * The child's age today (practice zone), in days.
 */
ageDays: number, 
/**
 * Why nothing is plotted (an adult; a sex at birth the references do not cover).
 */
reason?: string, 
/**
 * Measurements no reference covers (e.g. a head circumference after 36 months).
 */
notes: Array<string>, };
export type ReminderStatus = "due" | "overdue" | "upToDate" | "doneElsewhere" | "declined" | "notApplicable";
export type Reminder = { 
/**
 * The rule's stable id ("colorectal", "breast", …).
 */
rule: string, title: string, status: ReminderStatus, 
/**
 * Due: since when; up to date / done elsewhere: until when; declined: asked again from.
 */
dueOn: string | null, 
/**
 * Why it applies: the rule in words and the data used ("age 52; no colonoscopy or FIT
 * on record").
 */
why: string, 
/**
 * USPSTF citation and date.
 */
source: string, 
/**
 * The procedures that satisfy it (what "record a procedure" offers).
 */
procedures: Array<ScreeningProcedureKind>, 
/**
 * The open decision the status rests on (or that has lapsed), so it can be withdrawn.
 */
decision: ReminderDecision | null, };
export type RegistryRow = { patient: PatientId, status: ReminderStatus, dueOn: string | null, };
export type ReportKind = { "kind": "remindersDue", rule: string, } | { "kind": "diabetesControl" } | { "kind": "bloodPressureControl" } | { "kind": "immunizationCoverage" } | { "kind": "visitsPerProvider" } | { "kind": "noShowRate" };
export type PracticeReport = { title: string, columns: Array<string>, rows: Array<Array<string>>, 
/**
 * How many patients the report counts (its denominator where it has one).
 */
patientCount: number, kind: ReportKind, 
/**
 * Exactly what is counted: population, period, codes, thresholds, what is left out.
 */
definition: string, 
/**
 * The measure it follows (e.g. "CMS122v12"), or "" for an operational count.
 */
source: string, 
/**
 * The measure's numerator where it has one (its denominator is `patient_count`).
 */
numerator: number | null, 
/**
 * The practice day the report was run for.
 */
asOf: string, chart: ReportChart, moreTables: Array<ReportTable>, 
/**
 * What the patient list shows: its heading and the value columns after name/DOB/MRN.
 */
patientListTitle: string, patientColumns: Array<string>, patients: Array<ReportPatient>, };
export type ImmunizationDraft = { kind: ImmunizationKind, cvx: string, givenOn: string, doseNumber: number | null, lot: string, expiresOn: string, 
/**
 * MVX code or name; the catalogue's when it lists one manufacturer and none is typed.
 */
manufacturer: string, site: string, route: string, 
/**
 * Who gave a historical dose (outside the practice).
 */
givenByName: string, 
/**
 * Where a historical dose was recorded ("school record", "CVS pharmacy").
 */
sourceNote: string, visDate: string, refusalReason: string, };
export type Immunization = { id: ImmunizationId, patientId: PatientId, cvx: string, vaccine: string, kind: ImmunizationKind, givenOn: string, doseNumber: number | null, lot: string | null, expiresOn: string | null, manufacturer: string | null, site: string | null, route: string | null, 
/**
 * The practice's giver, or the outside giver of a historical dose.
 */
givenByName: string | null, visDate: string | null, refusalReason: string | null, sourceNote: string | null, 
/**
 * The forecast series it counts toward (ids, e.g. "mmr").
 */
series: Array<string>, recordedAt: string, recordedByName: string, enteredInError: ErrorMark | null, };
export type VaccineHit = { cvx: string, name: string, description: string, active: boolean, manufacturers: Array<string>, brands: Array<string>, 
/**
 * The forecast series it counts toward (labels, as the forecast shows them).
 */
series: Array<string>, };
export type ScreeningProcedureKind = "colonoscopy" | "fit" | "fitDna" | "ctColonography" | "flexSigmoidoscopy" | "mammogram" | "cervicalCytology" | "hpvTest" | "coTest" | "ldct" | "dexa" | "aaaUltrasound" | "phq9";
export type DecisionKind = "doneElsewhere" | "declined" | "notApplicable";
export type ReminderDecision = { id: ReminderDecisionId, rule: string, kind: DecisionKind, doneOn: string | null, place: string | null, reason: string | null, decidedOn: string, recordedAt: string, recordedByName: string, };
export type ReminderDecisionDraft = { rule: string, kind: DecisionKind | null, doneOn: string, place: string, reason: string, };
export type ProcedurePlace = "here" | "outside";
export type ScreeningProcedureDraft = { procedure: ScreeningProcedureKind | null, performedOn: string, place: ProcedurePlace, facility: string, score: string, resultNote: string, };
export type GrowthReference = "who" | "cdc" | "cdcInfant";
export type GrowthCurve = { measure: GrowthMeasure, chart: GrowthReference, 
/**
 * 3, 5, 10, 25, 50, 75, 90, 95 or 97.
 */
percentile: number, xs: Array<number>, ys: Array<number>, };
export type MessageKind = "message" | "task" | "phoneNote" | "refillRequest";
export type Priority = "routine" | "urgent";
export type MessageStatus = "open" | "done";
export type Recipient = { "kind": "user", id: UserId, } | { "kind": "role", role: Role, };
export type MessageDraft = { kind: MessageKind, to: Recipient, patientId: PatientId | null, subject: string, body: string, 
/**
 * Clinical content: hidden from roles that may not view the clinical record.
 */
clinical: boolean, priority: Priority, dueOn: string | null, 
/**
 * Phone notes: who called and the number to call back.
 */
caller: string, callbackNumber: string, 
/**
 * Refill requests: the patient's medication asked for.
 */
medicationId: MedicationId | null, };
export type MessagePatient = { id: PatientId, 
/**
 * "Family, Given".
 */
name: string, mrn: number, };
export type Message = { id: MessageId, threadId: MessageId, kind: MessageKind, patient: MessagePatient | null, fromId: UserId, fromName: string, to: Recipient, 
/**
 * The user's name, or the role as a person would say it ("any physician").
 */
toName: string, 
/**
 * "Clinical message" when the content is hidden from the reader.
 */
subject: string, 
/**
 * None when the content is clinical and the reader may not view the clinical record.
 */
body: string | null, clinical: boolean, priority: Priority, dueOn: string | null, caller: string | null, callbackNumber: string | null, medicationId: MedicationId | null, createdAt: string, 
/**
 * The thread's status (on its first message).
 */
status: MessageStatus, statusByName: string | null, statusAt: string | null, 
/**
 * When the reader read it (their own messages count as read).
 */
readAt: string | null, };
export type InboxThread = { first: Message, lastAt: string, messages: number, 
/**
 * Messages addressed to the reader they have not read.
 */
unread: number, 
/**
 * Open with a due date before today.
 */
overdue: boolean, };
export type InboxFilter = "open" | "done" | "all";
export type Inbox = { 
/**
 * Urgent first, then overdue, then newest activity first.
 */
threads: Array<InboxThread>, counts: InboxCounts, 
/**
 * The reader's referrals still waiting for the specialist's report past the expected
 * date (a physician's; empty for anyone else), longest overdue first.
 */
overdueReferrals: Array<Referral>, };
export type InboxCounts = { unread: number, overdue: number, urgent: number, 
/**
 * The reader's referrals overdue for their report.
 */
referralsOverdue: number, 
/**
 * Critical lab reports waiting for the reader's sign-off.
 */
criticalResults: number, };
export type StatusChange = { status: MessageStatus, byName: string, at: string, };
export type MessageThread = { messages: Array<Message>, history: Array<StatusChange>, };
export type RecipientChoice = { recipient: Recipient, 
/**
 * "any physician", or "Dr Maria Reyes (physician)".
 */
label: string, };
export type DocumentCategory = "outsideRecord" | "specialistReport" | "labReport" | "imagingReport" | "consentForm" | "insuranceCard" | "identification" | "correspondence";
export type MediaType = "application/pdf" | "image/png" | "image/jpeg";
export type DocumentTask = { to: Recipient, note: string, priority: Priority, dueOn: string | null, };
export type DocumentDraft = { patientId: PatientId, category: DocumentCategory, title: string, documentDate: string, 
/**
 * The picked file's name, kept for the record.
 */
fileName: string, 
/**
 * The type the picker reported; it must agree with the content.
 */
declaredType: string, note: string, task: DocumentTask | null, };
export type Document = { id: DocumentId, patientId: PatientId, category: DocumentCategory, clinical: boolean, title: string, documentDate: string, mediaType: MediaType, fileName: string, byteCount: number, note: string, filedByName: string, filedAt: string, taskMessageId: MessageId | null, enteredInErrorAt: string | null, enteredInErrorByName: string | null, enteredInErrorReason: string | null, 
/**
 * Whether this reader may open it (a clinical document is listed to the desk, who may
 * have filed it, but opens only for clinical roles).
 */
viewable: boolean, };
export type CategoryChoice = { category: DocumentCategory, label: string, clinical: boolean, };
export type LetterKind = "referral" | "workSchoolNote" | "resultsLetter" | "generic";
export type LetterTemplate = { id: LetterTemplateId, kind: LetterKind, name: string, subject: string, body: string, active: boolean, updatedByName: string | null, updatedAt: string, };
export type LetterTemplateDraft = { kind: LetterKind, name: string, subject: string, body: string, active: boolean, };
export type LetterField = { name: string, meaning: string, };
export type LetterRequest = { patientId: PatientId, templateId: LetterTemplateId, 
/**
 * Name and address lines of whom it goes to ("Dr Kim Lee, Cardiology").
 */
recipient: string, 
/**
 * Why: the referral's question, the note's statement, the letter's message.
 */
reason: string, };
export type LetterText = { templateId: LetterTemplateId | null, kind: LetterKind, recipient: string, subject: string, body: string, };
export type ReferralDraft = { specialty: string, reason: string, expectedBy: string, };
export type LetterToSign = { patientId: PatientId, text: LetterText, 
/**
 * Required for a referral letter, refused for any other.
 */
referral: ReferralDraft | null, };
export type Letter = { id: LetterId, patientId: PatientId, kind: LetterKind, recipient: string, subject: string, body: string, signedByName: string, signedAt: string, enteredInErrorAt: string | null, enteredInErrorReason: string | null, referralId: ReferralId | null, };
export type ReferralStatus = "sent" | "appointmentMade" | "reportReceived" | "closed";
export type ReferralChange = { status: ReferralStatus, note: string, documentId: DocumentId | null, changedByName: string, changedAt: string, };
export type Referral = { id: ReferralId, letterId: LetterId, patient: MessagePatient, specialty: string, referredTo: string, reason: string, physicianName: string, expectedBy: string, status: ReferralStatus, statusAt: string, 
/**
 * Still waiting for the specialist after the expected date.
 */
overdue: boolean, 
/**
 * Oldest first.
 */
history: Array<ReferralChange>, };
export type ReferralUpdate = { status: ReferralStatus, note: string, 
/**
 * The filed report, for "report received".
 */
documentId: DocumentId | null, };
export type WorstFlag = "critical" | "abnormal" | "normal";
export type LabReportPatient = { id: PatientId, mrn: number, 
/**
 * "Quenneville, Ada" (or "Restricted chart" for a restricted one).
 */
name: string, dateOfBirth: string, restricted: boolean, };
export type ResultLine = { id: LabResultId, loinc: string, name: string, value: LabValue, unit: string | null, refLow: number | null, refHigh: number | null, refText: string | null, flag: LabFlag, labFlag: string | null, status: ResultStatus, comment: string | null, 
/**
 * It corrects an earlier result.
 */
corrects: boolean, };
export type Review = { by: UserId, byName: string, at: string, comment: string | null, };
export type LetterRecord = { id: ResultsLetterId, printedAt: string, printedByName: string, };
export type InboxItem = { reportId: LabReportId, patient: LabReportPatient, panelName: string, panelCode: string | null, status: ResultStatus, worstFlag: WorstFlag, collectedAt: string, receivedAt: string, resultCount: number, 
/**
 * Its results outside their range (what the row shows).
 */
flagged: Array<ResultLine>, review: Review | null, letters: Array<LetterRecord>, };
export type ResultsInbox = { 
/**
 * Critical first, then abnormal, then normal; oldest first within.
 */
unreviewed: Array<InboxItem>, 
/**
 * Signed off in the last 14 days, newest first (to notify the patient).
 */
recentlySigned: Array<InboxItem>, };
export type ResultFileRow = { id: Hl7ImportId, fileName: string, 
/**
 * "held", "matched" or "refused".
 */
status: string, why: string | null, 
/**
 * The patient as the file names them.
 */
filePatient: string, patient: LabReportPatient | null, receivedAt: string, receivedByName: string, decidedAt: string | null, decidedByName: string | null, };
export type ResultFiles = { folder: string | null, held: Array<ResultFileRow>, recent: Array<ResultFileRow>, };
export type FileObservation = { code: string, name: string, value: LabValue, unit: string | null, range: string | null, labFlag: string | null, status: ResultStatus, };
export type FileOrder = { panelName: string, panelCode: string | null, collectedAt: string, 
/**
 * OBR-16 as sent: "1234567893 Elena Reyes".
 */
orderingProvider: string | null, observations: Array<FileObservation>, };
export type HeldResultFile = { row: ResultFileRow, mrn: string | null, familyName: string, givenName: string, dateOfBirth: string | null, sex: string, orders: Array<FileOrder>, 
/**
 * The file's physician could not be matched: the human must pick one.
 */
needsPhysician: boolean, rawText: string, };
export type PhysicianChoice = { id: UserId, name: string, };
export type LetterLine = { name: string, 
/**
 * "182 mg/dL"
 */
value: string, 
/**
 * "usual range 70–99 mg/dL" (none: no range known)
 */
range: string | null, 
/**
 * "higher than the usual range", "within the usual range" …
 */
meaning: string, flag: LabFlag, };
export type ResultsLetter = { reportId: LabReportId, patientId: PatientId, practiceName: string, practiceAddress: string, practicePhone: string, date: string, patientName: string, patientAddress: Array<string>, greeting: string, panelName: string, collectedOn: string, lines: Array<LetterLine>, summary: string, comment: string | null, physicianName: string, letters: Array<LetterRecord>, };
export type FolderRun = { folder: string | null, matched: number, held: number, duplicates: number, refused: number, 
/**
 * Files left in place, with why ("cannot read …").
 */
problems: Array<string>, };
export type ReportFlag = "normal" | "abnormal" | "critical";
export type LabResult = { id: LabResultId, reportId: LabReportId, loinc: string, name: string, 
/**
 * The catalogue's short name ("HbA1c"), else the name.
 */
shortName: string, value: LabValue, unit: string | null, canonicalValue: number | null, canonicalUnit: string | null, 
/**
 * The range applied, in `unit`.
 */
refLow: number | null, refHigh: number | null, refText: string | null, flag: LabFlag, labFlag: string | null, collectedAt: string, status: ResultStatus, comment: string | null, 
/**
 * The earlier result this one corrects.
 */
supersedes: LabResultId | null, 
/**
 * The correction that replaces this one (it stays readable).
 */
supersededBy: LabResultId | null, 
/**
 * Charta computed it (the eGFR from a creatinine) rather than a lab reporting it.
 */
computed: boolean, 
/**
 * Decimals to show (the catalogue's, else 2).
 */
decimals: number, enteredInError: ErrorMark | null, };
export type LabReport = { id: LabReportId, patientId: PatientId, source: ReportSource, panelCode: string | null, panelName: string, responsibleId: UserId | null, responsibleName: string | null, collectedAt: string, receivedAt: string, performingLab: string | null, status: ResultStatus, enteredBy: UserId, enteredByName: string, enteredAt: string, worstFlag: ReportFlag, reviewedAt: string | null, reviewedByName: string | null, reviewComment: string | null, comment: string | null, enteredInError: ErrorMark | null, results: Array<LabResult>, };
export type LabResultDraft = { loinc: string, value: string, 
/**
 * None: the test's canonical unit.
 */
unit: string | null, comment: string, };
export type LabReportDraft = { 
/**
 * `manual` (into the responsible physician's inbox) or `outside` (a result from
 * elsewhere: counts for reminders, reaches no inbox).
 */
source: ReportSource, panelCode: string | null, collectedAt: string, responsibleId: UserId | null, performingLab: string, comment: string, results: Array<LabResultDraft>, };
export type LabCorrectionDraft = { value: string, unit: string | null, reason: string, };
export type LabTableCell = { resultId: LabResultId, 
/**
 * The value as shown: canonical unit with the test's decimals, else as reported.
 */
display: string, flag: LabFlag, computed: boolean, };
export type LabTableRow = { loinc: string, shortName: string, unit: string | null, cells: Array<LabTableCell | null>, };
export type LabResultsTable = { columns: string[], rows: Array<LabTableRow>, };
export type CatalogueHitKind = "panel" | "test";
export type CatalogueHit = { kind: CatalogueHitKind, code: string, name: string, shortName: string, 
/**
 * The tests a panel expands to (a test: itself).
 */
tests: Array<string>, };
export type LabCatalogue = { tests: Array<LabTest>, panels: Array<LabPanel>, };
export type LabPhysician = { id: UserId, name: string, };
export type ReportListing = { kind: ReportKind, 
/**
 * `ReportKind::key`.
 */
key: string, title: string, clinical: boolean, };
export type ChartStyle = "bars" | "lines";
export type ChartSeries = { name: string, 
/**
 * One value per label.
 */
values: Array<number>, };
export type ReportChart = { style: ChartStyle, labels: Array<string>, series: Array<ChartSeries>, 
/**
 * What the values are ("patients", "%", "visits").
 */
unit: string, };
export type ReportTable = { title: string, columns: Array<string>, rows: Array<Array<string>>, };
export type ReportPatient = { patient: PatientId, name: string, dateOfBirth: string | null, mrn: number, restricted: boolean, values: Array<string>, };
export type PatientId = string;
export type UserId = string;
export type VisitId = string;
export type AmendmentId = string;
export type OutsideVisitId = string;
export type OutsideDiagnosisId = string;
export type TemplateId = string;
export type PhraseId = string;
export type DiagnosisId = string;
export type ProblemId = string;
export type AllergyId = string;
export type AllergyStatementId = string;
export type VitalsId = string;
export type HistoryEntryId = string;
export type AppointmentId = string;
export type SeriesId = string;
export type MedicationId = string;
export type FavouriteId = string;
export type DrugImportId = string;
export type ReconciliationId = string;
export type PrintId = string;
export type AppointmentTypeId = string;
export type RoomId = string;
export type BlockId = string;
export type AvailabilityId = string;
export type WaitListId = string;
export type LabReportId = string;
export type LabResultId = string;
export type Hl7ImportId = string;
export type ImmunizationId = string;
export type ReminderDecisionId = string;
export type ScreeningProcedureId = string;
export type ResultsLetterId = string;
export type MessageId = string;
export type DocumentId = string;
export type LetterTemplateId = string;
export type LetterId = string;
export type ReferralId = string;

/** Every audit action with its label, in the report filter's order. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [{"action":"setup","label":"set up the practice"},{"action":"login","label":"logged in"},{"action":"logout","label":"logged out"},{"action":"lock","label":"locked the screen"},{"action":"unlock","label":"unlocked the screen"},{"action":"close","label":"closed Charta"},{"action":"change_password","label":"changed own password"},{"action":"save_practice","label":"changed practice settings"},{"action":"list_users","label":"listed users"},{"action":"create_user","label":"created a user"},{"action":"update_user","label":"changed a user"},{"action":"deactivate_user","label":"deactivated a user"},{"action":"reactivate_user","label":"reactivated a user"},{"action":"set_user_active","label":"activated or deactivated a user"},{"action":"reset_password","label":"reset a password"},{"action":"search_patients","label":"searched patients"},{"action":"duplicate_check","label":"was shown possible duplicates"},{"action":"register_patient","label":"registered a patient"},{"action":"view_patient","label":"opened demographics"},{"action":"view_patient_history","label":"viewed demographics history"},{"action":"update_patient","label":"changed demographics"},{"action":"restrict_chart","label":"restricted or unrestricted a chart"},{"action":"emergency_access","label":"used emergency access"},{"action":"patient_summaries","label":"listed patients"},{"action":"seed_demo","label":"generated the demo practice"},{"action":"add_generated_patients","label":"added generated patients"},{"action":"view_chart_summary","label":"opened the chart summary"},{"action":"search_chart","label":"searched within a chart"},{"action":"list_providers","label":"listed the physicians"},{"action":"start_visit","label":"started a visit"},{"action":"view_visits","label":"listed visits"},{"action":"view_visit","label":"opened a visit note"},{"action":"save_draft","label":"saved a note draft"},{"action":"sign_note","label":"signed visit note"},{"action":"amend_note","label":"amended a signed note"},{"action":"visit_entered_in_error","label":"marked a visit entered in error"},{"action":"view_outside_visits","label":"listed outside visits"},{"action":"outside_visit_entered_in_error","label":"marked an outside visit entered in error"},{"action":"view_cosign_queue","label":"opened the notes to sign"},{"action":"print_after_visit_summary","label":"printed an after-visit summary"},{"action":"list_templates","label":"listed note templates"},{"action":"save_template","label":"changed a note template"},{"action":"save_phrase","label":"changed a smart phrase"},{"action":"expand_phrase","label":"expanded a smart phrase with chart data"},{"action":"search_diagnoses","label":"searched the diagnosis codes"},{"action":"add_visit_diagnosis","label":"added a visit diagnosis"},{"action":"set_primary_diagnosis","label":"changed the primary diagnosis"},{"action":"diagnosis_entered_in_error","label":"marked a diagnosis entered in error"},{"action":"add_problem","label":"added a problem"},{"action":"update_problem","label":"changed a problem"},{"action":"problem_entered_in_error","label":"marked a problem entered in error"},{"action":"view_problems","label":"viewed the problem list"},{"action":"view_problem_history","label":"viewed a problem's history"},{"action":"link_problem_visit","label":"linked a problem to a visit"},{"action":"search_allergens","label":"searched the allergen catalogue"},{"action":"record_allergy","label":"recorded an allergy"},{"action":"update_allergy","label":"changed an allergy"},{"action":"allergy_entered_in_error","label":"marked an allergy entered in error"},{"action":"record_no_known_allergies","label":"recorded no known allergies"},{"action":"view_allergies","label":"viewed allergies"},{"action":"record_vitals","label":"recorded vitals"},{"action":"vitals_entered_in_error","label":"marked vitals entered in error"},{"action":"view_vitals","label":"viewed vitals"},{"action":"record_history","label":"recorded history"},{"action":"history_entered_in_error","label":"marked a history entry entered in error"},{"action":"view_histories","label":"viewed histories"},{"action":"view_schedule_setup","label":"viewed the schedule set-up"},{"action":"save_schedule_provider","label":"changed a schedule provider"},{"action":"save_practice_hours","label":"changed the practice hours"},{"action":"save_availability","label":"changed a provider's availability"},{"action":"block_time","label":"blocked time"},{"action":"lift_block","label":"lifted blocked time"},{"action":"list_blocks","label":"listed blocked time"},{"action":"save_appointment_type","label":"changed an appointment type"},{"action":"save_room","label":"changed a room"},{"action":"view_schedule","label":"viewed the schedule"},{"action":"check_booking","label":"checked a booking for conflicts"},{"action":"book_appointment","label":"booked an appointment"},{"action":"overbook_appointment","label":"overbooked an appointment"},{"action":"change_appointment","label":"moved or changed an appointment"},{"action":"cancel_appointment","label":"cancelled an appointment"},{"action":"set_appointment_status","label":"updated an appointment's status"},{"action":"view_appointment_history","label":"viewed an appointment's history"},{"action":"view_flow_board","label":"viewed the flow board"},{"action":"view_patient_appointments","label":"viewed a patient's appointments"},{"action":"start_visit_from_appointment","label":"started a visit from an appointment"},{"action":"preview_series","label":"previewed a recurring series"},{"action":"book_series","label":"booked a recurring series"},{"action":"change_series","label":"changed a recurring series"},{"action":"cancel_series","label":"cancelled a recurring series"},{"action":"find_free_slot","label":"looked for a free slot"},{"action":"view_wait_list","label":"viewed the wait list"},{"action":"add_to_wait_list","label":"added a patient to the wait list"},{"action":"resolve_wait_list","label":"took a patient off the wait list"},{"action":"view_wait_list_fits","label":"viewed who on the wait list fits a slot"},{"action":"print_day_list","label":"printed a provider's day list"},{"action":"view_call_list","label":"viewed the reminder call list"},{"action":"add_generated_schedule","label":"added a generated schedule"},{"action":"search_drugs","label":"searched the drug catalogue"},{"action":"view_medications","label":"opened the medication list"},{"action":"draft_prescription","label":"drafted a prescription"},{"action":"update_prescription_draft","label":"changed a prescription draft"},{"action":"check_prescription","label":"ran the safety checks on a prescription"},{"action":"sign_prescription","label":"signed a prescription"},{"action":"override_alert","label":"overrode a medication safety alert"},{"action":"renew_prescription","label":"drafted a renewal"},{"action":"change_prescription","label":"drafted a change to a prescription"},{"action":"discontinue_medication","label":"stopped a medication"},{"action":"medication_entered_in_error","label":"marked a medication entered in error"},{"action":"record_reported_medication","label":"recorded a medication the patient reports"},{"action":"view_prescription_queue","label":"opened the prescriptions to sign"},{"action":"view_medication_history","label":"viewed a medication's history"},{"action":"reconcile_medications","label":"reconciled the medication list"},{"action":"list_favourites","label":"listed favourite prescriptions"},{"action":"save_favourite","label":"changed a favourite prescription"},{"action":"retire_favourite","label":"retired a favourite prescription"},{"action":"import_drug_catalogue","label":"imported RxNorm drug files"},{"action":"view_drug_imports","label":"viewed the drug imports"},{"action":"print_prescription","label":"printed a prescription"},{"action":"print_medication_list","label":"printed the medication list"},{"action":"view_printed_copies","label":"listed printed copies"},{"action":"open_printed_copy","label":"opened a printed copy"},{"action":"add_generated_medications","label":"added generated medication histories"},{"action":"add_generated_checkup","label":"added generated lab results and immunizations"},{"action":"add_generated_screenings","label":"added generated screening procedures"},{"action":"view_audit_log","label":"viewed the audit log"},{"action":"export_audit_log","label":"exported the audit log"},{"action":"verify_audit_log","label":"verified the audit log"},{"action":"backup","label":"backed up"},{"action":"list_backups","label":"listed backups"},{"action":"verify_backup","label":"verified a backup"},{"action":"restore","label":"restored a backup"},{"action":"record_immunization","label":"recorded an immunization"},{"action":"view_immunizations","label":"viewed the immunization record"},{"action":"view_immunization_forecast","label":"viewed the immunization forecast"},{"action":"immunization_entered_in_error","label":"marked an immunization entered in error"},{"action":"search_vaccines","label":"searched the vaccine catalogue"},{"action":"view_reminders","label":"viewed preventive-care reminders"},{"action":"record_reminder_decision","label":"recorded a reminder decision"},{"action":"withdraw_reminder_decision","label":"withdrew a reminder decision"},{"action":"record_screening_procedure","label":"recorded a screening procedure"},{"action":"view_reminder_registry","label":"viewed a reminder registry"},{"action":"view_growth_chart","label":"viewed a growth chart"},{"action":"import_result_file","label":"imported a result file"},{"action":"refuse_result_file","label":"refused a result file"},{"action":"view_result_files","label":"viewed the result files"},{"action":"view_held_result","label":"viewed a held result file"},{"action":"match_result_file","label":"matched a result file to a patient"},{"action":"view_results_inbox","label":"viewed the results inbox"},{"action":"send_message","label":"sent a message"},{"action":"reply_message","label":"replied to a message"},{"action":"view_inbox","label":"viewed their message inbox"},{"action":"view_message","label":"read a message"},{"action":"file_document","label":"filed a document"},{"action":"view_documents","label":"viewed the documents list"},{"action":"open_document","label":"opened a document"},{"action":"document_entered_in_error","label":"marked a document entered in error"},{"action":"view_letter_templates","label":"viewed the letter templates"},{"action":"save_letter_template","label":"saved a letter template"},{"action":"draft_letter","label":"drafted a letter from the chart"},{"action":"sign_letter","label":"signed a letter"},{"action":"view_letters","label":"viewed the letters"},{"action":"open_letter","label":"opened a letter"},{"action":"export_patient_fhir","label":"exported a chart as FHIR"},{"action":"export_practice_fhir","label":"exported the chart in the practice's FHIR export"},{"action":"import_fhir","label":"imported FHIR files"},{"action":"import_fhir_dry_run","label":"tried a FHIR import (dry run)"},{"action":"import_fhir_patient","label":"made a chart from imported FHIR records"},{"action":"import_csv","label":"imported patients from a CSV file"},{"action":"import_csv_dry_run","label":"tried a CSV patient import (dry run)"},{"action":"import_csv_patient","label":"registered a patient from a CSV file"},{"action":"import_csv_appointments","label":"imported appointments from a CSV file"},{"action":"import_csv_appointments_dry_run","label":"tried a CSV appointment import (dry run)"},{"action":"import_csv_appointment","label":"kept a past appointment from a CSV file"},{"action":"import_csv_match","label":"matched a CSV file's rows to patients"},{"action":"import_fhir_appointment","label":"kept a past appointment from a FHIR import"},{"action":"letter_entered_in_error","label":"marked a letter entered in error"},{"action":"view_referrals","label":"viewed the referrals"},{"action":"update_referral","label":"updated a referral"},{"action":"complete_message","label":"marked a message done"},{"action":"reopen_message","label":"reopened a message"},{"action":"refill_to_renewal","label":"turned a refill request into a renewal"},{"action":"sign_off_results","label":"signed off lab results"},{"action":"view_results_letter","label":"viewed a results letter"},{"action":"print_results_letter","label":"printed a results letter"},{"action":"set_results_folder","label":"set the results folder"},{"action":"record_lab_report","label":"recorded lab results"},{"action":"view_lab_reports","label":"viewed lab results"},{"action":"view_lab_trend","label":"viewed a lab trend"},{"action":"correct_lab_result","label":"corrected a lab result"},{"action":"lab_result_entered_in_error","label":"marked a lab result entered in error"},{"action":"search_lab_catalogue","label":"searched the lab catalogue"},{"action":"run_practice_report","label":"ran a practice report"},{"action":"export_practice_report","label":"exported a practice report as CSV"},{"action":"open_chart_from_report","label":"opened a chart from a practice report"}];

/** Every code an error can arrive with, for checking a report at run time. */
export const ERROR_CODES: readonly ErrorCode[] = ["invalid_input","not_found","conflict","schema_too_new","database","wrong_key","corrupt_data","forbidden","restricted","unauthenticated","session_locked","io","restart_required","usage","no_data_dir","internal","window_system"];

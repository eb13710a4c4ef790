// Module-level UI state that outlives any one view: app info (practice, today, session), the
// current screen, and the registration draft (kept in memory so leaving the form never loses
// typing; cleared when another user takes over the workstation).
import type { AppInfo, DuplicateCandidate, PatientId, UserId } from '../api';
import { emptyDraft, type FormDraft } from './draft';

export type Route =
  | { name: 'search' }
  | { name: 'register' }
  /** `visitId`: open straight into that visit (from the co-sign queue); `tab` + `medicationId`:
   *  open on the Medications tab with that entry focused (from the prescription queue); `tab` +
   *  `reportId`: open on the Results tab with that lab report focused (from the results inbox). */
  | {
      name: 'chart';
      id: PatientId;
      visitId?: string;
      tab?: 'medications' | 'results' | 'immunizations' | 'vitals' | 'documents';
      medicationId?: string;
      reportId?: string;
    }
  | { name: 'practice' }
  | { name: 'users' }
  | { name: 'audit'; patientId?: PatientId }
  | { name: 'backups' }
  /** The physician's unsigned notes older than today. */
  | { name: 'cosign' }
  /** The practice's note templates and smart phrases (and one's own phrases). */
  | { name: 'templates' }
  /** The calendar: `date` a local `YYYY-MM-DD` (default the practice's today); week view is one provider's. */
  | { name: 'schedule'; date?: string; view?: 'day' | 'week' | 'month'; providerId?: UserId }
  /** Today's flow board. */
  | { name: 'flow' }
  /** The admin's schedule set-up: providers, hours, availability, blocked time, types, rooms. */
  | { name: 'scheduleSetup' }
  /** Printable: one provider's day list. */
  | { name: 'dayList'; providerId: UserId; date: string }
  /** Printable: the patients to remind by phone of their appointments on `date`. */
  | { name: 'callList'; date: string }
  /** The prescriber's queue: unsigned prescriptions and renewal drafts. */
  | { name: 'rxQueue' }
  /** Favourite prescriptions (physicians). */
  | { name: 'favourites' }
  /** The admin's RxNorm import. */
  | { name: 'drugCatalogue' }
  | { name: 'records' }
  /** The admin's FHIR import: a dry run, then the import of the same files. */
  | { name: 'recordsImport' }
  /** Printable: one signed prescription (its PDF copy is kept in the chart). */
  | { name: 'prescriptionPrint'; medicationId: string; patientId: PatientId }
  /** Printable: the patient's current medication list. */
  | { name: 'medicationListPrint'; patientId: PatientId }
  /** The physician's results inbox: new lab reports, abnormal first, to sign off. */
  | { name: 'resultsInbox' }
  /** Result files: import an HL7 file, the watched folder, and files held for matching. */
  | { name: 'resultFiles' }
  /** Printable: the results letter to a patient for one signed-off report. */
  | { name: 'resultsLetter'; reportId: string; patientId: PatientId }
  /** Printable: a child's growth chart. */
  | { name: 'growthPrint'; patientId: PatientId }
  /** One inbox per person: messages, tasks, phone notes and refill requests. */
  | { name: 'messages' }
  /** Practice reports (clinical ones by permission; operational ones for the desk too). */
  | { name: 'reports'; kind?: string }
  | { name: 'password' };

export const session = $state<{ info: AppInfo | null }>({ info: null });

export const nav = $state<{ route: Route }>({ route: { name: 'search' } });

export function go(route: Route): void {
  nav.route = route;
}

export function openPatient(id: PatientId, visitId?: string): void {
  go(visitId ? { name: 'chart', id, visitId } : { name: 'chart', id });
}

/** The practice's today (`YYYY-MM-DD`) from the core, never the workstation clock. */
export function practiceToday(): string | null {
  return session.info?.today ?? null;
}

export interface RegistrationState {
  draft: FormDraft;
  errors: Record<string, string>;
  duplicates: DuplicateCandidate[] | null;
}

export const registration = $state<RegistrationState>({
  draft: emptyDraft(),
  errors: {},
  duplicates: null,
});

export function resetRegistration(): void {
  registration.draft = emptyDraft();
  registration.errors = {};
  registration.duplicates = null;
}

/** Emergency accesses granted in this session: patient → UTC instant the access ends. */
export const emergencyGrants = $state<Record<PatientId, string>>({});

export function forgetEmergencyGrants(): void {
  for (const id of Object.keys(emergencyGrants)) delete emergencyGrants[id];
}

// The header's search box registers itself so any screen can send focus to it.
let searchInput: HTMLInputElement | null = null;

export function registerSearchInput(el: HTMLInputElement | null): void {
  searchInput = el;
}

export function focusSearch(): void {
  searchInput?.focus();
  searchInput?.select();
}

// Commands of the chart's visits area (see src-tauri/src/commands/visits.rs).
import type {
  AfterVisitSummary,
  DraftSaved,
  PatientId,
  Provider,
  QueueItem,
  SoapNote,
  Visit,
  VisitDraft,
  VisitId,
  VisitSummary,
} from '../bindings';
import { call } from '../call';

export const visitsApi = {
  /** Starts a visit; with a template the note starts from its text. */
  startVisit: (patientId: PatientId, draft: VisitDraft) => call<Visit>('start_visit', { patientId, draft }),
  /** The patient's visits, newest first (no note text). */
  listVisits: (patientId: PatientId) => call<VisitSummary[]>('list_visits', { patientId }),
  getVisit: (id: VisitId) => call<Visit>('get_visit', { id }),
  /** Saves the draft seen at `expectedDraftVersion`; a `conflict` when someone saved since. */
  saveDraft: (id: VisitId, expectedDraftVersion: number, note: SoapNote) =>
    call<DraftSaved>('save_draft', { id, expectedDraftVersion, note }),
  /** Signs the note as it stands at `expectedDraftVersion`; it is locked from then on. */
  signNote: (id: VisitId, expectedDraftVersion: number) => call<Visit>('sign_note', { id, expectedDraftVersion }),
  amendNote: (id: VisitId, reason: string, text: string) => call<Visit>('amend_note', { id, reason, text }),
  visitEnteredInError: (id: VisitId, reason: string) => call<Visit>('visit_entered_in_error', { id, reason }),
  /** Unsigned notes from before today, oldest first (physicians). */
  cosignQueue: () => call<QueueItem[]>('cosign_queue'),
  /** The practice's active physicians, for a nurse naming the visit's provider. */
  listProviders: () => call<Provider[]>('list_providers'),
  afterVisitSummary: (id: VisitId) => call<AfterVisitSummary>('after_visit_summary', { id }),
};

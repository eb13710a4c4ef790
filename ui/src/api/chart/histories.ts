// Commands of the chart's histories area (see src-tauri/src/commands/histories.rs).
import { call } from '../call';
import type {
  FamilyEntry,
  FamilyHistoryDraft,
  Histories,
  HistoryEntryId,
  HistoryTable,
  HistoryVersions,
  PatientId,
  SocialEntry,
  SocialHistoryDraft,
  SocialKind,
  SurgicalEntry,
  SurgicalHistoryDraft,
} from '../bindings';

export const historiesApi = {
  recordSocialHistory: (patientId: PatientId, kind: SocialKind, draft: SocialHistoryDraft, replaces: HistoryEntryId | null) =>
    call<SocialEntry>('record_social_history', { patientId, kind, draft, replaces }),
  recordFamilyHistory: (patientId: PatientId, draft: FamilyHistoryDraft, replaces: HistoryEntryId | null) =>
    call<FamilyEntry>('record_family_history', { patientId, draft, replaces }),
  recordSurgicalHistory: (patientId: PatientId, draft: SurgicalHistoryDraft, replaces: HistoryEntryId | null) =>
    call<SurgicalEntry>('record_surgical_history', { patientId, draft, replaces }),
  historyEnteredInError: (table: HistoryTable, id: HistoryEntryId, reason: string) =>
    call<null>('history_entered_in_error', { table, id, reason }),
  listHistories: (patientId: PatientId) => call<Histories>('list_histories', { patientId }),
  historyVersions: (table: HistoryTable, id: HistoryEntryId) => call<HistoryVersions>('history_versions', { table, id }),
};

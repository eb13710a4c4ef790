// Commands of the chart's templates and smart-phrases area (see src-tauri/src/commands/templates.rs).
import type {
  Expansion,
  NoteTemplate,
  PatientId,
  PhraseBook,
  PhraseDraft,
  PhraseId,
  SmartPhrase,
  TemplateDraft,
  TemplateId,
  VisitId,
} from '../bindings';
import { call } from '../call';

export const templatesApi = {
  /** The practice's note templates, retired ones flagged, by visit type and name. */
  listTemplates: () => call<NoteTemplate[]>('list_templates'),
  /** Adds a template (`id` null) or saves the one opened at `expectedVersion` (else a conflict). */
  saveTemplate: (id: TemplateId | null, expectedVersion: number | null, draft: TemplateDraft) =>
    call<NoteTemplate>('save_template', { id, expectedVersion, draft }),
  /** The practice's phrases and mine in use, and the built-ins. */
  listPhrases: () => call<PhraseBook>('list_phrases'),
  /** Adds a phrase (`id` null) or saves an edit of it. */
  savePhrase: (id: PhraseId | null, draft: PhraseDraft) => call<SmartPhrase>('save_phrase', { id, draft }),
  /** Retires a phrase: it no longer expands; the row is kept. */
  retirePhrase: (id: PhraseId) => call<null>('retire_phrase', { id }),
  /** What an abbreviation expands to on this chart (a built-in reads the chart; audited). */
  expandPhrase: (abbreviation: string, patientId: PatientId, visitId: VisitId | null) =>
    call<Expansion>('expand_phrase', { abbreviation, patientId, visitId }),
};

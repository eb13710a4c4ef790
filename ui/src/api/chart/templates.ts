// Commands of the chart's templates and smart-phrases area (see src-tauri/src/commands/templates.rs).
import type { NoteTemplate } from '../bindings';
import { call } from '../call';

export const templatesApi = {
  /** The practice's note templates, retired ones flagged, by visit type and name. */
  listTemplates: () => call<NoteTemplate[]>('list_templates'),
};

// Commands of scanned documents in the chart (see src-tauri/src/commands/documents.rs). The
// file's bytes go and come back as raw IPC bodies, never as JSON arrays of numbers.
import { call } from '../call';
import type { CategoryChoice, Document, DocumentDraft, DocumentId, PatientId } from '../bindings';

/** The header the filing command reads the draft from (percent-encoded JSON: headers are ASCII). */
export const DRAFT_HEADER = 'x-charta-draft';

export const documentsApi = {
  fileDocument: (draft: DocumentDraft, bytes: Uint8Array) =>
    call<Document>('file_document', bytes, {
      headers: { [DRAFT_HEADER]: encodeURIComponent(JSON.stringify(draft)) },
    }),
  patientDocuments: (patientId: PatientId) => call<Document[]>('patient_documents', { patientId }),
  /** The stored bytes. */
  openDocument: async (id: DocumentId) => new Uint8Array(await call<ArrayBuffer>('open_document', { id })),
  enteredInError: (id: DocumentId, reason: string) =>
    call<Document>('document_entered_in_error', { id, reason }),
  categories: () => call<CategoryChoice[]>('document_categories'),
};

// Commands of the records export (see src-tauri/src/commands/records.rs): the practice as FHIR
// NDJSON with progress, one chart as a FHIR Bundle file.
import { Channel } from '@tauri-apps/api/core';
import { call } from '../call';
import type { ExportProgress, PracticeExport } from '../bindings';

export const recordsApi = {
  /** Every chart into the new folder `dir`; `onProgress` hears after each batch of charts. */
  exportPracticeFhir: (dir: string, onProgress: (p: ExportProgress) => void) => {
    const channel = new Channel<ExportProgress>();
    channel.onmessage = onProgress;
    return call<PracticeExport>('export_practice_fhir', { dir, onProgress: channel });
  },
  /** Chart number `mrn` as a Bundle written into `dir`; answers the file's path. */
  exportPatientFhir: (mrn: number, dir: string) => call<string>('export_patient_fhir', { mrn, dir }),
  /** The chart's readable PDF record, `dir/patient-MRN.pdf`; answers the file's path. */
  exportPatientPdf: (mrn: number, dir: string) => call<string>('export_patient_pdf', { mrn, dir }),
};

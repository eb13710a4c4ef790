// Commands of the records import (see src-tauri/src/commands/records.rs): FHIR files from another
// system — a dry run that changes nothing, or the import itself — with progress over a channel;
// and patients, then their appointments, from another system's CSV files, previewed (a dry run)
// or imported.
import { Channel } from '@tauri-apps/api/core';
import { call } from '../call';
import type {
  CsvAppointmentOptions,
  CsvAppointmentReport,
  CsvImportReport,
  CsvOptions,
  ImportProgress,
  ImportReport,
} from '../bindings';

export const recordsImportApi = {
  /** Imports the FHIR files at `files` (Bundle .json or bulk .ndjson paths), or with `dryRun`
   *  says what it would do; `onProgress` hears after each chart. */
  importFhir: (files: string[], dryRun: boolean, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<ImportReport>('import_fhir', { files, dryRun, onProgress: channel });
  },
  /** Imports the patients of the CSV `file` with `options` (null fields: as detected), or with
   *  `dryRun` previews it: the columns, the mapping and date format used, and each row's outcome. */
  importPatientsCsv: (file: string, options: CsvOptions, dryRun: boolean) =>
    call<CsvImportReport>('import_patients_csv', { file, options, dryRun }),
  /** Books or keeps as history the appointments of the CSV `file` with `options` (null mapping
   *  or date format: as detected; null overbook reason: a collision refuses the row), or with
   *  `dryRun` previews it: the columns, the mapping and date format used, and each row's outcome. */
  importAppointmentsCsv: (file: string, options: CsvAppointmentOptions, dryRun: boolean) =>
    call<CsvAppointmentReport>('import_appointments_csv', { file, options, dryRun }),
};

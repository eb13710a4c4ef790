// Commands of result files and the results inbox (see src-tauri/src/commands/results.rs).
import { call } from '../call';
import type {
  FolderRun,
  HeldResultFile,
  Hl7ImportId,
  Hl7ImportOutcome,
  InboxItem,
  LabReportId,
  LetterRecord,
  PatientId,
  PhysicianChoice,
  ResultFileRow,
  ResultFiles,
  ResultsInbox,
  ResultsLetter,
  UserId,
} from '../bindings';

export const resultsApi = {
  importResultFile: (path: string) => call<Hl7ImportOutcome>('import_result_file', { path }),
  resultFiles: () => call<ResultFiles>('result_files'),
  heldResultFile: (id: Hl7ImportId) => call<HeldResultFile>('held_result_file', { id }),
  matchResultFile: (id: Hl7ImportId, patientId: PatientId, physicianId: UserId | null) =>
    call<Hl7ImportOutcome>('match_result_file', { id, patientId, physicianId }),
  refuseResultFile: (id: Hl7ImportId, reason: string) => call<ResultFileRow>('refuse_result_file', { id, reason }),
  resultsPhysicians: () => call<PhysicianChoice[]>('results_physicians'),
  setResultsFolder: (path: string) => call<string | null>('set_results_folder', { path }),
  resultsFolder: () => call<string | null>('results_folder'),
  importResultsFolder: () => call<FolderRun>('import_results_folder'),
  resultsInbox: () => call<ResultsInbox>('results_inbox'),
  resultsInboxCount: () => call<number>('results_inbox_count'),
  signOffResults: (reportId: LabReportId, comment: string) => call<InboxItem>('sign_off_results', { reportId, comment }),
  resultsLetter: (reportId: LabReportId) => call<ResultsLetter>('results_letter', { reportId }),
  printResultsLetter: (reportId: LabReportId) => call<LetterRecord>('print_results_letter', { reportId }),
};

// Commands of the practice reports (src-tauri/src/commands/reports.rs).
import type { PatientId, PracticeReport, ReportKind, ReportListing } from '../bindings';
import { call } from '../call';

export const reportsApi = {
  /** The reports the user may run (the desk: the operational ones only). */
  kinds: () => call<ReportListing[]>('practice_report_kinds'),
  /** Runs one report over the whole practice (audited). */
  run: (kind: ReportKind) => call<PracticeReport>('run_practice_report', { kind }),
  /** Writes it as CSV into `dir` ('' = the exports folder beside the database); the path written. */
  exportCsv: (kind: ReportKind, dir: string) => call<string>('export_practice_report', { kind, dir }),
  /** Records that a listed patient's chart was opened from the report (before opening it). */
  openChart: (patientId: PatientId, kind: ReportKind) => call<void>('open_chart_from_report', { patientId, kind }),
};

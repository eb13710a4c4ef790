// The only module that talks to the Rust core: one typed function per Tauri command, and the
// typed ApiError rebuilt from the core's ErrorReport. Nothing else in ui/src imports @tauri-apps.
import { invoke } from '@tauri-apps/api/core';
import type {
  AppInfo,
  ErrorReport,
  FieldError,
  Patient,
  PatientDraft,
  PatientId,
  Practice,
  PracticeDraft,
  RegisterOutcome,
  SearchPage,
  SearchRequest,
} from './bindings';

export type * from './bindings';

/** Error codes the core sends; anything else arrives as `unknown`. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'schema_too_new'
  | 'database'
  | 'corrupt_data'
  | 'io'
  | 'unknown';

const KNOWN_CODES: readonly string[] = [
  'invalid_input',
  'not_found',
  'conflict',
  'schema_too_new',
  'database',
  'corrupt_data',
  'io',
];

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly fieldErrors: FieldError[];

  constructor(report: ErrorReport) {
    super(report.message);
    this.name = 'ApiError';
    this.code = (KNOWN_CODES.includes(report.code) ? report.code : 'unknown') as ErrorCode;
    this.field = report.field;
    this.fieldErrors = report.fieldErrors ?? [];
  }

  /** Field errors keyed by draft path; the top-level `field` counts as one too. */
  byField(): Record<string, string> {
    const out: Record<string, string> = {};
    const add = (field: string, message: string) => {
      out[field] = out[field] ? `${out[field]} ${message}` : message;
    };
    for (const fe of this.fieldErrors) add(fe.field, fe.message);
    if (this.field && !out[this.field]) add(this.field, this.message);
    return out;
  }
}

function isErrorReport(value: unknown): value is ErrorReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorReport).code === 'string' &&
    typeof (value as ErrorReport).message === 'string'
  );
}

/** Turns anything a command rejected with into an ApiError. */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (isErrorReport(raw)) return new ApiError({ ...raw, fieldErrors: raw.fieldErrors ?? [] });
  const message = raw instanceof Error ? raw.message : String(raw);
  return new ApiError({ code: 'unknown', message, fieldErrors: [] });
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toApiError(raw);
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  savePractice: (draft: PracticeDraft) => call<Practice>('save_practice', { draft }),
  timeZones: () => call<string[]>('time_zones'),
  searchPatients: (request: SearchRequest) => call<SearchPage>('search_patients', { request }),
  registerPatient: (draft: PatientDraft, allowDuplicates: boolean) =>
    call<RegisterOutcome>('register_patient', { draft, allowDuplicates }),
  getPatient: (id: PatientId) => call<Patient>('get_patient', { id }),
  updatePatient: (id: PatientId, expectedVersion: number, draft: PatientDraft) =>
    call<Patient>('update_patient', { id, expectedVersion, draft }),
};

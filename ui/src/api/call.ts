// The transport: every command goes through `call`, which turns a rejection into the typed
// ApiError rebuilt from the core's ErrorReport. The area modules (./chart/*) and index.ts use it.
import { invoke, type InvokeArgs, type InvokeOptions } from '@tauri-apps/api/core';
import type { ErrorCode, ErrorReport, FieldError } from './bindings';
import { ERROR_CODES } from './bindings';

/** A code the core sent (the union and its list are generated from Rust's `ErrorCode`), or
 * `unknown` for anything else: a rejection that was not an ErrorReport, or a code this UI does not know. */
export type ApiErrorCode = ErrorCode | 'unknown';

/** An ErrorReport as it arrives: until checked, its code is only a string. */
type ReceivedReport = Omit<ErrorReport, 'code'> & { code: string };

function knownCode(code: string): ErrorCode | undefined {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : undefined;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  readonly fieldErrors: FieldError[];

  constructor(report: ReceivedReport) {
    super(report.message);
    this.name = 'ApiError';
    this.code = knownCode(report.code) ?? 'unknown';
    this.field = report.field;
    this.fieldErrors = report.fieldErrors ?? [];
  }

  /** What a form shows: the field errors by field, or (with none) the message on its own. */
  forForm(): { errors: Record<string, string>; failure: string | null } {
    const errors = this.byField();
    return { errors, failure: Object.keys(errors).length ? null : this.message };
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

function isErrorReport(value: unknown): value is ReceivedReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ReceivedReport).code === 'string' &&
    typeof (value as ReceivedReport).message === 'string'
  );
}

/** Turns anything a command rejected with into an ApiError. */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (isErrorReport(raw)) return new ApiError({ ...raw, fieldErrors: raw.fieldErrors ?? [] });
  const message = raw instanceof Error ? raw.message : String(raw);
  return new ApiError({ code: 'unknown', message, fieldErrors: [] });
}

type ErrorListener = (err: ApiError, command: string) => void;
let errorListener: ErrorListener | null = null;

/** One listener hears every failed command (the session module uses it to show the lock screen). */
export function onCommandError(listener: ErrorListener | null): void {
  errorListener = listener;
}

/** `args` are JSON, or a file's raw bytes (with what goes beside them in `options.headers`). */
export async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (raw) {
    const err = toApiError(raw);
    errorListener?.(err, command);
    throw err;
  }
}


// Error codes come from Rust's ErrorCode (generated into bindings.ts): every code the core or
// the desktop shell sends reaches a screen as itself, anything else as `unknown`.
import { describe, expect, it } from 'vitest';
import { ApiError, ERROR_CODES, toApiError } from '.';

describe('ApiError', () => {
  it('keeps every generated code, wrong_key included', () => {
    for (const code of ERROR_CODES) {
      expect(toApiError({ code, message: 'm', fieldErrors: [] }).code).toBe(code);
    }
    expect(new ApiError({ code: 'wrong_key', message: 'm', fieldErrors: [] }).code).toBe('wrong_key');
  });

  it('turns an unknown code or a non-report into unknown', () => {
    expect(toApiError({ code: 'no_such_code', message: 'm', fieldErrors: [] }).code).toBe('unknown');
    expect(toApiError(new Error('boom')).code).toBe('unknown');
  });
});

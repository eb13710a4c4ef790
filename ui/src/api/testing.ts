// Test-only IPC mocking, kept here so that tests, like the app, reach @tauri-apps only through
// src/api. Each test says which commands answer and how; every call is recorded.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ErrorCode, ErrorReport } from './bindings';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandArgs = Record<string, any>;
export type CommandHandler = (args: CommandArgs) => unknown;

export interface RecordedCall {
  cmd: string;
  args: CommandArgs;
}

/** Answers the named commands with the given handlers; any other command rejects. */
export function mockCommands(handlers: Record<string, CommandHandler>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as CommandArgs;
    calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (!handler) {
      const report: ErrorReport = { code: 'io', message: `unmocked command ${cmd}`, fieldErrors: [] };
      throw report;
    }
    return handler(args);
  });
  return calls;
}

/** What a rejected command throws across IPC. */
export function errorReport(code: ErrorCode, message: string, fieldErrors: ErrorReport['fieldErrors'] = []): ErrorReport {
  return { code, message, fieldErrors };
}

export { clearMocks };

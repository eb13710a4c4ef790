// Test-only IPC mocking, kept here so that tests, like the app, reach @tauri-apps only through
// src/api. Each test says which commands answer and how; every call is recorded.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { BackupStatus, ErrorCode, ErrorReport } from './bindings';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandArgs = Record<string, any>;
export type CommandHandler = (args: CommandArgs) => unknown;

export interface RecordedCall {
  cmd: string;
  args: CommandArgs;
}

/** What the app asks on its own whatever the screen: the admin shell watches backups. A test
 *  that gives its own handler for one of these replaces the default. */
const DEFAULT_HANDLERS: Record<string, CommandHandler> = {
  backup_status: (): BackupStatus => ({ running: false, kind: null, phase: null, pagesDone: 0, pagesTotal: 0, lastResult: null }),
};

/** Answers the named commands with the given handlers (and the defaults above); any other
 *  command rejects. */
export function mockCommands(handlers: Record<string, CommandHandler>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as CommandArgs;
    calls.push({ cmd, args });
    const handler = handlers[cmd] ?? DEFAULT_HANDLERS[cmd];
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

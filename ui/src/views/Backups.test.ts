// The admin's Backups screen: "Back up now" (practice folder or a typed one) answering at once and
// its progress polled until the report, failures (the daily backup's too), the list of stored
// results with unreadable and unverified backups, "Verify again", restoring after one inline
// confirmation, and that no other role is offered the screen.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../api/testing';
import type { Actor, AppInfo, BackupStatus } from '../api';
import {
  ADMIN,
  appInfoAs,
  backupIdle,
  backupReport,
  backupResult,
  backupRunning,
  DESK,
  DR_REYES,
  listedBackup,
  NURSE,
  user,
} from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const OLDER = listedBackup({ path: '/data/backups/charta-2026-11-25T150400Z.db', createdAt: '2026-11-25T15:04:00Z', bytes: 421_888 });
const BROKEN = listedBackup({
  path: '/data/backups/charta-2026-11-24T150400Z.db',
  createdAt: '2026-11-24T15:04:00Z',
  check: 'failed',
  problems: ['The audit chain breaks at row 17.'],
});
const UNCHECKED = listedBackup({
  path: '/data/backups/charta-2026-11-23T150400Z.db',
  createdAt: '2026-11-23T15:04:00Z',
  check: 'notVerified',
  verifiedAt: null,
  problems: ['no verification result is stored for this backup'],
});
const UNREADABLE = listedBackup({
  path: '/data/backups/charta-2026-11-22T150400Z.db',
  createdAt: '2026-11-22T15:04:00Z',
  check: 'unreadable',
  bytes: 0,
  verifiedAt: null,
  problems: ['the file cannot be read: Permission denied'],
});

/** Answers `backup_status` with each of `statuses` in turn, then the last one for ever. */
function statuses(...list: BackupStatus[]): CommandHandler {
  return () => (list.length > 1 ? list.shift() : list[0]);
}

/** Logs the admin in (the shell's own look at `backup_status` sees nothing running) and opens
 *  Backups, whose calls get the `backup_status` answers given. */
async function openBackups(handlers: Record<string, CommandHandler> = {}, info: () => AppInfo = () => appInfoAs(ADMIN)) {
  let opened = false;
  const onScreen = handlers.backup_status ?? (() => backupIdle());
  const calls = mockCommands({
    app_info: info,
    list_users: () => [user(ADMIN)],
    list_backups: () => [listedBackup(), OLDER, BROKEN, UNCHECKED, UNREADABLE],
    ...handlers,
    backup_status: (args) => (opened ? onScreen(args) : backupIdle()),
  });
  render(App);
  const nav = await screen.findByTestId('nav-backups');
  await waitFor(() => expect(calls.some((c) => c.cmd === 'backup_status')).toBe(true));
  opened = true;
  await fireEvent.click(nav);
  return calls;
}

describe('back up now', () => {
  it('answers at once, shows the progress of copying and verifying, then the verified report and the new list', async () => {
    const calls = await openBackups({
      back_up_now: () => backupRunning('copying', 0, 12_000),
      backup_status: statuses(
        backupIdle(),
        backupRunning('copying', 3_000, 12_000),
        backupRunning('verifying', 12_000, 12_000),
        backupIdle(backupResult({ report: backupReport({ path: '/media/usb/charta-2026-11-26T150400Z.db' }) })),
      ),
    });
    const folder = document.querySelector<HTMLInputElement>('[name="backupDir"]')!;
    expect(folder.placeholder).toBe('backups/ beside the database');
    expect(screen.getByTestId('backup-explain').textContent).toMatch(/background.*encrypted.*password.*recovery key.*keystore/s);
    await screen.findAllByTestId('backup-row');
    const listed = calls.filter((c) => c.cmd === 'list_backups').length;

    await fireEvent.input(folder, { target: { value: ' /media/usb ' } });
    await fireEvent.click(screen.getByTestId('back-up-now'));
    const progress = await screen.findByTestId('backup-progress');
    expect(progress.textContent).toContain('Copying the database… 0%');
    expect((screen.getByTestId('back-up-now') as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(screen.getByTestId('backup-progress').textContent).toContain('25%'));
    expect(screen.getByTestId('backup-progress').textContent).toContain('3,000 pages of 12,000');
    await waitFor(() => expect(screen.getByTestId('backup-progress').textContent).toContain('Verifying the backup…'));
    expect(screen.getByTestId('backup-progress').textContent).toContain('go on working');

    const done = await screen.findByTestId('backup-done', {}, { timeout: 2000 });
    expect(done.textContent).toContain('✓ Backed up and verified');
    expect(done.textContent).toContain('/media/usb/charta-2026-11-26T150400Z.db');
    expect(done.textContent).toContain('3.4 MB');
    expect(done.textContent).toContain('26 Nov 2026 09:04:00');
    expect(screen.queryByTestId('backup-progress')).toBeNull();
    expect((screen.getByTestId('back-up-now') as HTMLButtonElement).disabled).toBe(false);
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'list_backups').length).toBe(listed + 1));
    expect(calls.filter((c) => c.cmd === 'back_up_now').map((c) => c.args)).toEqual([{ dir: '/media/usb' }]);
  });

  it('shows a backup that could not start with the core’s message', async () => {
    await openBackups({ back_up_now: () => { throw errorReport('forbidden', 'A backup is running already; start another when it has finished'); } });
    await fireEvent.click(screen.getByTestId('back-up-now'));
    expect((await screen.findByTestId('backup-error')).textContent).toContain('could not start: A backup is running already');
  });

  it('shows the admin a failed daily backup when the screen opens, and a daily backup still running', async () => {
    await openBackups({
      backup_status: () => backupIdle(backupResult({ kind: 'daily', ok: false, report: null, error: 'File error: /media/usb is not writable' })),
    });
    const failed = await screen.findByTestId('backup-error');
    expect(failed.textContent).toContain('⚠ The daily backup failed: File error: /media/usb is not writable');
    expect(failed.textContent).toContain('audit log');
    cleanup();
    clearMocks();
    resetUiState();

    await openBackups({ backup_status: statuses(backupRunning('copying', 10, 40, 'daily')) });
    expect((await screen.findByTestId('backup-progress')).textContent).toContain('The daily backup is copying the database… 25%');
    expect((screen.getByTestId('back-up-now') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('the list and restoring', () => {
  it('shows each backup’s stored result, unreadable and unverified ones too; only a verified one can be restored', async () => {
    await openBackups();
    const rows = await screen.findAllByTestId('backup-row');
    expect(rows).toHaveLength(5);
    expect(rows[0].textContent).toContain('26 Nov 2026 09:04:00');
    expect(rows[0].textContent).toContain('127 rows · 3 patients');
    expect(within(rows[0]).getByTestId('backup-verified').textContent).toBe('✓ verified');
    expect(rows[1].textContent).toContain('412 KB');
    const checks = rows.slice(2).map((r) => within(r).getByTestId('backup-unverified').textContent);
    expect(checks).toEqual(['✗ failed verification', '? not verified', '✗ unreadable']);
    expect(rows[2].textContent).toContain('The audit chain breaks at row 17.');
    expect(rows[3].textContent).toContain('no verification result is stored');
    expect(rows[4].textContent).toContain('cannot be read: Permission denied');
    for (const row of rows.slice(2)) expect((within(row).getByTestId('restore-backup') as HTMLButtonElement).disabled).toBe(true);
    expect((within(rows[0]).getByTestId('restore-backup') as HTMLButtonElement).disabled).toBe(false);
    expect(within(rows[4]).queryByTestId('verify-backup'), 'nothing to check in a file that cannot be read').toBeNull();
  });

  it('checks a backup again in the background and lists the new result', async () => {
    let checked = false;
    const calls = await openBackups({
      list_backups: () => [listedBackup(), OLDER, checked ? { ...UNCHECKED, check: 'verified', problems: [], verifiedAt: '2026-11-26T15:10:00Z' } : UNCHECKED],
      verify_backup: () => backupRunning('verifying', 0, 0, 'verify'),
      backup_status: statuses(backupIdle(), backupRunning('verifying', 0, 0, 'verify'), backupIdle(backupResult({ kind: 'verify', report: backupReport({ path: UNCHECKED.path }) }))),
    });
    const rows = await screen.findAllByTestId('backup-row');
    checked = true;
    await fireEvent.click(within(rows[2]).getByTestId('verify-backup'));
    expect((await screen.findByTestId('backup-progress')).textContent).toContain('Checking the backup again…');
    expect((await screen.findByTestId('backup-done', {}, { timeout: 2000 })).textContent).toContain('Checked again: the backup verifies.');
    await waitFor(() => expect(within(screen.getAllByTestId('backup-row')[2]).queryByTestId('backup-verified')).not.toBeNull());
    expect(calls.filter((c) => c.cmd === 'verify_backup').map((c) => c.args)).toEqual([{ path: UNCHECKED.path }]);
  });

  it('asks once, restores the row’s backup, lists what was set aside and refreshes app info', async () => {
    let restored = false;
    const calls = await openBackups(
      {
        restore_backup: ({ path }) => ({
          restored: backupReport({ path, createdAt: OLDER.createdAt }),
          setAside: ['/tmp/charta-test.db.before-restore-20261126T160000Z', '/tmp/charta-test.db.before-restore-20261126T160000Z-wal'],
          keystoreReplaced: false,
          carriedRows: 12,
          auditNotes: [],
        }),
      },
      () => ({ ...appInfoAs(ADMIN), patientCount: restored ? 2 : 3 }),
    );
    const rows = await screen.findAllByTestId('backup-row');
    await fireEvent.click(within(rows[1]).getByTestId('restore-backup'));
    const confirm = screen.getByTestId('restore-confirm').textContent!.replace(/\s+/g, ' ');
    expect(confirm).toContain('The current database is kept as /tmp/charta-test.db.before-restore-…');
    expect(confirm).toContain('everything entered after 25 Nov 2026 09:04:00 will no longer be shown');
    expect(document.activeElement).toBe(screen.getByTestId('restore-cancel'));

    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('restore-confirm')).toBeNull();
    await fireEvent.click(within(rows[0]).getByTestId('restore-backup'));
    await fireEvent.click(within(screen.getAllByTestId('backup-row')[1]).getByTestId('restore-backup'));
    expect(screen.getAllByTestId('restore-confirm'), 'one panel at a time').toHaveLength(1);
    expect(calls.some((c) => c.cmd === 'restore_backup'), 'nothing happens before confirming').toBe(false);

    const infoCalls = calls.filter((c) => c.cmd === 'app_info').length;
    restored = true;
    await fireEvent.click(screen.getByTestId('restore-now'));
    const done = await screen.findByTestId('restore-done');
    expect(calls.filter((c) => c.cmd === 'restore_backup').map((c) => c.args)).toEqual([{ path: OLDER.path }]);
    expect(done.textContent).toContain('/tmp/charta-test.db.before-restore-20261126T160000Z-wal');
    expect(done.textContent).toContain('25 Nov 2026 09:04:00');
    expect(screen.getByTestId('restore-carried').textContent!.replace(/\s+/g, ' ')).toContain('12 audit rows logged since the backup were kept');
    await waitFor(() => expect(done.textContent).toContain('2 patients'));
    expect(calls.filter((c) => c.cmd === 'app_info').length).toBeGreaterThan(infoCalls);
    expect(screen.queryByTestId('restore-confirm')).toBeNull();
  });

  it('keeps the panel open with the core’s message when a restore fails', async () => {
    await openBackups({ restore_backup: () => { throw errorReport('corrupt_data', 'The backup does not verify any more.'); } });
    const rows = await screen.findAllByTestId('backup-row');
    await fireEvent.click(within(rows[0]).getByTestId('restore-backup'));
    await fireEvent.click(screen.getByTestId('restore-now'));
    expect((await screen.findByTestId('restore-error')).textContent).toContain('does not verify any more');
    expect(screen.getByTestId('restore-confirm')).toBeTruthy();
    expect(screen.queryByTestId('restore-done')).toBeNull();
  });
});

describe('who sees backups', () => {
  it('never offers Backups to physicians, nurses or front desk', async () => {
    for (const who of [DESK, NURSE, DR_REYES] as Actor[]) {
      mockCommands({
        app_info: () => appInfoAs(who),
        search_patients: ({ request }) => ({ query: request.query, hits: [], offset: 0, hasMore: false }),
      });
      render(App);
      await screen.findByTestId('patient-search');
      expect(screen.queryByTestId('nav-backups')).toBeNull();
      clearMocks();
      resetUiState();
      document.body.innerHTML = '';
    }
  });
});

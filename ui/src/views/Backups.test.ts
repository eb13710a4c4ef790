// The admin's Backups screen: "Back up now" (practice folder or a typed one) and its report, the
// list with verified and unverified backups, restoring after one inline confirmation, and that
// no other role is offered the screen.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../api/testing';
import type { Actor, AppInfo, BackupReport } from '../api';
import { ADMIN, appInfoAs, backupReport, DESK, DR_REYES, NURSE, user } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const OLDER = backupReport({ path: '/data/backups/charta-2026-11-25T150400Z.db', createdAt: '2026-11-25T15:04:00Z', bytes: 421_888 });
const BROKEN = backupReport({
  path: '/data/backups/charta-2026-11-24T150400Z.db',
  createdAt: '2026-11-24T15:04:00Z',
  verified: false,
  problems: ['The audit chain breaks at row 17.'],
});

async function openBackups(handlers: Record<string, CommandHandler> = {}, info: () => AppInfo = () => appInfoAs(ADMIN)) {
  const calls = mockCommands({
    app_info: info,
    list_users: () => [user(ADMIN)],
    list_backups: () => [backupReport(), OLDER, BROKEN],
    ...handlers,
  });
  render(App);
  await fireEvent.click(await screen.findByTestId('nav-backups'));
  return calls;
}

describe('back up now', () => {
  it('says it is working, shows the verified report, and sends the practice folder or the typed one', async () => {
    let finish: (r: BackupReport) => void = () => undefined;
    const calls = await openBackups({
      back_up_now: ({ dir }) => (dir ? backupReport({ path: `${dir}/charta-2026-11-26T150400Z.db` }) : new Promise((r) => (finish = r))),
    });
    const folder = document.querySelector<HTMLInputElement>('[name="backupDir"]')!;
    expect(folder.placeholder).toBe('backups/ beside the database');
    expect(screen.getByTestId('backup-explain').textContent).toMatch(/encrypted.*password.*recovery key.*keystore/s);

    await fireEvent.click(screen.getByTestId('back-up-now'));
    expect((await screen.findByTestId('backing-up')).textContent).toBe('Backing up and verifying…');
    expect((screen.getByTestId('back-up-now') as HTMLButtonElement).disabled).toBe(true);
    finish(backupReport());
    const done = await screen.findByTestId('backup-done');
    expect(done.textContent).toContain('✓ Backed up and verified');
    expect(done.textContent).toContain('/data/backups/charta-2026-11-26T150400Z.db');
    expect(done.textContent).toContain('3.4 MB');
    expect(done.textContent).toContain('26 Nov 2026 09:04:00');
    expect(screen.queryByTestId('backing-up')).toBeNull();

    await fireEvent.input(folder, { target: { value: ' /media/usb ' } });
    await fireEvent.click(screen.getByTestId('back-up-now'));
    await waitFor(() => expect(screen.getByTestId('backup-done').textContent).toContain('/media/usb/charta-'));
    expect(calls.filter((c) => c.cmd === 'back_up_now').map((c) => c.args)).toEqual([{ dir: '' }, { dir: '/media/usb' }]);
  });

  it('shows a failure inline with the core’s message', async () => {
    await openBackups({ back_up_now: () => { throw errorReport('io', 'The folder /media/usb is not writable.'); } });
    await fireEvent.click(screen.getByTestId('back-up-now'));
    expect((await screen.findByTestId('backup-error')).textContent).toContain('/media/usb is not writable');
  });
});

describe('the list and restoring', () => {
  it('shows verified and unverified backups; an unverified one cannot be restored', async () => {
    await openBackups();
    const rows = await screen.findAllByTestId('backup-row');
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain('26 Nov 2026 09:04:00');
    expect(rows[0].textContent).toContain('127 rows · 3 patients');
    expect(within(rows[0]).getByTestId('backup-verified').textContent).toBe('✓ verified');
    expect(rows[1].textContent).toContain('412 KB');
    expect(within(rows[2]).getByTestId('backup-unverified').textContent).toBe('✗ not verified');
    expect(rows[2].textContent).toContain('The audit chain breaks at row 17.');
    expect((within(rows[2]).getByTestId('restore-backup') as HTMLButtonElement).disabled).toBe(true);
    expect((within(rows[0]).getByTestId('restore-backup') as HTMLButtonElement).disabled).toBe(false);
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

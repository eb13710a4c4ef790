// A failed background backup reaches the admin on every screen: the shell asks `backup_status`
// after login and every 30 s (admins only, not while locked), marks "Backups" with a warning in
// words and shows a dismissable notice line until a later backup succeeds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, mockCommands, type CommandHandler } from '../api/testing';
import type { Actor, AppInfo, BackupStatus } from '../api';
import { actor, ADMIN, appInfo, appInfoAs, activeSession, backupIdle, backupReport, backupResult, DESK, DR_REYES, listedBackup, NURSE, user } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  vi.useRealTimers();
  clearMocks();
  resetUiState();
});

const FAILED_DAILY = backupIdle(backupResult({ kind: 'daily', ok: false, report: null, error: 'File error: /media/usb is not writable.' }));
const UNVERIFIED = backupIdle(
  backupResult({ ok: false, report: backupReport({ verified: false, problems: ['The audit chain breaks at row 17.'] }) }),
);

function startAs(who: Actor, backupStatus: CommandHandler, handlers: Record<string, CommandHandler> = {}) {
  let locked = false;
  const calls = mockCommands({
    app_info: () => appInfoAs(who, locked),
    list_users: () => [user(ADMIN)],
    list_backups: () => [listedBackup()],
    search_patients: ({ request }) => ({ query: request.query, hits: [], offset: 0, hasMore: false }),
    lock: () => {
      locked = true;
      return null;
    },
    backup_status: backupStatus,
    ...handlers,
  });
  render(App);
  return calls;
}

const statusCalls = (calls: { cmd: string }[]) => calls.filter((c) => c.cmd === 'backup_status').length;

describe('the failed-backup marker', () => {
  it('marks Backups in words and says why on any admin screen when the last backup failed', async () => {
    startAs(ADMIN, () => FAILED_DAILY);
    const button = await screen.findByRole('button', { name: 'Backups — last backup failed' });
    expect(within(button).getByText('⚠').getAttribute('aria-hidden'), 'an icon besides the words').toBe('true');
    const notice = await screen.findByTestId('backup-failed-notice');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent!.replace(/\s+/g, ' ')).toContain('The daily backup failed: File error: /media/usb is not writable. Open Backups');
    expect(screen.getAllByTestId('user-row')).toHaveLength(1);
  });

  it('names a backup that did not verify, and Open Backups goes there', async () => {
    startAs(ADMIN, () => UNVERIFIED);
    const notice = await screen.findByTestId('backup-failed-notice');
    expect(notice.textContent).toContain('The backup failed: it did not verify (The audit chain breaks at row 17.)');
    await fireEvent.click(screen.getByRole('button', { name: 'Open Backups' }));
    expect(await screen.findByTestId('backup-error')).toBeTruthy();
    expect(screen.queryByTestId('backup-failed-notice'), 'the screen itself shows the failure').toBeNull();
    expect(screen.getByTestId('nav-backups-failed')).toBeTruthy();
  });

  it('lets the admin dismiss the notice while the marker stays', async () => {
    startAs(ADMIN, () => FAILED_DAILY);
    await fireEvent.click(await screen.findByTestId('dismiss-backup-notice'));
    expect(screen.queryByTestId('backup-failed-notice')).toBeNull();
    expect(screen.getByTestId('nav-backups-failed')).toBeTruthy();
  });

  it('shows a notice one admin dismissed again to the next admin who logs in', async () => {
    const other = actor('office2', 'Second Admin', ['admin']);
    let state: AppInfo['session'] = activeSession(ADMIN);
    startAs(ADMIN, () => FAILED_DAILY, {
      app_info: () => appInfo({ session: state, phase: state.state === 'loggedOut' ? 'login' : 'open' }),
      log_out: () => ((state = { state: 'loggedOut' }), null),
      log_in: () => ((state = activeSession(other)), other),
    });
    await fireEvent.click(await screen.findByTestId('dismiss-backup-notice'));
    await fireEvent.click(screen.getByTestId('log-out'));
    const form = await screen.findByTestId('login-form');
    await fireEvent.input(form.querySelector('[name="username"]')!, { target: { value: 'office2' } });
    await fireEvent.input(form.querySelector('[name="password"]')!, { target: { value: 'right' } });
    await fireEvent.click(screen.getByTestId('log-in'));
    expect((await screen.findByTestId('current-user')).textContent).toBe('Second Admin');
    expect(await screen.findByTestId('backup-failed-notice')).toBeTruthy();
  });

  it('shows nothing when the last backup succeeded, none ran yet, or it was a check of an old one', async () => {
    for (const status of [
      backupIdle(backupResult({ kind: 'daily' })),
      backupIdle(),
      backupIdle(backupResult({ kind: 'verify', ok: false, report: null, error: 'gone' })),
    ]) {
      const calls = startAs(ADMIN, () => status);
      expect((await screen.findByTestId('nav-backups')).textContent).toBe('Backups');
      await waitFor(() => expect(statusCalls(calls)).toBeGreaterThan(0));
      await Promise.resolve();
      expect(screen.queryByTestId('nav-backups-failed')).toBeNull();
      expect(screen.queryByTestId('backup-failed-notice')).toBeNull();
      clearMocks();
      resetUiState();
      document.body.innerHTML = '';
    }
  });

  it('clears once a later backup succeeds', async () => {
    let current: BackupStatus = FAILED_DAILY;
    startAs(ADMIN, () => current, { back_up_now: () => ((current = backupIdle(backupResult())), current) });
    await fireEvent.click(await screen.findByTestId('nav-backups-failed'));
    await fireEvent.click(await screen.findByTestId('back-up-now'));
    expect(await screen.findByTestId('backup-done', {}, { timeout: 2000 })).toBeTruthy();
    expect(screen.queryByTestId('nav-backups-failed')).toBeNull();
    await fireEvent.click(screen.getByTestId('nav-users'));
    expect(screen.queryByTestId('backup-failed-notice')).toBeNull();
  });

  it('never asks for or shows backups to physicians, nurses or front desk', async () => {
    for (const who of [DR_REYES, NURSE, DESK]) {
      const calls = startAs(who, () => FAILED_DAILY);
      await screen.findByTestId('patient-search');
      expect(statusCalls(calls)).toBe(0);
      expect(screen.queryByText(/last backup failed/)).toBeNull();
      expect(screen.queryByTestId('backup-failed-notice')).toBeNull();
      clearMocks();
      resetUiState();
      document.body.innerHTML = '';
    }
  });
});

describe('the admin shell’s poll', () => {
  it('asks once after login, again every 30 seconds, and no more once locked', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = startAs(ADMIN, () => backupIdle());
    await screen.findByTestId('nav-backups');
    await waitFor(() => expect(statusCalls(calls)).toBe(1));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(statusCalls(calls)).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(statusCalls(calls)).toBe(2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(statusCalls(calls)).toBe(3);

    await fireEvent.click(screen.getByTestId('lock-now'));
    await screen.findByTestId('lock-screen');
    await vi.advanceTimersByTimeAsync(90_000);
    expect(statusCalls(calls)).toBe(3);
  });
});

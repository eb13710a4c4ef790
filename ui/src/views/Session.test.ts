// Sessions through the app frame: login errors, the lock screen on `session_locked` with the
// registration draft intact after unlocking, switching user clearing the previous user's draft,
// Ctrl+L, log out, and the idle watch locking after the practice's auto-lock minutes.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../api/testing';
import type { Actor, AppInfo } from '../api';
import { checkIdle, noteActivity } from '../lib/auth.svelte';
import { openPatient } from '../lib/stores.svelte';
import { activeSession, appInfo, appInfoAs, DESK, DR_REYES } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function input(container: HTMLElement, name: string): HTMLInputElement {
  const el = container.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no field named ${name}`);
  return el;
}

/** A fake core session: who is in, locked or not; commands in `extra` answer as given. */
function fakeCore(start: AppInfo['session'], extra: Record<string, CommandHandler> = {}) {
  let state = start;
  const users: Record<string, Actor> = { drreyes: DR_REYES, desk: DESK };
  return mockCommands({
    app_info: () => appInfo({ session: state, demoPassword: 'demo-pass-2026', phase: state.state === 'loggedOut' ? 'login' : 'open' }),
    search_patients: ({ request }) => ({ query: request.query, hits: [], offset: 0, hasMore: false }),
    log_in: ({ username, password }) => {
      if (password !== 'right' || !users[username]) throw errorReport('unauthenticated', 'Wrong username or password.');
      state = activeSession(users[username]);
      return users[username];
    },
    unlock: ({ password }) => {
      if (state.state === 'loggedOut') throw errorReport('unauthenticated', 'Not logged in.');
      if (password !== 'right') throw errorReport('unauthenticated', 'Wrong password.');
      const who = state.actor;
      state = activeSession(who);
      return who;
    },
    lock: () => {
      if (state.state !== 'loggedOut') state = { state: 'locked', actor: state.actor };
      return null;
    },
    log_out: () => {
      state = { state: 'loggedOut' };
      return null;
    },
    ...extra,
  });
}

describe('sessions', () => {
  it('shows the demo hint, the core’s message on a failed login, then opens the search', async () => {
    const calls = fakeCore({ state: 'loggedOut' });
    render(App);
    const form = await screen.findByTestId('login-form');
    expect(screen.getByTestId('demo-login-hint').textContent).toMatch(/admin.*drreyes.*nurse.*desk.*demo-pass-2026/s);
    expect(screen.queryByTestId('patient-search')).toBeNull();
    await fireEvent.input(input(form, 'username'), { target: { value: 'drreyes' } });
    await fireEvent.input(input(form, 'password'), { target: { value: 'wrong' } });
    await fireEvent.click(screen.getByTestId('log-in'));
    expect((await screen.findByTestId('login-error')).textContent).toContain('Wrong username or password.');
    expect(input(form, 'password').value).toBe('');

    await fireEvent.input(input(form, 'password'), { target: { value: 'right' } });
    await fireEvent.click(screen.getByTestId('log-in'));
    await screen.findByTestId('patient-search');
    expect(screen.getByTestId('current-user').textContent).toContain('Dr. Ana Reyes');
    expect(calls.filter((c) => c.cmd === 'log_in').map((c) => c.args)).toEqual([
      { username: 'drreyes', password: 'wrong' },
      { username: 'drreyes', password: 'right' },
    ]);
  });

  it('locks on session_locked, hides the views without unmounting them, and unlocks with the draft intact', async () => {
    fakeCore(appInfoAs(DESK).session, {
      register_patient: () => {
        throw errorReport('session_locked', 'The screen is locked.');
      },
    });
    render(App);
    await screen.findByTestId('search-hint');
    await fireEvent.click(screen.getByTestId('new-patient'));
    const form = await screen.findByTestId('patient-form');
    await fireEvent.input(input(form, 'familyName'), { target: { value: 'Newman' } });
    await fireEvent.input(input(form, 'givenName'), { target: { value: 'Alma' } });
    await fireEvent.click(screen.getByTestId('save-patient'));

    const lock = await screen.findByTestId('lock-screen');
    expect(lock.textContent).toContain('Pat Lee');
    const session = document.querySelector<HTMLElement & { inert?: boolean }>('.session')!;
    // jsdom does not reflect `inert` to the attribute as browsers do
    expect(session.hasAttribute('inert') || session.inert === true).toBe(true);
    expect(session.classList.contains('locked')).toBe(true);
    expect(session.contains(form), 'the form stays mounted underneath').toBe(true);

    await fireEvent.input(input(lock, 'unlockPassword'), { target: { value: 'wrong' } });
    await fireEvent.click(screen.getByTestId('unlock'));
    expect((await screen.findByTestId('unlock-error')).textContent).toContain('Wrong password.');
    await fireEvent.input(input(lock, 'unlockPassword'), { target: { value: 'right' } });
    await fireEvent.click(screen.getByTestId('unlock'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull());
    expect(session.hasAttribute('inert') || session.inert === true).toBe(false);
    expect(input(screen.getByTestId('patient-form'), 'familyName').value).toBe('Newman');
    expect(input(screen.getByTestId('patient-form'), 'givenName').value).toBe('Alma');
  });

  it('switching user from the lock screen discards the previous user’s draft', async () => {
    const calls = fakeCore(appInfoAs(DESK).session);
    render(App);
    await screen.findByTestId('search-hint');
    await fireEvent.click(screen.getByTestId('new-patient'));
    await fireEvent.input(input(await screen.findByTestId('patient-form'), 'familyName'), { target: { value: 'Newman' } });
    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    const lock = await screen.findByTestId('lock-screen');
    expect(calls.some((c) => c.cmd === 'lock')).toBe(true);
    await fireEvent.click(screen.getByTestId('switch-user'));
    await fireEvent.input(input(lock, 'username'), { target: { value: 'drreyes' } });
    await fireEvent.input(input(lock, 'password'), { target: { value: 'right' } });
    await fireEvent.click(screen.getByTestId('log-in'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull());
    expect(screen.getByTestId('current-user').textContent).toContain('Dr. Ana Reyes');
    await fireEvent.click(screen.getByTestId('new-patient'));
    expect(input(await screen.findByTestId('patient-form'), 'familyName').value).toBe('');
  });

  it('logs out to the login screen', async () => {
    fakeCore(appInfoAs(DR_REYES).session);
    render(App);
    await screen.findByTestId('search-hint');
    await fireEvent.click(screen.getByTestId('log-out'));
    await screen.findByTestId('login-form');
    expect(screen.queryByTestId('patient-search')).toBeNull();
  });

  it('locks after the practice’s auto-lock minutes without input', async () => {
    const calls = fakeCore(appInfoAs(DR_REYES).session);
    render(App);
    await screen.findByTestId('search-hint');
    const t0 = Date.now();
    noteActivity(t0);
    expect(checkIdle(t0 + 9 * 60_000)).toBe(false);
    expect(checkIdle(t0 + 10 * 60_000)).toBe(true);
    await screen.findByTestId('lock-screen');
    expect(calls.some((c) => c.cmd === 'lock')).toBe(true);
  });
});

describe('change password', () => {
  it('compares the new passwords, sends current and new, and shows the core’s field errors', async () => {
    const calls = mockCommands({
      app_info: () => appInfoAs(DR_REYES),
      change_password: ({ current }) => {
        if (current !== 'old-password') throw errorReport('unauthenticated', 'The current password is not right.');
        return null;
      },
    });
    render(App);
    await screen.findByTestId('search-hint');
    await fireEvent.click(screen.getByTestId('change-password'));
    const form = await screen.findByTestId('password-form');
    await fireEvent.input(input(form, 'currentPassword'), { target: { value: 'nope' } });
    await fireEvent.input(input(form, 'newPassword'), { target: { value: 'a-new-long-password' } });
    await fireEvent.input(input(form, 'newPasswordRepeat'), { target: { value: 'a-new-long-password' } });
    await fireEvent.click(screen.getByTestId('save-password'));
    expect((await screen.findByTestId('error-currentPassword')).textContent).toContain('not right');
    expect(screen.queryByTestId('login-form'), 'a wrong password does not end the session').toBeNull();

    await fireEvent.input(input(form, 'currentPassword'), { target: { value: 'old-password' } });
    await fireEvent.click(screen.getByTestId('save-password'));
    await screen.findByTestId('password-changed');
    expect(calls.filter((c) => c.cmd === 'change_password').at(-1)!.args).toEqual({ current: 'old-password', new: 'a-new-long-password' });
  });
});

describe('forbidden', () => {
  it('shows the core’s message saying who may, inline', async () => {
    mockCommands({
      app_info: () => appInfoAs(DESK),
      get_patient: () => {
        throw errorReport('forbidden', 'Only a physician or nurse/MA may view the clinical record.');
      },
    });
    render(App);
    await screen.findByTestId('search-hint');
    openPatient('p-smith');
    expect((await screen.findByTestId('chart-error')).textContent).toBe('Only a physician or nurse/MA may view the clinical record.');
  });
});

describe('user menu', () => {
  it('closes on Esc and shows Lock without an emoji', async () => {
    mockCommands({ app_info: () => appInfoAs(DR_REYES), search_patients: () => ({ query: '', hits: [], offset: 0, hasMore: false }) });
    render(App);
    await screen.findByTestId('search-hint');
    const summary = screen.getByTestId('user-menu');
    const menu = summary.closest('details')!;
    await fireEvent.click(summary);
    menu.open = true; // jsdom does not toggle <details> on a summary click
    screen.getByTestId('change-password').focus();
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(menu.open).toBe(false);
    expect(document.activeElement).toBe(summary);
    expect(screen.getByTestId('lock-now').textContent).not.toMatch(/\p{Extended_Pictographic}/u);
  });
});

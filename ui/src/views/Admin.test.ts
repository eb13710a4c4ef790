// Role-shaped screens and the admin area: admin sees Users/Audit/Settings and no patient search,
// front desk the reverse; the users form shows the core's field errors; the audit report renders
// rows, sends its filters and sort, and names a broken chain.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../api/testing';
import type { Actor } from '../api';
import { ADMIN, appInfoAs, auditEntry, DESK, DR_REYES, NURSE, user } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function startAs(who: Actor, handlers: Record<string, CommandHandler> = {}) {
  const calls = mockCommands({
    app_info: () => appInfoAs(who),
    list_users: () => [user(ADMIN), user(DR_REYES), user(DESK, { active: false })],
    audit_report: () => ({ entries: [], hasMore: false }),
    search_patients: ({ request }) => ({ query: request.query, hits: [], offset: 0, hasMore: false }),
    ...handlers,
  });
  render(App);
  return calls;
}

describe('role-shaped navigation', () => {
  it('gives the admin the admin area and no patient search', async () => {
    startAs(ADMIN);
    await screen.findByTestId('nav-users');
    expect(screen.getByTestId('nav-audit')).toBeTruthy();
    expect(screen.getByTestId('nav-settings')).toBeTruthy();
    expect(screen.queryByTestId('patient-search')).toBeNull();
    expect(screen.queryByTestId('new-patient')).toBeNull();
    expect(await screen.findAllByTestId('user-row')).toHaveLength(3);
  });

  it('gives front desk, nurse and physician the search and no admin area', async () => {
    for (const who of [DESK, NURSE, DR_REYES]) {
      startAs(who);
      await screen.findByTestId('patient-search');
      expect(screen.getByTestId('new-patient')).toBeTruthy();
      expect(screen.queryByTestId('nav-users')).toBeNull();
      expect(screen.queryByTestId('nav-audit')).toBeNull();
      expect(screen.queryByTestId('nav-settings')).toBeNull();
      clearMocks();
      resetUiState();
      document.body.innerHTML = '';
    }
  });

  it('gives an admin who is also a physician both', async () => {
    startAs({ ...ADMIN, roles: ['admin', 'physician'] });
    await screen.findByTestId('patient-search');
    expect(screen.getByTestId('nav-users')).toBeTruthy();
  });
});

describe('users', () => {
  it('shows field errors under the fields, asks prescriber numbers only of physicians, then adds the user', async () => {
    const calls = startAs(ADMIN, {
      create_user: ({ draft }) => {
        if (draft.username === 'x')
          throw errorReport('invalid_input', 'x', [
            { field: 'username', message: 'A username is 3 to 32 letters or digits' },
            { field: 'npi', message: 'An NPI is 10 digits' },
            { field: 'password', message: 'At least 12 characters' },
          ]);
        return user({ userId: 'u-new', username: draft.username, displayName: draft.displayName, roles: draft.roles });
      },
    });
    await fireEvent.click(await screen.findByTestId('add-user'));
    const form = screen.getByTestId('user-form');
    const named = (n: string) => form.querySelector<HTMLInputElement>(`[name="${n}"]`);
    expect(named('npi'), 'no NPI field before physician is ticked').toBeNull();
    await fireEvent.input(named('username')!, { target: { value: 'x' } });
    await fireEvent.input(named('displayName')!, { target: { value: 'Dr. Kim Park' } });
    await fireEvent.click(named('role-physician')!);
    await fireEvent.input(named('npi')!, { target: { value: '12' } });
    await fireEvent.input(named('password')!, { target: { value: 'short' } });
    await fireEvent.click(screen.getByTestId('save-user'));
    expect((await screen.findByTestId('error-username')).textContent).toContain('3 to 32');
    expect(screen.getByTestId('error-npi').textContent).toContain('10 digits');
    expect(screen.getByTestId('error-password').textContent).toContain('12 characters');
    expect(named('displayName')!.value).toBe('Dr. Kim Park');

    await fireEvent.input(named('username')!, { target: { value: 'kpark' } });
    await fireEvent.click(screen.getByTestId('save-user'));
    await waitFor(() => expect(screen.queryByTestId('user-form')).toBeNull());
    expect(screen.getAllByTestId('user-row')).toHaveLength(4);
    const sent = calls.filter((c) => c.cmd === 'create_user').at(-1)!.args;
    expect(sent.draft).toMatchObject({ username: 'kpark', roles: ['physician'], npi: '12' });
    expect(sent.password).toBe('short');
  });

  it('reactivates a user with a new password and shows a refusal', async () => {
    const calls = startAs(ADMIN, {
      set_user_active: ({ id, active }) => user(DESK, { id, active }),
    });
    const rows = await screen.findAllByTestId('user-row');
    await fireEvent.click(within(rows[2]).getByTestId('reactivate-user'));
    const ask = screen.getByTestId('password-action');
    await fireEvent.input(ask.querySelector('[name="newUserPassword"]')!, { target: { value: 'a-new-long-password' } });
    await fireEvent.click(screen.getByTestId('confirm-password-action'));
    await screen.findByTestId('users-notice');
    expect(calls.find((c) => c.cmd === 'set_user_active')!.args).toEqual({ id: DESK.userId, active: true, password: 'a-new-long-password' });
    expect(within(screen.getAllByTestId('user-row')[2]).getByTestId('deactivate-user')).toBeTruthy();
  });
});

describe('audit report', () => {
  it('renders rows on the practice clock, flags emergencies and denials, sends filters and sort', async () => {
    const calls = startAs(ADMIN, {
      audit_report: ({ query }) => ({
        entries: query.emergencyOnly
          ? [auditEntry(7, { emergency: true, action: 'emergency_access', detail: 'unconscious in waiting room' })]
          : [auditEntry(9, { outcome: 'denied', username: 'desk', action: 'view_patient' }), auditEntry(8)],
        hasMore: !query.emergencyOnly,
      }),
      verify_audit_chain: () => ({ rows: 9, firstBrokenSeq: 4, message: 'Row 4 does not match its hash.' }),
      export_audit_csv: () => '/home/office/charta-audit.csv',
    });
    await fireEvent.click(await screen.findByTestId('nav-audit'));
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('26 Nov 2026 09:04:00');
    expect(rows[0].textContent).toContain('denied');
    expect(rows[0].textContent).toContain('SMITH, Jane (Chart #1042)');

    await fireEvent.click(screen.getByTestId('emergency-only'));
    const filters = screen.getByTestId('audit-filters');
    await fireEvent.input(filters.querySelector('[name="from"]')!, { target: { value: '2026-11-01' } });
    await fireEvent.input(filters.querySelector('[name="to"]')!, { target: { value: '2026-11-30' } });
    await fireEvent.click(screen.getByTestId('sort-user'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    expect(screen.getByTestId('emergency-badge').textContent).toContain('EMERGENCY');
    const last = calls.filter((c) => c.cmd === 'audit_report').at(-1)!.args.query;
    expect(last).toMatchObject({ emergencyOnly: true, from: '2026-11-01', to: '2026-11-30', sort: 'byUser', offset: 0 });
    expect(last.userId).toBeUndefined();

    await fireEvent.click(screen.getByTestId('export-audit'));
    expect((await screen.findByTestId('export-path')).textContent).toContain('/home/office/charta-audit.csv');
    expect(calls.find((c) => c.cmd === 'export_audit_csv')!.args.query).toMatchObject({ emergencyOnly: true, sort: 'byUser' });

    await fireEvent.click(screen.getByTestId('verify-audit'));
    const check = await screen.findByTestId('chain-check');
    expect(check.textContent).toContain('Row 4 does not match its hash.');
    expect(check.textContent).toContain('#4');
    expect(check.classList.contains('error')).toBe(true);
  });

  it('pages with Load more', async () => {
    const calls = startAs(ADMIN, {
      audit_report: ({ query }) => ({ entries: [auditEntry(100 - query.offset)], hasMore: query.offset === 0 }),
    });
    await fireEvent.click(await screen.findByTestId('nav-audit'));
    await screen.findAllByTestId('audit-row');
    await fireEvent.click(screen.getByTestId('audit-more'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === 'audit_report').map((c) => c.args.query.offset)).toEqual([0, 1]);
    expect(screen.queryByTestId('audit-more')).toBeNull();
  });
});

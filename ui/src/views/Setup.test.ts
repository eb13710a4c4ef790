// First start: the setup form's prefixed field errors sit under their fields, the passwords are
// compared before sending, and the recovery key is shown once, then the app opens.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, errorReport, mockCommands } from '../api/testing';
import { ADMIN, appInfo, appInfoAs } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function field(name: string): HTMLInputElement {
  return screen.getByTestId('setup-form').querySelector<HTMLInputElement>(`[name="${name}"]`)!;
}

describe('setup', () => {
  it('shows prefixed field errors, then the recovery key once, then the admin area', async () => {
    let done = false;
    const calls = mockCommands({
      app_info: () => (done ? appInfoAs(ADMIN) : appInfo({ phase: 'setup', practice: null, session: { state: 'loggedOut' } })),
      time_zones: () => ['America/Chicago'],
      list_users: () => [],
      set_up_practice: ({ request }) => {
        if (!request.practice.name)
          throw errorReport('invalid_input', 'x', [
            { field: 'practice.name', message: 'The practice needs a name' },
            { field: 'admin.username', message: 'A username is 3 to 32 letters or digits' },
            { field: 'password', message: 'At least 12 characters' },
          ]);
        done = true;
        return 'ABCD-EFGH-JKLM-NPQR';
      },
    });
    render(App);
    await screen.findByTestId('setup-form');
    expect(screen.queryByTestId('patient-search')).toBeNull();

    await fireEvent.input(field('admin.username'), { target: { value: 'x' } });
    await fireEvent.input(field('password'), { target: { value: 'short' } });
    await fireEvent.input(field('passwordRepeat'), { target: { value: 'shorter' } });
    await fireEvent.click(screen.getByTestId('set-up'));
    expect((await screen.findByTestId('error-passwordRepeat')).textContent).toMatch(/not the same/);
    expect(calls.some((c) => c.cmd === 'set_up_practice'), 'mismatched passwords are not sent').toBe(false);

    await fireEvent.input(field('passwordRepeat'), { target: { value: 'short' } });
    await fireEvent.click(field('admin.role-physician'));
    await fireEvent.click(screen.getByTestId('set-up'));
    expect((await screen.findByTestId('error-practice.name')).textContent).toContain('needs a name');
    expect(screen.getByTestId('error-admin.username').textContent).toContain('username');
    expect(screen.getByTestId('error-password').textContent).toContain('12 characters');
    expect(field('admin.username').value, 'typing is kept').toBe('x');
    const first = calls.find((c) => c.cmd === 'set_up_practice')!.args.request;
    expect(first.admin.roles).toEqual(['admin', 'physician']);
    expect(first.practice.timeZone).toBeTypeOf('string');

    await fireEvent.input(field('practice.name'), { target: { value: 'Riverside Family Practice' } });
    await fireEvent.click(screen.getByTestId('set-up'));
    expect((await screen.findByTestId('recovery-key')).textContent).toContain('ABCD-EFGH-JKLM-NPQR');
    expect(screen.getByText(/shown only once/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId('recovery-key-done'));
    await screen.findByTestId('nav-users');
    expect(screen.queryByTestId('recovery-key')).toBeNull();
    expect(document.body.textContent).not.toContain('ABCD-EFGH-JKLM-NPQR');
  });
});

// Practice settings (admin): reached from the Admin area, errors sit under their fields (including
// the auto-lock and backup settings), and saving sends the whole draft.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, errorReport, mockCommands } from '../api/testing';
import { ADMIN, appInfoAs, user } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

describe('practice settings', () => {
  it('shows field errors under their fields, keeps the typing, then saves', async () => {
    const calls = mockCommands({
      app_info: () => appInfoAs(ADMIN),
      time_zones: () => ['America/Chicago', 'Europe/London'],
      list_users: () => [user(ADMIN)],
      save_practice: ({ draft }) => {
        if (draft.autoLockMinutes > 60) throw errorReport('invalid_input', 'x', [{ field: 'autoLockMinutes', message: 'At most 60 minutes' }]);
        return { ...appInfoAs(ADMIN).practice, ...draft };
      },
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('nav-settings'));
    const form = await screen.findByTestId('practice-form');
    const minutes = form.querySelector<HTMLInputElement>('[name="autoLockMinutes"]')!;
    expect(minutes.value).toBe('10');
    await fireEvent.input(minutes, { target: { value: '90' } });
    await fireEvent.input(form.querySelector('[name="backupDir"]')!, { target: { value: '/mnt/usb/charta' } });
    await fireEvent.submit(form);
    expect((await screen.findByTestId('error-autoLockMinutes')).textContent).toContain('At most 60');
    expect(form.querySelector<HTMLInputElement>('[name="backupDir"]')!.value).toBe('/mnt/usb/charta');

    await fireEvent.input(minutes, { target: { value: '5' } });
    await fireEvent.submit(form);
    await screen.findByText(/Practice settings saved/);
    const sent = calls.filter((c) => c.cmd === 'save_practice').map((c) => c.args.draft);
    expect(sent[1]).toMatchObject({ name: 'Riverside Family Practice', autoLockMinutes: 5, backupDir: '/mnt/usb/charta', backupsKept: 7 });
  });
});

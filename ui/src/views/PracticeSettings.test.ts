// First run: with no practice yet the settings form comes first, its errors sit under their
// fields, and saving opens the search.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, errorReport, mockCommands } from '../api/testing';
import { appInfo } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

describe('practice settings', () => {
  it('comes first on a fresh database, shows field errors, then saves and opens search', async () => {
    let saved = false;
    const calls = mockCommands({
      app_info: () => (saved ? appInfo() : appInfo({ practice: null })),
      time_zones: () => ['America/Chicago', 'Europe/London'],
      save_practice: ({ draft }) => {
        if (!draft.name) throw errorReport('invalid_input', 'x', [{ field: 'name', message: 'The practice needs a name' }]);
        saved = true;
        return appInfo().practice;
      },
    });
    render(App);
    const form = await screen.findByTestId('practice-form');
    expect(screen.queryByTestId('demo-ribbon')).toBeNull();
    const timeZone = form.querySelector<HTMLInputElement>('[name="timeZone"]')!;
    await fireEvent.input(timeZone, { target: { value: 'America/Chicago' } });
    await fireEvent.submit(form);
    expect((await screen.findByTestId('error-name')).textContent).toContain('needs a name');
    expect(timeZone.value).toBe('America/Chicago');

    await fireEvent.input(form.querySelector('[name="name"]')!, { target: { value: 'Riverside Family Practice' } });
    await fireEvent.submit(form);
    await screen.findByTestId('search-hint');
    expect(screen.getByTestId('practice-name').textContent).toContain('Riverside Family Practice');
    const sent = calls.filter((c) => c.cmd === 'save_practice').map((c) => c.args.draft.name);
    expect(sent).toEqual(['', 'Riverside Family Practice']);
    expect(document.querySelectorAll('#time-zones option')).toHaveLength(0); // the form is gone
  });
});

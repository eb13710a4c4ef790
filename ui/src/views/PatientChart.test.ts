// The patient chart: banner identifiers, editing demographics against the version it started
// from, a conflict that asks for a reload, Esc backing out one level at a time, and a restricted
// chart opened through emergency access.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../api/testing';
import { openPatient } from '../lib/stores.svelte';
import { appInfo, appInfoAs, DESK, patient } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

async function openChart(update: CommandHandler) {
  const calls = mockCommands({
    app_info: () => appInfo(),
    get_patient: () => patient({ version: 7, middleName: 'Ann' }),
    update_patient: update,
    allergy_state: () => ({ state: { state: 'notAsked' }, substances: [] }),
    chart_summary: () => {
      throw errorReport('io', 'not under test here');
    },
  });
  render(App);
  await screen.findByTestId('search-hint');
  openPatient('p-smith');
  await screen.findByTestId('patient-banner');
  // A physician lands on the summary; demographics are their own tab.
  await fireEvent.click(screen.getByTestId('tab-demographics'));
  return calls;
}

function field(name: string): HTMLInputElement {
  return screen.getByTestId('patient-form').querySelector<HTMLInputElement>(`[name="${name}"]`)!;
}

describe('patient chart', () => {
  it('names the patient in the banner with DOB, age, sex, chart number and the allergy badge', async () => {
    await openChart(() => null);
    const banner = screen.getByTestId('patient-banner').textContent ?? '';
    expect(banner).toContain('SMITH');
    expect(banner).toContain('Jane Ann');
    expect(banner).toContain('“Janie”');
    expect(banner).toContain('14 Mar 1980 (46 y)');
    expect(banner).toContain('Female');
    expect(screen.getByTestId('banner-mrn').textContent).toContain('Chart #1042');
    const badge = await screen.findByTestId('allergy-badge');
    expect(badge.dataset.state).toBe('notAsked');
    expect(screen.getByTestId('patient-banner').textContent).toContain('Allergies not recorded');
  });

  it('edits demographics with the version it started from and shows the saved result', async () => {
    const calls = await openChart(({ draft }) => patient({ ...draft, middleName: draft.middleName, version: 8, emergencyContact: null, deceasedOn: null }));
    await fireEvent.click(screen.getByTestId('edit-demographics'));
    expect(field('dateOfBirth').value, 'dates are shown again as ISO text').toBe('1980-03-14');
    await fireEvent.input(field('givenName'), { target: { value: 'Janet' } });
    await fireEvent.click(screen.getByTestId('save-patient'));
    await waitFor(() => expect(screen.queryByTestId('patient-form')).toBeNull());
    const update = calls.find((c) => c.cmd === 'update_patient')!.args;
    expect(update.id).toBe('p-smith');
    expect(update.expectedVersion).toBe(7);
    expect(update.draft.givenName).toBe('Janet');
    expect(screen.getByTestId('patient-banner').textContent).toContain('Janet');
  });

  it('tells the user to reload when someone else saved first, keeping the edit open', async () => {
    await openChart(() => {
      throw errorReport('conflict', 'The patient was changed by someone else');
    });
    await fireEvent.click(screen.getByTestId('edit-demographics'));
    await fireEvent.input(field('familyName'), { target: { value: 'Smithers' } });
    await fireEvent.click(screen.getByTestId('save-patient'));
    expect((await screen.findByTestId('form-error')).textContent).toMatch(/Reload/);
    expect(screen.getByText('Reload patient')).toBeTruthy();
    expect(field('familyName').value).toBe('Smithers');
  });

  it('cancels editing with Esc, then goes back to search with Esc', async () => {
    await openChart(() => null);
    await fireEvent.click(screen.getByTestId('edit-demographics'));
    await fireEvent.keyDown(field('familyName'), { key: 'Escape' });
    expect(screen.queryByTestId('patient-form')).toBeNull();
    expect(screen.getByTestId('patient-chart')).toBeTruthy();
    await fireEvent.keyDown(window, { key: 'Escape' });
    await screen.findByTestId('search-hint');
    expect(screen.queryByTestId('patient-chart')).toBeNull();
  });
});

describe('restricted chart', () => {
  it('offers emergency access in one inline panel, then opens the chart under a red banner', async () => {
    let granted = false;
    const calls = mockCommands({
      app_info: () => appInfo(),
      get_patient: () => {
        if (!granted) throw errorReport('restricted', 'This chart is restricted by the practice.');
        return patient({ restricted: true });
      },
      emergency_access: ({ reason }) => {
        if (!reason) throw errorReport('invalid_input', 'x', [{ field: 'reason', message: 'Say why you need this chart' }]);
        granted = true;
        return '2026-11-26T15:34:00Z';
      },
      set_restricted: () => null,
    });
    render(App);
    await screen.findByTestId('search-hint');
    openPatient('p-smith');
    const panel = await screen.findByTestId('restricted-chart');
    expect(panel.textContent).toContain('This chart is restricted');
    expect(screen.queryByTestId('patient-banner')).toBeNull();
    await fireEvent.click(screen.getByTestId('emergency-access'));
    expect((await screen.findByTestId('error-reason')).textContent).toContain('Say why');

    await fireEvent.input(panel.querySelector('[name="reason"]')!, { target: { value: 'Unconscious in the waiting room' } });
    await fireEvent.click(screen.getByTestId('emergency-access'));
    await screen.findByTestId('patient-banner');
    expect(screen.getByTestId('emergency-banner').textContent).toContain('until 09:34');
    expect(calls.filter((c) => c.cmd === 'emergency_access').at(-1)!.args).toEqual({ id: 'p-smith', reason: 'Unconscious in the waiting room' });

    const box = screen.getByTestId('restrict-chart') as HTMLInputElement;
    expect(box.checked, 'the toggle shows the chart as restricted').toBe(true);
    await fireEvent.click(box);
    expect(calls.find((c) => c.cmd === 'set_restricted')!.args).toEqual({ id: 'p-smith', restricted: false });
  });

  it('tells front desk who may open a restricted chart, with no emergency button', async () => {
    mockCommands({
      app_info: () => appInfoAs(DESK),
      get_patient: () => {
        throw errorReport('restricted', 'This chart is restricted by the practice.');
      },
    });
    render(App);
    await screen.findByTestId('search-hint');
    openPatient('p-smith');
    const panel = await screen.findByTestId('restricted-chart');
    expect(panel.textContent).toContain('Only a physician or nurse/MA');
    expect(screen.queryByTestId('emergency-access')).toBeNull();
    expect(screen.queryByTestId('restrict-chart')).toBeNull();
  });
});

// The Vitals tab: latest set, table rows with flags in arrows and words, entered in error
// struck through and marked inline, the metric/US switch, the trend picker (no canvas under
// jsdom), and the inline form that reloads the list after a save.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import VitalsView from './VitalsView.svelte';
import { clearMocks, errorReport, mockCommands } from '../../api/testing';
import { ADMIN, appInfoAs, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { session } from '../../lib/stores.svelte';
import { r, vitalsSet } from './vitals/fixtures';
import type { VitalsSet } from '../../api';

afterEach(() => {
  clearMocks();
  resetUiState();
  localStorage.clear();
});

const NEWEST = vitalsSet({ id: 'v-3', takenAt: '2026-11-26T15:00:00Z', systolic: r(150, 'high'), diastolic: r(78), pulse: r(38, 'criticalLow'), temperatureC: r(37) });
const WRONG = vitalsSet({
  id: 'v-2',
  takenAt: '2026-11-20T15:00:00Z',
  systolic: r(220, 'criticalHigh'),
  diastolic: r(120, 'criticalHigh'),
  enteredInError: { at: '2026-11-20T16:00:00Z', by: 'u-nurse', byName: 'Sam Ortiz', reason: 'Cuff on the wrong patient' },
});
const OLDEST = vitalsSet({ id: 'v-1', takenAt: '2026-10-01T15:00:00Z', systolic: r(122), diastolic: r(80), weightKg: r(70, null), bmi: r(24.2) });

function open(list: () => VitalsSet[], more: Parameters<typeof mockCommands>[0] = {}, who = NURSE) {
  session.info = appInfoAs(who);
  const calls = mockCommands({ list_vitals: list, ...more });
  render(VitalsView, { props: { patientId: 'p-smith' } });
  return calls;
}

describe('vitals view', () => {
  it('lists every set newest first with flags as arrows and words, the latest on top', async () => {
    const calls = open(() => [NEWEST, WRONG, OLDEST]);
    const rows = await screen.findAllByTestId('vitals-row');
    expect(rows.map((row) => row.dataset.id)).toEqual(['v-3', 'v-2', 'v-1']);
    expect(calls.find((c) => c.cmd === 'list_vitals')!.args.patientId).toBe('p-smith');
    const bp = rows[0].querySelector('[data-col="bp"]')!;
    expect(bp.textContent).toContain('150/78 mmHg');
    expect(bp.textContent).toContain('↑');
    expect(bp.textContent).toContain('(high)');
    const pulse = rows[0].querySelector('[data-col="pulse"]')!;
    expect(pulse.textContent).toContain('↓↓');
    expect(pulse.textContent).toContain('critically low');
    expect(rows[2].querySelector('[data-col="bp"]')!.querySelector('[data-testid="vitals-flag"]'), 'a normal value has no mark').toBeNull();
    const latest = screen.getByTestId('vitals-latest');
    expect(within(latest).getByTestId('vitals-latest-pulse').textContent).toContain('38 /min');
    expect(latest.textContent).toContain('Sam Ortiz');
  });

  it('strikes a set entered in error through and says who, when and why', async () => {
    open(() => [WRONG, OLDEST]);
    const rows = await screen.findAllByTestId('vitals-row');
    expect(rows[0].classList.contains('struck')).toBe(true);
    expect(rows[0].textContent).toContain('entered in error');
    expect(screen.getByTestId('vitals-eie-note').textContent).toContain('Cuff on the wrong patient');
    expect(screen.getByTestId('vitals-eie-note').textContent).toContain('Sam Ortiz');
    expect(within(rows[0]).queryByTestId('vitals-mark-error')).toBeNull();
    expect(within(screen.getByTestId('vitals-latest')).getByTestId('vitals-latest-bp').textContent, 'the latest card skips it').toContain('122/80');
  });

  it('marks a set entered in error inline with a reason, showing the core’s refusal first', async () => {
    const calls = open(() => [OLDEST], {
      vitals_entered_in_error: ({ reason }) => {
        if (reason.trim().length < 3) throw errorReport('invalid_input', 'Say why', [{ field: 'reason', message: 'Say why (at least 3 characters)' }]);
        return { ...OLDEST, enteredInError: { at: '2026-11-26T15:05:00Z', by: 'u-nurse', byName: 'Sam Ortiz', reason } };
      },
    });
    await fireEvent.click(await screen.findByTestId('vitals-mark-error'));
    const form = screen.getByTestId('vitals-eie-form');
    await fireEvent.submit(form);
    expect((await screen.findByTestId('error-reason')).textContent).toContain('Say why');
    await fireEvent.input(screen.getByTestId('vitals-eie-reason'), { target: { value: 'Weighed in a coat' } });
    await fireEvent.submit(form);
    expect((await screen.findByTestId('vitals-eie-note')).textContent).toContain('Weighed in a coat');
    expect(screen.getByTestId('vitals-row').classList.contains('struck')).toBe(true);
    const sent = calls.filter((c) => c.cmd === 'vitals_entered_in_error').map((c) => c.args);
    expect(sent[1]).toEqual({ id: 'v-1', reason: 'Weighed in a coat' });
  });

  it('Esc closes the reason box without marking anything', async () => {
    const calls = open(() => [OLDEST]);
    await fireEvent.click(await screen.findByTestId('vitals-mark-error'));
    await fireEvent.keyDown(screen.getByTestId('vitals-eie-reason'), { key: 'Escape' });
    expect(screen.queryByTestId('vitals-eie-form')).toBeNull();
    expect(calls.some((c) => c.cmd === 'vitals_entered_in_error')).toBe(false);
  });

  it('switches the display to US units and remembers it on this workstation', async () => {
    open(() => [NEWEST, OLDEST]);
    const rows = await screen.findAllByTestId('vitals-row');
    expect(rows[0].querySelector('[data-col="temperature"]')!.textContent).toContain('37.0 °C');
    expect(rows[1].querySelector('[data-col="weight"]')!.textContent).toContain('70.0 kg');
    await fireEvent.click(screen.getByTestId('vitals-units'));
    expect(rows[0].querySelector('[data-col="temperature"]')!.textContent).toContain('98.6 °F');
    expect(rows[1].querySelector('[data-col="weight"]')!.textContent).toContain('154.3 lb');
    expect(localStorage.getItem('charta.vitals.units')).toBe('us');
  });

  it('picks the plotted measurement with the radio buttons and draws nothing without a canvas', async () => {
    open(() => [NEWEST, WRONG, OLDEST]);
    const plot = await screen.findByTestId('vitals-plot');
    expect(plot.dataset.measure).toBe('bp');
    expect(plot.dataset.points, 'the set entered in error is not plotted').toBe('2');
    expect(plot.querySelector('canvas')).toBeNull();
    await fireEvent.click(screen.getByTestId('vitals-plot-weight'));
    expect(plot.dataset.measure).toBe('weight');
    expect(screen.getByTestId('vitals-plot-summary').textContent).toContain('Weight: 1 reading, latest weight 70 kg');
  });

  it('opens the form inline with Record vitals and reloads the list after a save', async () => {
    let listed = [OLDEST];
    const calls = open(() => listed, {
      record_vitals: () => {
        listed = [NEWEST, OLDEST];
        return NEWEST;
      },
    });
    await screen.findAllByTestId('vitals-row');
    await fireEvent.click(screen.getByTestId('record-vitals'));
    await fireEvent.input(screen.getByTestId('vitals-pulse'), { target: { value: '38' } });
    await fireEvent.click(screen.getByTestId('save-vitals'));
    await waitFor(() => expect(screen.getAllByTestId('vitals-row')).toHaveLength(2));
    expect(screen.queryByTestId('vitals-form'), 'the form closes after saving').toBeNull();
    expect(calls.filter((c) => c.cmd === 'list_vitals')).toHaveLength(2);
  });

  it('opens the form with Alt+V, focused on the systolic, and Esc closes it', async () => {
    open(() => [OLDEST]);
    await screen.findAllByTestId('vitals-row');
    await fireEvent.keyDown(window, { key: 'v', code: 'KeyV', altKey: true });
    const systolic = await screen.findByTestId('vitals-systolic');
    await waitFor(() => expect(document.activeElement).toBe(systolic));
    await fireEvent.keyDown(systolic, { key: 'Escape' });
    expect(screen.queryByTestId('vitals-form')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('record-vitals')));
  });

  it('offers no recording or marking to a role that may not edit the chart', async () => {
    open(() => [OLDEST], {}, ADMIN);
    await screen.findAllByTestId('vitals-row');
    expect(screen.queryByTestId('record-vitals')).toBeNull();
    expect(screen.queryByTestId('vitals-mark-error')).toBeNull();
  });

  it('says so when there are no vitals yet', async () => {
    open(() => []);
    expect((await screen.findByTestId('vitals-empty')).textContent).toContain('No vitals');
  });
});

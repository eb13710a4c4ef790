// The Results tab: reports newest first with flags in words, eGFR marked computed, the focus
// on a report named by the route, inline entry (a panel expands to its tests, units chosen,
// Enter saves, field errors beside their rows), and the trend table.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import LabResults from './LabResults.svelte';
import { clearMocks, errorReport, mockCommands } from '../../api/testing';
import { appInfoAs, DESK, DR_REYES, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { session } from '../../lib/stores.svelte';
import { CATALOGUE, report, result } from './fixtures';
import type { LabReport } from '../../api';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const NEW = report({
  id: 'rep-2',
  collectedAt: '2026-11-25T13:30:00Z',
  worstFlag: 'critical',
  results: [
    result({ id: 'k', loinc: '2823-3', shortName: 'K', value: { kind: 'number', value: 6.8 }, unit: 'mmol/L', flag: 'criticalHigh', refLow: 3.6, refHigh: 5.2 }),
    result({ id: 'cr', loinc: '2160-0', shortName: 'Creatinine', value: { kind: 'number', value: 1.9 }, flag: 'high' }),
    result({
      id: 'egfr',
      loinc: '98979-8',
      shortName: 'eGFR',
      value: { kind: 'number', value: 27 },
      unit: 'mL/min/1.73m2',
      flag: 'low',
      computed: true,
      comment: 'computed (CKD-EPI 2021) from creatinine 1.90 mg/dL',
    }),
  ],
});
const OLD = report({
  id: 'rep-1',
  panelName: 'HbA1c',
  results: [result({ id: 'a1c', loinc: '4548-4', shortName: 'HbA1c', value: { kind: 'number', value: 6.1 }, unit: '%', flag: 'high', enteredInError: { at: '2026-11-21T00:00:00Z', by: 'u', byName: 'Sam', reason: 'wrong patient' } })],
});

function open(reports: () => LabReport[], more: Parameters<typeof mockCommands>[0] = {}, who = NURSE, focusReportId: string | null = null) {
  session.info = appInfoAs(who);
  const calls = mockCommands({
    lab_reports: reports,
    lab_catalogue: () => CATALOGUE,
    lab_physicians: () => [{ id: 'u-doc', name: 'Dr. Ana Reyes' }],
    ...more,
  });
  render(LabResults, { props: { patientId: 'p-1', focusReportId } });
  return calls;
}

describe('the Results tab', () => {
  it('lists reports newest first with flags in words and the eGFR marked computed', async () => {
    const calls = open(() => [NEW, OLD]);
    const cards = await screen.findAllByTestId('lab-report');
    expect(cards.map((c) => c.dataset.reportId)).toEqual(['rep-2', 'rep-1']);
    expect(calls.find((c) => c.cmd === 'lab_reports')!.args.patientId).toBe('p-1');
    const rows = within(cards[0]).getAllByTestId('lab-result-row');
    expect(rows[0].textContent).toContain('6.8 mmol/L');
    expect(rows[0].textContent).toContain('critically high');
    expect(rows[0].textContent).toContain('3.6–5.2 mmol/L');
    expect(rows[1].textContent).toContain('high');
    expect(within(rows[2]).getByTestId('lab-computed').textContent).toBe('computed (CKD-EPI 2021)');
    const wrong = within(cards[1]).getByTestId('lab-result-row');
    expect(wrong.classList.contains('struck')).toBe(true);
    expect(wrong.textContent).toContain('entered in error: wrong patient');
  });

  it('focuses the report the route names', async () => {
    open(() => [NEW, OLD], {}, DR_REYES, 'rep-1');
    await waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.reportId).toBe('rep-1'));
  });

  it('enters a panel: it expands to one row per test, Enter saves with the units chosen', async () => {
    let saved = false;
    const calls = open(() => (saved ? [NEW] : []), {
      search_lab_catalogue: () => [{ kind: 'panel', code: 'bmp-test', name: 'Two tests', shortName: 'Two', tests: ['2951-2', '2345-7'] }],
      record_lab_report: () => {
        saved = true;
        return NEW;
      },
    });
    await screen.findByTestId('lab-empty');
    await fireEvent.click(screen.getByTestId('lab-enter'));
    const search = await screen.findByTestId('lab-test-search');
    await fireEvent.input(search, { target: { value: 'two' } });
    await screen.findByTestId('lab-hit');
    await fireEvent.keyDown(search, { key: 'Enter' });
    const na = await screen.findByTestId('lab-value-2951-2');
    await fireEvent.input(na, { target: { value: '139' } });
    await fireEvent.input(screen.getByTestId('lab-value-2345-7'), { target: { value: '7.0' } });
    await fireEvent.change(screen.getByTestId('lab-unit-2345-7'), { target: { value: 'mmol/L' } });
    await fireEvent.submit(screen.getByTestId('lab-entry'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'record_lab_report')).toBe(true));
    const draft = calls.find((c) => c.cmd === 'record_lab_report')!.args.draft;
    expect(draft.panelCode).toBe('bmp-test');
    expect(draft.source).toBe('manual');
    expect(draft.responsibleId).toBe('u-doc');
    expect(draft.results).toEqual([
      { loinc: '2951-2', value: '139', unit: 'mmol/L', comment: '' },
      { loinc: '2345-7', value: '7.0', unit: 'mmol/L', comment: '' },
    ]);
    await screen.findAllByTestId('lab-report');
    expect(screen.queryByTestId('lab-entry')).toBeNull();
  });

  it('shows the core field errors beside their rows and keeps the form', async () => {
    open(() => [], {
      search_lab_catalogue: () => [{ kind: 'test', code: '2345-7', name: 'Glucose', shortName: 'Glucose', tests: ['2345-7'] }],
      record_lab_report: () => {
        throw errorReport('invalid_input', 'invalid', [{ field: 'results.0.value', message: '90000 mg/dL is not a possible Glucose' }]);
      },
    });
    await fireEvent.click(await screen.findByTestId('lab-enter'));
    const search = await screen.findByTestId('lab-test-search');
    await fireEvent.input(search, { target: { value: 'glu' } });
    await fireEvent.click(await screen.findByTestId('lab-hit'));
    await fireEvent.input(await screen.findByTestId('lab-value-2345-7'), { target: { value: '90000' } });
    await fireEvent.click(screen.getByTestId('lab-save'));
    const err = await screen.findByTestId('error-results.0');
    await waitFor(() => expect(err.textContent).toContain('not a possible Glucose'));
    expect(screen.getByTestId('lab-value-2345-7').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('lab-entry')).toBeTruthy();
  });

  it('Esc cancels the form and gives the focus back to Enter results', async () => {
    open(() => []);
    await fireEvent.click(await screen.findByTestId('lab-enter'));
    const form = await screen.findByTestId('lab-entry');
    await fireEvent.keyDown(form, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('lab-entry')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('lab-enter')));
  });

  it('gives the front desk no Enter results button', async () => {
    open(() => [], {}, DESK);
    await screen.findByTestId('lab-empty');
    expect(screen.queryByTestId('lab-enter')).toBeNull();
  });

  it('opens a test trend as a table with its range and the computed mark', async () => {
    const calls = open(() => [NEW], {
      lab_trend: () => ({
        loinc: '98979-8',
        name: 'eGFR',
        unit: 'mL/min/1.73m2',
        points: [
          { resultId: 'e1', collectedAt: '2026-01-10T13:30:00Z', value: 48, flag: 'low', computed: true },
          { resultId: 'e2', collectedAt: '2026-11-25T13:30:00Z', value: 27, flag: 'low', computed: true },
        ],
        refLow: 60,
        refHigh: null,
        decimals: 0,
      }),
    });
    await fireEvent.click(await screen.findByTestId('lab-trend-98979-8'));
    const trend = await screen.findByTestId('lab-trend');
    const rows = await within(trend).findAllByTestId('lab-trend-row');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('48'), expect.stringContaining('27')]);
    expect(trend.textContent).toContain('computed (CKD-EPI 2021)');
    expect(within(trend).getByTestId('lab-trend-range').textContent).toContain('≥ 60 mL/min/1.73m2');
    expect(calls.find((c) => c.cmd === 'lab_trend')!.args).toEqual({ patientId: 'p-1', loinc: '98979-8' });
  });
});

// The growth chart: its helpers (ages, percentiles, one x axis for lines and points), the
// chart in the Vitals tab for under-20s only, the measure switcher and table rows, the
// reason shown instead of a guess, and the printable page with the patient's identifiers.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { GrowthChart, GrowthCurve, GrowthMeasure, GrowthPoint, GrowthReference } from '../../api';
import { clearMocks, mockCommands } from '../../api/testing';
import { nav, session } from '../../lib/stores.svelte';
import { resetUiState } from '../../test/reset';
import { appInfoAs, DR_REYES, patient } from '../../test/fixtures';
import GrowthChartView from './GrowthChartView.svelte';
import GrowthPrint from './GrowthPrint.svelte';
import VitalsView from '../chart/VitalsView.svelte';
import { dayOf, formatAge, formatPercentile, formatZ, isChild, ordinal, panelData } from './growth';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function lines(measure: GrowthMeasure, chart: GrowthReference, xs: number[]): GrowthCurve[] {
  return [3, 50, 97].map((p) => ({ measure, chart, percentile: p, xs, ys: xs.map((x) => p / 10 + x / 100) }));
}

function point(o: Partial<GrowthPoint>): GrowthPoint {
  return {
    measure: 'weightForAge',
    ageDays: 640,
    value: 11.5,
    z: 0.21,
    percentile: 58.3,
    reference: 'WHO 2006',
    chart: 'who',
    vitalsId: 'v-1',
    takenAt: '2026-08-18T15:00:00Z',
    ...o,
  };
}

function growth(o: Partial<GrowthChart> = {}): GrowthChart {
  return {
    points: [
      point({}),
      point({ vitalsId: 'v-2', ageDays: 735, value: 12.4, z: -0.35, percentile: 36.2, reference: 'CDC 2000', chart: 'cdc', takenAt: '2026-11-21T15:00:00Z' }),
      point({ vitalsId: 'v-2', measure: 'lengthHeightForAge', ageDays: 735, value: 87.5, z: 0.1, percentile: 54.0, reference: 'CDC 2000', chart: 'cdc', takenAt: '2026-11-21T15:00:00Z' }),
    ],
    curves: [...lines('weightForAge', 'who', [0, 365, 730]), ...lines('weightForAge', 'cdc', [730.5, 1095]), ...lines('lengthHeightForAge', 'cdc', [730.5, 1095])],
    sexAtBirth: 'male',
    dateOfBirth: '2024-11-16',
    ageDays: 740,
    notes: [],
    ...o,
  };
}

describe('growth helpers', () => {
  it('reads ages, percentiles and z as a clinician does', () => {
    expect(formatAge(3)).toBe('3 days');
    expect(formatAge(35)).toBe('5 weeks');
    expect(formatAge(340)).toBe('11 months');
    expect(formatAge(740)).toBe('2 years');
    expect(formatAge(830)).toBe('2 years 3 months');
    expect(formatPercentile(0.01)).toBe('<0.1');
    expect(formatPercentile(99.95)).toBe('>99.9');
    expect(formatPercentile(58.34)).toBe('58.3');
    expect(formatZ(-0.354)).toBe('−0.35');
    expect(formatZ(1.2)).toBe('+1.20');
    expect([3, 50, 97, 1, 2, 11].map(ordinal)).toEqual(['3rd', '50th', '97th', '1st', '2nd', '11th']);
  });

  it('puts the lines and the points on one x axis, months on WHO and years on the CDC', () => {
    const who = panelData(growth(), 'weightForAge', 'who');
    expect(who.xLabel).toBe('Age (months)');
    expect(who.aligned.length).toBe(1 + 3 + 1);
    expect(who.aligned[0].map((x) => Math.round((x as number) * 10) / 10)).toEqual([0, 12, 21, 24]);
    expect(who.aligned[4]).toEqual([null, null, 11.5, null]);
    expect(who.aligned[2][2]).toBeNull();
    const cdc = panelData(growth(), 'weightForAge', 'cdc');
    expect(cdc.xLabel).toBe('Age (years)');
    expect(cdc.points.map((p) => p.value)).toEqual([12.4]);
  });

  it('dates a point from the birth date and the age', () => {
    expect(dayOf('2024-11-16', 735)).toBe('2026-11-21');
    expect(dayOf('2024-02-29', 1)).toBe('2024-03-01');
  });

  it('counts someone as a child until their 20th birthday', () => {
    const today = new Date(2026, 10, 26);
    expect(isChild('2006-11-27', today)).toBe(true);
    expect(isChild('2006-11-26', today)).toBe(false);
    expect(isChild('', today)).toBe(false);
  });
});

describe('growth chart', () => {
  it('switches measure and reference and lists each point with its percentile', async () => {
    session.info = appInfoAs(DR_REYES);
    const calls = mockCommands({ growth_chart: () => growth() });
    render(GrowthChartView, { props: { patientId: 'p-tobi' } });
    const rows = await screen.findAllByTestId('growth-row');
    expect(calls.filter((c) => c.cmd === 'growth_chart').map((c) => c.args)).toEqual([{ patientId: 'p-tobi' }]);
    // The newest weight is on the CDC chart, so that chart opens.
    expect(screen.getByTestId('growth-reference').textContent).toContain('CDC 2000, 2–20 years');
    expect(rows.length).toBe(1);
    expect(rows[0].textContent).toContain('12.4 kg');
    expect(rows[0].textContent).toContain('36.2');
    expect(rows[0].textContent).toContain('−0.35');
    expect(rows[0].textContent).toContain('2 years');
    expect(rows[0].textContent).toContain('21 Nov 2026');
    await fireEvent.click(screen.getByTestId('growth-reference-who'));
    await waitFor(() => expect(screen.getByTestId('growth-reference').textContent).toContain('WHO 2006, 0–2 years'));
    expect(screen.getAllByTestId('growth-row')[0].textContent).toContain('58.3');
    await fireEvent.click(screen.getByTestId('growth-measure-lengthHeightForAge'));
    await waitFor(() => expect(screen.getAllByTestId('growth-row')[0].textContent).toContain('87.5 cm'));
    expect(screen.queryByTestId('growth-measure-headCircumferenceForAge')).toBeNull();
    expect(screen.getByTestId('growth-plot-summary').textContent).toContain('3rd, 50th, 97th');
    await fireEvent.click(screen.getByTestId('growth-print'));
    expect(nav.route).toEqual({ name: 'growthPrint', patientId: 'p-tobi' });
  });

  it('shows the reason instead of percentiles when the sex at birth is unknown', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({ growth_chart: () => growth({ points: [], curves: [], sexAtBirth: 'unknown', reason: 'no percentiles are given rather than a guess' }) });
    render(GrowthChartView, { props: { patientId: 'p-x' } });
    expect((await screen.findByTestId('growth-reason')).textContent).toContain('rather than a guess');
    expect(screen.queryByTestId('growth-row')).toBeNull();
  });

  it('is offered in the Vitals tab for a child, not for an adult, and loads when opened', async () => {
    session.info = appInfoAs(DR_REYES);
    const calls = mockCommands({ list_vitals: () => [], growth_chart: () => growth() });
    const adult = render(VitalsView, { props: { patientId: 'p-adult', dateOfBirth: '1970-01-02' } });
    await screen.findByTestId('vitals-empty');
    expect(screen.queryByTestId('growth-chart')).toBeNull();
    adult.unmount();
    render(VitalsView, { props: { patientId: 'p-tobi', dateOfBirth: '2024-11-16' } });
    const toggle = await screen.findByTestId('growth-chart-toggle');
    expect(calls.some((c) => c.cmd === 'growth_chart')).toBe(false);
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect((await screen.findAllByTestId('growth-row')).length).toBe(1);
  });

  it('prints with the patient identifiers and a panel per chart with measurements', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({
      growth_chart: () => growth(),
      get_patient: () => patient({ id: 'p-tobi', familyName: 'Okafor', givenName: 'Tobi', dateOfBirth: '2024-11-16', sexAtBirth: 'male' }),
    });
    render(GrowthPrint, { props: { patientId: 'p-tobi' } });
    const who = await screen.findByTestId('growth-print-patient');
    expect(who.textContent).toContain('Okafor, Tobi');
    expect(who.textContent).toContain('MRN');
    expect(who.textContent).toContain('2 years');
    const panels = screen.getAllByTestId('growth-print-panel');
    expect(panels.map((p) => p.querySelector('h3')?.textContent)).toEqual([
      'Weight-for-age · WHO 2006, 0–2 years',
      'Weight-for-age · CDC 2000, 2–20 years',
      'Length/height-for-age · CDC 2000, 2–20 years',
    ]);
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(nav.route).toEqual({ name: 'chart', id: 'p-tobi', tab: 'vitals' });
  });
});

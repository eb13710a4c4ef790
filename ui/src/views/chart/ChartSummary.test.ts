// The chart's tabs and summary: arrow keys and Alt+digit move between tabs, the front desk sees
// Demographics only, the summary shows each section (and the allergy state when none is
// listed), headings open their tab, and the chart search marks its matches.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../App.svelte';
import type { AllergyState, ChartSearchPage, ChartSummary } from '../../api';
import { clearMocks, mockCommands, type CommandHandler } from '../../api/testing';
import { openPatient } from '../../lib/stores.svelte';
import { appInfo, appInfoAs, DESK, patient } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { outsideVisit } from './visit/testdata';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function emptySummary(allergyState: AllergyState = { state: 'notAsked' }): ChartSummary {
  return {
    patientId: 'p-smith',
    allergyState,
    allergies: [],
    allergyCount: 0,
    problems: [],
    problemCount: 0,
    diagnoses: [],
    diagnosisCount: 0,
    vitals: [],
    vitalsCount: 0,
    histories: { smoking: null, alcohol: null, occupation: null, family: [], familyCount: 0, surgical: [], surgicalCount: 0 },
    visits: [],
    visitCount: 0,
    outsideVisits: [],
    outsideVisitCount: 0,
    unsignedNotes: 0,
  };
}

function fullSummary(): ChartSummary {
  return {
    ...emptySummary({ state: 'allergies', active: 1, highCriticality: 1 }),
    allergies: [{ id: 'a1', substance: 'Penicillins', coded: true, kind: 'allergy', reaction: 'Hives', criticality: 'high' }],
    allergyCount: 1,
    problems: [{ id: 'pr1', code: 'I10', description: 'Essential (primary) hypertension', onset: '2019' }],
    problemCount: 1,
    diagnoses: [{ code: 'E11.9', description: 'Type 2 diabetes mellitus without complications', lastSeenAt: '2026-10-02T15:00:00Z' }],
    diagnosisCount: 1,
    vitals: [
      {
        kind: 'bloodPressure',
        unit: 'mmHg',
        current: { value: 142, second: 90, takenAt: '2026-10-02T15:05:00Z' },
        currentText: '142/90',
        previous: { value: 128, second: 82, takenAt: '2026-06-02T15:05:00Z' },
        previousText: '128/82',
        trend: 'up',
      },
      {
        kind: 'weight',
        unit: 'kg',
        current: { value: 80, second: null, takenAt: '2026-10-02T15:05:00Z' },
        currentText: '80.0',
        previous: null,
        previousText: null,
        trend: 'first',
      },
    ],
    vitalsCount: 4,
    histories: {
      smoking: { id: 'h1', status: 'former', detail: '', packYears: 12.5 },
      alcohol: null,
      occupation: { id: 'h2', status: 'employed', detail: 'Teacher', packYears: null },
      family: [{ id: 'h3', relative: 'mother', condition: 'Breast cancer', onsetAge: 58 }],
      familyCount: 1,
      surgical: [],
      surgicalCount: 0,
    },
    visits: [{ id: 'v1', startedAt: '2026-10-02T15:00:00Z', visitType: 'office', providerName: 'Dr. Ana Reyes', reason: 'Follow-up of hypertension', signed: false }],
    visitCount: 31,
    unsignedNotes: 1,
  };
}

async function openChart(handlers: Record<string, CommandHandler>, info = appInfo()) {
  const calls = mockCommands({ app_info: () => info, get_patient: () => patient(), ...handlers });
  render(App);
  await screen.findByTestId('search-hint');
  openPatient('p-smith');
  await screen.findByTestId('patient-banner');
  return calls;
}

function selectedTab(): string | null {
  return document.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-testid') ?? null;
}

describe('chart tabs', () => {
  it('lands a physician on the summary and moves between tabs with the arrow keys and Alt+digit', async () => {
    await openChart({ chart_summary: () => emptySummary() });
    expect(selectedTab()).toBe('tab-summary');
    const tabs = screen.getAllByRole('tab').map((t) => t.getAttribute('data-testid'));
    expect(tabs).toEqual([
      'tab-summary',
      'tab-visits',
      'tab-medications',
      'tab-results',
      'tab-problems',
      'tab-allergies',
      'tab-vitals',
      'tab-immunizations',
      'tab-histories',
      'tab-demographics',
      'tab-documents',
    ]);
    await fireEvent.keyDown(screen.getByTestId('tab-summary'), { key: 'ArrowRight' });
    expect(selectedTab()).toBe('tab-visits');
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('tab-visits'));
    expect(screen.getByTestId('chart-panel-visits')).toBeTruthy();
    await fireEvent.keyDown(screen.getByTestId('tab-visits'), { key: 'ArrowLeft' });
    await fireEvent.keyDown(screen.getByTestId('tab-summary'), { key: 'ArrowLeft' });
    expect(selectedTab(), 'wraps around').toBe('tab-documents');
    await fireEvent.keyDown(document.body, { key: '3', code: 'Digit3', altKey: true });
    expect(selectedTab()).toBe('tab-medications');
    await fireEvent.keyDown(document.body, { key: '4', code: 'Digit4', altKey: true });
    expect(selectedTab()).toBe('tab-results');
    await fireEvent.keyDown(document.body, { key: '8', code: 'Digit8', altKey: true });
    expect(selectedTab()).toBe('tab-immunizations');
    await fireEvent.keyDown(document.body, { key: '0', code: 'Digit0', altKey: true });
    expect(selectedTab(), 'Alt+0 is the tenth tab').toBe('tab-demographics');
    expect(screen.getByTestId('edit-demographics')).toBeTruthy();
  });

  it('shows the front desk only demographics and documents: no clinical tab, no summary, no chart search', async () => {
    const calls = await openChart({}, appInfoAs(DESK));
    const tabs = screen.getAllByRole('tab').map((t) => t.getAttribute('data-testid'));
    expect(tabs).toEqual(['tab-demographics', 'tab-documents']);
    expect(screen.queryByTestId('chart-summary')).toBeNull();
    expect(screen.queryByTestId('chart-search')).toBeNull();
    expect(screen.getByTestId('edit-demographics')).toBeTruthy();
    expect(calls.some((c) => c.cmd === 'chart_summary' || c.cmd === 'search_chart')).toBe(false);
  });
});

describe('chart summary', () => {
  it('renders every section with its rows, trends spelled out, and the unsigned notes', async () => {
    await openChart({ chart_summary: () => fullSummary() });
    await screen.findByTestId('summary-allergy');
    expect(screen.getByTestId('summary-allergy').textContent).toContain('Penicillins');
    expect(screen.getByTestId('summary-problem').textContent).toContain('I10');
    expect(screen.getByTestId('summary-diagnosis').textContent).toContain('E11.9');
    const vitals = screen.getAllByTestId('summary-vital');
    expect(vitals).toHaveLength(2);
    expect(vitals[0].textContent).toContain('142/90');
    expect(vitals[0].textContent).toContain('↑');
    expect(vitals[0].querySelector('[data-testid="vital-trend"]')?.textContent).toBe('up from 128/82');
    expect(vitals[1].querySelector('[data-testid="vital-trend"]')?.textContent).toBe('first reading');
    const histories = screen.getAllByTestId('summary-history').map((h) => h.textContent ?? '');
    expect(histories.some((h) => h.includes('former') && h.includes('12.5 pack-years'))).toBe(true);
    expect(histories.some((h) => h.includes('Teacher'))).toBe(true);
    expect(screen.getByTestId('summary-visit').textContent).toContain('draft');
    expect(screen.getByTestId('summary-unsigned').textContent).toContain('1 unsigned note');
    expect(screen.getByTestId('summary-open-visits').textContent).toContain('(31)');
  });

  it('tells "not asked" apart from "no known drug allergies" and names each empty list', async () => {
    await openChart({ chart_summary: () => emptySummary() });
    expect((await screen.findByTestId('summary-allergy-state')).textContent).toBe('Allergies not recorded');
    const text = screen.getByTestId('chart-summary').textContent ?? '';
    for (const empty of ['No active problems', 'No diagnoses in the last 12 months', 'No vitals recorded', 'No history recorded', 'No visits yet']) {
      expect(text).toContain(empty);
    }
    clearMocks();
    resetUiState();
    document.body.innerHTML = '';
    await openChart({ chart_summary: () => emptySummary({ state: 'noKnownAllergies', drugsOnly: true }) });
    expect((await screen.findByTestId('summary-allergy-state')).textContent).toBe('No known drug allergies');
  });

  it('lists the visits recorded elsewhere among the practice’s own by date, marked outside, in the count', async () => {
    const own = (id: string, startedAt: string) => ({ id, startedAt, visitType: 'office' as const, providerName: 'Dr. Ana Reyes', reason: `Own ${id}`, signed: true });
    await openChart({
      chart_summary: () => ({
        ...fullSummary(),
        visits: ['2026-11-01', '2026-09-01', '2026-07-01', '2026-05-01', '2026-03-01'].map((d, i) => own(`v${i}`, `${d}T15:00:00Z`)),
        visitCount: 31,
        outsideVisits: [
          { id: 'o1', startedAt: '2026-10-01T14:00:00Z', visitType: 'General examination', reason: 'Chief complaint', clinician: 'Dr. Sarah Rossi', place: 'Lakeside Clinic' },
          { id: 'o2', startedAt: '2020-01-01T14:00:00Z', visitType: '', reason: 'Old', clinician: '', place: '' },
        ],
        outsideVisitCount: 2,
        diagnoses: [
          { code: '', description: 'Acute bronchitis (disorder)', lastSeenAt: '2026-10-01T14:00:00Z' },
          { code: '', description: 'Sprain of ankle', lastSeenAt: '2026-09-01T14:00:00Z' },
        ],
        diagnosisCount: 2,
      }),
    });
    const dx = await screen.findAllByTestId('summary-diagnosis');
    expect(dx.map((d) => d.textContent?.trim().slice(0, 16))).toEqual(['Acute bronchitis', 'Sprain of ankle ']);
    expect(dx[0].querySelector('.code')).toBeNull();
    const rows = await screen.findAllByTestId('summary-visit');
    expect(rows.map((r) => r.textContent?.includes('Own') ? 'own' : 'outside')).toEqual(['own', 'outside', 'own', 'own', 'own']);
    expect(rows[1].dataset.outside).toBe('true');
    expect(rows[1].textContent).toContain('General examination · Dr. Sarah Rossi · Lakeside Clinic');
    expect(rows[1].textContent).toContain('outside');
    expect(rows[1].textContent).not.toContain('signed');
    expect(screen.getByTestId('summary-open-visits').textContent).toContain('(33)');
  });

  it('opens a list’s full tab from its heading', async () => {
    await openChart({ chart_summary: () => fullSummary() });
    await fireEvent.click(await screen.findByTestId('summary-open-problems'));
    expect(selectedTab()).toBe('tab-problems');
  });
});

describe('chart search', () => {
  const page: ChartSearchPage = {
    total: 2,
    hits: [
      { kind: 'note', id: 'v1', visitId: 'v1', date: '2026-10-02T15:00:00Z', title: 'Office visit: Follow-up', snippet: 'Taking metformin 1000 mg twice daily', highlights: [[7, 16]] },
      { kind: 'problem', id: 'pr1', visitId: null, date: '2025-01-02T15:00:00Z', title: 'Problem (active) E11.9', snippet: 'Type 2 diabetes, on metformin', highlights: [[20, 29]] },
    ],
  };

  it('marks the matched words, drops a stale answer, and opens a hit’s tab with Enter', async () => {
    let release: (p: ChartSearchPage) => void = () => {};
    const calls = await openChart({
      chart_summary: () => emptySummary(),
      search_chart: ({ query }) =>
        query === 'met' ? new Promise<ChartSearchPage>((resolve) => (release = resolve)) : page,
    });
    const box = screen.getByTestId('chart-search') as HTMLInputElement;
    await fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(box);
    await fireEvent.input(box, { target: { value: 'met' } });
    await fireEvent.input(box, { target: { value: 'metformin' } });
    await screen.findAllByTestId('chart-hit');
    // The slower answer to the older query arrives last and is ignored.
    release({ total: 0, hits: [] });
    await new Promise((r) => setTimeout(r, 0));
    const hits = screen.getAllByTestId('chart-hit');
    expect(hits).toHaveLength(2);
    expect(Array.from(hits[0].querySelectorAll('mark')).map((m) => m.textContent)).toEqual(['metformin']);
    expect(screen.getByTestId('chart-search-count').textContent).toContain('2 matches');
    expect(calls.filter((c) => c.cmd === 'search_chart').map((c) => c.args.patientId)).toEqual(['p-smith', 'p-smith']);
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(hits[0]);
    await fireEvent.keyDown(hits[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(hits[1]);
    await fireEvent.click(hits[1]);
    expect(selectedTab()).toBe('tab-problems');
    // Ctrl+F finds the box from anywhere on the chart; Esc in it clears the search.
    hits[1].focus();
    await fireEvent.keyDown(hits[1], { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(box);
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.value).toBe('');
    expect(screen.queryByTestId('chart-hit')).toBeNull();
    expect(screen.getByTestId('patient-chart'), 'the first Esc clears, it does not leave the chart').toBeTruthy();
  });

  it('opens the visit of a note hit, not only the Visits tab', async () => {
    const calls = await openChart({ chart_summary: () => emptySummary(), search_chart: () => page });
    const box = screen.getByTestId('chart-search') as HTMLInputElement;
    await fireEvent.input(box, { target: { value: 'metformin' } });
    const hits = await screen.findAllByTestId('chart-hit');
    await fireEvent.click(hits[0]);
    await waitFor(() => expect(selectedTab()).toBe('tab-visits'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'get_visit' && c.args.id === 'v1')).toBe(true));
  });

  it('opens the outside visit of an outside-visit hit under its row', async () => {
    const hit = { kind: 'outsideVisit', id: 'o-1', visitId: null, date: '2026-10-15T14:00:00Z', title: 'Outside visit: Sprained ankle', snippet: 'X-ray: no fracture.', highlights: [[0, 5]] } as const;
    await openChart({
      chart_summary: () => emptySummary(),
      search_chart: () => ({ total: 1, hits: [hit] }),
      list_visits: () => [],
      list_outside_visits: () => [outsideVisit()],
    });
    await fireEvent.input(screen.getByTestId('chart-search'), { target: { value: 'x-ray' } });
    const [found] = await screen.findAllByTestId('chart-hit');
    expect(found.textContent).toContain('Outside visit');
    await fireEvent.click(found);
    await waitFor(() => expect(selectedTab()).toBe('tab-visits'));
    const details = await screen.findByTestId('outside-visit-details');
    expect(details.textContent).toContain('X-ray: no fracture.');
  });
});

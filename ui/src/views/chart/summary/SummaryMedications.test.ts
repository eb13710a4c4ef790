// The summary's active medications: asked beside the summary (one call), listed with their sigs
// and reported marks, drafts counted, the heading opening the Medications tab; a failure stays
// inside the card.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../../App.svelte';
import type { ChartSummary, MedicationList } from '../../../api';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../../api/testing';
import { openPatient } from '../../../lib/stores.svelte';
import { appInfo, patient } from '../../../test/fixtures';
import { resetUiState } from '../../../test/reset';
import { list, medication, warfarinDraft } from '../../medications/fixtures';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const SUMMARY: ChartSummary = {
  patientId: 'p-smith',
  allergyState: { state: 'notAsked' },
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

async function openChart(medications: CommandHandler) {
  const calls = mockCommands({ app_info: () => appInfo(), get_patient: () => patient(), chart_summary: () => SUMMARY, medication_list: medications });
  render(App);
  await screen.findByTestId('search-hint');
  openPatient('p-smith');
  await screen.findByTestId('chart-summary');
  return calls;
}

describe('summary medications', () => {
  it('lists the active medications with one call and opens the tab from its heading', async () => {
    const meds: MedicationList = list({
      patientId: 'p-smith',
      active: [medication(), medication({ id: 'm-2', origin: 'reported', productCode: null, name: 'turmeric capsules', sigText: 'one a day' })],
      drafts: [warfarinDraft()],
    });
    const calls = await openChart(() => meds);
    const rows = await screen.findAllByTestId('summary-medication');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('ibuprofen 400 mg oral tablet');
    expect(rows[0].textContent).toContain('three times daily');
    expect(rows[1].textContent).toContain('reported, uncoded');
    expect(screen.getByTestId('summary-med-drafts').textContent).toContain('1 prescription waiting to be signed');
    expect(screen.getByTestId('summary-open-medications').textContent).toContain('(2)');
    expect(calls.filter((c) => c.cmd === 'medication_list')).toHaveLength(1);
    await fireEvent.click(screen.getByTestId('summary-open-medications'));
    await waitFor(() => expect(document.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-testid')).toBe('tab-medications'));
  });

  it('says so inside the card when the list cannot be loaded, the rest of the summary shown', async () => {
    await openChart(() => {
      throw errorReport('io', 'disk busy');
    });
    await waitFor(() => expect(screen.getByTestId('summary-medications').textContent).toContain('disk busy'));
    expect(screen.getByTestId('summary-open-problems')).toBeTruthy();
    expect(screen.getByTestId('summary-medications').textContent).not.toContain('No active medications');
  });
});

// The prescriber's queue: drafts oldest first with the patient's name and date of birth, signed
// from the queue through the alert panel (a reason for the interrupting alert), or opened in the
// chart on the Medications tab with the draft focused.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../App.svelte';
import PrescriptionQueue from './PrescriptionQueue.svelte';
import { clearMocks, mockCommands } from '../../api/testing';
import { go, nav, session } from '../../lib/stores.svelte';
import { appInfo, appInfoAs, DR_REYES, patient, summary } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { alert, check, list, warfarinDraft } from './fixtures';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const FIRST = warfarinDraft({ id: 'm-a', patientId: 'p-smith', writtenByName: 'Sam Ortiz', writtenAt: '2026-11-20T15:00:00Z' });
const SECOND = warfarinDraft({ id: 'm-b', patientId: 'p-hidden', name: 'amoxicillin 500 mg oral capsule', writtenAt: '2026-11-25T15:00:00Z' });
const HIDDEN = summary({ id: 'p-hidden', mrn: 2001, familyName: 'Quill', givenName: 'Ada', restricted: true, primaryPhone: null, preferredName: null });
/** The queue as the core lists it: each draft with its patient. */
const queued = (...ms: typeof FIRST[]) => ms.map((m) => ({ medication: m, patient: m.patientId === 'p-hidden' ? HIDDEN : summary() }));

describe('prescription queue', () => {
  it('lists drafts oldest first with the patient, and signs one from the queue after an override', async () => {
    session.info = appInfoAs(DR_REYES);
    const calls = mockCommands({
      prescriptions_to_sign: () => queued(FIRST, SECOND),
      check_prescription: () => check([alert()]),
      sign_prescription: () => ({ medication: { ...FIRST, status: 'active', version: 2 }, check: check([alert()]) }),
    });
    render(PrescriptionQueue);
    const first = await screen.findByTestId('rx-queue-row-m-a');
    const rows = screen.getAllByTestId(/^rx-queue-row-/);
    expect(rows.map((r) => r.dataset.testid)).toEqual(['rx-queue-row-m-a', 'rx-queue-row-m-b']);
    await waitFor(() => expect(screen.getByTestId('rx-queue-patient-m-a').textContent).toContain('SMITH, Jane'));
    expect(screen.getByTestId('rx-queue-patient-m-a').textContent).toContain('14 Mar 1980');
    expect(screen.getByTestId('rx-queue-patient-m-b').textContent).toContain('QUILL, Ada');
    expect(screen.getByTestId('rx-queue-patient-m-b').textContent).toContain('restricted chart');
    expect(calls.some((c) => c.cmd === 'get_patient'), 'no read per row').toBe(false);
    expect(first.textContent).toContain('by Sam Ortiz');
    await fireEvent.click(screen.getByTestId('rx-queue-sign-m-a'));
    await fireEvent.input(await screen.findByTestId('override-reason-0'), { target: { value: 'INR checked weekly' } });
    await fireEvent.click(screen.getByTestId('alert-sign-anyway'));
    await screen.findByTestId('rx-queue-print-m-a');
    expect(screen.queryByTestId('rx-queue-row-m-a')).toBeNull();
    expect(calls.find((c) => c.cmd === 'sign_prescription')!.args).toEqual({
      id: 'm-a',
      expectedVersion: 1,
      overrides: [{ key: 'ddi:warfarin-nsaids:m-1', reason: 'INR checked weekly', title: 'Warfarin + ibuprofen (NSAID): bleeding', severity: 'major' }],
    });
    await fireEvent.click(screen.getByTestId('rx-queue-print-m-a'));
    expect(nav.route).toEqual({ name: 'prescriptionPrint', medicationId: 'm-a', patientId: 'p-smith' });
  });

  it('cancels signing without a change, and says when nothing waits', async () => {
    session.info = appInfoAs(DR_REYES);
    const calls = mockCommands({ prescriptions_to_sign: () => queued(FIRST), check_prescription: () => check([alert()]) });
    render(PrescriptionQueue);
    await fireEvent.click(await screen.findByTestId('rx-queue-sign-m-a'));
    await fireEvent.click(await screen.findByTestId('alert-cancel'));
    expect(screen.getByTestId('rx-queue-row-m-a')).toBeTruthy();
    expect(calls.some((c) => c.cmd === 'sign_prescription')).toBe(false);
    clearMocks();
    document.body.innerHTML = '';
    mockCommands({ prescriptions_to_sign: () => [] });
    render(PrescriptionQueue);
    expect(await screen.findByTestId('rx-queue-empty')).toBeTruthy();
  });

  it('opens the chart on the Medications tab with the draft focused', async () => {
    mockCommands({
      app_info: () => appInfo(),
      prescriptions_to_sign: () => queued(FIRST),
      get_patient: () => patient(),
      medication_list: () => list({ patientId: 'p-smith', drafts: [FIRST] }),
    });
    render(App);
    await screen.findByTestId('search-hint');
    go({ name: 'rxQueue' });
    const row = await screen.findByTestId('rx-queue-row-m-a');
    await waitFor(() => expect(document.activeElement).toBe(row));
    await fireEvent.keyDown(row, { key: 'Enter' });
    expect(nav.route).toEqual({ name: 'chart', id: 'p-smith', tab: 'medications', medicationId: 'm-a' });
    await screen.findByTestId('patient-banner');
    expect(document.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-testid')).toBe('tab-medications');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('med-row-m-a')));
  });
});

// The medications tab: the groups (drafts, active, past collapsed) with their marks, the last
// reconciliation, row actions inline (stop with a reason, entered in error, history with its
// overrides, print, renew) and the buttons each role sees; the front desk never gets the tab.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../App.svelte';
import Medications from './Medications.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { MedicationList } from '../../api';
import { nav, openPatient, session } from '../../lib/stores.svelte';
import { appInfoAs, DESK, DR_REYES, NURSE, patient } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { check, list, medication, warfarinDraft } from './fixtures';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const IBUPROFEN = medication();
const TURMERIC = medication({
  id: 'm-2',
  origin: 'reported',
  productCode: null,
  rxcui: null,
  name: 'turmeric capsules',
  ingredientCodes: [],
  sig: null,
  sigText: 'one a day with breakfast',
  quantity: null,
  quantityUnit: '',
  reportedBy: 'patient',
  signedBy: null,
  signedByName: null,
  signedAt: null,
});
const OXYCODONE = medication({ id: 'm-3', name: 'oxycodone 5 mg oral tablet', controlled: 'CII', productCode: 'rx:1049621', sigText: 'Take 1 tablet by mouth every 6 hours as needed for pain' });
const STOPPED = medication({ id: 'm-4', status: 'stopped', name: 'lisinopril 10 mg oral tablet', endedReason: 'cough', endedByName: 'Dr. Ana Reyes', endedAt: '2026-10-01T15:00:00Z' });
const FULL: MedicationList = list({
  active: [IBUPROFEN, TURMERIC, OXYCODONE],
  drafts: [warfarinDraft({ writtenByName: 'Sam Ortiz' })],
  past: [STOPPED],
  lastReconciled: { at: '2026-11-20T16:00:00Z', byName: 'Sam Ortiz', visitId: null, confirmed: 2, changed: 1, stopped: 0 },
});

async function openTab(handlers: Record<string, CommandHandler> = {}, who = DR_REYES, first: MedicationList = FULL) {
  session.info = appInfoAs(who);
  const calls = mockCommands({ medication_list: () => first, ...handlers });
  render(Medications, { patientId: 'p-1' });
  await screen.findByTestId('med-row-m-1');
  return calls;
}

describe('medications tab', () => {
  it('shows drafts, the active list with its marks, past entries collapsed and the last reconciliation', async () => {
    await openTab();
    const active = screen.getByTestId('med-active');
    expect(active.textContent).toContain('ibuprofen 400 mg oral tablet');
    expect(screen.getByTestId('med-sig-m-1').textContent).toContain('three times daily as needed for pain');
    expect(screen.getByTestId('med-row-m-1').textContent).toContain('Qty 30 tablets');
    expect(screen.getByTestId('med-row-m-1').textContent).toContain('1 refill');
    expect(screen.getByTestId('med-row-m-1').textContent).toContain('signed by Dr. Ana Reyes');
    expect(screen.getByTestId('med-reported-m-2').textContent).toContain('Reported by patient');
    expect(screen.getByTestId('med-uncoded-m-2')).toBeTruthy();
    expect(screen.queryByTestId('med-uncoded-m-1')).toBeNull();
    expect(screen.getByTestId('med-controlled-m-3').textContent).toContain('CII');
    expect(screen.getByTestId('med-drafts').textContent).toContain('warfarin');
    expect(screen.getByTestId('med-drafts').textContent).toContain('drafted by Sam Ortiz');
    expect(screen.getByTestId('med-last-reconciled').textContent).toContain('by Sam Ortiz: 2 confirmed, 1 changed, 0 stopped');
    expect(screen.queryByTestId('med-row-m-4'), 'past is collapsed').toBeNull();
    await fireEvent.click(screen.getByTestId('med-past-toggle'));
    expect(screen.getByTestId('med-ended-m-4').textContent).toContain('cough');
    expect(screen.getByTestId('med-past').textContent).toContain('Stopped');
  });

  it('stops a medication with a reason typed inline and shows a refused reason beside it', async () => {
    let refuse = true;
    const calls = await openTab({
      discontinue_medication: ({ reason }) => {
        if (refuse) {
          refuse = false;
          throw errorReport('invalid_input', 'x', [{ field: 'reason', message: 'Say why it is stopped' }]);
        }
        return { ...IBUPROFEN, status: 'stopped', endedReason: reason };
      },
    });
    await fireEvent.click(screen.getByTestId('med-stop-m-1'));
    const reason = screen.getByTestId('med-stop-reason');
    await waitFor(() => expect(document.activeElement).toBe(reason));
    await fireEvent.click(screen.getByTestId('med-stop-confirm'));
    expect((await screen.findByTestId('med-stop-error')).textContent).toContain('Say why');
    await fireEvent.input(reason, { target: { value: 'stomach upset' } });
    await fireEvent.keyDown(reason, { key: 'Enter' });
    expect((await screen.findByTestId('med-notice')).textContent).toContain('stopped');
    expect(calls.filter((c) => c.cmd === 'discontinue_medication').at(-1)!.args).toEqual({ id: 'm-1', reason: 'stomach upset' });
    expect(calls.filter((c) => c.cmd === 'medication_list')).toHaveLength(2);
  });

  it('marks an entry entered in error with its reason, and Esc backs out without a change', async () => {
    const calls = await openTab({ medication_entered_in_error: () => ({ ...TURMERIC, status: 'enteredInError' }) });
    await fireEvent.click(screen.getByTestId('med-eie-m-2'));
    await fireEvent.keyDown(screen.getByTestId('med-eie-reason'), { key: 'Escape' });
    expect(screen.queryByTestId('med-eie-reason')).toBeNull();
    await fireEvent.click(screen.getByTestId('med-eie-m-2'));
    await fireEvent.input(screen.getByTestId('med-eie-reason'), { target: { value: 'wrong patient' } });
    await fireEvent.click(screen.getByTestId('med-eie-confirm'));
    await screen.findByTestId('med-notice');
    expect(calls.find((c) => c.cmd === 'medication_entered_in_error')!.args).toEqual({ id: 'm-2', reason: 'wrong patient' });
  });

  it('withdraws an unsigned draft with a reason', async () => {
    const calls = await openTab({ discontinue_medication: () => warfarinDraft({ status: 'stopped', endedReason: 'wrong strength' }) }, NURSE);
    await fireEvent.click(screen.getByTestId('med-withdraw-m-new'));
    await fireEvent.input(screen.getByTestId('med-withdraw-reason'), { target: { value: 'wrong strength' } });
    await fireEvent.click(screen.getByTestId('med-withdraw-confirm'));
    expect((await screen.findByTestId('med-notice')).textContent).toContain('withdrawn');
    expect(calls.find((c) => c.cmd === 'discontinue_medication')!.args).toEqual({ id: 'm-new', reason: 'wrong strength' });
  });

  it('expands the history inline with the alerts overridden at signing', async () => {
    await openTab({
      medication_history: () => [
        { version: 1, change: 'drafted', at: '2026-11-01T15:00:00Z', byName: 'Dr. Ana Reyes', reason: null, sigText: 'Take 1 tablet', overrides: [] },
        {
          version: 2,
          change: 'signed',
          at: '2026-11-01T15:02:00Z',
          byName: 'Dr. Ana Reyes',
          reason: null,
          sigText: 'Take 1 tablet',
          overrides: [{ key: 'ddi:x', reason: 'patient has tolerated before', title: 'Ibuprofen + warfarin: bleeding', severity: 'major' }],
        },
      ],
    });
    await fireEvent.click(screen.getByTestId('med-history-m-1'));
    const entries = await screen.findAllByTestId('med-history-entry');
    expect(entries).toHaveLength(2);
    expect(screen.getByTestId('med-history-override').textContent).toContain('Major');
    expect(screen.getByTestId('med-history-override').textContent).toContain('patient has tolerated before');
  });

  it('opens the printable prescription and the printable list', async () => {
    await openTab();
    await fireEvent.click(screen.getByTestId('med-print-m-1'));
    expect(nav.route).toEqual({ name: 'prescriptionPrint', medicationId: 'm-1', patientId: 'p-1' });
    expect(screen.queryByTestId('med-print-m-2'), 'a reported medication has no prescription to print').toBeNull();
    await fireEvent.click(screen.getByTestId('med-list-print'));
    expect(nav.route).toEqual({ name: 'medicationListPrint', patientId: 'p-1' });
  });

  it('acts on the focused row by its letter and moves between rows with the arrows', async () => {
    await openTab();
    const row = screen.getByTestId('med-row-m-1');
    row.focus();
    await fireEvent.keyDown(row, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByTestId('med-row-m-2'));
    await fireEvent.keyDown(row, { key: 's' });
    expect(screen.getByTestId('med-stop-reason')).toBeTruthy();
  });

  it('renews for a prescriber through the checks and signs the renewal', async () => {
    const renewal = warfarinDraft({ id: 'm-renew', name: IBUPROFEN.name, renews: 'm-1' });
    const calls = await openTab({
      renew_prescription: () => renewal,
      check_prescription: () => check([]),
      sign_prescription: () => ({ medication: { ...renewal, status: 'active', version: 2 }, check: check([]) }),
    });
    await fireEvent.click(screen.getByTestId('med-renew-m-1'));
    await screen.findByTestId('med-notice');
    expect(calls.find((c) => c.cmd === 'renew_prescription')!.args).toEqual({ id: 'm-1' });
    expect(calls.find((c) => c.cmd === 'sign_prescription')!.args).toEqual({ id: 'm-renew', expectedVersion: 1, overrides: [] });
  });

  it('lets a nurse draft a renewal for the prescriber’s queue, with no Sign and no Stop of a prescription', async () => {
    const calls = await openTab({ renew_prescription: () => warfarinDraft({ id: 'm-renew' }) }, NURSE);
    expect(screen.queryByTestId('med-sign-m-new')).toBeNull();
    expect(screen.getByTestId('med-edit-m-new')).toBeTruthy();
    expect(screen.queryByTestId('med-stop-m-1'), 'stopping a prescription is the prescriber’s').toBeNull();
    expect(screen.getByTestId('med-stop-m-2'), 'a reported one any clinician may stop').toBeTruthy();
    expect(screen.getByTestId('prescribe-open')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('med-renew-m-1'));
    expect((await screen.findByTestId('med-notice')).textContent).toContain('drafted for the prescriber');
    expect(calls.some((c) => c.cmd === 'check_prescription' || c.cmd === 'sign_prescription')).toBe(false);
  });

  it('signs a waiting draft from the tab through the alert panel', async () => {
    const calls = await openTab({
      check_prescription: () => check([]),
      sign_prescription: () => ({ medication: warfarinDraft({ status: 'active', version: 2 }), check: check([]) }),
    });
    await fireEvent.click(screen.getByTestId('med-sign-m-new'));
    await screen.findByTestId('med-notice');
    expect(calls.find((c) => c.cmd === 'sign_prescription')!.args.id).toBe('m-new');
  });

  it('changes a signed prescription with a reason: a new draft replaces it when signed', async () => {
    const calls = await openTab({
      drug_product: () => {
        throw errorReport('not_found', 'gone');
      },
      sig_preview: () => ({ text: 'Take 2 tablet', dosesPerDay: 3, expectedQuantity: null }),
      change_prescription: () => warfarinDraft({ id: 'm-change', replaces: 'm-1', name: IBUPROFEN.name }),
      check_prescription: () => check([]),
      sign_prescription: () => ({ medication: warfarinDraft({ id: 'm-change', status: 'active' }), check: check([]) }),
    });
    await fireEvent.click(screen.getByTestId('med-change-m-1'));
    expect(screen.getByTestId('rx-product').textContent).toContain('ibuprofen 400 mg');
    expect((screen.getByTestId('sig-frequency') as HTMLSelectElement).value).toBe('threeTimesDaily');
    expect((screen.getByTestId('rx-quantity') as HTMLInputElement).value).toBe('30');
    await fireEvent.input(screen.getByTestId('sig-dose'), { target: { value: '2' } });
    await fireEvent.input(screen.getByTestId('rx-change-reason'), { target: { value: 'pain not controlled' } });
    await fireEvent.click(screen.getByTestId('rx-check-sign'));
    await screen.findByTestId('med-notice');
    const sent = calls.find((c) => c.cmd === 'change_prescription')!.args;
    expect(sent.id).toBe('m-1');
    expect(sent.reason).toBe('pain not controlled');
    expect(sent.draft.sig.dose).toBe(2);
    expect(sent.draft.productCode).toBe('rx:197361');
  });

  it('says when the list cannot be loaded', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({ medication_list: () => { throw errorReport('forbidden', 'Only a physician or nurse/MA may view the clinical record.'); } });
    render(Medications, { patientId: 'p-1' });
    expect((await screen.findByTestId('med-load-error')).textContent).toContain('Only a physician');
  });
});

describe('the medications tab by role', () => {
  it('never mounts for the front desk', async () => {
    const calls = mockCommands({ app_info: () => appInfoAs(DESK), get_patient: () => patient() });
    render(App);
    await screen.findByTestId('search-hint');
    openPatient('p-smith');
    await screen.findByTestId('patient-banner');
    expect(screen.queryByTestId('tab-medications')).toBeNull();
    expect(screen.queryByTestId('medications')).toBeNull();
    expect(calls.some((c) => c.cmd === 'medication_list')).toBe(false);
  });
});

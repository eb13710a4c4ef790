// Reported medications (coded by search, or free text marked uncoded, with the core's field
// errors) and reconciliation (every entry decided before Save, notes sent, linked to the open
// visit, item errors on their rows).
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Medications from './Medications.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { ReconciliationSummary, VisitSummary } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { hit, list, medication, product } from './fixtures';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const A = medication();
const B = medication({ id: 'm-2', name: 'metformin 500 mg oral tablet', sigText: 'Take 1 tablet by mouth twice daily' });
const ATORVASTATIN = product({ code: 'rx:617312', name: 'atorvastatin 20 mg oral tablet', doseUnit: 'tablet' });

async function openTab(handlers: Record<string, CommandHandler>) {
  session.info = appInfoAs(NURSE);
  const calls = mockCommands({ medication_list: () => list({ active: [A, B] }), ...handlers });
  render(Medications, { patientId: 'p-1' });
  await screen.findByTestId('med-row-m-1');
  return calls;
}

describe('reported medications', () => {
  it('records one found in the catalogue as coded', async () => {
    const calls = await openTab({
      drug_search: () => [hit(ATORVASTATIN, 'Lipitor')],
      record_reported_medication: ({ draft }) => medication({ id: 'm-9', origin: 'reported', name: draft.name }),
    });
    await fireEvent.click(screen.getByTestId('reported-open'));
    const box = screen.getByTestId('reported-search');
    await waitFor(() => expect(document.activeElement).toBe(box));
    await fireEvent.input(box, { target: { value: 'lipi' } });
    await screen.findByTestId('drug-hit-0');
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByTestId('reported-product').textContent).toContain('atorvastatin 20 mg');
    await fireEvent.input(screen.getByTestId('reported-how'), { target: { value: 'one at night' } });
    await fireEvent.input(screen.getByTestId('reported-by'), { target: { value: 'Dr. Lee (cardiology)' } });
    await fireEvent.click(screen.getByTestId('reported-save'));
    expect((await screen.findByTestId('med-notice')).textContent).toContain('recorded as reported');
    expect(calls.find((c) => c.cmd === 'record_reported_medication')!.args).toEqual({
      patientId: 'p-1',
      draft: { productCode: 'rx:617312', name: 'atorvastatin 20 mg oral tablet', howTaken: 'one at night', reportedBy: 'Dr. Lee (cardiology)', startDate: null },
    });
  });

  it('keeps free text, marked uncoded, and shows refused fields beside them', async () => {
    let refuse = true;
    const calls = await openTab({
      record_reported_medication: () => {
        if (refuse) {
          refuse = false;
          throw errorReport('invalid_input', 'x', [{ field: 'reportedBy', message: 'Say who reported it' }]);
        }
        return medication({ id: 'm-9', origin: 'reported', productCode: null });
      },
    });
    await fireEvent.click(screen.getByTestId('reported-open'));
    await fireEvent.input(screen.getByTestId('reported-name'), { target: { value: 'blood pressure pill from Dr. Lee' } });
    expect(screen.getByTestId('reported-uncoded').textContent).toContain('Uncoded');
    await fireEvent.input(screen.getByTestId('reported-by'), { target: { value: '' } });
    await fireEvent.click(screen.getByTestId('reported-save'));
    expect((await screen.findByTestId('reported-error-reportedBy')).textContent).toContain('Say who');
    expect((screen.getByTestId('reported-name') as HTMLInputElement).value).toBe('blood pressure pill from Dr. Lee');
    await fireEvent.input(screen.getByTestId('reported-by'), { target: { value: 'patient' } });
    await fireEvent.click(screen.getByTestId('reported-save'));
    await screen.findByTestId('med-notice');
    const sent = calls.filter((c) => c.cmd === 'record_reported_medication').at(-1)!.args.draft;
    expect(sent.productCode).toBeNull();
    expect(sent.name).toBe('blood pressure pill from Dr. Lee');
  });
});

describe('reconciliation', () => {
  const OPEN_VISIT: VisitSummary = {
    id: 'v-open',
    patientId: 'p-1',
    startedAt: '2026-11-26T15:00:00Z',
    visitType: 'office',
    reason: 'Diabetes follow-up',
    providerName: 'Dr. Ana Reyes',
    assessmentFirstLine: '',
    signed: null,
    amendmentCount: 0,
    enteredInError: false,
  };
  const SUMMARY: ReconciliationSummary = { at: '2026-11-26T15:20:00Z', byName: 'Sam Ortiz', visitId: 'v-open', confirmed: 1, changed: 0, stopped: 1 };

  it('saves only once every entry is decided, with the notes and the open visit', async () => {
    const calls = await openTab({ list_visits: () => [OPEN_VISIT], reconcile_medications: () => SUMMARY });
    await fireEvent.click(screen.getByTestId('reconcile-open'));
    expect(screen.getByTestId('reconcile-row-m-1')).toBeTruthy();
    const save = screen.getByTestId('reconcile-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.change(screen.getByTestId('reconcile-action-m-1'), { target: { value: 'confirmed' } });
    expect(save.disabled, 'one still undecided').toBe(true);
    expect(screen.getByTestId('reconcile-undecided').textContent).toContain('1 still to decide');
    await fireEvent.change(screen.getByTestId('reconcile-action-m-2'), { target: { value: 'stopped' } });
    await fireEvent.input(screen.getByTestId('reconcile-note-m-2'), { target: { value: 'stopped by the patient: diarrhoea' } });
    expect(((await screen.findByTestId('reconcile-link-visit')) as HTMLInputElement).checked, 'linked to the open visit by default').toBe(true);
    expect(save.disabled).toBe(false);
    await fireEvent.click(save);
    expect((await screen.findByTestId('med-notice')).textContent).toContain('1 confirmed, 0 changed, 1 stopped');
    expect(calls.find((c) => c.cmd === 'reconcile_medications')!.args).toEqual({
      patientId: 'p-1',
      visitId: 'v-open',
      items: [
        { medicationId: 'm-1', action: 'confirmed', note: '' },
        { medicationId: 'm-2', action: 'stopped', note: 'stopped by the patient: diarrhoea' },
      ],
    });
  });

  it('shows an item’s refused note on its row and sends no visit when unlinked', async () => {
    const calls = await openTab({
      list_visits: () => [OPEN_VISIT],
      reconcile_medications: () => {
        throw errorReport('invalid_input', 'x', [{ field: 'items.1.note', message: 'Say how it is taken now' }]);
      },
    });
    await fireEvent.click(screen.getByTestId('reconcile-open'));
    await fireEvent.change(screen.getByTestId('reconcile-action-m-1'), { target: { value: 'confirmed' } });
    await fireEvent.change(screen.getByTestId('reconcile-action-m-2'), { target: { value: 'changed' } });
    await fireEvent.click(await screen.findByTestId('reconcile-link-visit'));
    await fireEvent.click(screen.getByTestId('reconcile-save'));
    expect((await screen.findByTestId('reconcile-error-m-2')).textContent).toContain('Say how');
    await waitFor(() => expect(calls.find((c) => c.cmd === 'reconcile_medications')!.args.visitId).toBeNull());
  });
});

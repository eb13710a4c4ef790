// The allergy list: picking a coded substance by a brand's prefix, free text marked uncoded,
// the core's errors shown by field, and "no known drug allergies" recorded (or refused).
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import AllergyList from './AllergyList.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { Allergy, AllergyList as List } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const EMPTY: List = { state: { state: 'notAsked' }, active: [], inactive: [], enteredInError: [], statements: [] };

function allergy(overrides: Partial<Allergy> = {}): Allergy {
  return {
    id: 'a-1',
    patientId: 'p-1',
    substanceCode: 'drug:amoxicillin-clavulanate',
    substance: 'amoxicillin/clavulanate',
    category: 'drug',
    kind: 'allergy',
    reaction: 'hives',
    severity: 'moderate',
    criticality: 'high',
    status: 'active',
    onset: '2019',
    comment: '',
    classes: ['Penicillins', 'Beta-lactam antibiotics'],
    version: 1,
    recordedAt: '2026-11-26T15:00:00Z',
    recordedByName: 'Sam Ortiz',
    updatedAt: '2026-11-26T15:00:00Z',
    updatedByName: 'Sam Ortiz',
    enteredInError: null,
    ...overrides,
  };
}

async function open(handlers: Record<string, CommandHandler>) {
  session.info = appInfoAs(NURSE);
  const calls = mockCommands({ list_allergies: () => EMPTY, ...handlers });
  render(AllergyList, { patientId: 'p-1' });
  await screen.findByTestId('allergies-not-recorded');
  return calls;
}

describe('allergy list', () => {
  it('codes a substance picked by a brand prefix and records it with the form', async () => {
    const calls = await open({
      search_allergens: () => [
        { code: 'drug:amoxicillin-clavulanate', name: 'amoxicillin/clavulanate', category: 'drug', classes: ['Penicillins', 'Beta-lactam antibiotics'], via: 'augmentin' },
      ],
      record_allergy: () => allergy(),
    });
    await fireEvent.click(screen.getByTestId('add-allergy'));
    const box = screen.getByTestId('allergy-substance');
    await fireEvent.input(box, { target: { value: 'augm' } });
    const result = await screen.findByTestId('allergen-result');
    expect(result.textContent).toContain('(augmentin)');
    expect(result.textContent).toContain('Penicillins');
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByTestId('allergy-coded').textContent).toContain('drug:amoxicillin-clavulanate');
    await fireEvent.input(screen.getByTestId('allergy-reaction'), { target: { value: 'hives' } });
    await fireEvent.change(screen.getByTestId('allergy-criticality'), { target: { value: 'high' } });
    await fireEvent.click(screen.getByTestId('save-allergy'));
    await waitFor(() => expect(screen.queryByTestId('allergy-form')).toBeNull());
    const sent = calls.find((c) => c.cmd === 'record_allergy')!.args;
    expect(sent.patientId).toBe('p-1');
    expect(sent.draft.substanceCode).toBe('drug:amoxicillin-clavulanate');
    expect(sent.draft.reaction).toBe('hives');
    expect(sent.draft.criticality).toBe('high');
  });

  it('marks typed text uncoded and sends it without a code', async () => {
    const calls = await open({ search_allergens: () => [], record_allergy: () => allergy({ substanceCode: null, substance: 'hair dye', category: 'other' }) });
    await fireEvent.click(screen.getByTestId('add-allergy'));
    await fireEvent.input(screen.getByTestId('allergy-substance'), { target: { value: 'hair dye' } });
    expect(screen.getByTestId('allergy-uncoded').textContent).toMatch(/Uncoded/);
    await fireEvent.click(screen.getByTestId('save-allergy'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'record_allergy')).toBe(true));
    const sent = calls.find((c) => c.cmd === 'record_allergy')!.args;
    expect(sent.draft.substanceCode).toBeNull();
    expect(sent.draft.substance).toBe('hair dye');
  });

  it('shows each refused field next to its input and keeps the form open', async () => {
    await open({
      record_allergy: () => {
        throw errorReport('invalid_input', 'Name the substance', [
          { field: 'substance', message: 'Name the substance' },
          { field: 'onset', message: 'This date is in the future' },
        ]);
      },
    });
    await fireEvent.click(screen.getByTestId('add-allergy'));
    await fireEvent.input(screen.getByTestId('allergy-onset'), { target: { value: '2099' } });
    await fireEvent.click(screen.getByTestId('save-allergy'));
    expect((await screen.findByTestId('error-substance')).textContent).toContain('Name the substance');
    expect(screen.getByTestId('error-onset').textContent).toContain('in the future');
    expect(screen.queryByTestId('error-reaction')).toBeNull();
    expect(screen.getByTestId('allergy-form')).toBeTruthy();
  });

  it('records no known drug allergies with one button and shows who stated it', async () => {
    const calls = await open({
      record_no_known_allergies: (): List => ({
        ...EMPTY,
        state: { state: 'noKnownAllergies', drugsOnly: true },
        statements: [{ id: 's-1', drugsOnly: true, recordedAt: '2026-11-26T15:00:00Z', recordedByName: 'Sam Ortiz', withdrawnAt: null, withdrawnByName: null }],
      }),
    });
    await fireEvent.click(screen.getByTestId('record-nkda'));
    const statement = await screen.findByTestId('allergy-statement');
    expect(statement.textContent).toContain('No known drug allergies');
    expect(statement.textContent).toContain('Sam Ortiz');
    expect(calls.find((c) => c.cmd === 'record_no_known_allergies')!.args).toEqual({ patientId: 'p-1', drugsOnly: true });
  });

  it('says why NKDA is refused while a drug allergy is active', async () => {
    await open({
      record_no_known_allergies: () => {
        throw errorReport('invalid_input', 'x', [{ field: 'noKnownAllergies', message: 'amoxicillin is recorded as an active allergy' }]);
      },
    });
    await fireEvent.click(screen.getByTestId('record-nkda'));
    expect((await screen.findByTestId('error-noKnownAllergies')).textContent).toContain('amoxicillin is recorded');
  });

  it('lists active allergies with their classes and an uncoded marker for free text', async () => {
    session.info = appInfoAs(NURSE);
    mockCommands({
      list_allergies: (): List => ({
        ...EMPTY,
        state: { state: 'allergies', active: 2, highCriticality: 1 },
        active: [allergy(), allergy({ id: 'a-2', substanceCode: null, substance: 'hair dye', category: 'other', classes: [] })],
      }),
    });
    render(AllergyList, { patientId: 'p-1' });
    const rows = await screen.findAllByTestId('allergy-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Penicillins, Beta-lactam antibiotics');
    expect(rows[1].querySelector('[data-testid="allergy-uncoded-marker"]')).toBeTruthy();
  });
});

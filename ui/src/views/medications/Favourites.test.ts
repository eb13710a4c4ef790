// The favourites screen: the list with each favourite's product and sig, a new favourite
// through the drug box, the core's field errors beside their fields, editing, retiring with
// an inline confirmation, and Esc closing the editor.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Favourites from './Favourites.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { DrugHit, Favourite, FavouriteDraft, Product } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DR_REYES } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const AMOX: Product = {
  code: 'rx:308192',
  rxcui: '308192',
  name: 'amoxicillin 500 MG Oral Tablet',
  ingredients: [{ code: 'drug:amoxicillin', name: 'amoxicillin', amount: 500, unit: 'mg' }],
  strength: '500 mg',
  doseForm: 'tablet',
  doseUnit: 'tablet',
  route: 'oral',
  classes: ['class:penicillins', 'class:beta-lactams'],
  controlled: null,
  brands: ['Amoxil'],
  source: 'formulary',
};

function favourite(id: string, label: string, extra: Partial<Favourite> = {}): Favourite {
  return {
    id,
    label,
    product: AMOX,
    sig: { dose: 1, doseUnit: 'tablet', route: 'oral', frequency: 'threeTimesDaily', prn: false, prnIndication: '', durationDays: 10, extra: 'with food' },
    quantity: 30,
    quantityUnit: 'tablet',
    refills: 0,
    createdByName: 'Dr. Ana Reyes',
    ...extra,
  };
}

function renderScreen(handlers: Record<string, CommandHandler>) {
  session.info = appInfoAs(DR_REYES);
  const calls = mockCommands({ favourites: () => [], ...handlers });
  render(Favourites);
  return calls;
}

function input(testid: string): HTMLInputElement {
  return screen.getByTestId(testid) as HTMLInputElement;
}

describe('favourites screen', () => {
  it('lists each favourite with its product, sig and dispensing', async () => {
    renderScreen({ favourites: () => [favourite('f-1', 'Amoxicillin for otitis media (adult)')] });
    const row = await screen.findByTestId('favourite-row-f-1');
    expect(row.textContent).toContain('Amoxicillin for otitis media (adult)');
    expect(row.textContent).toContain('amoxicillin 500 MG Oral Tablet');
    expect(row.textContent).toContain('1 tablet by mouth three times daily for 10 days; with food');
    expect(row.textContent).toContain('dispense 30 tablet · 0 refills');
  });

  it('says so when there are no favourites', async () => {
    renderScreen({});
    expect((await screen.findByTestId('favourites-empty')).textContent).toContain('No favourites yet');
  });

  it('adds a favourite: the drug box fills the units, Enter saves with a null id, the list reloads', async () => {
    let saved: FavouriteDraft | null = null;
    let list: Favourite[] = [];
    const calls = renderScreen({
      favourites: () => list,
      drug_search: (): DrugHit[] => [{ product: AMOX, via: 'Amoxil', favourite: false }],
      save_favourite: ({ id, draft }) => {
        expect(id).toBeNull();
        saved = draft;
        const f = favourite('f-9', draft.label);
        list = [f];
        return f;
      },
    });
    await fireEvent.click(await screen.findByTestId('favourite-new'));
    const search = input('favourite-drug-search');
    await waitFor(() => expect(document.activeElement).toBe(search));
    await fireEvent.input(search, { target: { value: 'amoxil' } });
    await screen.findByTestId('drug-hit-0');
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect((await screen.findByTestId('favourite-product')).textContent).toContain('amoxicillin 500 MG Oral Tablet');
    expect(input('favourite-dose-unit').value).toBe('tablet');
    expect(input('favourite-quantity-unit').value).toBe('tablet');
    expect(input('favourite-label').value).toBe('amoxicillin 500 MG Oral Tablet');
    await fireEvent.input(input('favourite-label'), { target: { value: 'Amoxicillin (adult)' } });
    await fireEvent.change(screen.getByTestId('favourite-frequency'), { target: { value: 'twiceDaily' } });
    await fireEvent.click(screen.getByTestId('favourite-prn'));
    await fireEvent.input(input('favourite-prn-indication'), { target: { value: 'for fever' } });
    await fireEvent.input(input('favourite-duration'), { target: { value: '7' } });
    await fireEvent.input(input('favourite-quantity'), { target: { value: '14' } });
    await fireEvent.input(input('favourite-refills'), { target: { value: '1' } });
    await fireEvent.submit(screen.getByTestId('favourite-editor'));
    expect((await screen.findByTestId('favourites-notice')).textContent).toContain('Amoxicillin (adult)');
    expect(saved).toEqual({
      label: 'Amoxicillin (adult)',
      productCode: 'rx:308192',
      sig: { dose: 1, doseUnit: 'tablet', route: 'oral', frequency: 'twiceDaily', prn: true, prnIndication: 'for fever', durationDays: 7, extra: '' },
      quantity: 14,
      quantityUnit: 'tablet',
      refills: 1,
    });
    expect(screen.queryByTestId('favourite-editor')).toBeNull();
    await screen.findByTestId('favourite-row-f-9');
    expect(calls.filter((c) => c.cmd === 'favourites')).toHaveLength(2);
  });

  it('shows the core’s refusals next to their fields and keeps the editor open', async () => {
    renderScreen({
      save_favourite: () => {
        throw errorReport('invalid_input', 'Give the favourite a name', [
          { field: 'label', message: 'Give the favourite a name' },
          { field: 'productCode', message: 'Choose a product' },
          { field: 'sig.dose', message: 'The dose must be a number above 0' },
          { field: 'refills', message: 'At most 0 refills (a schedule II substance cannot be refilled)' },
        ]);
      },
    });
    await fireEvent.click(await screen.findByTestId('favourite-new'));
    await fireEvent.input(input('favourite-dose'), { target: { value: '' } });
    await fireEvent.click(screen.getByTestId('favourite-save'));
    expect((await screen.findByTestId('error-label')).textContent).toContain('Give the favourite a name');
    expect(screen.getByTestId('error-favourite-drug-search').textContent).toContain('Choose a product');
    expect(screen.getByTestId('error-sig.dose').textContent).toContain('above 0');
    expect(screen.getByTestId('error-refills').textContent).toContain('schedule II');
    expect(screen.getByTestId('favourite-editor')).toBeTruthy();
  });

  it('edits a favourite under its id with the editor filled in', async () => {
    const calls = renderScreen({
      favourites: () => [favourite('f-1', 'Amoxicillin')],
      save_favourite: ({ draft }) => favourite('f-1', draft.label, { quantity: draft.quantity }),
    });
    await fireEvent.click(await screen.findByTestId('favourite-edit-f-1'));
    expect(input('favourite-label').value).toBe('Amoxicillin');
    expect(input('favourite-quantity').value).toBe('30');
    expect(input('favourite-extra').value).toBe('with food');
    await fireEvent.input(input('favourite-quantity'), { target: { value: '21' } });
    await fireEvent.click(screen.getByTestId('favourite-save'));
    await screen.findByTestId('favourites-notice');
    const save = calls.find((c) => c.cmd === 'save_favourite')!;
    expect(save.args.id).toBe('f-1');
    expect(save.args.draft.quantity).toBe(21);
    expect(save.args.draft.productCode).toBe('rx:308192');
  });

  it('retires a favourite after an inline confirmation, and Keep or Esc leaves it', async () => {
    let list = [favourite('f-1', 'Amoxicillin')];
    const calls = renderScreen({
      favourites: () => list,
      retire_favourite: () => {
        list = [];
        return null;
      },
    });
    await fireEvent.click(await screen.findByTestId('favourite-retire-f-1'));
    await fireEvent.click(screen.getByTestId('favourite-retire-cancel-f-1'));
    expect(calls.some((c) => c.cmd === 'retire_favourite')).toBe(false);
    await fireEvent.click(screen.getByTestId('favourite-retire-f-1'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('favourite-retire-confirm-f-1')));
    await fireEvent.keyDown(screen.getByTestId('favourite-retire-confirm-f-1'), { key: 'Escape' });
    expect(screen.queryByTestId('favourite-retire-confirm-f-1')).toBeNull();
    await fireEvent.click(screen.getByTestId('favourite-retire-f-1'));
    await fireEvent.click(screen.getByTestId('favourite-retire-confirm-f-1'));
    expect((await screen.findByTestId('favourites-notice')).textContent).toContain('retired');
    expect(calls.find((c) => c.cmd === 'retire_favourite')!.args).toEqual({ id: 'f-1' });
    await screen.findByTestId('favourites-empty');
  });

  it('closes the editor with Esc without saving', async () => {
    const calls = renderScreen({});
    await fireEvent.click(await screen.findByTestId('favourite-new'));
    await fireEvent.keyDown(input('favourite-label'), { key: 'Escape' });
    expect(screen.queryByTestId('favourite-editor')).toBeNull();
    expect(calls.some((c) => c.cmd === 'save_favourite')).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('favourite-new')));
  });
});

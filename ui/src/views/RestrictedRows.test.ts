// A restricted chart in a search result or a duplicate warning is marked with a padlock and the
// word "Restricted", and its row shows no phone or preferred name.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import App from '../App.svelte';
import DuplicateWarning from './DuplicateWarning.svelte';
import { clearMocks, mockCommands } from '../api/testing';
import { appInfo, hit, page, SMITH, summary } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

// As the core sends a restricted chart's summary: phone and preferred name left out.
const HIDDEN = summary({ id: 'p-hidden', mrn: 1050, familyName: 'Hidden', givenName: 'Ann', preferredName: null, primaryPhone: null, restricted: true });

describe('restricted charts in lists', () => {
  it('marks a restricted search result and leaves its phone column empty', async () => {
    mockCommands({
      app_info: () => appInfo(),
      search_patients: ({ request }) => page(request.query, [hit(SMITH), hit(HIDDEN)]),
    });
    render(App);
    await screen.findByTestId('search-hint');
    fireEvent.input(screen.getByTestId('patient-search'), { target: { value: '1980' } });
    const rows = await screen.findAllByTestId('search-result');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).queryByTestId('restricted-mark'), 'an open chart carries no mark').toBeNull();
    const mark = within(rows[1]).getByTestId('restricted-mark');
    expect(mark.textContent).toContain('🔒');
    expect(mark.textContent).toContain('Restricted');
    const text = rows[1].textContent ?? '';
    expect(text).toContain('HIDDEN');
    expect(text).toContain('Chart #1050');
    expect(text, 'no phone placeholder either').not.toContain('—');
  });

  it('marks a restricted duplicate candidate', () => {
    render(DuplicateWarning, {
      props: {
        candidates: [
          { patient: SMITH, reasons: ['sameFamilyNameAndBirthDate'] },
          { patient: HIDDEN, reasons: ['sameFamilyNameAndBirthDate'] },
        ],
        onopen: () => {},
        onregisteranyway: () => {},
      },
    });
    const rows = screen.getAllByTestId('duplicate-candidate');
    expect(within(rows[0]).queryByTestId('restricted-mark')).toBeNull();
    expect(within(rows[1]).getByTestId('restricted-mark').textContent).toContain('Restricted');
    expect(rows[1].textContent).toContain('HIDDEN');
  });
});

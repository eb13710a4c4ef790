// The medication list print screen: printed on opening (the PDF copy is kept), one row per
// active medication with how it is taken and where it came from, the allergies, and the
// sheet printed alone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockCommands } from '../../api/testing';
import { nav, session } from '../../lib/stores.svelte';
import { resetUiState } from '../../test/reset';
import { appInfoAs, NURSE } from '../../test/fixtures';
import MedicationListPrint from './MedicationListPrint.svelte';
import { medicationListPrint } from './print/testdata';

beforeEach(() => {
  session.info = appInfoAs(NURSE);
});

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
  document.body.classList.remove('printing-rx');
});

describe('MedicationListPrint', () => {
  it('prints the list on opening with a row per medication and the allergies', async () => {
    const calls = mockCommands({ print_medication_list: () => medicationListPrint() });
    render(MedicationListPrint, { props: { patientId: 'p-1' } });
    const first = await screen.findByTestId('medlist-print-row-0');
    expect(calls.filter((c) => c.cmd === 'print_medication_list').map((c) => c.args)).toEqual([{ patientId: 'p-1' }]);
    expect(first.textContent).toContain('amoxicillin 500 mg oral capsule');
    expect(first.textContent).toContain('Take 1 capsule by mouth three times daily for 10 days');
    expect(first.textContent).toContain('Prescribed by Dr. Ana Reyes, since 26 Nov 2026');
    const second = screen.getByTestId('medlist-print-row-1').textContent ?? '';
    expect(second).toContain('turmeric capsules');
    expect(second).toContain('Reported by patient');
    expect(screen.queryByTestId('medlist-print-row-2')).toBeNull();
    expect(screen.getByTestId('medlist-print-patient').textContent).toContain('Ada Okafor');
    expect(screen.getByTestId('medlist-print-allergies').textContent).toContain('Penicillin (hives)');
    expect(screen.getByTestId('rx-print-saved').textContent).toContain('A PDF copy was saved in the chart');
  });

  it('says when nothing is recorded rather than showing an empty table', async () => {
    mockCommands({
      print_medication_list: () => medicationListPrint({ active: [], allergies: [], allergyStatement: 'Allergies not recorded' }),
    });
    render(MedicationListPrint, { props: { patientId: 'p-1' } });
    expect((await screen.findByTestId('medlist-print-empty')).textContent).toContain('No current medications');
    expect(screen.getByTestId('medlist-print-allergies').textContent).toContain('Allergies not recorded');
  });

  it('prints the sheet alone and goes back to the chart on Esc', async () => {
    mockCommands({ print_medication_list: () => medicationListPrint() });
    render(MedicationListPrint, { props: { patientId: 'p-1' } });
    await screen.findByTestId('medlist-print-row-0');
    let text = '';
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      text = document.querySelector('[data-testid="rx-print-copy"]')?.textContent ?? '';
    });
    await fireEvent.click(screen.getByTestId('rx-print'));
    expect(text).toContain('turmeric capsules');
    window.dispatchEvent(new Event('afterprint'));
    print.mockRestore();
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(nav.route).toEqual({ name: 'chart', id: 'p-1', tab: 'medications' });
  });
});

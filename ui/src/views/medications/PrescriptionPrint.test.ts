// The prescription print screen: it prints on opening (the PDF copy is kept), shows the form
// with the DEA number only for a controlled substance, prints the sheet alone, opens the
// stored PDF inline, goes back to the chart (button or Esc), and says why an unsigned one
// cannot be printed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, errorReport, mockCommands } from '../../api/testing';
import { nav, session } from '../../lib/stores.svelte';
import { resetUiState } from '../../test/reset';
import { appInfoAs, DR_REYES } from '../../test/fixtures';
import PrescriptionPrint from './PrescriptionPrint.svelte';
import { medication, prescriptionPrint } from './print/testdata';

beforeEach(() => {
  session.info = appInfoAs(DR_REYES);
  URL.createObjectURL = vi.fn(() => 'blob:rx-copy');
  URL.revokeObjectURL = vi.fn();
});

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
  document.body.classList.remove('printing-rx');
});

function open() {
  render(PrescriptionPrint, { props: { medicationId: 'm-1', patientId: 'p-1' } });
}

describe('PrescriptionPrint', () => {
  it('prints on opening and shows the form with the patient, the drug, sig, quantity and refills', async () => {
    const calls = mockCommands({ print_prescription: () => prescriptionPrint() });
    open();
    expect((await screen.findByTestId('rx-print-drug')).textContent).toBe('amoxicillin 500 mg oral capsule');
    expect(calls.filter((c) => c.cmd === 'print_prescription').map((c) => c.args)).toEqual([{ id: 'm-1' }]);
    expect(screen.getByTestId('rx-print-sig').textContent).toBe('Take 1 capsule by mouth three times daily for 10 days');
    expect(screen.getByTestId('rx-print-quantity').textContent).toBe('30 (thirty) capsules');
    expect(screen.getByTestId('rx-print-refills').textContent).toBe('none');
    const patient = screen.getByTestId('rx-print-patient').textContent ?? '';
    expect(patient).toContain('Ada Okafor');
    expect(patient).toContain('4 Mar 1970');
    expect(patient).toContain('1042');
    expect(patient).toContain('4 Elm Street');
    const prescriber = screen.getByTestId('rx-print-prescriber').textContent ?? '';
    expect(prescriber).toContain('Dr. Ana Reyes');
    expect(prescriber).toContain('NPI 1234567893');
    expect(prescriber).toContain('Licence MD-DEMO-1001');
    expect(screen.queryByTestId('rx-print-dea')).toBeNull();
    expect(screen.getByTestId('rx-print-saved').textContent).toContain('A PDF copy was saved in the chart (printed');
  });

  it('shows the DEA number and schedule for a controlled substance', async () => {
    mockCommands({
      print_prescription: () =>
        prescriptionPrint({ dea: 'BR1234563', controlled: 'CII', medication: medication({ controlled: 'CII', name: 'oxycodone 5 mg oral tablet' }) }),
    });
    open();
    expect((await screen.findByTestId('rx-print-dea')).textContent).toBe('BR1234563');
    expect(screen.getByTestId('rx-print-schedule').textContent).toBe('Schedule CII');
  });

  it('prints the sheet alone, then takes the copy away', async () => {
    mockCommands({ print_prescription: () => prescriptionPrint() });
    open();
    await screen.findByTestId('rx-print-drug');
    let during: { printing: boolean; text: string } | null = null;
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      during = {
        printing: document.body.classList.contains('printing-rx'),
        text: document.querySelector('[data-testid="rx-print-copy"]')?.textContent ?? '',
      };
    });
    await fireEvent.click(screen.getByTestId('rx-print'));
    expect(print).toHaveBeenCalledOnce();
    expect(during!.printing).toBe(true);
    expect(during!.text).toContain('amoxicillin 500 mg oral capsule');
    expect(during!.text).toContain('Ada Okafor');
    expect(during!.text).not.toContain('Back to chart');
    window.dispatchEvent(new Event('afterprint'));
    expect(document.body.classList.contains('printing-rx')).toBe(false);
    expect(document.querySelector('[data-testid="rx-print-copy"]')).toBeNull();
    print.mockRestore();
  });

  it('opens the stored PDF copy inside the page', async () => {
    const calls = mockCommands({ print_prescription: () => prescriptionPrint(), printed_copy_pdf: () => [37, 80, 68, 70] });
    open();
    await fireEvent.click(await screen.findByTestId('rx-pdf-open'));
    const frame = (await screen.findByTestId('rx-pdf-frame')) as HTMLIFrameElement;
    expect(frame.getAttribute('src')).toBe('blob:rx-copy');
    expect(calls.find((c) => c.cmd === 'printed_copy_pdf')!.args).toEqual({ id: 'print-1' });
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0][0] as Blob;
    expect(blob.type).toBe('application/pdf');
    expect(blob.size).toBe(4);
  });

  it('goes back to the chart with the button and with Esc', async () => {
    mockCommands({ print_prescription: () => prescriptionPrint() });
    open();
    await fireEvent.click(await screen.findByTestId('rx-print-back'));
    expect(nav.route).toEqual({ name: 'chart', id: 'p-1', tab: 'medications' });
    nav.route = { name: 'prescriptionPrint', medicationId: 'm-1', patientId: 'p-1' };
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(nav.route).toEqual({ name: 'chart', id: 'p-1', tab: 'medications' });
  });

  it('says why an unsigned prescription is not printed, and offers no print', async () => {
    mockCommands({
      print_prescription: () => {
        throw errorReport('invalid_input', 'Please correct the highlighted fields', [
          { field: 'id', message: 'Only a signed prescription can be printed; this one is still a draft' },
        ]);
      },
    });
    open();
    expect((await screen.findByTestId('rx-print-error')).textContent).toContain('still a draft');
    expect((screen.getByTestId('rx-print') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('rx-pdf-open')).toBeNull();
    await waitFor(() => expect(screen.queryByTestId('rx-print-drug')).toBeNull());
  });
});

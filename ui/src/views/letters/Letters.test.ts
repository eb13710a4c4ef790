// Letters with mocked commands: a referral letter filled from the chart, edited and signed
// (the referral's fields sent, the print copy mounted), a field error from the core shown by
// its field, and an overdue referral marked and moved on.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Letters from './Letters.svelte';
import { clearMocks, errorReport, mockCommands } from '../../api/testing';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DR_REYES, NURSE, patient } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import type { Letter, LetterTemplate, Referral } from '../../api';

afterEach(() => {
  clearMocks();
  resetUiState();
  vi.restoreAllMocks();
});

const PATIENT = patient({ id: 'p-1' });
const TEMPLATE: LetterTemplate = {
  id: 't-ref',
  kind: 'referral',
  name: 'Referral to a specialist',
  subject: 'Referral: {{patient.name}}',
  body: '…',
  active: true,
  updatedByName: null,
  updatedAt: '2026-01-01T00:00:00Z',
};
const LETTER: Letter = {
  id: 'l-1',
  patientId: 'p-1',
  kind: 'referral',
  recipient: 'Dr Kim Lee, Cardiology',
  subject: 'Referral: John Smith',
  body: 'Dear Dr Kim Lee,\n\nActive problems:\n- Essential (primary) hypertension (I10)',
  signedByName: 'Dr. Ana Reyes',
  signedAt: '2026-11-26T15:00:00Z',
  enteredInErrorAt: null,
  enteredInErrorReason: null,
  referralId: 'r-1',
};

function referral(extra: Partial<Referral> = {}): Referral {
  return {
    id: 'r-1',
    letterId: 'l-1',
    patient: { id: 'p-1', name: 'Smith, John', mrn: 1042 },
    specialty: 'Cardiology',
    referredTo: 'Dr Kim Lee, Cardiology',
    reason: 'Chest tightness',
    physicianName: 'Dr. Ana Reyes',
    expectedBy: '2026-11-01',
    status: 'sent',
    statusAt: '2026-10-01T15:00:00Z',
    overdue: true,
    history: [],
    ...extra,
  };
}

describe('letters', () => {
  it('fills a referral from the chart, signs it with its referral, then prints it from the focused Print', async () => {
    session.info = appInfoAs(DR_REYES);
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    let signed: unknown = null;
    const calls = mockCommands({
      patient_letters: () => (signed ? [LETTER] : []),
      patient_referrals: () => [],
      letter_templates: () => [TEMPLATE],
      draft_letter: () => ({ templateId: 't-ref', kind: 'referral', recipient: 'Dr Kim Lee, Cardiology', subject: 'Referral: John Smith', body: LETTER.body }),
      sign_letter: (a) => {
        signed = a.letter;
        return LETTER;
      },
    });
    render(Letters, { patientId: 'p-1', patient: PATIENT });
    await fireEvent.click(await screen.findByTestId('letter-new'));
    await waitFor(() => expect((screen.getByTestId('letter-template') as HTMLSelectElement).value).toBe('t-ref'));
    await fireEvent.input(screen.getByTestId('letter-recipient'), { target: { value: 'Dr Kim Lee, Cardiology' } });
    await fireEvent.input(screen.getByTestId('letter-specialty'), { target: { value: 'Cardiology' } });
    await fireEvent.input(screen.getByTestId('letter-reason'), { target: { value: 'Chest tightness' } });
    await fireEvent.click(screen.getByTestId('letter-fill'));
    const body = (await screen.findByTestId('letter-body')) as HTMLTextAreaElement;
    expect(body.value).toContain('Essential (primary) hypertension');
    await fireEvent.input(body, { target: { value: `${body.value}\nSeen today.` } });
    await fireEvent.click(screen.getByTestId('letter-sign'));
    await screen.findByTestId('letter-notice');
    expect(signed).toMatchObject({
      patientId: 'p-1',
      text: { recipient: 'Dr Kim Lee, Cardiology', body: expect.stringContaining('Seen today.') },
      referral: { specialty: 'Cardiology', reason: 'Chest tightness' },
    });
    expect(calls.find((c) => c.cmd === 'draft_letter')?.args.request).toMatchObject({ templateId: 't-ref', reason: 'Chest tightness' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('letter-print'));
    expect(print).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('letter-print'));
    expect(print).toHaveBeenCalled();
    expect(screen.getAllByTestId('letter-sheet').length).toBeGreaterThan(0);
  });

  it('shows the core refusal by its field', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({
      patient_letters: () => [],
      patient_referrals: () => [],
      letter_templates: () => [TEMPLATE],
      draft_letter: () => {
        throw errorReport('invalid_input', 'Say whom the letter is to', [{ field: 'recipient', message: 'Say whom the letter is to' }]);
      },
    });
    render(Letters, { patientId: 'p-1', patient: PATIENT });
    await fireEvent.click(await screen.findByTestId('letter-new'));
    await waitFor(() => expect((screen.getByTestId('letter-template') as HTMLSelectElement).value).toBe('t-ref'));
    await fireEvent.click(screen.getByTestId('letter-fill'));
    expect((await screen.findByTestId('letter-recipient-error')).textContent).toContain('Say whom');
  });

  it('marks an overdue referral and lets a nurse move it on', async () => {
    session.info = appInfoAs(NURSE);
    let status: Referral['status'] = 'sent';
    const calls = mockCommands({
      patient_letters: () => [LETTER],
      patient_referrals: () => [referral({ status, overdue: status === 'sent' })],
      update_referral: (a) => {
        status = a.update.status;
        return referral({ status });
      },
    });
    render(Letters, { patientId: 'p-1', patient: PATIENT });
    expect((await screen.findByTestId('referral-overdue')).textContent).toBe('overdue');
    expect(screen.queryByTestId('letter-new')).toBeNull();
    await fireEvent.click(screen.getByTestId('referral-move'));
    await waitFor(() => expect(screen.getByTestId('referral-status').textContent).toContain('Appointment made'));
    expect(calls.find((c) => c.cmd === 'update_referral')?.args.update.status).toBe('appointmentMade');
    expect(screen.queryByTestId('referral-overdue')).toBeNull();
  });
});

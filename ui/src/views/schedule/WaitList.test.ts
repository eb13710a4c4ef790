// The wait list: rows with patient, phone, what they want and since when; adding someone with
// the inline patient search (Enter picks, the draft sent as the core expects, field errors at
// their field); removing someone needs a reason and Esc keeps them.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import WaitList from './WaitList.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DESK } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { cancelled, entry, SETUP } from './slots/fixtures';
import type { PatientSummary } from '../../api';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const MORNINGS = entry('w-1', 'Stone, Ada', {
  providerId: 'u-drreyes',
  providerName: 'Dr Reyes',
  earliest: '2026-12-08',
  latest: '2026-12-20',
  timeOfDay: 'morning',
  note: 'can come at short notice',
});
const ANY = entry('w-2', 'Moss, Ben', { phone: null });

const BEN: PatientSummary = {
  id: 'p-ben',
  mrn: 1234,
  familyName: 'Moss',
  givenName: 'Ben',
  middleName: null,
  preferredName: null,
  dateOfBirth: '1980-05-01',
  ageYears: 46,
  sexAtBirth: 'male',
  status: 'active',
  primaryPhone: '555-0199',
  restricted: false,
};

function renderList(handlers: Record<string, CommandHandler> = {}) {
  session.info = appInfoAs(DESK);
  const calls = mockCommands({
    wait_list: () => [MORNINGS, ANY],
    search_patients: ({ request }) => ({ query: request.query, hits: [{ patient: BEN, matchedBy: 'name' }], offset: 0, more: false }),
    add_to_wait_list: ({ draft }) => entry('w-3', 'Moss, Ben', { patientId: draft.patientId }),
    resolve_wait_list: () => null,
    patient_appointments: () => {
      throw errorReport('forbidden', 'not built');
    },
    ...handlers,
  });
  render(WaitList, { props: { setup: SETUP } });
  return calls;
}

describe('wait list', () => {
  it('lists who waits with their phone, what they want and since when', async () => {
    renderList();
    const rows = await screen.findAllByTestId('wait-list-row');
    expect(rows).toHaveLength(2);
    const first = rows[0].textContent?.replace(/\s+/g, ' ') ?? '';
    expect(first).toContain('Stone, Ada');
    expect(first).toContain('555-0101');
    expect(first).toContain('Dr Reyes · Follow-up · 8 Dec – 20 Dec · morning');
    expect(first).toContain('can come at short notice');
    expect(first).toContain('Fri 20 Nov 09:00');
    expect(rows[1].textContent).toContain('Any provider · Follow-up · any date · any time');
    expect(rows[1].textContent).toContain('—');
  });

  it('adds a patient found with the inline search and sends the draft', async () => {
    const calls = renderList();
    await screen.findAllByTestId('wait-list-row');
    const search = screen.getByTestId('wait-list-patient');
    await fireEvent.input(search, { target: { value: 'moss' } });
    await screen.findByTestId('wait-list-patient-hit');
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByTestId('wait-list-patient-picked').textContent).toContain('Moss, Ben');
    await fireEvent.change(screen.getByTestId('wait-list-type'), { target: { value: 't-new' } });
    await fireEvent.change(screen.getByTestId('wait-list-provider'), { target: { value: 'u-drkim' } });
    await fireEvent.input(screen.getByTestId('wait-list-earliest'), { target: { value: '2026-12-01' } });
    await fireEvent.change(screen.getByTestId('wait-list-time-of-day'), { target: { value: 'afternoon' } });
    await fireEvent.input(screen.getByTestId('wait-list-note'), { target: { value: 'after school' } });
    await fireEvent.click(screen.getByTestId('wait-list-save'));
    await waitFor(() => expect(screen.getAllByTestId('wait-list-row')).toHaveLength(3));
    expect(calls.find((c) => c.cmd === 'add_to_wait_list')!.args.draft).toEqual({
      patientId: 'p-ben',
      providerId: 'u-drkim',
      typeId: 't-new',
      appointmentId: null,
      earliest: '2026-12-01',
      latest: null,
      timeOfDay: 'afternoon',
      note: 'after school',
    });
    expect(screen.queryByTestId('wait-list-patient-picked')).toBeNull();
    expect((screen.getByTestId('wait-list-patient') as HTMLInputElement).value).toBe('');
  });

  it('offers the patient’s upcoming bookings to move earlier and sends the one chosen', async () => {
    const booked = { ...cancelled(), id: 'a-9', status: 'booked' as const, startsAt: '2026-12-18T16:00:00Z', endsAt: '2026-12-18T16:15:00Z' };
    const calls = renderList({ patient_appointments: () => ({ upcoming: [booked], past: [], noShows: 0 }) });
    await screen.findAllByTestId('wait-list-row');
    const search = screen.getByTestId('wait-list-patient');
    await fireEvent.input(search, { target: { value: 'moss' } });
    await screen.findByTestId('wait-list-patient-hit');
    await fireEvent.keyDown(search, { key: 'Enter' });
    const select = await screen.findByTestId('wait-list-appointment');
    expect(select.textContent).toContain('Fri 18 Dec 10:00 · Dr Reyes · New patient');
    await fireEvent.change(select, { target: { value: 'a-9' } });
    await fireEvent.click(screen.getByTestId('wait-list-save'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'add_to_wait_list')).toBe(true));
    expect(calls.find((c) => c.cmd === 'add_to_wait_list')!.args.draft.appointmentId).toBe('a-9');
    expect(calls.find((c) => c.cmd === 'patient_appointments')!.args).toEqual({ patientId: 'p-ben' });
  });

  it('shows the core’s field errors at their fields and asks for the patient first', async () => {
    renderList({
      add_to_wait_list: () => {
        throw errorReport('invalid_input', 'Check the form', [{ field: 'latest', message: 'The latest date has passed' }]);
      },
    });
    await screen.findAllByTestId('wait-list-row');
    await fireEvent.click(screen.getByTestId('wait-list-save'));
    expect(screen.getByTestId('error-patientId').textContent).toContain('choose the patient');
    const search = screen.getByTestId('wait-list-patient');
    await fireEvent.input(search, { target: { value: 'moss' } });
    await screen.findByTestId('wait-list-patient-hit');
    await fireEvent.keyDown(search, { key: 'Enter' });
    await fireEvent.click(screen.getByTestId('wait-list-save'));
    expect((await screen.findByTestId('error-latest')).textContent).toContain('has passed');
  });

  it('removes someone only with a reason, and Esc keeps them', async () => {
    const calls = renderList({
      resolve_wait_list: ({ note }) => {
        if (!note.trim()) throw errorReport('invalid_input', 'Check the form', [{ field: 'note', message: 'Say why' }]);
        return null;
      },
    });
    const rows = await screen.findAllByTestId('wait-list-row');
    await fireEvent.click(within(rows[0]).getByTestId('wait-list-remove'));
    const reason = screen.getByTestId('wait-list-remove-reason');
    await fireEvent.keyDown(reason, { key: 'Escape' });
    expect(screen.queryByTestId('wait-list-remove-reason')).toBeNull();
    await fireEvent.click(within(rows[0]).getByTestId('wait-list-remove'));
    await fireEvent.click(screen.getByTestId('wait-list-remove-confirm'));
    expect((await screen.findByTestId('error-note')).textContent).toContain('Say why');
    await fireEvent.input(screen.getByTestId('wait-list-remove-reason'), { target: { value: 'moved away' } });
    await fireEvent.click(screen.getByTestId('wait-list-remove-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('wait-list-row')).toHaveLength(1));
    const resolves = calls.filter((c) => c.cmd === 'resolve_wait_list').map((c) => c.args);
    expect(resolves.at(-1)).toEqual({ id: 'w-1', booked: null, note: 'moved away' });
  });
});

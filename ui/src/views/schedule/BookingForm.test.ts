// The booking form: a booking made entirely by keyboard (search → Enter picks → type → time →
// Enter books), the live collision list with the overbook reason, the core's refusal shown as
// it says it, quick-register with its duplicate check, and cancelling with a reason.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { AppointmentDraft, Collision } from '../../api';
import { clearMocks, errorReport, mockCommands, type CommandArgs } from '../../api/testing';
import { appInfoAs, DESK, hit, page, patient, SMITH } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { session } from '../../lib/stores.svelte';
import BookingForm from './BookingForm.svelte';
import { appointment, booked, NEW_PATIENT, REYES, setup } from './desk/testdata';

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
});

// 09:00 in Chicago on 1 Dec 2026.
const SLOT = { providerId: REYES, startsAt: '2026-12-01T15:00:00Z' };

const COLLISION: Collision = {
  kind: 'provider',
  startsAt: '2026-12-01T15:00:00Z',
  endsAt: '2026-12-01T15:15:00Z',
  description: 'Dr. Ana Reyes already sees Doe, John 09:00–09:15',
  appointmentId: 'a-9',
  blockId: null,
};

function commands(extra: Record<string, (args: CommandArgs) => unknown> = {}) {
  return mockCommands({
    search_patients: (args) => page(args.request.query, args.request.query.startsWith('smi') ? [hit(SMITH)] : []),
    check_booking: () => [],
    book_appointment: (args) => booked(args.draft as AppointmentDraft),
    ...extra,
  });
}

function start(props: Partial<Parameters<typeof BookingForm>[1]> = {}) {
  session.info = appInfoAs(DESK);
  const onsaved = vi.fn();
  const oncancel = vi.fn();
  render(BookingForm, { setup: setup(), slot: SLOT, onsaved, oncancel, ...props });
  return { onsaved, oncancel };
}

async function pickSmith() {
  const box = screen.getByTestId('booking-patient') as HTMLInputElement;
  expect(document.activeElement).toBe(box);
  await fireEvent.input(box, { target: { value: 'smi' } });
  const options = await screen.findAllByTestId('booking-patient-option');
  expect(options[0].textContent).toContain('Smith, Jane');
  expect(options[0].textContent).toContain('14 Mar 1980');
  expect(options[0].textContent).toContain('Chart #1042');
  await fireEvent.keyDown(box, { key: 'Enter' });
  await screen.findByTestId('booking-patient-chosen');
}

describe('BookingForm', () => {
  it('books by keyboard alone and hands back what the core booked', async () => {
    const calls = commands();
    const { onsaved } = start();
    await pickSmith();
    expect(screen.getByTestId('booking-patient-chosen').textContent).toContain('Smith, Jane');
    const type = screen.getByTestId('booking-type') as HTMLSelectElement;
    expect(document.activeElement).toBe(type);
    expect((screen.getByTestId('booking-date') as HTMLInputElement).value).toBe('2026-12-01');
    expect((screen.getByTestId('booking-time') as HTMLInputElement).value).toBe('09:00');
    await fireEvent.change(type, { target: { value: NEW_PATIENT } });
    expect((screen.getByTestId('booking-minutes') as HTMLInputElement).value).toBe('30');
    const time = screen.getByTestId('booking-time') as HTMLInputElement;
    await fireEvent.input(time, { target: { value: '10:30' } });
    await fireEvent.input(screen.getByTestId('booking-reason'), { target: { value: 'New to the practice' } });
    await fireEvent.keyDown(time, { key: 'Enter' });
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    const sent = calls.find((c) => c.cmd === 'book_appointment')!.args.draft as AppointmentDraft;
    expect(sent).toEqual({
      patientId: 'p-smith',
      providerId: REYES,
      typeId: NEW_PATIENT,
      roomId: null,
      startsAt: '2026-12-01T16:30:00Z',
      minutes: 30,
      reason: 'New to the practice',
      note: '',
      overbookReason: null,
    });
    expect(onsaved.mock.calls[0][0][0].startsAt).toBe('2026-12-01T16:30:00Z');
  });

  it('shows what the time collides with and overbooks only with a reason', async () => {
    const calls = commands({ check_booking: () => [COLLISION] });
    const { onsaved } = start();
    await pickSmith();
    const rows = await screen.findAllByTestId('booking-collision');
    expect(rows[0].textContent).toContain('already sees Doe, John 09:00–09:15');
    const save = screen.getByTestId('booking-save');
    expect(save.textContent).toContain('Overbook');
    await fireEvent.click(save);
    expect(screen.getByTestId('booking-error-overbookReason').textContent).toContain('Say why');
    expect(calls.some((c) => c.cmd === 'book_appointment')).toBe(false);
    await fireEvent.input(screen.getByTestId('booking-overbook-reason'), { target: { value: 'Urgent, squeeze in' } });
    await fireEvent.keyDown(screen.getByTestId('booking-overbook-reason'), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const sent = calls.find((c) => c.cmd === 'book_appointment')!.args.draft as AppointmentDraft;
    expect(sent.overbookReason).toBe('Urgent, squeeze in');
  });

  it('asks the core again after a pause, not on every keystroke', async () => {
    const calls = commands();
    start();
    await pickSmith();
    const time = screen.getByTestId('booking-time');
    await fireEvent.input(time, { target: { value: '10:0' } });
    await fireEvent.input(time, { target: { value: '10:00' } });
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'check_booking').length).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 300));
    const checks = calls.filter((c) => c.cmd === 'check_booking');
    expect(checks).toHaveLength(1);
    expect((checks[0].args.draft as AppointmentDraft).startsAt).toBe('2026-12-01T16:00:00Z');
  });

  it('shows the core refusal word for word', async () => {
    const refusal = 'Dr. Ana Reyes already sees Doe, John 09:00–09:15';
    commands({
      book_appointment: () => {
        throw errorReport('invalid_input', refusal, [{ field: 'collisions', message: refusal }]);
      },
    });
    const { onsaved } = start();
    await pickSmith();
    await fireEvent.click(screen.getByTestId('booking-save'));
    expect((await screen.findByTestId('booking-refusal')).textContent).toBe(refusal);
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('says what is wrong with the date and time before asking the core', async () => {
    const calls = commands();
    start();
    await pickSmith();
    await fireEvent.input(screen.getByTestId('booking-time'), { target: { value: '25:00' } });
    await fireEvent.input(screen.getByTestId('booking-minutes'), { target: { value: '2' } });
    await fireEvent.click(screen.getByTestId('booking-save'));
    expect(screen.getByTestId('booking-error-time').textContent).toContain('HH:MM');
    expect(screen.getByTestId('booking-error-minutes').textContent).toContain('5 to 480');
    expect(calls.some((c) => c.cmd === 'book_appointment')).toBe(false);
  });

  it('registers a new patient inline and offers an existing one that looks the same', async () => {
    let attempt = 0;
    const calls = commands({
      register_patient: (args) => {
        attempt++;
        if (!args.allowDuplicates) return { outcome: 'possibleDuplicates', candidates: [{ patient: SMITH, reasons: ['sameNameAndBirthDate'] }] };
        return { outcome: 'registered', patient: patient({ id: 'p-new', familyName: 'Smith', givenName: 'Jane', mrn: 2001 }) };
      },
    });
    start();
    await fireEvent.click(screen.getByTestId('booking-new-patient'));
    await fireEvent.input(screen.getByTestId('qr-family'), { target: { value: 'Smith' } });
    await fireEvent.input(screen.getByTestId('qr-given'), { target: { value: 'Jane' } });
    await fireEvent.input(screen.getByTestId('qr-dob'), { target: { value: '1980-03-14' } });
    await fireEvent.change(screen.getByTestId('qr-sex'), { target: { value: 'female' } });
    await fireEvent.input(screen.getByTestId('qr-phone'), { target: { value: '555 0142' } });
    await fireEvent.click(screen.getByTestId('qr-save'));
    const dup = await screen.findAllByTestId('qr-duplicate');
    expect(dup[0].textContent).toContain('Smith, Jane');
    const sent = calls.find((c) => c.cmd === 'register_patient')!.args;
    expect(sent.draft.familyName).toBe('Smith');
    expect(sent.draft.phones).toEqual([{ kind: 'mobile', number: '555 0142' }]);
    expect(sent.draft.sexAtBirth).toBe('female');
    await fireEvent.click(screen.getByTestId('qr-use-existing'));
    expect(screen.getByTestId('booking-patient-chosen').textContent).toContain('Chart #1042');
    expect(attempt).toBe(1);
  });

  it('reaches New patient from the search box by ↓ and Enter, with the typed name carried over', async () => {
    commands();
    start();
    const box = screen.getByTestId('booking-patient');
    await fireEvent.input(box, { target: { value: 'Zimmer' } });
    await screen.findByTestId('booking-patient-none');
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const family = await screen.findByTestId('qr-family');
    expect((family as HTMLInputElement).value).toBe('Zimmer');
    expect(document.activeElement).toBe(family);
    await fireEvent.keyDown(family, { key: 'Escape' });
    expect(document.activeElement).toBe(screen.getByTestId('booking-patient'));
  });

  it('chooses the patient it just registered', async () => {
    commands({
      register_patient: () => ({ outcome: 'registered', patient: patient({ id: 'p-new', familyName: 'Newman', givenName: 'Lee', mrn: 2001 }) }),
    });
    const { onsaved } = start();
    await fireEvent.click(screen.getByTestId('booking-new-patient'));
    await fireEvent.input(screen.getByTestId('qr-family'), { target: { value: 'Newman' } });
    await fireEvent.keyDown(screen.getByTestId('qr-family'), { key: 'Enter' });
    expect((await screen.findByTestId('booking-patient-chosen')).textContent).toContain('Newman, Lee');
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('cancels an appointment with who and why, and hands back the cancelled one', async () => {
    const calls = mockCommands({
      check_booking: () => [],
      cancel_appointment: (args) => appointment({ status: 'cancelled', cancelKind: args.kind, cancelReason: args.reason, version: 2 }),
    });
    const { onsaved } = start({ slot: null, appointment: appointment() });
    await fireEvent.click(screen.getByTestId('booking-cancel-appointment'));
    await fireEvent.click(screen.getByTestId('cancel-confirm'));
    expect(screen.getByTestId('cancel-error').textContent).toContain('Say why');
    await fireEvent.change(screen.getByTestId('cancel-kind'), { target: { value: 'practice' } });
    await fireEvent.input(screen.getByTestId('cancel-reason'), { target: { value: 'Doctor ill' } });
    await fireEvent.keyDown(screen.getByTestId('cancel-reason'), { key: 'Enter' });
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const args = calls.find((c) => c.cmd === 'cancel_appointment')!.args;
    expect(args).toMatchObject({ id: 'a-1', version: 1, kind: 'practice', reason: 'Doctor ill' });
    expect(onsaved.mock.calls[0][0][0].status).toBe('cancelled');
  });

  it('edits an appointment with the fields filled in and sends the change', async () => {
    const calls = mockCommands({
      check_booking: () => [],
      change_appointment: (args) => appointment({ reason: args.change.reason }),
      appointment_history: () => [
        { at: '2026-11-20T10:00:00Z', byName: 'Pat Lee', change: 'booked', status: 'booked', startsAt: '2026-11-26T15:00:00Z', endsAt: '2026-11-26T15:15:00Z', providerName: 'Dr. Ana Reyes', roomName: null, detail: '' },
      ],
    });
    const { onsaved, oncancel } = start({ slot: null, appointment: appointment() });
    expect((screen.getByTestId('booking-time') as HTMLInputElement).value).toBe('09:00');
    expect((screen.getByTestId('booking-minutes') as HTMLInputElement).value).toBe('15');
    expect((screen.getByTestId('booking-reason') as HTMLInputElement).value).toBe('Blood pressure');
    await fireEvent.click(screen.getByTestId('booking-history'));
    const rows = await screen.findAllByTestId('booking-history-row');
    expect(rows[0].textContent).toContain('Pat Lee');
    expect(rows[0].textContent).toContain('Booked');
    const reason = screen.getByTestId('booking-reason');
    await fireEvent.input(reason, { target: { value: 'BP check' } });
    await fireEvent.keyDown(reason, { key: 'Enter' });
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const args = calls.find((c) => c.cmd === 'change_appointment')!.args;
    expect(args.change).toMatchObject({ reason: 'BP check', startsAt: '2026-11-26T15:00:00Z', minutes: 15 });
    expect(args.change.patientId).toBeUndefined();
    await fireEvent.keyDown(reason, { key: 'Escape' });
    expect(oncancel).toHaveBeenCalled();
  });
});

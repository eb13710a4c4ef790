// The side panel books a wait-list patient into a freed slot: the form opens already for that
// patient and type, and the booking takes them off the wait list.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { AppointmentDraft } from '../../../api';
import { clearMocks, mockCommands } from '../../../api/testing';
import { appInfoAs, DESK } from '../../../test/fixtures';
import { resetUiState } from '../../../test/reset';
import { session } from '../../../lib/stores.svelte';
import SidePanel from './SidePanel.svelte';
import { booked, NEW_PATIENT, REYES, setup } from '../desk/testdata';

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
});

describe('SidePanel', () => {
  it('books the wait-list patient into the freed slot and takes them off the list', async () => {
    session.info = appInfoAs(DESK);
    const calls = mockCommands({
      check_booking: () => [],
      book_appointment: (args) => booked(args.draft as AppointmentDraft),
      resolve_wait_list: () => null,
    });
    const onsaved = vi.fn();
    render(SidePanel, {
      panel: {
        kind: 'book',
        slot: { providerId: REYES, startsAt: '2026-12-01T15:00:00Z', minutes: 30, typeId: NEW_PATIENT },
        patient: { id: 'p-waiting', name: 'Waiting, Wanda', dateOfBirth: '1970-04-02', mrn: 1077 },
        waitListId: 'w-1',
      },
      setup: setup(),
      onsaved,
      onclose: vi.fn(),
      onfoundslot: vi.fn(),
      onfitbook: vi.fn(),
    });
    expect(screen.getByTestId('booking-patient-chosen').textContent).toContain('Waiting, Wanda');
    expect((screen.getByTestId('booking-type') as HTMLSelectElement).value).toBe(NEW_PATIENT);
    await fireEvent.click(screen.getByTestId('booking-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    const draft = calls.find((c) => c.cmd === 'book_appointment')!.args.draft as AppointmentDraft;
    expect(draft.patientId).toBe('p-waiting');
    const resolved = calls.find((c) => c.cmd === 'resolve_wait_list');
    expect(resolved?.args).toMatchObject({ id: 'w-1', note: '' });
    expect(resolved?.args.booked).toBe(onsaved.mock.calls[0][0][0].id);
  });
});

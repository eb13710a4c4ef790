// The booking form with repeating appointments, with the recurrence helper's RepeatFields and
// ScopeChooser replaced by doubles: the series is previewed (occurrences that are not free
// listed) before it is booked, with "skip those"; a series occurrence's change and
// cancellation ask which occurrences first.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { AppointmentDraft, PlannedOccurrence } from '../../api';
import { clearMocks, mockCommands } from '../../api/testing';
import { appInfoAs, DESK, hit, page, SMITH } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { session } from '../../lib/stores.svelte';
import BookingForm from './BookingForm.svelte';
import { appointment, booked, REYES, setup } from './desk/testdata';

vi.mock('./RepeatFields.svelte', async () => ({ default: (await import('./desk/doubles/RepeatFieldsDouble.svelte')).default }));
vi.mock('./ScopeChooser.svelte', async () => ({ default: (await import('./desk/doubles/ScopeChooserDouble.svelte')).default }));

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
});

const WEEKS: PlannedOccurrence[] = [
  { startsAt: '2026-12-01T15:00:00Z', endsAt: '2026-12-01T15:15:00Z', collisions: [] },
  {
    startsAt: '2026-12-08T15:00:00Z',
    endsAt: '2026-12-08T15:15:00Z',
    collisions: [{ kind: 'blocked', startsAt: '2026-12-08T14:00:00Z', endsAt: '2026-12-08T23:00:00Z', description: 'Practice closed 08:00–17:00', appointmentId: null, blockId: 'b-1' }],
  },
  { startsAt: '2026-12-15T15:00:00Z', endsAt: '2026-12-15T15:15:00Z', collisions: [] },
];

describe('BookingForm with a series', () => {
  it('previews the series, then books it skipping what is not free', async () => {
    session.info = appInfoAs(DESK);
    const calls = mockCommands({
      search_patients: (args) => page(args.request.query, [hit(SMITH)]),
      check_booking: () => [],
      preview_series: () => WEEKS,
      book_series: (args) => ({
        seriesId: 's-1',
        booked: [booked(args.draft as AppointmentDraft, 'a-1'), booked({ ...(args.draft as AppointmentDraft), startsAt: '2026-12-15T15:00:00Z' }, 'a-3')],
        skipped: [WEEKS[1]],
      }),
    });
    const onsaved = vi.fn();
    render(BookingForm, { setup: setup(), slot: { providerId: REYES, startsAt: '2026-12-01T15:00:00Z' }, onsaved, oncancel: vi.fn() });
    const box = screen.getByTestId('booking-patient');
    await fireEvent.input(box, { target: { value: 'smith' } });
    await screen.findAllByTestId('booking-patient-option');
    await fireEvent.keyDown(box, { key: 'Enter' });
    await fireEvent.click(screen.getByTestId('double-repeat'));
    expect(screen.getByTestId('double-repeat').dataset.startsAt).toBe('2026-12-01T15:00:00Z');
    expect(screen.getByTestId('booking-save').textContent).toContain('Check the series');
    await fireEvent.click(screen.getByTestId('booking-save'));
    const preview = await screen.findByTestId('booking-series-preview');
    expect(preview.textContent).toContain('3 appointments, 1 of them not free');
    expect(screen.getAllByTestId('booking-series-collision')[0].textContent).toContain('Practice closed');
    expect(onsaved).not.toHaveBeenCalled();
    expect(screen.getByTestId('booking-save').textContent).toContain('Book 3 appointments');
    await fireEvent.click(screen.getByTestId('booking-skip-collisions'));
    await fireEvent.click(screen.getByTestId('booking-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(onsaved.mock.calls[0][0].map((a: { id: string }) => a.id)).toEqual(['a-1', 'a-3']);
    const args = calls.find((c) => c.cmd === 'book_series')!.args;
    expect(args.skipCollisions).toBe(true);
    expect(args.rule).toEqual({ frequency: 'weekly', interval: 1, ends: { kind: 'count', count: 3 } });
    expect(args.draft.startsAt).toBe('2026-12-01T15:00:00Z');
  });

  it('asks which occurrences before changing one of a series, and sends that scope', async () => {
    session.info = appInfoAs(DESK);
    const calls = mockCommands({
      check_booking: () => [],
      change_series: (args) => [appointment({ seriesId: 's-1', reason: args.change.reason }), appointment({ id: 'a-2', seriesId: 's-1' })],
    });
    const onsaved = vi.fn();
    render(BookingForm, { setup: setup(), appointment: appointment({ seriesId: 's-1', occurrence: 0 }), onsaved, oncancel: vi.fn() });
    await fireEvent.input(screen.getByTestId('booking-reason'), { target: { value: 'Weekly dressing' } });
    await fireEvent.click(screen.getByTestId('booking-save'));
    expect(screen.getByTestId('scope-chooser').dataset.action).toBe('change');
    expect(calls.some((c) => c.cmd === 'change_series')).toBe(false);
    await fireEvent.click(screen.getByTestId('double-scope-following'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    const args = calls.find((c) => c.cmd === 'change_series')!.args;
    expect(args).toMatchObject({ id: 'a-1', version: 1, scope: 'following' });
    expect(args.change.reason).toBe('Weekly dressing');
    expect(onsaved.mock.calls[0][0]).toHaveLength(2);
  });

  it('cancels only this occurrence with the single-appointment command', async () => {
    session.info = appInfoAs(DESK);
    const calls = mockCommands({
      check_booking: () => [],
      cancel_appointment: () => appointment({ seriesId: 's-1', status: 'cancelled', cancelKind: 'patient' }),
    });
    const onsaved = vi.fn();
    render(BookingForm, { setup: setup(), appointment: appointment({ seriesId: 's-1', occurrence: 2 }), onsaved, oncancel: vi.fn() });
    await fireEvent.click(screen.getByTestId('booking-cancel-appointment'));
    await fireEvent.input(screen.getByTestId('cancel-reason'), { target: { value: 'On holiday' } });
    await fireEvent.click(screen.getByTestId('cancel-confirm'));
    expect(screen.getByTestId('scope-chooser').dataset.action).toBe('cancel');
    await fireEvent.click(screen.getByTestId('double-scope-this'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(calls.find((c) => c.cmd === 'cancel_appointment')!.args).toMatchObject({ id: 'a-1', kind: 'patient', reason: 'On holiday' });
    expect(calls.some((c) => c.cmd === 'cancel_series')).toBe(false);
  });
});

// The printed lists: one provider's day (printing is recorded before the print dialog opens)
// and the call list with every phone number of each patient.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockCommands, type RecordedCall } from '../../api/testing';
import { appInfoAs, DESK } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { session } from '../../lib/stores.svelte';
import CallList from './CallList.svelte';
import DayList from './DayList.svelte';
import { appointment, REYES, setup } from './desk/testdata';

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
  vi.restoreAllMocks();
  document.body.classList.remove('printing-schedule');
});

describe('DayList', () => {
  it("lists the provider's day and records the print before printing", async () => {
    session.info = appInfoAs(DESK);
    const calls: RecordedCall[] = mockCommands({
      schedule_range: () => ({
        from: '2026-11-26',
        days: 1,
        providers: [],
        blocks: [],
        appointments: [
          appointment({ id: 'a-1', roomName: 'Room 1' }),
          appointment({ id: 'a-2', status: 'cancelled', cancelKind: 'patient' }),
          appointment({ id: 'a-3', patientName: 'Doe, John', startsAt: '2026-11-26T16:00:00Z', endsAt: '2026-11-26T16:30:00Z' }),
        ],
      }),
      schedule_setup: () => setup(),
      log_day_list_print: () => null,
    });
    let printedWith: { logged: boolean; printing: boolean; rows: number } | null = null;
    vi.spyOn(window, 'print').mockImplementation(() => {
      printedWith = {
        logged: calls.some((c) => c.cmd === 'log_day_list_print'),
        printing: document.body.classList.contains('printing-schedule'),
        rows: document.querySelectorAll('.schedule-print [data-testid="day-list-row"]').length,
      };
    });
    render(DayList, { providerId: REYES, date: '2026-11-26' });
    const rows = await screen.findAllByTestId('day-list-row');
    expect(rows.map((r) => r.dataset.appointmentId)).toEqual(['a-1', 'a-3']);
    expect(rows[0].textContent).toContain('09:00–09:15');
    expect(rows[0].textContent).toContain('Smith, Jane');
    expect(rows[0].textContent).toContain('14 Mar 1980');
    expect(rows[0].textContent).toContain('Blood pressure');
    expect(rows[0].textContent).toContain('Room 1');
    await waitFor(() => expect(screen.getByTestId('day-list-sheet').textContent).toContain('Dr. Ana Reyes'));
    expect(calls.find((c) => c.cmd === 'schedule_range')!.args).toEqual({ from: '2026-11-26', days: 1, providerIds: [REYES] });
    await fireEvent.click(screen.getByTestId('print-day-list'));
    await waitFor(() => expect(printedWith).toEqual({ logged: true, printing: true, rows: 2 }));
    expect(calls.find((c) => c.cmd === 'log_day_list_print')!.args).toEqual({ providerId: REYES, date: '2026-11-26' });
    window.dispatchEvent(new Event('afterprint'));
    expect(document.querySelector('.schedule-print')).toBeNull();
  });
});

describe('CallList', () => {
  it("lists the day's bookings with each patient's phones", async () => {
    session.info = appInfoAs(DESK);
    const calls = mockCommands({
      call_list: () => [
        { appointment: appointment({ id: 'a-1', startsAt: '2026-11-27T15:00:00Z' }), phones: ['555 0142', '555 0199'] },
        { appointment: appointment({ id: 'a-2', patientName: 'Doe, John', status: 'confirmed' }), phones: [] },
      ],
    });
    render(CallList, { date: '2026-11-27' });
    const rows = await screen.findAllByTestId('call-list-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Smith, Jane');
    expect(rows[0].textContent).toContain('555 0142 · 555 0199');
    expect(rows[1].textContent).toContain('no phone on file');
    expect(rows[1].textContent).toContain('confirmed');
    expect(screen.getByTestId('call-list-sheet').textContent).toContain('27 Nov 2026');
    expect(calls[0]).toEqual({ cmd: 'call_list', args: { date: '2026-11-27' } });
  });
});

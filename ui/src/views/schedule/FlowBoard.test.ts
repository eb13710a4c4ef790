// The flow board: rows with status and waiting time as the core computed it, amber past 15
// and red past 30 minutes, the filters, the keys (↑/↓, Enter, C, R) and asking again after a
// change and every 10 seconds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { FlowBoard as Board, FlowRow } from '../../api';
import { clearMocks, mockCommands } from '../../api/testing';
import { appInfoAs, DESK, DR_REYES } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { nav, session } from '../../lib/stores.svelte';
import FlowBoard from './FlowBoard.svelte';
import { appointment, flowRow, setup } from './desk/testdata';

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
  vi.useRealTimers();
});

function board(rows: FlowRow[]): Board {
  return { now: '2026-11-26T15:30:00Z', date: '2026-11-26', rows };
}

const ROWS = [
  flowRow({ id: 'a-booked', status: 'booked', patientName: 'Booked, Bea' }, null),
  flowRow({ id: 'a-12', status: 'arrived', patientName: 'Short, Sam' }, 12),
  flowRow({ id: 'a-20', status: 'inRoom', patientName: 'Middle, Mo', roomId: 'r-1', roomName: 'Room 1' }, 20),
  flowRow({ id: 'a-40', status: 'arrived', patientName: 'Long, Lou', providerId: 'u-okafor', providerName: 'Dr. Ben Okafor' }, 40),
];

function start(rows = ROWS, who = DESK) {
  session.info = appInfoAs(who);
  let current = rows;
  const calls = mockCommands({
    flow_board: () => board(current),
    schedule_setup: () => setup(),
    start_visit_from_appointment: () => ({ id: 'v-9' }),
    set_appointment_status: (args) => {
      current = current.map((r) =>
        r.appointment.id === args.id ? { ...r, appointment: appointment({ ...r.appointment, status: args.status }) } : r,
      );
      return appointment({ id: args.id, status: args.status });
    },
  });
  render(FlowBoard);
  return calls;
}

describe('FlowBoard', () => {
  it("shows today's appointments with the waiting time coloured by how long", async () => {
    start();
    const rows = await screen.findAllByTestId('flow-row');
    expect(rows.map((r) => r.dataset.appointmentId)).toEqual(['a-booked', 'a-12', 'a-20', 'a-40']);
    expect(rows.map((r) => r.dataset.status)).toEqual(['booked', 'arrived', 'inRoom', 'arrived']);
    const waits = screen.getAllByTestId('flow-waiting');
    expect(waits.map((w) => w.dataset.level)).toEqual(['none', 'ok', 'amber', 'red']);
    expect(waits[1].textContent?.trim()).toBe('12 min');
    expect(waits[3].textContent).toContain('⚠');
    expect(rows[2].textContent).toContain('Room 1');
    expect(rows[2].textContent).toContain('in room');
  });

  it('filters by provider and by who is waiting', async () => {
    start();
    await screen.findAllByTestId('flow-row');
    await fireEvent.click(screen.getByTestId('flow-waiting-only'));
    expect(screen.getAllByTestId('flow-row').map((r) => r.dataset.appointmentId)).toEqual(['a-12', 'a-20', 'a-40']);
    await fireEvent.change(await screen.findByTestId('flow-provider-filter'), { target: { value: 'u-okafor' } });
    await waitFor(() => expect(screen.getAllByTestId('flow-row').map((r) => r.dataset.appointmentId)).toEqual(['a-40']));
  });

  it('moves by arrow keys, checks in with C and asks the board again', async () => {
    const calls = start();
    const rows = await screen.findAllByTestId('flow-row');
    rows[0].focus();
    await fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    await fireEvent.keyDown(rows[1], { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rows[0]);
    const before = calls.filter((c) => c.cmd === 'flow_board').length;
    await fireEvent.keyDown(rows[0], { key: 'c' });
    await waitFor(() => expect(calls.some((c) => c.cmd === 'set_appointment_status')).toBe(true));
    expect(calls.find((c) => c.cmd === 'set_appointment_status')!.args).toMatchObject({ id: 'a-booked', status: 'arrived' });
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'flow_board').length).toBe(before + 1));
    await waitFor(() => expect(screen.getAllByTestId('flow-row')[0].dataset.status).toBe('arrived'));
  });

  it('takes the primary next step on Enter and focuses the room on R', async () => {
    const calls = start();
    const rows = await screen.findAllByTestId('flow-row');
    await fireEvent.keyDown(rows[2], { key: 'Enter' });
    await waitFor(() => expect(calls.some((c) => c.cmd === 'set_appointment_status')).toBe(true));
    expect(calls.find((c) => c.cmd === 'set_appointment_status')!.args).toMatchObject({ id: 'a-20', status: 'withProvider' });
    const fresh = await screen.findAllByTestId('flow-row');
    await fireEvent.keyDown(fresh[1], { key: 'r' });
    expect(document.activeElement).toBe(fresh[1].querySelector('[data-testid="status-room"]'));
  });

  it('asks again every ten seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = start();
    await screen.findAllByTestId('flow-row');
    const before = calls.filter((c) => c.cmd === 'flow_board').length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.filter((c) => c.cmd === 'flow_board').length).toBe(before + 1);
  });

  it("links to the provider's day list and tomorrow's call list", async () => {
    start();
    await screen.findAllByTestId('flow-row');
    await waitFor(() => expect((screen.getByTestId('flow-print-day') as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(screen.getByTestId('flow-print-day'));
    expect(nav.route).toEqual({ name: 'dayList', providerId: 'u-drreyes', date: '2026-11-26' });
    await fireEvent.click(screen.getByTestId('flow-call-list'));
    expect(nav.route).toEqual({ name: 'callList', date: '2026-11-27' });
  });

  it('starts the visit with S for the physician, and does nothing on S for the desk', async () => {
    const desk = start();
    const rows = await screen.findAllByTestId('flow-row');
    await fireEvent.keyDown(rows[1], { key: 's' });
    expect(desk.some((c) => c.cmd === 'start_visit_from_appointment')).toBe(false);
    cleanup();
    const doc = start(ROWS, DR_REYES);
    const again = await screen.findAllByTestId('flow-row');
    await fireEvent.keyDown(again[1], { key: 's' });
    await waitFor(() => expect(nav.route).toEqual({ name: 'chart', id: 'p-smith', visitId: 'v-9' }));
    expect(doc.find((c) => c.cmd === 'start_visit_from_appointment')!.args).toEqual({ id: 'a-12', templateId: null });
  });
});

// The status buttons offered for each status, the room asked for "to room", and Start visit
// (clinical users only) opening the new visit in the chart.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { AppointmentStatus } from '../../../api';
import { clearMocks, mockCommands } from '../../../api/testing';
import { appInfoAs, DESK, DR_REYES } from '../../../test/fixtures';
import { resetUiState } from '../../../test/reset';
import { nav, session } from '../../../lib/stores.svelte';
import StatusActions from './StatusActions.svelte';
import { appointment, ROOM_1, setup } from './testdata';

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
});

function buttons(): string[] {
  return Array.from(screen.getByTestId('status-actions').querySelectorAll('button'), (b) => b.dataset.testid ?? '');
}

describe('StatusActions', () => {
  const cases: [AppointmentStatus, string[]][] = [
    ['booked', ['status-arrived', 'status-confirmed', 'status-noShow']],
    ['confirmed', ['status-arrived', 'status-noShow']],
    ['arrived', ['status-inRoom', 'status-withProvider']],
    ['inRoom', ['status-withProvider']],
    ['withProvider', ['status-checkedOut']],
    ['checkedOut', []],
    ['noShow', []],
    ['cancelled', []],
  ];
  for (const [status, expected] of cases) {
    it(`offers the desk the next steps from ${status}`, () => {
      session.info = appInfoAs(DESK);
      render(StatusActions, { appointment: appointment({ status }), rooms: setup().rooms, onchanged: vi.fn() });
      expect(buttons()).toEqual(expected);
    });
  }

  it('checks the patient in and hands back the changed appointment', async () => {
    session.info = appInfoAs(DESK);
    const calls = mockCommands({ set_appointment_status: (args) => appointment({ status: args.status }) });
    const onchanged = vi.fn();
    render(StatusActions, { appointment: appointment(), rooms: [], onchanged });
    expect(screen.getByTestId('status-arrived').textContent).toContain('Check in');
    await fireEvent.click(screen.getByTestId('status-arrived'));
    await waitFor(() => expect(onchanged).toHaveBeenCalled());
    expect(calls[0].args).toEqual({ id: 'a-1', version: 1, status: 'arrived', roomId: null });
    expect(onchanged.mock.calls[0][0].status).toBe('arrived');
  });

  it('asks for the room before putting the patient in one', async () => {
    session.info = appInfoAs(DESK);
    const calls = mockCommands({ set_appointment_status: (args) => appointment({ status: args.status, roomId: args.roomId }) });
    const onchanged = vi.fn();
    render(StatusActions, { appointment: appointment({ status: 'arrived' }), rooms: setup().rooms, onchanged });
    await fireEvent.click(screen.getByTestId('status-inRoom'));
    expect(screen.getByTestId('status-error').textContent).toContain('room');
    expect(calls).toHaveLength(0);
    await fireEvent.change(screen.getByTestId('status-room'), { target: { value: ROOM_1 } });
    await fireEvent.click(screen.getByTestId('status-inRoom'));
    await waitFor(() => expect(onchanged).toHaveBeenCalled());
    expect(calls[0].args).toMatchObject({ status: 'inRoom', roomId: ROOM_1 });
  });

  it('lets only a clinical user start the visit, and opens it in the chart', async () => {
    session.info = appInfoAs(DESK);
    const desk = render(StatusActions, { appointment: appointment({ status: 'arrived' }), rooms: [], onchanged: vi.fn() });
    expect(screen.queryByTestId('start-visit')).toBeNull();
    desk.unmount();

    session.info = appInfoAs(DR_REYES);
    const calls = mockCommands({ start_visit_from_appointment: () => ({ id: 'v-42' }) });
    render(StatusActions, { appointment: appointment({ status: 'arrived' }), rooms: [], onchanged: vi.fn() });
    await fireEvent.click(screen.getByTestId('start-visit'));
    await waitFor(() => expect(nav.route).toEqual({ name: 'chart', id: 'p-smith', visitId: 'v-42' }));
    expect(calls[0]).toEqual({ cmd: 'start_visit_from_appointment', args: { id: 'a-1', templateId: null } });
  });

  it('opens the visit already started instead of starting another', async () => {
    session.info = appInfoAs(DR_REYES);
    const calls = mockCommands({});
    render(StatusActions, { appointment: appointment({ status: 'withProvider', visitId: 'v-7' }), rooms: [], onchanged: vi.fn() });
    const open = screen.getByTestId('start-visit');
    expect(open.textContent).toContain('Open visit');
    await fireEvent.click(open);
    expect(nav.route).toEqual({ name: 'chart', id: 'p-smith', visitId: 'v-7' });
    expect(calls).toHaveLength(0);
  });

  it('offers no visit before the patient has arrived', () => {
    session.info = appInfoAs(DR_REYES);
    render(StatusActions, { appointment: appointment({ status: 'booked' }), rooms: [], onchanged: vi.fn() });
    expect(screen.queryByTestId('start-visit')).toBeNull();
  });
});

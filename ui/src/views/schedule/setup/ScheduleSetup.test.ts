// The admin's schedule set-up: the tabs by arrow key; adding a provider and the colour error at
// its row; practice hours sent as seven weekdays (blank = closed) with the core's errors at
// their fields; availability by quick fill; appointment types and rooms edited in place.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import ScheduleSetup from './ScheduleSetup.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../../api/testing';
import type { ProviderCandidate, ScheduleSetup as Setup } from '../../../api';
import { session } from '../../../lib/stores.svelte';
import { ADMIN, appInfoAs } from '../../../test/fixtures';
import { resetUiState } from '../../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const SETUP: Setup = {
  providers: [{ userId: 'u-drreyes', displayName: 'Dr. Ana Reyes', colour: '#2f6fb0', displayOrder: 1, active: true }],
  types: [
    { id: 't-1', name: 'New patient', defaultMinutes: 30, colour: '#2f6fb0', visitType: 'office', displayOrder: 1, retired: false },
    { id: 't-2', name: 'Follow-up', defaultMinutes: 15, colour: '#3a8f5c', visitType: 'office', displayOrder: 2, retired: false },
  ],
  rooms: [{ id: 'r-1', name: 'Exam 1', displayOrder: 1, retired: false }],
  hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) =>
    weekday <= 5 ? { weekday, opens: '08:00', closes: '17:00' } : { weekday, opens: null, closes: null },
  ),
};

const CANDIDATES: ProviderCandidate[] = [
  { userId: 'u-drreyes', displayName: 'Dr. Ana Reyes', roles: ['Physician'], isProvider: true },
  { userId: 'u-nurse', displayName: 'Sam Ortiz', roles: ['Nurse'], isProvider: false },
];

function renderSetup(handlers: Record<string, CommandHandler> = {}) {
  session.info = appInfoAs(ADMIN);
  const calls = mockCommands({
    schedule_setup: () => SETUP,
    schedule_provider_candidates: () => CANDIDATES,
    availability_templates: () => [],
    list_blocks: () => [],
    ...handlers,
  });
  render(ScheduleSetup);
  return calls;
}

async function openTab(tab: string) {
  await fireEvent.click(await screen.findByTestId(`setup-tab-${tab}`));
}

describe('schedule set-up', () => {
  it('moves between its sections with the arrow keys', async () => {
    renderSetup();
    const providers = await screen.findByTestId('setup-tab-providers');
    expect(providers.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(providers, { key: 'ArrowRight' });
    expect(screen.getByTestId('setup-tab-hours').getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByTestId('setup-hours')).toBeTruthy();
    await fireEvent.keyDown(screen.getByTestId('setup-tab-hours'), { key: 'End' });
    expect(screen.getByTestId('setup-tab-rooms').getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(screen.getByTestId('setup-tab-rooms'), { key: 'ArrowRight' });
    expect(screen.getByTestId('setup-tab-providers').getAttribute('aria-selected')).toBe('true');
  });

  it('lists providers, then the nurse who could be added, and adds her', async () => {
    const calls = renderSetup({
      save_schedule_provider: ({ userId, colour }) => ({ userId, displayName: 'Sam Ortiz', colour, displayOrder: 0, active: true }),
    });
    await waitFor(() => expect(screen.getAllByTestId('setup-provider-row')).toHaveLength(2));
    const [reyes, ortiz] = screen.getAllByTestId('setup-provider-row');
    expect(reyes.textContent).toContain('Dr. Ana Reyes');
    expect(within(reyes).queryByTestId('setup-provider-add')).toBeNull();
    await fireEvent.input(within(ortiz).getByTestId('setup-provider-colour'), { target: { value: '#aa3366' } });
    await fireEvent.click(within(ortiz).getByTestId('setup-provider-add'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_schedule_provider')).toBe(true));
    expect(calls.find((c) => c.cmd === 'save_schedule_provider')!.args).toEqual({ userId: 'u-nurse', colour: '#aa3366', displayOrder: 0, active: true });
  });

  it('shows a refused provider’s error at its row', async () => {
    renderSetup({
      save_schedule_provider: () => {
        throw errorReport('invalid_input', 'Give a colour as #rrggbb', [{ field: 'colour', message: 'Give a colour as #rrggbb, e.g. #2f6fb0' }]);
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('setup-provider-row')).toHaveLength(2));
    const reyes = screen.getAllByTestId('setup-provider-row')[0];
    await fireEvent.click(within(reyes).getByTestId('setup-provider-save'));
    expect((await within(reyes).findByTestId('error-colour')).textContent).toContain('#rrggbb');
  });

  it('sends the seven weekdays’ hours with blank days closed, and shows the core’s errors at their fields', async () => {
    let fail = true;
    const calls = renderSetup({
      save_practice_hours: ({ hours }) => {
        if (fail) throw errorReport('invalid_input', 'bad', [{ field: 'hours.2.closes', message: 'Closes after it opens' }]);
        return hours;
      },
    });
    await openTab('hours');
    await fireEvent.input(screen.getByTestId('setup-hours-3-closes'), { target: { value: '07:00' } });
    await fireEvent.click(screen.getByTestId('setup-hours-save'));
    expect((await screen.findByTestId('error-hours.2.closes')).textContent).toContain('Closes after it opens');
    fail = false;
    await fireEvent.input(screen.getByTestId('setup-hours-3-closes'), { target: { value: '18:00' } });
    await fireEvent.input(screen.getByTestId('setup-hours-5-opens'), { target: { value: '' } });
    await fireEvent.input(screen.getByTestId('setup-hours-5-closes'), { target: { value: '' } });
    await fireEvent.input(screen.getByTestId('setup-hours-6-opens'), { target: { value: '09:00' } });
    await fireEvent.input(screen.getByTestId('setup-hours-6-closes'), { target: { value: '12:00' } });
    await fireEvent.submit(screen.getByTestId('setup-hours'));
    await screen.findByTestId('setup-hours-saved');
    const sent = calls.filter((c) => c.cmd === 'save_practice_hours').at(-1)!.args.hours;
    expect(sent).toHaveLength(7);
    expect(sent[2]).toEqual({ weekday: 3, opens: '08:00', closes: '18:00' });
    expect(sent[4]).toEqual({ weekday: 5, opens: null, closes: null });
    expect(sent[5]).toEqual({ weekday: 6, opens: '09:00', closes: '12:00' });
    expect(screen.queryByTestId('error-hours.2.closes')).toBeNull();
  });

  it('fills the office week in one click and saves it from the chosen date', async () => {
    const calls = renderSetup({
      save_availability: ({ draft }) => ({ id: 'a-1', providerId: draft.providerId, effectiveFrom: draft.effectiveFrom, intervals: draft.intervals }),
    });
    await openTab('availability');
    await fireEvent.click(await screen.findByTestId('setup-availability-quickfill'));
    expect(screen.getAllByTestId('setup-interval-row')).toHaveLength(10);
    await fireEvent.input(screen.getByTestId('setup-availability-from'), { target: { value: '2026-12-07' } });
    await fireEvent.click(screen.getAllByTestId('setup-interval-remove')[9]);
    await fireEvent.click(screen.getByTestId('setup-availability-save'));
    await screen.findByTestId('setup-availability-saved');
    const draft = calls.find((c) => c.cmd === 'save_availability')!.args.draft;
    expect(draft.providerId).toBe('u-drreyes');
    expect(draft.effectiveFrom).toBe('2026-12-07');
    expect(draft.intervals).toHaveLength(9);
    expect(draft.intervals[0]).toEqual({ weekday: 1, starts: '08:00', ends: '12:00' });
  });

  it('shows an overlapping interval’s error at its row', async () => {
    renderSetup({
      save_availability: () => {
        throw errorReport('invalid_input', 'bad', [{ field: 'intervals.1.starts', message: 'Overlaps 08:00–12:00 on Monday' }]);
      },
    });
    await openTab('availability');
    await fireEvent.click(await screen.findByTestId('setup-availability-quickfill'));
    await fireEvent.click(screen.getByTestId('setup-availability-save'));
    const row = screen.getAllByTestId('setup-interval-row')[1];
    expect((await within(row).findByTestId('error-intervals.1.starts')).textContent).toContain('Overlaps');
  });

  it('edits a type in place and adds a new one, the core’s name error at the new row', async () => {
    const calls = renderSetup({
      save_appointment_type: ({ id, draft }) => {
        if (!id) throw errorReport('invalid_input', 'taken', [{ field: 'name', message: 'There is already a type called Follow-up' }]);
        return { id, ...draft };
      },
    });
    await openTab('types');
    const rows = await screen.findAllByTestId('setup-type-row');
    expect(rows).toHaveLength(2);
    await fireEvent.input(within(rows[1]).getByTestId('setup-type-minutes'), { target: { value: '20' } });
    await fireEvent.click(within(rows[1]).getByTestId('setup-type-save'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_appointment_type')).toBe(true));
    expect(calls.find((c) => c.cmd === 'save_appointment_type')!.args).toEqual({
      id: 't-2',
      draft: { name: 'Follow-up', defaultMinutes: 20, colour: '#3a8f5c', visitType: 'office', displayOrder: 2, retired: false },
    });
    const fresh = screen.getByTestId('setup-type-new');
    await fireEvent.input(within(fresh).getByTestId('setup-type-name'), { target: { value: 'follow-up' } });
    await fireEvent.keyDown(within(fresh).getByTestId('setup-type-name'), { key: 'Enter' });
    expect((await within(fresh).findByTestId('error-name')).textContent).toContain('already');
    expect(calls.filter((c) => c.cmd === 'save_appointment_type').at(-1)!.args.id).toBeNull();
  });

  it('adds a room by typing its name and pressing Enter', async () => {
    const calls = renderSetup({ save_room: ({ draft }) => ({ id: 'r-2', ...draft }) });
    await openTab('rooms');
    expect(await screen.findAllByTestId('setup-room-row')).toHaveLength(1);
    const fresh = screen.getByTestId('setup-room-new');
    await fireEvent.input(within(fresh).getByTestId('setup-room-name'), { target: { value: 'Procedure room' } });
    await fireEvent.keyDown(within(fresh).getByTestId('setup-room-name'), { key: 'Enter' });
    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_room')).toBe(true));
    expect(calls.find((c) => c.cmd === 'save_room')!.args).toEqual({ id: null, draft: { name: 'Procedure room', displayOrder: 0, retired: false } });
  });
});

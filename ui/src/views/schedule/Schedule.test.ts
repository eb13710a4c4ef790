// The calendar screen with mocked commands: provider columns, the keyboard cursor and what Enter
// opens, day changes asking the core for the new range, a refused move shown inline with the
// way to overbook it, and a stale version reloading.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Schedule from './Schedule.svelte';
import { clearMocks, errorReport, mockCommands, type CommandArgs, type CommandHandler } from '../../api/testing';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DESK, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { appointment, DAY, range, SETUP } from './calendar/fixtures';

beforeAll(() => {
  // jsdom has no ResizeObserver; the calendar library only needs it to re-lay itself out.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

afterEach(() => {
  clearMocks();
  resetUiState();
});

const KIM_AT_10 = appointment('a-kim', { providerId: 'u-drkim', providerName: 'Dr. Lee Kim', patientName: 'Jones, Mary', startsAt: '2026-12-01T16:00:00Z', endsAt: '2026-12-01T16:30:00Z' });
const REYES_AT_9 = appointment('a-reyes');

/** Whether `days` local days from `from` include DAY (the mocked appointments' day). */
function covers(from: string, days: number): boolean {
  const start = Date.parse(from);
  const day = Date.parse(DAY);
  return day >= start && day < start + days * 86_400_000;
}

function renderSchedule(handlers: Record<string, CommandHandler> = {}, who = DESK) {
  session.info = appInfoAs(who);
  const calls = mockCommands({
    schedule_setup: () => SETUP,
    schedule_range: (args: CommandArgs) => range(args.from, args.days, covers(args.from, args.days) ? [REYES_AT_9, KIM_AT_10] : []),
    ...handlers,
  });
  render(Schedule, { props: { date: DAY } });
  return calls;
}

const slot = () => screen.getByTestId('focused-slot');
const grid = () => screen.getByTestId('schedule-grid');

async function dayShown(date = DAY) {
  await waitFor(() => expect(grid().getAttribute('data-loaded-date')).toBe(date));
  await screen.findAllByTestId('appointment');
}

describe('the calendar', () => {
  it('shows the active providers side by side with their appointments, in the practice zone', async () => {
    renderSchedule();
    await dayShown();
    expect(screen.getByTestId('schedule-date').textContent).toBe('Tuesday 1 December 2026');
    expect(grid().querySelectorAll('.ec-body .ec-grid > .ec-day')).toHaveLength(3);
    expect(screen.getAllByTestId('schedule-column').map((c) => c.textContent!.trim())).toEqual(['Dr. Ana Reyes', 'Dr. Lee Kim', 'Jo Park, NP']);
    const toggles = screen.getAllByTestId('schedule-provider-toggle').map((t) => t.getAttribute('data-provider-id'));
    expect(toggles).toEqual(['u-drreyes', 'u-drkim', 'u-np']);
    const shown = screen.getAllByTestId('appointment');
    expect(shown.map((a) => [a.getAttribute('data-appointment-id'), a.getAttribute('data-provider-id')])).toEqual(
      expect.arrayContaining([
        ['a-reyes', 'u-drreyes'],
        ['a-kim', 'u-drkim'],
      ]),
    );
    expect(shown.find((a) => a.dataset.appointmentId === 'a-reyes')!.textContent).toContain('09:00 Smith, John — Follow-up');
  });

  it('hides a provider’s column when its box is unticked', async () => {
    renderSchedule();
    await dayShown();
    await fireEvent.click(screen.getAllByTestId('schedule-provider-toggle')[1]);
    await waitFor(() => expect(grid().querySelectorAll('.ec-body .ec-grid > .ec-day')).toHaveLength(2));
    expect(screen.getAllByTestId('appointment').map((a) => a.dataset.appointmentId)).toEqual(['a-reyes']);
  });

  it('moves the cursor a slot with the arrow keys and between providers', async () => {
    renderSchedule();
    await dayShown();
    expect(slot().dataset.startsAt).toBe('2026-12-01T14:00:00Z');
    expect(slot().dataset.providerId).toBe('u-drreyes');
    await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    expect(slot().dataset.startsAt).toBe('2026-12-01T14:30:00Z');
    await fireEvent.keyDown(grid(), { key: 'ArrowRight' });
    expect(slot().dataset.providerId).toBe('u-drkim');
    await fireEvent.keyDown(grid(), { key: 'ArrowUp' });
    expect(slot().dataset.startsAt).toBe('2026-12-01T14:15:00Z');
    await fireEvent.keyDown(grid(), { key: 'End' });
    expect(slot().dataset.startsAt).toBe('2026-12-01T22:45:00Z');
  });

  it('opens the booking form on the focused empty slot with Enter', async () => {
    renderSchedule();
    await dayShown();
    await fireEvent.keyDown(grid(), { key: 'ArrowRight' });
    await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    await fireEvent.keyDown(grid(), { key: 'Enter' });
    await screen.findByTestId('booking-form');
    expect(screen.getByTestId('schedule-panel').dataset.panel).toBe('book');
    expect((screen.getByTestId('booking-provider') as HTMLSelectElement).value).toBe('u-drkim');
    expect((screen.getByTestId('booking-date') as HTMLInputElement).value).toBe('2026-12-01');
    expect((screen.getByTestId('booking-time') as HTMLInputElement).value).toBe('08:15');
  });

  it('opens the appointment under the cursor for editing with Enter, and closes the panel with Esc', async () => {
    renderSchedule();
    await dayShown();
    for (let i = 0; i < 4; i++) await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    expect(slot().dataset.startsAt).toBe('2026-12-01T15:00:00Z');
    await fireEvent.keyDown(grid(), { key: 'Enter' });
    expect((await screen.findByTestId('schedule-panel')).dataset.panel).toBe('edit');
    await fireEvent.keyDown(screen.getByTestId('schedule-panel'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('schedule-panel')).toBeNull());
  });

  it('asks the core for the next day’s range with PageDown and shows that day', async () => {
    const calls = renderSchedule();
    await dayShown();
    await fireEvent.keyDown(grid(), { key: 'PageDown' });
    await waitFor(() => expect(grid().getAttribute('data-loaded-date')).toBe('2026-12-02'));
    const asked = calls.filter((c) => c.cmd === 'schedule_range').map((c) => c.args.from);
    expect(asked).toEqual([DAY, '2026-12-02']);
    expect(screen.getByTestId('schedule-date').textContent).toBe('Wednesday 2 December 2026');
    expect(screen.queryAllByTestId('appointment')).toHaveLength(0);
    expect(slot().dataset.startsAt).toBe('2026-12-02T14:00:00Z');
  });

  it('keeps the drawn day until the next one’s appointments come, then hands its appointment elements to them', async () => {
    let answer: (r: unknown) => void = () => {};
    const next = [
      appointment('a-next-1', { patientName: 'Brown, Ada', startsAt: '2026-12-02T15:00:00Z', endsAt: '2026-12-02T15:15:00Z' }),
      appointment('a-next-2', { providerId: 'u-drkim', patientName: 'Green, Bo', startsAt: '2026-12-02T17:00:00Z', endsAt: '2026-12-02T17:30:00Z' }),
    ];
    renderSchedule({
      schedule_range: (args: CommandArgs) =>
        args.from === DAY ? range(DAY, 1, [REYES_AT_9, KIM_AT_10]) : new Promise((resolve) => (answer = () => resolve(range(args.from, args.days, next)))),
    });
    await dayShown();
    const before = [...grid().querySelectorAll('.ec-time-grid .ec-events > .ec-event')];
    expect(before).toHaveLength(2);
    const shadedBefore = [...grid().querySelectorAll('.ec-time-grid .ec-events > .ec-bg-event')];
    expect(shadedBefore.length).toBeGreaterThan(0);
    await fireEvent.keyDown(grid(), { key: 'PageDown' });
    // Asked, not answered: the calendar still draws the first day, whole.
    expect(screen.getByTestId('schedule-date').textContent).toBe('Wednesday 2 December 2026');
    expect(grid().getAttribute('data-loaded-date')).toBe(DAY);
    expect(screen.getAllByTestId('appointment').map((a) => a.dataset.appointmentId).sort()).toEqual(['a-kim', 'a-reyes']);
    answer(null);
    await waitFor(() => expect(grid().getAttribute('data-loaded-date')).toBe('2026-12-02'));
    const after = [...grid().querySelectorAll('.ec-time-grid .ec-events > .ec-event')];
    expect(after).toHaveLength(2);
    // The same elements (vite.config.ts keys them by position), now the second day's.
    expect(after.every((el) => before.includes(el))).toBe(true);
    const shadedAfter = [...grid().querySelectorAll('.ec-time-grid .ec-events > .ec-bg-event')];
    expect(shadedAfter).toHaveLength(shadedBefore.length);
    expect(shadedAfter.every((el) => shadedBefore.includes(el))).toBe(true);
    expect(screen.getAllByTestId('appointment').map((a) => [a.dataset.appointmentId, a.dataset.providerId]).sort()).toEqual([
      ['a-next-1', 'u-drreyes'],
      ['a-next-2', 'u-drkim'],
    ]);
    expect(screen.getByText(/Green, Bo/).closest('.ec-event')!.getAttribute('style')).toContain('grid-column: 2');
  });

  it('jumps to a typed date from the go-to box and says when it cannot read one', async () => {
    const calls = renderSchedule();
    await dayShown();
    await fireEvent.keyDown(grid(), { key: 'g' });
    const box = screen.getByTestId('schedule-goto') as HTMLInputElement;
    expect(document.activeElement).toBe(box);
    await fireEvent.input(box, { target: { value: 'someday' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByTestId('schedule-goto-error').textContent).toContain('24 Dec');
    await fireEvent.input(box, { target: { value: '12/24' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(grid().getAttribute('data-loaded-date')).toBe('2026-12-24'));
    expect(calls.at(-1)!.args).toEqual({ from: '2026-12-24', days: 1, providerIds: null });
  });

  it('shows a refused move inline with the reason, and overbooks it with a reason', async () => {
    const changes: CommandArgs[] = [];
    renderSchedule({
      change_appointment: (args) => {
        changes.push(args);
        if (!args.change.overbookReason) throw errorReport('invalid_input', 'collides', [{ field: 'collisions', message: 'Dr. Lee Kim already sees Jones, Mary 10:00–10:30' }]);
        return { ...REYES_AT_9, providerId: 'u-drkim', startsAt: args.change.startsAt, version: 2 };
      },
    });
    await dayShown();
    for (let i = 0; i < 4; i++) await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    await fireEvent.keyDown(grid(), { key: 'm' });
    expect(screen.getByTestId('schedule-moving').textContent).toContain('09:00 Smith, John');
    await fireEvent.keyDown(grid(), { key: 'ArrowRight' });
    for (let i = 0; i < 4; i++) await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    await fireEvent.keyDown(grid(), { key: 'Enter' });
    const error = await screen.findByTestId('schedule-move-error');
    expect(error.textContent).toContain('Dr. Lee Kim already sees Jones, Mary 10:00–10:30');
    expect(changes[0]).toMatchObject({
      id: 'a-reyes',
      version: 1,
      change: { providerId: 'u-drkim', startsAt: '2026-12-01T16:00:00Z', minutes: 15, typeId: 't-fu', reason: 'blood pressure', overbookReason: null },
    });
    await fireEvent.click(screen.getByTestId('schedule-move-overbook'));
    expect(screen.getByTestId('schedule-move-overbook-error')).toBeTruthy();
    expect(changes).toHaveLength(1);
    await fireEvent.input(screen.getByTestId('schedule-move-overbook-reason'), { target: { value: 'urgent, patient waiting' } });
    await fireEvent.click(screen.getByTestId('schedule-move-overbook'));
    await waitFor(() => expect(screen.queryByTestId('schedule-move-error')).toBeNull());
    expect(changes[1].change.overbookReason).toBe('urgent, patient waiting');
  });

  it('reloads the day when the appointment was changed by someone else meanwhile', async () => {
    const calls = renderSchedule({
      change_appointment: () => {
        throw errorReport('conflict', 'changed meanwhile');
      },
    });
    await dayShown();
    for (let i = 0; i < 4; i++) await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    await fireEvent.keyDown(grid(), { key: 'm' });
    await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    await fireEvent.keyDown(grid(), { key: 'Enter' });
    expect((await screen.findByTestId('schedule-notice')).textContent).toContain('Someone changed this appointment');
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'schedule_range')).toHaveLength(2));
    expect(screen.queryByTestId('schedule-move-error')).toBeNull();
  });

  it('shows the week of one provider and the month’s counts, opening a day with Enter', async () => {
    const calls = renderSchedule();
    await dayShown();
    await fireEvent.click(screen.getByTestId('schedule-view-week'));
    await waitFor(() => expect(calls.at(-1)!.args).toEqual({ from: '2026-11-30', days: 7, providerIds: ['u-drreyes'] }));
    await fireEvent.change(screen.getByTestId('schedule-week-provider'), { target: { value: 'u-drkim' } });
    await waitFor(() => expect(calls.at(-1)!.args.providerIds).toEqual(['u-drkim']));
    await fireEvent.click(screen.getByTestId('schedule-view-month'));
    await waitFor(() => expect(calls.at(-1)!.args).toEqual({ from: '2026-11-30', days: 42, providerIds: null }));
    await waitFor(() => expect(screen.getAllByTestId('month-count').map((c) => c.textContent)).toEqual(['Dr. Ana Reyes: 1', 'Dr. Lee Kim: 1']));
    await fireEvent.keyDown(grid(), { key: 'ArrowRight' });
    expect(screen.getByTestId('focused-day').dataset.date).toBe('2026-12-02');
    await fireEvent.keyDown(grid(), { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('schedule-date').textContent).toBe('Wednesday 2 December 2026'));
    expect(calls.at(-1)!.args).toEqual({ from: '2026-12-02', days: 1, providerIds: null });
  });

  it('offers blocked time only to those who may block time', async () => {
    renderSchedule({}, NURSE);
    await dayShown();
    expect(screen.queryByTestId('schedule-block-time')).toBeNull();
    expect(screen.getByTestId('schedule-keys').textContent).not.toContain('block time');
  });

  it('reloads the shown day when the window regains focus, keeping the cursor where it was', async () => {
    const calls = renderSchedule();
    await dayShown();
    await fireEvent.keyDown(grid(), { key: 'ArrowRight' });
    await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    window.dispatchEvent(new Event('focus'));
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'schedule_range')).toHaveLength(2));
    expect(calls.filter((c) => c.cmd === 'schedule_range').map((c) => c.args.from)).toEqual([DAY, DAY]);
    expect(slot().dataset.providerId).toBe('u-drkim');
    expect(slot().dataset.startsAt).toBe('2026-12-01T14:15:00Z');
  });

  it('still changes the day with PageDown when no provider is shown', async () => {
    const calls = renderSchedule({ schedule_setup: () => ({ ...SETUP, providers: [] }) });
    await screen.findByTestId('schedule-no-providers');
    expect(screen.queryByTestId('focused-slot')).toBeNull();
    await fireEvent.keyDown(grid(), { key: 'PageDown' });
    await waitFor(() => expect(grid().getAttribute('data-loaded-date')).toBe('2026-12-02'));
    expect(calls.filter((c) => c.cmd === 'schedule_range').at(-1)!.args.from).toBe('2026-12-02');
  });
});

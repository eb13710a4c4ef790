// The keyboard cursor's moves over the day and week grids, the open slots Home/End jump to, and
// which appointment a slot holds.
import { describe, expect, it } from 'vitest';
import { appointmentAt, clampCursor, cursorAt, cursorInstant, monthMove, moveCursor, openByColumn, openSlots, type Cursor, type CursorGrid } from './slot-cursor';
import { appointment, range, ZONE } from '../views/schedule/calendar/fixtures';

const DAY = '2026-12-01';
const loaded = range(DAY, 1);
const dayGrid: CursorGrid = {
  view: 'day',
  providers: ['u-drreyes', 'u-drkim', 'u-np'],
  dates: [DAY],
  first: 8 * 60,
  end: 18 * 60,
  open: openByColumn(loaded, ZONE),
};
const at = (minutes: number, providerId = 'u-drreyes', date = DAY): Cursor => ({ providerId, date, minutes });
const move = (c: Cursor, key: string, grid = dayGrid) => moveCursor(c, key, grid, '2026-11-26');

describe('the slot cursor', () => {
  it('moves one 15-minute slot up and down and stops at the visible range', () => {
    expect(move(at(540), 'ArrowDown')!.cursor.minutes).toBe(555);
    expect(move(at(540), 'ArrowUp')!.cursor.minutes).toBe(525);
    expect(move(at(480), 'ArrowUp')!.cursor.minutes).toBe(480);
    expect(move(at(1065), 'ArrowDown')!.cursor.minutes).toBe(1065);
  });

  it('moves between provider columns in the day view and stops at the edges', () => {
    expect(move(at(540), 'ArrowRight')!.cursor.providerId).toBe('u-drkim');
    expect(move(at(540, 'u-np'), 'ArrowRight')!.cursor.providerId).toBe('u-np');
    expect(move(at(540), 'ArrowLeft')!.cursor.providerId).toBe('u-drreyes');
  });

  it('moves between days in the week view, into the next week past Sunday', () => {
    const dates = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
    const week: CursorGrid = { ...dayGrid, view: 'week', dates };
    expect(move(at(540), 'ArrowRight', week)).toEqual({ cursor: at(540, 'u-drreyes', '2026-12-02'), navigated: false });
    expect(move(at(540, 'u-drreyes', '2026-12-06'), 'ArrowRight', week)).toEqual({ cursor: at(540, 'u-drreyes', '2026-12-07'), navigated: true });
    expect(move(at(540), 'PageDown', week)!.cursor.date).toBe('2026-12-08');
  });

  it('changes the day with PageUp/PageDown and goes to today with T, asking for a new range', () => {
    expect(move(at(540), 'PageDown')).toEqual({ cursor: at(540, 'u-drreyes', '2026-12-02'), navigated: true });
    expect(move(at(540), 'PageUp')!.cursor.date).toBe('2026-11-30');
    expect(move(at(540), 't')).toEqual({ cursor: at(540, 'u-drreyes', '2026-11-26'), navigated: true });
  });

  it('jumps to the first and last open slot of the column with Home and End', () => {
    expect(move(at(700), 'Home')!.cursor.minutes).toBe(8 * 60);
    expect(move(at(700), 'End')!.cursor.minutes).toBe(17 * 60 - 15);
    expect(openSlots(dayGrid, 'u-drreyes', DAY)).toHaveLength(32);
    expect(openSlots(dayGrid, 'u-drreyes', DAY)).not.toContain(12 * 60);
  });

  it('ignores keys that are not the grid’s', () => {
    expect(move(at(540), 'x')).toBeNull();
    expect(move(at(540), 'Enter')).toBeNull();
  });

  it('keeps the cursor inside the grid when the columns or the range change', () => {
    expect(clampCursor(at(1200, 'u-gone'), dayGrid)).toEqual(at(1065, 'u-drreyes'));
    expect(clampCursor(at(547), dayGrid).minutes).toBe(540);
  });

  it('names the slot’s UTC start and finds the appointment in it, a booked one before a cancelled one', () => {
    expect(cursorInstant(at(540), ZONE)).toBe('2026-12-01T15:00:00Z');
    const cancelled = appointment('a-c', { status: 'cancelled' });
    const booked = appointment('a-b', { startsAt: '2026-12-01T14:50:00Z', endsAt: '2026-12-01T15:20:00Z' });
    expect(appointmentAt(at(540), [cancelled, booked], ZONE, true)?.id).toBe('a-b');
    expect(appointmentAt(at(540), [cancelled], ZONE, false)).toBeNull();
    expect(appointmentAt(at(540), [cancelled], ZONE, true)?.id).toBe('a-c');
    expect(appointmentAt(at(540, 'u-drkim'), [booked], ZONE, true)).toBeNull();
    expect(appointmentAt(at(570), [booked], ZONE, true)).toBeNull();
  });

  it('puts the cursor on the slot an appointment starts in', () => {
    expect(cursorAt(appointment('a', { startsAt: '2026-12-01T15:20:00Z' }), ZONE)).toEqual(at(555));
  });

  it('moves the month view’s focused day by days, weeks and months, and opens it with Enter', () => {
    expect(monthMove('ArrowRight', '2026-12-31', DAY)).toBe('2027-01-01');
    expect(monthMove('ArrowUp', '2026-12-03', DAY)).toBe('2026-11-26');
    expect(monthMove('PageDown', '2027-01-31', DAY)).toBe('2027-02-28');
    expect(monthMove('PageUp', '2026-12-15', DAY)).toBe('2026-11-15');
    expect(monthMove('T', '2027-05-01', DAY)).toBe(DAY);
    expect(monthMove('Enter', '2027-05-01', DAY)).toBe('open');
    expect(monthMove('Home', '2027-05-01', DAY)).toBeNull();
  });
});

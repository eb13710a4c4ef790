// The calendar's keyboard cursor: which slot (a provider, a local date, minutes past local
// midnight) has the focus, and where each key moves it. The library has no keyboard slot focus,
// so the calendar keeps this state itself and draws the cursor over the grid.
import type { Appointment, ScheduleRange, UserId } from '../api';
import { addDays, slotInstant, zonedSlot } from './zone';

export const SLOT_MINUTES = 15;

export interface Cursor {
  providerId: UserId;
  /** Local `YYYY-MM-DD`. */
  date: string;
  /** Minutes past local midnight, a multiple of SLOT_MINUTES. */
  minutes: number;
}

/** What the cursor moves over: the shown view's columns and the visible time range. */
export interface CursorGrid {
  view: 'day' | 'week';
  /** Day view: the provider columns in order. */
  providers: UserId[];
  /** Week view: the seven local dates shown. */
  dates: string[];
  /** Visible range in minutes past midnight: [first, end). */
  first: number;
  end: number;
  /** The open stretches of a provider on a date, in minutes [start, end). */
  open: (providerId: UserId, date: string) => Array<[number, number]>;
}

/** What a key did: the new cursor, and whether the view's shown range changed with it. */
export interface Move {
  cursor: Cursor;
  /** The calendar must show (and load) another date range. */
  navigated: boolean;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** The cursor kept inside the grid (after the columns or the visible range changed). */
export function clampCursor(c: Cursor, grid: CursorGrid): Cursor {
  const lastSlot = grid.end - SLOT_MINUTES;
  const minutes = clamp(Math.floor(c.minutes / SLOT_MINUTES) * SLOT_MINUTES, grid.first, lastSlot);
  let providerId = c.providerId;
  if (grid.view === 'day' && grid.providers.length > 0 && !grid.providers.includes(providerId)) {
    providerId = grid.providers[0];
  }
  let date = c.date;
  if (grid.view === 'week' && grid.dates.length > 0 && !grid.dates.includes(date)) date = grid.dates[0];
  return { providerId, date, minutes };
}

/** Open slot starts of one column, in order. */
export function openSlots(grid: CursorGrid, providerId: UserId, date: string): number[] {
  const out: number[] = [];
  for (const [start, end] of grid.open(providerId, date)) {
    const from = Math.ceil(start / SLOT_MINUTES) * SLOT_MINUTES;
    for (let m = Math.max(from, grid.first); m + SLOT_MINUTES <= Math.min(end, grid.end); m += SLOT_MINUTES) out.push(m);
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/** The cursor after `key`, or null when the key is not one of the grid's. `today` for `T`. */
export function moveCursor(c: Cursor, key: string, grid: CursorGrid, today: string): Move | null {
  const lastSlot = grid.end - SLOT_MINUTES;
  const same = (cursor: Cursor): Move => ({ cursor, navigated: false });
  switch (key) {
    case 'ArrowUp':
      return same({ ...c, minutes: clamp(c.minutes - SLOT_MINUTES, grid.first, lastSlot) });
    case 'ArrowDown':
      return same({ ...c, minutes: clamp(c.minutes + SLOT_MINUTES, grid.first, lastSlot) });
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = key === 'ArrowLeft' ? -1 : 1;
      if (grid.view === 'day') {
        const i = grid.providers.indexOf(c.providerId);
        const next = grid.providers[clamp(i + step, 0, grid.providers.length - 1)];
        return same({ ...c, providerId: next ?? c.providerId });
      }
      const i = grid.dates.indexOf(c.date);
      if (i + step < 0 || i + step >= grid.dates.length) {
        // Past the week's edge: the neighbouring week, keeping the direction.
        return { cursor: { ...c, date: addDays(c.date, step) }, navigated: true };
      }
      return same({ ...c, date: grid.dates[i + step] });
    }
    case 'PageUp':
    case 'PageDown': {
      const days = (grid.view === 'week' ? 7 : 1) * (key === 'PageUp' ? -1 : 1);
      return { cursor: { ...c, date: addDays(c.date, days) }, navigated: true };
    }
    case 'Home':
    case 'End': {
      const slots = openSlots(grid, c.providerId, c.date);
      const target = slots.length ? (key === 'Home' ? slots[0] : slots[slots.length - 1]) : key === 'Home' ? grid.first : lastSlot;
      return same({ ...c, minutes: target });
    }
    case 't':
    case 'T':
      return { cursor: { ...c, date: today }, navigated: c.date !== today || grid.view === 'week' };
    default:
      return null;
  }
}

/** The UTC instant the cursor's slot starts at. */
export function cursorInstant(c: Cursor, zone: string): string {
  return slotInstant(c.date, c.minutes, zone);
}

/** The appointment occupying the cursor's slot (one that holds its slot first), if any. */
export function appointmentAt(c: Cursor, appointments: Appointment[], zone: string, showCancelled: boolean): Appointment | null {
  const start = Date.parse(slotInstant(c.date, c.minutes, zone));
  const end = Date.parse(slotInstant(c.date, c.minutes + SLOT_MINUTES, zone));
  const hits = appointments.filter(
    (a) =>
      a.providerId === c.providerId &&
      Date.parse(a.startsAt) < end &&
      Date.parse(a.endsAt) > start &&
      (showCancelled || holdsSlot(a)),
  );
  hits.sort((a, b) => Number(holdsSlot(b)) - Number(holdsSlot(a)) || a.startsAt.localeCompare(b.startsAt));
  return hits[0] ?? null;
}

/** Cancelled and no-show appointments free their slot. */
export function holdsSlot(a: Appointment): boolean {
  return a.status !== 'cancelled' && a.status !== 'noShow';
}

/** The open stretches of each provider on each local date, in minutes, from a loaded range. */
export function openByColumn(range: ScheduleRange | null, zone: string): (providerId: UserId, date: string) => Array<[number, number]> {
  const map = new Map<string, Array<[number, number]>>();
  for (const p of range?.providers ?? []) {
    for (const span of p.open) {
      const s = zonedSlot(span.startsAt, zone);
      const e = zonedSlot(span.endsAt, zone);
      const end = e.date === s.date ? e.minutes : 24 * 60;
      const key = `${p.providerId}|${s.date}`;
      const list = map.get(key) ?? [];
      list.push([s.minutes, end]);
      map.set(key, list);
    }
  }
  return (providerId, date) => map.get(`${providerId}|${date}`) ?? [];
}

/** The cursor that starts where an appointment starts (Tab onto one moves the cursor there). */
export function cursorAt(a: Appointment, zone: string): Cursor {
  const s = zonedSlot(a.startsAt, zone);
  return { providerId: a.providerId, date: s.date, minutes: Math.floor(s.minutes / SLOT_MINUTES) * SLOT_MINUTES };
}

/** The month view's cursor (a focused day) after `key`: a date, `open` (Enter opens the
 *  day), or null when the key is not one of the month's. */
export function monthMove(key: string, at: string, today: string): string | 'open' | null {
  const days: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
  if (key in days) return addDays(at, days[key]);
  if (key === 'PageUp' || key === 'PageDown') {
    const [y, m, d] = at.split('-').map(Number);
    const target = new Date(Date.UTC(y, m - 1 + (key === 'PageUp' ? -1 : 1), 1));
    const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    return `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  }
  if (key === 't' || key === 'T') return today;
  if (key === 'Enter') return 'open';
  return null;
}

// UTC instants ↔ the practice zone's wall clock. The calendar library works in "floating" local
// dates (a Date whose local fields are the wall clock shown), so the calendar converts every
// instant from the core to the practice zone's wall clock, never the workstation's. The gap and
// overlap rules match the core's `schedule::time::local_to_utc`: a time in the spring-forward gap
// is as far past the gap's start (02:30 → 03:30 summer time), an autumn-overlap time is the first.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone || undefined,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** A wall-clock reading: calendar fields as numbers (month 1–12). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Readings already made, per zone and instant: a day of the calendar converts each of its
// appointments' instants several times (events, visible range, cursor), and `formatToParts`
// is the costly part of a day switch's script. Bounded; readings are frozen, as they are shared.
const readings = new Map<string, Map<number, Readonly<WallClock>>>();
const MAX_READINGS = 20_000;

/** The wall clock in `zone` at the UTC instant `ms`. */
export function wallClockAt(ms: number, zone: string): Readonly<WallClock> {
  let known = readings.get(zone);
  if (!known) {
    known = new Map();
    readings.set(zone, known);
  }
  const seen = known.get(ms);
  if (seen) return seen;
  if (known.size >= MAX_READINGS) known.clear();
  const parts = formatter(zone).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const w = Object.freeze({ year: n('year'), month: n('month'), day: n('day'), hour: n('hour') % 24, minute: n('minute'), second: n('second') });
  known.set(ms, w);
  return w;
}

function wallAsUtcMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Minutes the zone is ahead of UTC at the instant `ms` (Chicago in winter: -360). */
export function offsetMinutes(ms: number, zone: string): number {
  const w = wallClockAt(Math.floor(ms / 1000) * 1000, zone);
  return Math.round((wallAsUtcMs(w) - Math.floor(ms / 1000) * 1000) / 60000);
}

/** The UTC instant (ms) of a wall-clock time in `zone`, with the core's gap/overlap rules. */
export function wallToUtcMs(w: WallClock, zone: string): number {
  const guess = wallAsUtcMs(w);
  const day = 86_400_000;
  const before = offsetMinutes(guess - day, zone);
  const after = offsetMinutes(guess + day, zone);
  const fits = (ms: number) => wallAsUtcMs(wallClockAt(ms, zone)) === guess;
  const candidates = [guess - before * 60000, guess - after * 60000].filter(fits).sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0];
  // In the gap: keep the offset from before it, which lands as far past the gap's start.
  return guess - before * 60000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A UTC ISO instant as a Date whose LOCAL fields are the practice zone's wall clock. */
export function toZoned(isoUtc: string, zone: string): Date {
  const w = wallClockAt(new Date(isoUtc).getTime(), zone);
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** A Date whose local fields are a practice-zone wall clock, as the UTC ISO instant. */
export function fromZoned(wallClock: Date, zone: string): string {
  const w: WallClock = {
    year: wallClock.getFullYear(),
    month: wallClock.getMonth() + 1,
    day: wallClock.getDate(),
    hour: wallClock.getHours(),
    minute: wallClock.getMinutes(),
    second: wallClock.getSeconds(),
  };
  return isoUtc(wallToUtcMs(w, zone));
}

/** A UTC instant as the zone's wall clock `YYYY-MM-DDTHH:MM:SS` (the calendar's event input,
 *  which does not depend on the workstation's own zone). */
export function zonedString(isoUtcValue: string, zone: string): string {
  const w = wallClockAt(new Date(isoUtcValue).getTime(), zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** The local date `YYYY-MM-DD` and minutes since local midnight of a UTC instant. */
export function zonedSlot(isoUtcValue: string, zone: string): { date: string; minutes: number } {
  const w = wallClockAt(new Date(isoUtcValue).getTime(), zone);
  return { date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`, minutes: w.hour * 60 + w.minute };
}

/** The UTC ISO instant of `minutes` past midnight (wall clock) on the local `date`. */
export function slotInstant(date: string, minutes: number, zone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const w: WallClock = { year: y, month: m, day: d, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 };
  // Minutes past 24:00 roll into the next day (the end of a slot at midnight).
  const base = Date.UTC(y, m - 1, d, 0, minutes, 0);
  const rolled = new Date(base);
  w.year = rolled.getUTCFullYear();
  w.month = rolled.getUTCMonth() + 1;
  w.day = rolled.getUTCDate();
  w.hour = rolled.getUTCHours();
  w.minute = rolled.getUTCMinutes();
  return isoUtc(wallToUtcMs(w, zone));
}

/** `date` (`YYYY-MM-DD`) plus `days` (negative goes back). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** "Tuesday 1 December 2026". */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  const weekday = t.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const month = t.toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `${weekday} ${d} ${month} ${y}`;
}

/** `HH:MM` of minutes since midnight. */
export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
}

/** The local date `YYYY-MM-DD` of a floating Date (its local fields are the wall clock). */
export function wallDate(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `YYYY-MM-DD` that names a real calendar day (what a person typed). */
export function parseLocalDate(text: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** `HH:MM` on the 24-hour clock (a single-digit hour is accepted: `9:05`). */
export function parseTime(text: string): { h: number; min: number } | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [h, min] = [Number(match[1]), Number(match[2])];
  if (h > 23 || min > 59) return null;
  return { h, min };
}

/**
 * The UTC instant (ISO, `Z`) of a typed local `date` + `time` in `zone` (the booking form),
 * or null when either is not a valid date or time or the zone is unknown.
 */
export function localToUtc(date: string, time: string, zone: string): string | null {
  const d = parseLocalDate(date);
  const t = parseTime(time);
  if (!d || !t) return null;
  try {
    return isoUtc(wallToUtcMs({ year: d.y, month: d.m, day: d.d, hour: t.h, minute: t.min, second: 0 }, zone));
  } catch {
    return null; // Intl refuses an unknown zone
  }
}

/** A UTC instant as the zone's local `{ date: YYYY-MM-DD, time: HH:MM }`. */
export function utcToLocal(utc: string, zone: string): { date: string; time: string } {
  const local = zonedSlot(utc, zone);
  return { date: local.date, time: hhmm(local.minutes) };
}

/** Whole minutes from `from` to `to` (both ISO instants). */
export function minutesBetween(from: string, to: string): number {
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000);
}

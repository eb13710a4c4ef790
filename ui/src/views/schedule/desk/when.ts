// The booking form's wall clock: a local date and HH:MM in the practice's zone to the UTC
// instant the core stores, and back. Same rules as the core's `schedule::time`: a time in the
// spring-forward gap is the same distance past the gap's start (02:30 → 03:30 summer time), a
// time in the autumn overlap is its first occurrence. Pure; no workstation zone involved.

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` that names a real calendar day. */
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

/** The zone's wall clock at `instantMs`, read as if it were UTC (milliseconds). */
function wallClockMs(instantMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(instantMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

function offsetAt(instantMs: number, zone: string): number {
  return wallClockMs(instantMs, zone) - instantMs;
}

/**
 * The UTC instant (ISO, `Z`) of local `date` + `time` in `zone`, or null when either is not
 * a valid date or time (or the zone is unknown).
 */
export function localToUtc(date: string, time: string, zone: string): string | null {
  const d = parseLocalDate(date);
  const t = parseTime(time);
  if (!d || !t) return null;
  const wall = Date.UTC(d.y, d.m - 1, d.d, t.h, t.min);
  try {
    // The offsets a day either side bracket any change on this day.
    const before = offsetAt(wall - DAY_MS, zone);
    const after = offsetAt(wall + DAY_MS, zone);
    const candidates = [wall - before, wall - after].filter((c) => wallClockMs(c, zone) === wall);
    // Overlap: both are real, the earlier is the first occurrence. Gap: neither is; the
    // offset before the gap moves the time forward by the gap's length.
    const instant = candidates.length ? Math.min(...candidates) : wall - before;
    return new Date(instant).toISOString().replace('.000Z', 'Z');
  } catch {
    return null;
  }
}

/** A UTC instant as the zone's local `{ date: YYYY-MM-DD, time: HH:MM }`. */
export function utcToLocal(utc: string, zone: string): { date: string; time: string } {
  const wall = new Date(wallClockMs(new Date(utc).getTime(), zone)).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

/** Whole minutes from `from` to `to` (both ISO instants). */
export function minutesBetween(from: string, to: string): number {
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000);
}

/** The local date after `date` (`YYYY-MM-DD`; returned unchanged when it is not a date). */
export function nextDate(date: string): string {
  const d = parseLocalDate(date);
  if (!d) return date;
  return new Date(Date.UTC(d.y, d.m - 1, d.d + 1)).toISOString().slice(0, 10);
}

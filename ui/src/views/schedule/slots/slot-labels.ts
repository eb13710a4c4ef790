// How the next-free-slot panel and the wait list say times and wishes: a slot's start as the
// practice's wall clock ("Tue 8 Dec 09:15"), a date window, a time-of-day preference.
import type { TimeOfDay, WaitListEntry } from '../../../api';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const TIME_OF_DAY_LABELS: Record<TimeOfDay, string> = {
  any: 'Any time',
  morning: 'Morning (before 12:00)',
  afternoon: 'Afternoon (from 12:00)',
};

/** A UTC instant as the practice's wall clock with its weekday: `Tue 8 Dec 09:15`. */
export function formatSlot(utc: string, timeZone: string | undefined): string {
  const d = new Date(utc);
  if (Number.isNaN(d.getTime())) return utc;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone || undefined,
      weekday: 'short',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(d);
  } catch {
    return utc;
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${MONTHS[Number(part('month')) - 1]} ${part('hour')}:${part('minute')}`;
}

/** A local date `YYYY-MM-DD` as `8 Dec`. */
export function shortDate(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  return m && d ? `${d} ${MONTHS[m - 1]}` : iso;
}

/** The dates an entry accepts: `8 Dec – 20 Dec`, `from 8 Dec`, `until 20 Dec`, `any date`. */
export function formatWindow(earliest: string | null, latest: string | null): string {
  if (earliest && latest) return `${shortDate(earliest)} – ${shortDate(latest)}`;
  if (earliest) return `from ${shortDate(earliest)}`;
  if (latest) return `until ${shortDate(latest)}`;
  return 'any date';
}

/** What an entry wants, as one line: `Dr Reyes · Follow-up · 8 Dec – 20 Dec · Morning`. */
export function formatWants(e: WaitListEntry): string {
  const when = e.timeOfDay === 'any' ? 'any time' : e.timeOfDay;
  return [e.providerName ?? 'Any provider', e.typeName, formatWindow(e.earliest, e.latest), when].join(' · ');
}

/** Whole minutes between two instants. */
export function minutesBetween(from: string, to: string): number {
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60000);
}

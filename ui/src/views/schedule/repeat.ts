// A series' rule in words, computed from the first appointment's start in the practice's zone:
// the repeat choices' labels ("Monthly on the 2nd Tuesday") and the one-line summary ("Every 2
// weeks on Tuesday, 6 times"), worded as the core's audit detail words them.
import type { Frequency, RecurrenceRule } from '../../api';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS: Record<string, string> = {
  Mon: 'Monday',
  Tue: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
  Sun: 'Sunday',
};

export interface LocalStart {
  year: number;
  month: number;
  day: number;
  /** "Tuesday" */
  weekday: string;
  /** "Tue" */
  weekdayShort: string;
  /** "09:00" */
  time: string;
}

/** An instant's wall-clock parts in `timeZone` (the workstation's zone when none is known). */
export function localStart(iso: string, timeZone: string | undefined): LocalStart | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone || undefined,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(d);
  } catch {
    return null;
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekdayShort = part('weekday');
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    weekday: WEEKDAYS[weekdayShort] ?? weekdayShort,
    weekdayShort,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** "1st" … "4th"; a 5th weekday is the month's "last" (not every month has five). */
export function weekdayOrdinal(day: number): string {
  const nth = Math.floor((day - 1) / 7) + 1;
  return ['1st', '2nd', '3rd', '4th'][nth - 1] ?? 'last';
}

/** The repeat choice's label for the first appointment `start`. */
export function frequencyLabel(frequency: Frequency | 'none', start: LocalStart | null): string {
  switch (frequency) {
    case 'none':
      return 'Does not repeat';
    case 'daily':
      return 'Daily';
    case 'weekly':
      return start ? `Weekly on ${start.weekday}` : 'Weekly';
    case 'monthly':
      return start ? `Monthly on day ${start.day}` : 'Monthly';
    case 'monthlyByWeekday':
      return start ? `Monthly on the ${weekdayOrdinal(start.day)} ${start.weekday}` : 'Monthly on the same weekday';
  }
}

/** A local `YYYY-MM-DD` as `1 Mar 2027`. */
export function shortDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** The rule in one line: "Every 2 weeks on Tuesday, 6 times". */
export function ruleSummary(rule: RecurrenceRule, start: LocalStart | null): string {
  const n = Math.max(1, rule.interval || 1);
  const every = (one: string, many: string) => (n === 1 ? `Every ${one}` : `Every ${n} ${many}`);
  let how: string;
  switch (rule.frequency) {
    case 'daily':
      how = every('day', 'days');
      break;
    case 'weekly':
      how = every('week', 'weeks') + (start ? ` on ${start.weekday}` : '');
      break;
    case 'monthly':
      how = every('month', 'months') + (start ? ` on day ${start.day}` : '');
      break;
    case 'monthlyByWeekday':
      how = every('month', 'months') + (start ? ` on the ${weekdayOrdinal(start.day)} ${start.weekday}` : '');
      break;
  }
  if (rule.ends.kind === 'count') {
    return rule.ends.count === 1 ? `${how}, once` : `${how}, ${rule.ends.count} times`;
  }
  return rule.ends.date ? `${how}, until ${shortDate(rule.ends.date)}` : `${how}, until …`;
}

// What the set-up's forms share: weekday names, the block kinds' labels, and turning a
// rejected save into field errors (next to their fields) or one message.
import { toApiError, type BlockKind, type VisitType } from '../../../api';

/** ISO weekday 1 = Monday … 7 = Sunday. */
export const WEEKDAYS: { n: number; name: string; short: string }[] = [
  { n: 1, name: 'Monday', short: 'Mon' },
  { n: 2, name: 'Tuesday', short: 'Tue' },
  { n: 3, name: 'Wednesday', short: 'Wed' },
  { n: 4, name: 'Thursday', short: 'Thu' },
  { n: 5, name: 'Friday', short: 'Fri' },
  { n: 6, name: 'Saturday', short: 'Sat' },
  { n: 7, name: 'Sunday', short: 'Sun' },
];

export function weekdayShort(n: number): string {
  return WEEKDAYS.find((w) => w.n === n)?.short ?? `day ${n}`;
}

export const BLOCK_KINDS: { kind: BlockKind; label: string }[] = [
  { kind: 'lunch', label: 'Lunch' },
  { kind: 'leave', label: 'Leave' },
  { kind: 'holiday', label: 'Holiday' },
  { kind: 'closure', label: 'Practice closed' },
  { kind: 'meeting', label: 'Meeting' },
  { kind: 'other', label: 'Blocked' },
];

export const VISIT_TYPES: { value: VisitType; label: string }[] = [
  { value: 'office', label: 'Office' },
  { value: 'telephone', label: 'Telephone' },
  { value: 'home', label: 'Home' },
];

export interface SaveFailure {
  /** Messages by draft path (`name`, `hours.2.closes` …). */
  errors: Record<string, string>;
  /** Set when the failure belongs to no field. */
  message: string | null;
}

export function failure(raw: unknown): SaveFailure {
  const err = toApiError(raw);
  const errors = err.byField();
  return { errors, message: Object.keys(errors).length ? null : err.message };
}

/** The quick fill every practice starts from: Mon–Fri 08:00–12:00 and 13:00–17:00. */
export function officeWeek(): { weekday: number; starts: string; ends: string }[] {
  return [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, starts: '08:00', ends: '12:00' },
    { weekday, starts: '13:00', ends: '17:00' },
  ]);
}

/** `YYYY-MM-DD` plus `days`, by the calendar (no clock involved). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

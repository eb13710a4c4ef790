// Display formatting: dates with month names, ages from the practice's "today", names, chart
// numbers and the labels for enumerations. Pure functions, no clock, no DOM.
import type { MatchKind, PatientStatus, PhoneKind, SexAtBirth, DuplicateReason } from '../api';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface YMD {
  y: number;
  m: number;
  d: number;
}

/** Parses the date part of an ISO `YYYY-MM-DD` (or a timestamp starting with one). */
export function parseIsoDate(iso: string): YMD | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return { y, m, d };
}

/** `1980-03-14` → `14 Mar 1980`; text that is not an ISO date is returned unchanged. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parseIsoDate(iso);
  if (!p) return iso;
  return `${p.d} ${MONTHS[p.m - 1]} ${p.y}`;
}

/** Whole years, months and days from `dob` to `today` (both ISO), or null if either is bad. */
export function ageParts(dob: string, today: string): { years: number; months: number; days: number } | null {
  const b = parseIsoDate(dob);
  const t = parseIsoDate(today);
  if (!b || !t) return null;
  const dayMs = 86_400_000;
  const anchor = (months: number): number => {
    // dob moved on by `months`, clamped to the end of a shorter month (31 Jan + 1 mo = 29 Feb)
    const y = b.y + Math.floor((b.m - 1 + months) / 12);
    const m = (((b.m - 1 + months) % 12) + 12) % 12;
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return Date.UTC(y, m, Math.min(b.d, last));
  };
  const todayMs = Date.UTC(t.y, t.m - 1, t.d);
  let months = (t.y - b.y) * 12 + (t.m - b.m);
  if (anchor(months) > todayMs) months -= 1;
  const days = Math.round((todayMs - anchor(months)) / dayMs);
  if (months < 0) return null;
  return { years: Math.floor(months / 12), months, days };
}

/**
 * Age as clinicians write it: `46 y` from two years on, `18 mo` under two, `12 d` under a month.
 * Falls back to the core's `ageYears` when `today` is unknown.
 */
export function formatAge(dob: string, today: string | null | undefined, ageYears?: number): string {
  const parts = today ? ageParts(dob, today) : null;
  if (!parts) return ageYears === undefined ? '' : `${ageYears} y`;
  if (parts.years >= 2) return `${parts.years} y`;
  if (parts.months >= 1) return `${parts.months} mo`;
  return `${parts.days} d`;
}

/** `14 Mar 1980 (46 y)` */
export function formatDobWithAge(dob: string, today: string | null | undefined, ageYears?: number): string {
  const age = formatAge(dob, today, ageYears);
  return age ? `${formatDate(dob)} (${age})` : formatDate(dob);
}

/** Family name as shown in lists and banners: capitals. */
export function familyCaps(familyName: string): string {
  return familyName.toLocaleUpperCase();
}

interface NameParts {
  familyName: string;
  givenName: string;
  middleName?: string | null;
  preferredName?: string | null;
}

/** Given and middle names, space-separated: `Jane Ann`. */
export function givenNames(p: Pick<NameParts, 'givenName' | 'middleName'>): string {
  return [p.givenName, p.middleName].filter((s) => s && s.trim()).join(' ');
}

/** `SMITH, Jane Ann "Janie"` */
export function formatName(p: NameParts): string {
  const given = givenNames(p);
  const preferred = p.preferredName?.trim() ? ` “${p.preferredName.trim()}”` : '';
  return `${familyCaps(p.familyName)}, ${given}${preferred}`;
}

/** `Chart #1042` */
export function formatMrn(mrn: number): string {
  return `Chart #${mrn}`;
}

export const SEX_LABELS: Record<SexAtBirth, string> = {
  female: 'Female',
  male: 'Male',
  intersex: 'Intersex',
  unknown: 'Unknown',
};

/** One-letter sex marker for dense rows, with the word for screen readers via title. */
export const SEX_SHORT: Record<SexAtBirth, string> = { female: 'F', male: 'M', intersex: 'X', unknown: 'U' };

export const STATUS_LABELS: Record<PatientStatus, string> = {
  active: 'Active',
  inactive: 'Inactive',
  deceased: 'Deceased',
};

export const PHONE_KIND_LABELS: Record<PhoneKind, string> = { mobile: 'Mobile', home: 'Home', work: 'Work' };

export const MATCH_LABELS: Record<MatchKind, string> = {
  chartNumber: 'chart number',
  phone: 'phone',
  dateOfBirth: 'date of birth',
  name: 'name',
  soundsLike: 'sounds like',
};

export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, string> = {
  sameFamilyNameAndBirthDate: 'Same family name and date of birth',
  samePhone: 'Same phone number',
};

/** File sizes with units: `812 bytes`, `412 KB`, `3.4 MB`, `1.2 GB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.round(kb)} KB`;
  const mb = kb / 1024;
  if (mb < 1024) return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
  return `${(mb / 1024).toFixed(1)} GB`;
}

/** An appointment's start as the practice's wall clock, to the minute its slot has:
 *  `Tue 1 Dec 2026 09:00`. */
export function formatSlot(utc: string, timeZone: string | undefined): string {
  const part = wallClock(utc, timeZone);
  if (!part) return utc;
  return `${part('weekday')} ${part('day')} ${MONTHS[Number(part('month')) - 1]} ${part('year')} ${part('hour')}:${part('minute')}`;
}

/** `checked out` → `Checked out`. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The parts of a UTC instant on the practice's clock (weekday, day, month number, year, hour,
 *  minute, second), or `null` for an instant or a zone that cannot be read. */
function wallClock(utc: string, timeZone: string | undefined): ((type: Intl.DateTimeFormatPartTypes) => string) | null {
  const d = new Date(utc);
  if (Number.isNaN(d.getTime())) return null;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone || undefined,
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(d);
  } catch {
    return null;
  }
  return (type) => parts.find((p) => p.type === type)?.value ?? '';
}

/** A UTC instant as the practice's wall clock: `26 Nov 2026 09:04:05` (or `09:04` with `short`). */
export function formatInstant(utc: string, timeZone: string | undefined, short = false): string {
  const part = wallClock(utc, timeZone);
  if (!part) return utc;
  const time = `${part('hour')}:${part('minute')}`;
  if (short) return time;
  return `${part('day')} ${MONTHS[Number(part('month')) - 1]} ${part('year')} ${time}:${part('second')}`;
}

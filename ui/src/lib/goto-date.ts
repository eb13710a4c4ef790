// What the calendar's "go to date" box accepts: `2026-12-24`, `12/24` (month/day, US order,
// optional year), `24 Dec` or `Dec 24` (optional year), `+7` / `-3` days (`+2w` weeks), a
// weekday name (`mon`: the next Monday after today), `today`, `tomorrow`, `yesterday`.
import { addDays, isoWeekday } from './zone';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function fullYear(text: string): number {
  const y = Number(text);
  return text.length <= 2 ? 2000 + y : y;
}

/** A month and day without a year: the one nearest today (24 Dec seen in January is last
 *  month's; seen in June it is this year's). */
function nearest(m: number, d: number, today: string): string | null {
  const year = Number(today.slice(0, 4));
  const options = [year - 1, year, year + 1].map((y) => valid(y, m, d)).filter((x): x is string => x !== null);
  if (options.length === 0) return null;
  const t = Date.parse(today);
  return options.reduce((best, o) => (Math.abs(Date.parse(o) - t) < Math.abs(Date.parse(best) - t) ? o : best));
}

function monthIndex(word: string): number | null {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return word.length >= 3 && i >= 0 && 'january february march april may june july august september october november december'.includes(word.toLowerCase()) ? i + 1 : null;
}

/** The local date `text` names, seen from `today` (`YYYY-MM-DD`), or null if it names none. */
export function parseGotoDate(text: string, today: string): string | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s) return null;
  if (s === 'today' || s === 't') return today;
  if (s === 'tomorrow') return addDays(today, 1);
  if (s === 'yesterday') return addDays(today, -1);

  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^([+-])(\d{1,4})\s?([dw]?)$/.exec(s);
  if (m) {
    const n = Number(m[2]) * (m[3] === 'w' ? 7 : 1);
    return addDays(today, m[1] === '-' ? -n : n);
  }

  m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(s);
  if (m) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    return m[3] ? valid(fullYear(m[3]), month, day) : nearest(month, day, today);
  }

  m = /^(\d{1,2}) ([a-z]+)\.?(?:,? (\d{4}))?$/.exec(s) ?? null;
  if (m) {
    const month = monthIndex(m[2]);
    if (month === null) return null;
    return m[3] ? valid(Number(m[3]), month, Number(m[1])) : nearest(month, Number(m[1]), today);
  }
  m = /^([a-z]+)\.? (\d{1,2})(?:,? (\d{4}))?$/.exec(s);
  if (m) {
    const month = monthIndex(m[1]);
    if (month === null) return null;
    return m[3] ? valid(Number(m[3]), month, Number(m[2])) : nearest(month, Number(m[2]), today);
  }

  const wd = WEEKDAYS.indexOf(s.slice(0, 3));
  if (wd >= 0 && s.length >= 2 && 'monday tuesday wednesday thursday friday saturday sunday'.split(' ')[wd].startsWith(s)) {
    const ahead = ((wd + 1 - isoWeekday(today) + 7) % 7) || 7;
    return addDays(today, ahead);
  }
  return null;
}

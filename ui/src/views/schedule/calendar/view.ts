//! What each view of the calendar shows and loads: its dates, the range asked of the core, its
//! title, and where previous/next go.
import type { UserId } from '../../../api';
import { addDays, isoWeekday, longDate } from '../../../lib/zone';

export type CalendarView = 'day' | 'week' | 'month';

/** The Monday of `date`'s week. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The first day the month grid shows: the Monday on or before the 1st. */
export function monthGridStart(date: string): string {
  return weekStart(`${date.slice(0, 7)}-01`);
}

/** The local dates the view shows (the month: six weeks from the grid's first Monday). */
export function shownDates(view: CalendarView, date: string): string[] {
  const from = view === 'day' ? date : view === 'week' ? weekStart(date) : monthGridStart(date);
  const days = view === 'day' ? 1 : view === 'week' ? 7 : 42;
  return Array.from({ length: days }, (_, i) => addDays(from, i));
}

/** The `scheduleRange` arguments: the day view asks for every active provider (the toggles
 *  filter what is drawn), the week view for its one provider. */
export function rangeQuery(view: CalendarView, date: string, weekProvider: UserId | null): { from: string; days: number; providerIds: UserId[] | null } {
  const dates = shownDates(view, date);
  return { from: dates[0], days: dates.length, providerIds: view === 'week' && weekProvider ? [weekProvider] : null };
}

/** The date previous/next (step ±1) or PageUp/PageDown lands on. */
export function stepDate(view: CalendarView, date: string, step: number): string {
  if (view === 'day') return addDays(date, step);
  if (view === 'week') return addDays(date, 7 * step);
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + step, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const MONTH = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const SHORT = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "Tuesday 1 December 2026"; the week "Week of 30 Nov 2026 – 6 Dec 2026"; "December 2026". */
export function viewTitle(view: CalendarView, date: string): string {
  if (view === 'day') return longDate(date);
  if (view === 'week') {
    const from = weekStart(date);
    return `Week of ${SHORT(from)} – ${SHORT(addDays(from, 6))}`;
  }
  return MONTH(date);
}

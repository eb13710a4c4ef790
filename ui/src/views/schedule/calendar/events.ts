//! The calendar library's input built from the core's answers: appointments as events in the
//! practice zone's wall clock, closed time and blocked time as shaded background events, the
//! month's counts per day and provider, and the visible time range.
import type { Calendar } from '@event-calendar/core';
import type { Appointment, Block, ScheduleRange, ScheduleSetup, UserId } from '../../../api';
import { holdsSlot } from '../../../lib/slot-cursor';
import { addDays, hhmm, isoWeekday, zonedSlot, zonedString } from '../../../lib/zone';

export const STATUS_MARK: Record<Appointment['status'], string> = {
  booked: '',
  confirmed: '✓ confirmed',
  arrived: '● arrived',
  inRoom: '● in room',
  withProvider: '● with provider',
  checkedOut: '✔ checked out',
  noShow: '✗ no-show',
  cancelled: '✗ cancelled',
};

/** "09:00 Smith, John — Follow-up" in the practice zone. */
export function appointmentText(a: Appointment, zone: string): string {
  return `${hhmm(zonedSlot(a.startsAt, zone).minutes)} ${a.patientName} — ${a.typeName}`;
}

/** Whether a drag may move it: appointments that are over or gone stay put. */
export function movable(a: Appointment): boolean {
  return a.status === 'booked' || a.status === 'confirmed';
}

/** `#rrggbb` mixed with three parts white. */
export function tint(colour: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) return '#eeeeee';
  const mix = (hex: string) => Math.round(parseInt(hex, 16) * 0.25 + 255 * 0.75).toString(16).padStart(2, '0');
  return `#${mix(m[1])}${mix(m[2])}${mix(m[3])}`;
}

const wall = (iso: string, zone: string) => zonedString(iso, zone).replace('T', ' ').slice(0, 16);

export function appointmentEvents(appointments: Appointment[], zone: string, showCancelled: boolean): Calendar.EventInput[] {
  return appointments
    .filter((a) => showCancelled || holdsSlot(a))
    .map((a) => ({
      id: a.id,
      resourceId: a.providerId,
      start: wall(a.startsAt, zone),
      end: wall(a.endsAt, zone),
      title: appointmentText(a, zone),
      // A light tint of the type's colour behind dark text (readable at any type colour),
      // the colour itself as the left edge.
      backgroundColor: tint(a.colour),
      textColor: '#111111',
      styles: [`border-left: 4px solid ${a.colour}`],
      editable: movable(a),
      classNames: holdsSlot(a) ? [] : ['appointment-faded'],
      extendedProps: { appointment: a },
    }));
}

/** Stretches of [first, end) minutes on `date` not covered by `open`, as wall-clock strings. */
function closedStretches(open: Array<[number, number]>, first: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let at = first;
  for (const [s, e] of [...open].sort((a, b) => a[0] - b[0])) {
    if (s > at) out.push([at, Math.min(s, end)]);
    at = Math.max(at, e);
    if (at >= end) break;
  }
  if (at < end) out.push([at, end]);
  return out.filter(([s, e]) => e > s);
}

const at = (date: string, minutes: number) => (minutes >= 24 * 60 ? `${addDays(date, 1)} 00:00` : `${date} ${hhmm(minutes)}`);

/** Shaded time: outside each provider's open hours, and blocked time with its label. */
export function backgroundEvents(
  range: ScheduleRange,
  zone: string,
  dates: string[],
  first: number,
  end: number,
  open: (providerId: UserId, date: string) => Array<[number, number]>,
): Calendar.EventInput[] {
  const out: Calendar.EventInput[] = [];
  for (const p of range.providers) {
    for (const date of dates) {
      for (const [s, e] of closedStretches(open(p.providerId, date), first, end)) {
        out.push({
          id: `closed-${p.providerId}-${date}-${s}`,
          resourceId: p.providerId,
          start: at(date, s),
          end: at(date, e),
          display: 'background',
          classNames: ['slot-closed'],
          extendedProps: { closed: true },
        });
      }
    }
  }
  const everyone = range.providers.map((p) => p.providerId);
  for (const b of range.blocks) out.push(blockEvent(b, zone, everyone));
  return out;
}

function blockEvent(b: Block, zone: string, everyone: UserId[]): Calendar.EventInput {
  const label = b.reason ? `${blockLabel(b)}: ${b.reason}` : blockLabel(b);
  return {
    id: `block-${b.id}`,
    resourceIds: b.providerId ? [b.providerId] : everyone,
    start: wall(b.startsAt, zone),
    end: wall(b.endsAt, zone),
    display: 'background',
    title: label,
    classNames: ['slot-blocked'],
    extendedProps: { block: b },
  };
}

const BLOCK_LABELS: Record<Block['kind'], string> = {
  lunch: 'Lunch',
  leave: 'Leave',
  holiday: 'Holiday',
  closure: 'Practice closed',
  meeting: 'Meeting',
  other: 'Blocked',
};

export function blockLabel(b: Block): string {
  return BLOCK_LABELS[b.kind];
}

/** The month overview: per local date, each provider's count of appointments holding a slot. */
export function monthCounts(range: ScheduleRange, zone: string, setup: ScheduleSetup): Calendar.EventInput[] {
  const counts = new Map<string, number>();
  for (const a of range.appointments) {
    if (!holdsSlot(a)) continue;
    const key = `${zonedSlot(a.startsAt, zone).date}|${a.providerId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const providers = new Map(setup.providers.map((p) => [p.userId, p]));
  const order = (id: string) => providers.get(id)?.displayOrder ?? 0;
  return [...counts.entries()]
    .map(([key, count]) => {
      const [date, providerId] = key.split('|');
      const p = providers.get(providerId);
      return { date, providerId, count, name: p?.displayName ?? providerId, colour: p?.colour ?? '#888888' };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || Number(order(a.providerId)) - Number(order(b.providerId)))
    .map((c) => ({
      id: `count-${c.date}-${c.providerId}`,
      allDay: true,
      start: c.date,
      end: addDays(c.date, 1),
      title: `${c.name}: ${c.count}`,
      backgroundColor: c.colour,
      textColor: '#ffffff',
      editable: false,
      extendedProps: { date: c.date, providerId: c.providerId, count: c.count },
    }));
}

function minutesOf(text: string | null): number | null {
  if (!text) return null;
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The visible range: 08:00–18:00, widened to the practice's hours on the shown weekdays and
 *  to the open hours and appointments loaded, in whole hours. */
export function visibleRange(setup: ScheduleSetup | null, range: ScheduleRange | null, zone: string, dates: string[]): { first: number; end: number } {
  let first = 8 * 60;
  let end = 18 * 60;
  const weekdays = new Set(dates.map(isoWeekday));
  for (const h of setup?.hours ?? []) {
    if (!weekdays.has(h.weekday)) continue;
    const o = minutesOf(h.opens);
    const c = minutesOf(h.closes);
    if (o !== null) first = Math.min(first, o);
    if (c !== null) end = Math.max(end, c);
  }
  const spans = [...(range?.providers.flatMap((p) => p.open) ?? []), ...(range?.appointments ?? [])];
  for (const s of spans) {
    const a = zonedSlot(s.startsAt, zone);
    const b = zonedSlot(s.endsAt, zone);
    if (!dates.includes(a.date)) continue;
    first = Math.min(first, a.minutes);
    end = Math.max(end, b.date === a.date ? b.minutes : 24 * 60);
  }
  return { first: Math.floor(first / 60) * 60, end: Math.min(24 * 60, Math.ceil(end / 60) * 60) };
}

/** `minutes` as the library's duration `HH:MM:00`. */
export function duration(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
}

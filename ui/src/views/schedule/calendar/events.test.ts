// The calendar's input from the core's answers: wall-clock events in the practice zone, shaded
// closed and blocked time, the month's counts and the visible range.
import { describe, expect, it } from 'vitest';
import { appointmentEvents, appointmentText, backgroundEvents, monthCounts, visibleRange } from './events';
import { appointment, DAY, range, SETUP, ZONE } from './fixtures';
import { openByColumn } from '../../../lib/slot-cursor';

describe('calendar events', () => {
  it('shows an appointment at the practice wall clock with name, type and provider column', () => {
    const [e] = appointmentEvents([appointment('a-1')], ZONE, true);
    expect(e).toMatchObject({ id: 'a-1', resourceId: 'u-drreyes', start: '2026-12-01 09:00', end: '2026-12-01 09:15' });
    expect(e.title).toBe('09:00 Smith, John — Follow-up');
    expect(appointmentText(appointment('a', { startsAt: '2026-12-02T03:30:00Z' }), ZONE)).toMatch(/^21:30 /);
  });

  it('fades cancelled and no-show appointments, or leaves them out, and never lets them be dragged', () => {
    const list = [appointment('a-1'), appointment('a-2', { status: 'cancelled' }), appointment('a-3', { status: 'noShow' })];
    const shown = appointmentEvents(list, ZONE, true);
    expect(shown.map((e) => e.classNames)).toEqual([[], ['appointment-faded'], ['appointment-faded']]);
    expect(shown.map((e) => e.editable)).toEqual([true, false, false]);
    expect(appointmentEvents(list, ZONE, false).map((e) => e.id)).toEqual(['a-1']);
  });

  it('shades the time outside each provider’s open hours and the blocked time', () => {
    const r = range(DAY, 1, [], ['u-drreyes']);
    r.blocks = [{ id: 'b-1', providerId: null, providerName: null, startsAt: '2026-12-01T21:00:00Z', endsAt: '2026-12-01T22:00:00Z', kind: 'meeting', reason: 'staff' }];
    const bg = backgroundEvents(r, ZONE, [DAY], 8 * 60, 18 * 60, openByColumn(r, ZONE));
    const closed = bg.filter((e) => e.extendedProps?.closed).map((e) => [e.start, e.end]);
    expect(closed).toEqual([
      ['2026-12-01 12:00', '2026-12-01 13:00'],
      ['2026-12-01 17:00', '2026-12-01 18:00'],
    ]);
    const block = bg.find((e) => e.id === 'block-b-1')!;
    expect(block).toMatchObject({ start: '2026-12-01 15:00', end: '2026-12-01 16:00', title: 'Meeting: staff', resourceIds: ['u-drreyes'] });
  });

  it('counts the appointments holding a slot per day and provider for the month', () => {
    const list = [
      appointment('a-1'),
      appointment('a-2', { startsAt: '2026-12-01T16:00:00Z', endsAt: '2026-12-01T16:15:00Z' }),
      appointment('a-3', { status: 'cancelled' }),
      appointment('a-4', { providerId: 'u-drkim', startsAt: '2026-12-03T04:00:00Z', endsAt: '2026-12-03T04:15:00Z' }),
    ];
    const counts = monthCounts(range(DAY, 3, list), ZONE, SETUP);
    expect(counts.map((c) => [c.start, c.title])).toEqual([
      ['2026-12-01', 'Dr. Ana Reyes: 2'],
      ['2026-12-02', 'Dr. Lee Kim: 1'],
    ]);
  });

  it('shows 08:00–18:00 at least, widened to what is open or booked', () => {
    expect(visibleRange(SETUP, range(DAY, 1), ZONE, [DAY])).toEqual({ first: 480, end: 1080 });
    const late = range(DAY, 1, [appointment('a', { startsAt: '2026-12-02T01:00:00Z', endsAt: '2026-12-02T01:30:00Z' })]);
    expect(visibleRange(SETUP, late, ZONE, [DAY])).toEqual({ first: 480, end: 20 * 60 });
    const early = { ...SETUP, hours: SETUP.hours.map((h) => (h.weekday === 2 ? { ...h, opens: '07:30' } : h)) };
    expect(visibleRange(early, null, ZONE, [DAY]).first).toBe(7 * 60);
  });
});

describe('appointment colours', () => {
  it('tints the type colour towards white so dark text stays readable', async () => {
    const { tint } = await import('./events');
    expect(tint('#2f6fb0')).toBe('#cbdbeb');
    expect(tint('#000000')).toBe('#bfbfbf');
    expect(tint('bad')).toBe('#eeeeee');
  });
});

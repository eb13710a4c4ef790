// What each calendar view shows, loads and steps to.
import { describe, expect, it } from 'vitest';
import { rangeQuery, shownDates, stepDate, viewTitle, weekStart } from './view';

describe('calendar views', () => {
  it('asks the core for one day of every provider, a Monday-first week of one, or the month grid', () => {
    expect(rangeQuery('day', '2026-12-01', 'u-1')).toEqual({ from: '2026-12-01', days: 1, providerIds: null });
    expect(rangeQuery('week', '2026-12-03', 'u-1')).toEqual({ from: '2026-11-30', days: 7, providerIds: ['u-1'] });
    expect(rangeQuery('month', '2026-12-15', null)).toEqual({ from: '2026-11-30', days: 42, providerIds: null });
    expect(shownDates('week', '2026-12-06').at(-1)).toBe('2026-12-06');
    expect(weekStart('2026-12-07')).toBe('2026-12-07');
  });

  it('steps a day, a week or a month, keeping the day inside a shorter month', () => {
    expect(stepDate('day', '2026-12-31', 1)).toBe('2027-01-01');
    expect(stepDate('week', '2026-12-01', -1)).toBe('2026-11-24');
    expect(stepDate('month', '2027-01-31', 1)).toBe('2027-02-28');
    expect(stepDate('month', '2026-12-15', -1)).toBe('2026-11-15');
  });

  it('titles the day with its weekday and month name', () => {
    expect(viewTitle('day', '2026-12-01')).toBe('Tuesday 1 December 2026');
    expect(viewTitle('week', '2026-12-01')).toBe('Week of 30 Nov 2026 – 6 Dec 2026');
    expect(viewTitle('month', '2026-12-01')).toBe('December 2026');
  });
});

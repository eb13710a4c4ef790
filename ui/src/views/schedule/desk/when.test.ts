// The practice zone's wall clock to UTC and back, across daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { localToUtc, minutesBetween, nextDate, parseLocalDate, parseTime, utcToLocal } from './when';

const NY = 'America/New_York';

describe('when', () => {
  it('turns a local winter and summer time into the right UTC instant', () => {
    expect(localToUtc('2026-12-01', '09:00', NY)).toBe('2026-12-01T14:00:00Z');
    expect(localToUtc('2026-07-01', '09:00', NY)).toBe('2026-07-01T13:00:00Z');
    expect(localToUtc('2026-07-01', '9:30', 'UTC')).toBe('2026-07-01T09:30:00Z');
  });

  it('moves a time in the spring-forward gap past the gap, as the core does', () => {
    // 8 Mar 2026: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist.
    expect(localToUtc('2026-03-08', '02:30', NY)).toBe('2026-03-08T07:30:00Z');
    expect(utcToLocal('2026-03-08T07:30:00Z', NY)).toEqual({ date: '2026-03-08', time: '03:30' });
  });

  it('takes the first of a time that happens twice in the autumn', () => {
    // 1 Nov 2026: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    expect(localToUtc('2026-11-01', '01:30', NY)).toBe('2026-11-01T05:30:00Z');
  });

  it('refuses dates and times that are not real', () => {
    expect(localToUtc('2026-02-30', '09:00', NY)).toBeNull();
    expect(localToUtc('2026-12-01', '24:00', NY)).toBeNull();
    expect(localToUtc('1 Dec', '09:00', NY)).toBeNull();
    expect(localToUtc('2026-12-01', '09:00', 'Not/AZone')).toBeNull();
    expect(parseLocalDate('2028-02-29')).toEqual({ y: 2028, m: 2, d: 29 });
    expect(parseTime('9:60')).toBeNull();
  });

  it('shows a UTC instant on the local calendar, across midnight', () => {
    expect(utcToLocal('2026-11-28T04:00:00Z', NY)).toEqual({ date: '2026-11-27', time: '23:00' });
    expect(minutesBetween('2026-11-28T04:00:00Z', '2026-11-28T04:40:00Z')).toBe(40);
  });

  it('knows the next day across a month and a leap day', () => {
    expect(nextDate('2026-11-30')).toBe('2026-12-01');
    expect(nextDate('2028-02-28')).toBe('2028-02-29');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
  });
});

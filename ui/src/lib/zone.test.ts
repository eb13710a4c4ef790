// The practice-zone conversions the calendar relies on, around Chicago's 2026 clock changes
// (8 March: 02:00 CST → 03:00 CDT; 1 November: 02:00 CDT → 01:00 CST).
import { describe, expect, it } from 'vitest';
import { addDays, fromZoned, isoWeekday, localToUtc, longDate, minutesBetween, offsetMinutes, parseLocalDate, parseTime, slotInstant, toZoned, utcToLocal, zonedSlot, zonedString } from './zone';

const CHI = 'America/Chicago';

describe('the practice zone', () => {
  it('shows a winter UTC instant six hours behind and a summer one five hours behind', () => {
    expect(zonedString('2026-03-07T15:00:00Z', CHI)).toBe('2026-03-07T09:00:00');
    expect(zonedString('2026-03-09T14:00:00Z', CHI)).toBe('2026-03-09T09:00:00');
    expect(offsetMinutes(Date.parse('2026-01-10T12:00:00Z'), CHI)).toBe(-360);
    expect(offsetMinutes(Date.parse('2026-07-10T12:00:00Z'), CHI)).toBe(-300);
  });

  it('gives a Date whose local fields are the practice wall clock, and reads one back', () => {
    const d = toZoned('2026-03-08T15:00:00Z', CHI);
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2026, 3, 8, 10, 0]);
    expect(fromZoned(d, CHI)).toBe('2026-03-08T15:00:00Z');
    const autumn = toZoned('2026-11-02T15:00:00Z', CHI);
    expect(autumn.getHours()).toBe(9);
    expect(fromZoned(autumn, CHI)).toBe('2026-11-02T15:00:00Z');
  });

  it('keeps 09:00 at 09:00 on both sides of the spring change', () => {
    expect(slotInstant('2026-03-07', 9 * 60, CHI)).toBe('2026-03-07T15:00:00Z');
    expect(slotInstant('2026-03-08', 9 * 60, CHI)).toBe('2026-03-08T14:00:00Z');
  });

  it('puts a time in the spring-forward gap as far past the gap, like the core', () => {
    // 02:30 never happens on 8 March; the core reads it as 03:30 CDT = 08:30Z.
    expect(slotInstant('2026-03-08', 2 * 60 + 30, CHI)).toBe('2026-03-08T08:30:00Z');
    expect(slotInstant('2026-03-08', 3 * 60, CHI)).toBe('2026-03-08T08:00:00Z');
  });

  it('takes the first of the two 01:30s on the autumn day', () => {
    expect(slotInstant('2026-11-01', 90, CHI)).toBe('2026-11-01T06:30:00Z');
    expect(zonedString('2026-11-01T07:30:00Z', CHI)).toBe('2026-11-01T01:30:00');
    expect(slotInstant('2026-11-01', 9 * 60, CHI)).toBe('2026-11-01T15:00:00Z');
  });

  it('rolls 24:00 into the next local midnight', () => {
    expect(slotInstant('2026-12-01', 24 * 60, CHI)).toBe('2026-12-02T06:00:00Z');
  });

  it('gives the local date and minutes of an instant, not the UTC date', () => {
    expect(zonedSlot('2026-12-02T03:00:00Z', CHI)).toEqual({ date: '2026-12-01', minutes: 21 * 60 });
  });

  it('counts days across month and year ends and names weekdays', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(isoWeekday('2026-12-01')).toBe(2);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(longDate('2026-12-01')).toBe('Tuesday 1 December 2026');
  });
});

// The booking form's wall clock, around New York's clock changes.
const NY = 'America/New_York';

describe("the booking form's typed date and time", () => {
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
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

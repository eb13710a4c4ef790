// The go-to-date box's forms, seen from Tuesday 1 December 2026.
import { describe, expect, it } from 'vitest';
import { parseGotoDate } from './goto-date';

const TODAY = '2026-12-01';
const go = (s: string) => parseGotoDate(s, TODAY);

describe('go to date', () => {
  it('reads an ISO date and refuses an impossible one', () => {
    expect(go('2026-12-24')).toBe('2026-12-24');
    expect(go('2027-02-29')).toBeNull();
    expect(go('2028-02-29')).toBe('2028-02-29');
  });

  it('reads month/day in US order, with or without a year', () => {
    expect(go('12/24')).toBe('2026-12-24');
    expect(go('1/5')).toBe('2027-01-05');
    expect(go('12/24/27')).toBe('2027-12-24');
    expect(go('2/30')).toBeNull();
  });

  it('reads a day and a month name either way round', () => {
    expect(go('24 Dec')).toBe('2026-12-24');
    expect(go('Dec 24')).toBe('2026-12-24');
    expect(go('3 march 2027')).toBe('2027-03-03');
    expect(go('24 Foo')).toBeNull();
  });

  it('counts days and weeks ahead or back', () => {
    expect(go('+7')).toBe('2026-12-08');
    expect(go('-1')).toBe('2026-11-30');
    expect(go('+2w')).toBe('2026-12-15');
    expect(go('+31')).toBe('2027-01-01');
  });

  it('takes a weekday as the next one after today, never today itself', () => {
    expect(go('mon')).toBe('2026-12-07');
    expect(go('tue')).toBe('2026-12-08');
    expect(go('Wednesday')).toBe('2026-12-02');
    expect(go('wednes')).toBe('2026-12-02');
  });

  it('knows today, tomorrow and yesterday, and nothing from nonsense', () => {
    expect(go('today')).toBe(TODAY);
    expect(go('tomorrow')).toBe('2026-12-02');
    expect(go('yesterday')).toBe('2026-11-30');
    expect(go('')).toBeNull();
    expect(go('soon')).toBeNull();
  });
});

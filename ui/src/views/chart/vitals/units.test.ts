// Display units, the live BMI and the trend series, without any screen.
import { afterEach, describe, expect, it } from 'vitest';
import { vitalsSet, r } from './fixtures';
import { TRENDS, trendData } from './trends';
import { flagMark, liveBmi, takenAtFromText, loadUnitSystem, saveUnitSystem, shownHeight, shownLength, shownTemperature, shownWeight } from './units';

afterEach(() => localStorage.clear());

describe('vitals units', () => {
  it('shows stored metric values in US units on request', () => {
    expect(shownTemperature(37, 'metric')).toBe('37.0 °C');
    expect(shownTemperature(37, 'us')).toBe('98.6 °F');
    expect(shownWeight(68, 'us')).toBe('149.9 lb');
    expect(shownWeight(68, 'metric')).toBe('68.0 kg');
    expect(shownHeight(170.2, 'us')).toBe('5 ft 7 in');
    expect(shownHeight(170.2, 'metric')).toBe('170.2 cm');
    expect(shownLength(55.9, 'us')).toBe('22.0 in');
  });

  it('works out the BMI from whatever units were typed, or nothing while incomplete', () => {
    expect(liveBmi({ height: '170', heightInches: '', heightUnit: 'cm', weight: '70', weightUnit: 'kg' })).toBe(24.2);
    expect(liveBmi({ height: '5', heightInches: '7', heightUnit: 'ftIn', weight: '150', weightUnit: 'lb' })).toBe(23.5);
    expect(liveBmi({ height: '67', heightInches: '', heightUnit: 'in', weight: '150', weightUnit: 'lb' })).toBe(23.5);
    expect(liveBmi({ height: '', heightInches: '', heightUnit: 'cm', weight: '70', weightUnit: 'kg' })).toBeNull();
    expect(liveBmi({ height: '170', heightInches: '', heightUnit: 'cm', weight: 'abc', weightUnit: 'kg' })).toBeNull();
  });

  it('remembers the workstation preference, metric by default', () => {
    expect(loadUnitSystem()).toBe('metric');
    saveUnitSystem('us');
    expect(loadUnitSystem()).toBe('us');
  });

  it('marks flags with arrows and words', () => {
    expect(flagMark('high')).toEqual({ symbol: '↑', text: 'high' });
    expect(flagMark('criticalLow')).toEqual({ symbol: '↓↓', text: 'critically low' });
    expect(flagMark('normal')).toBeNull();
    expect(flagMark(null)).toBeNull();
  });

  it('builds trend series oldest first, leaving out sets entered in error and sets without the value', () => {
    const sets = [
      vitalsSet({ id: 'c', takenAt: '2026-11-03T00:00:00Z', systolic: r(150, 'high'), diastolic: r(95, 'high') }),
      vitalsSet({ id: 'x', takenAt: '2026-11-02T00:00:00Z', systolic: r(250), diastolic: r(150), enteredInError: { at: '2026-11-02T01:00:00Z', by: 'u', byName: 'N', reason: 'wrong' } }),
      vitalsSet({ id: 'p', takenAt: '2026-11-02T12:00:00Z', pulse: r(70) }),
      vitalsSet({ id: 'a', takenAt: '2026-11-01T00:00:00Z', systolic: r(120), diastolic: r(80), temperatureC: r(37) }),
    ];
    const bp = trendData(sets, TRENDS.find((t) => t.key === 'bp')!, 'metric');
    expect(bp.ys).toEqual([
      [120, 150],
      [80, 95],
    ]);
    expect(bp.x[0]).toBe(Date.parse('2026-11-01T00:00:00Z') / 1000);
    const temp = trendData(sets, TRENDS.find((t) => t.key === 'temperature')!, 'us');
    expect(temp.ys).toEqual([[98.6]]);
  });
});

describe('taken-at time', () => {
  it('reads the practice wall clock, today or a given day, into a UTC instant', () => {
    expect(takenAtFromText('', '2026-11-26', 'America/Chicago')).toBeNull();
    expect(takenAtFromText('09:30', '2026-11-26', 'America/Chicago')).toBe('2026-11-26T15:30:00.000Z');
    expect(takenAtFromText('2026-07-01 09:30', '2026-11-26', 'America/Chicago')).toBe('2026-07-01T14:30:00.000Z');
    expect(takenAtFromText('2026-03-08 03:30', null, 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(takenAtFromText('25:00', '2026-11-26', 'America/Chicago')).toBe('invalid');
    expect(takenAtFromText('2026-02-30 10:00', '2026-11-26', 'America/Chicago')).toBe('invalid');
    expect(takenAtFromText('half past nine', '2026-11-26', 'America/Chicago')).toBe('invalid');
  });
});

// Trend series for the plots, computed from the list the view already holds (a 700-visit
// patient has about 700 sets: one array per line, oldest first). Sets entered in error are
// left out; a set that did not measure the chosen value leaves a gap the line spans.
import type { VitalsSet } from '../../../api';
import { plotValue, type UnitSystem } from './units';

export type TrendKey = 'bp' | 'pulse' | 'weight' | 'bmi' | 'temperature' | 'spo2';

export interface Trend {
  key: TrendKey;
  label: string;
  unit: (system: UnitSystem) => string;
  lines: { label: string; pick: (s: VitalsSet, system: UnitSystem) => number | null }[];
}

export const TRENDS: Trend[] = [
  {
    key: 'bp',
    label: 'Blood pressure',
    unit: () => 'mmHg',
    lines: [
      { label: 'Systolic', pick: (s) => s.systolic?.value ?? null },
      { label: 'Diastolic', pick: (s) => s.diastolic?.value ?? null },
    ],
  },
  { key: 'pulse', label: 'Pulse', unit: () => '/min', lines: [{ label: 'Pulse', pick: (s) => s.pulse?.value ?? null }] },
  {
    key: 'weight',
    label: 'Weight',
    unit: (u) => (u === 'us' ? 'lb' : 'kg'),
    lines: [{ label: 'Weight', pick: (s, u) => (s.weightKg ? round1(plotValue('weight', s.weightKg.value, u)) : null) }],
  },
  { key: 'bmi', label: 'BMI', unit: () => 'kg/m²', lines: [{ label: 'BMI', pick: (s) => s.bmi?.value ?? null }] },
  {
    key: 'temperature',
    label: 'Temperature',
    unit: (u) => (u === 'us' ? '°F' : '°C'),
    lines: [{ label: 'Temperature', pick: (s, u) => (s.temperatureC ? round1(plotValue('temperature', s.temperatureC.value, u)) : null) }],
  },
  { key: 'spo2', label: 'SpO2', unit: () => '%', lines: [{ label: 'SpO2', pick: (s) => s.spo2?.value ?? null }] },
];

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export interface TrendData {
  /** Seconds since the epoch (what uPlot's time axis takes), oldest first. */
  x: number[];
  /** One array per line, aligned with `x`; `null` where that set did not measure it. */
  ys: (number | null)[][];
}

export function trendData(sets: readonly VitalsSet[], trend: Trend, system: UnitSystem): TrendData {
  const rows = sets
    .filter((s) => !s.enteredInError)
    .map((s) => ({ t: Date.parse(s.takenAt) / 1000, values: trend.lines.map((l) => l.pick(s, system)) }))
    .filter((r) => Number.isFinite(r.t) && r.values.some((v) => v !== null))
    .sort((a, b) => a.t - b.t);
  return { x: rows.map((r) => r.t), ys: trend.lines.map((_, i) => rows.map((r) => r.values[i])) };
}

// Vitals in the units a workstation prefers: the core stores and returns metric (mmHg, /min,
// °C, %, cm, kg); this turns those into metric or US text for display, works out the BMI
// live while the nurse types, and keeps the workstation's choice (default metric).
import type { HeightUnit, LengthUnit, Reading, TemperatureUnit, VitalFlag, VitalsSet, WeightUnit } from '../../../api';

export type UnitSystem = 'metric' | 'us';

const STORAGE_KEY = 'charta.vitals.units';
export const CM_PER_INCH = 2.54;
export const KG_PER_POUND = 0.45359237;

export function loadUnitSystem(): UnitSystem {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'us' ? 'us' : 'metric';
  } catch {
    return 'metric';
  }
}

export function saveUnitSystem(system: UnitSystem): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, system);
  } catch {
    // A workstation without storage keeps the default next time; nothing else depends on it.
  }
}

/** The units the form starts with for a unit system. */
export function inputUnits(system: UnitSystem): {
  temperature: TemperatureUnit;
  height: HeightUnit;
  weight: WeightUnit;
  headCircumference: LengthUnit;
} {
  return system === 'us'
    ? { temperature: 'fahrenheit', height: 'ftIn', weight: 'lb', headCircumference: 'in' }
    : { temperature: 'celsius', height: 'cm', weight: 'kg', headCircumference: 'cm' };
}

export const cToF = (c: number) => (c * 9) / 5 + 32;
export const kgToLb = (kg: number) => kg / KG_PER_POUND;
export const cmToIn = (cm: number) => cm / CM_PER_INCH;

const oneDecimal = (x: number) => x.toFixed(1);

/** A typed number ("37,2" counts), or null when empty or not a number. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Display value and unit of a stored measurement, in the workstation's unit system. */
export function shownTemperature(c: number, system: UnitSystem): string {
  return system === 'us' ? `${oneDecimal(cToF(c))} °F` : `${oneDecimal(c)} °C`;
}

export function shownWeight(kg: number, system: UnitSystem): string {
  return system === 'us' ? `${oneDecimal(kgToLb(kg))} lb` : `${oneDecimal(kg)} kg`;
}

export function shownLength(cm: number, system: UnitSystem): string {
  return system === 'us' ? `${oneDecimal(cmToIn(cm))} in` : `${oneDecimal(cm)} cm`;
}

/** A height as people say it: `170.2 cm`, or `5 ft 7 in` in US units. */
export function shownHeight(cm: number, system: UnitSystem): string {
  if (system === 'metric') return `${oneDecimal(cm)} cm`;
  const inches = Math.round(cmToIn(cm));
  return `${Math.floor(inches / 12)} ft ${inches % 12} in`;
}

/** The number a trend plot draws for a stored value (same units as the text above). */
export function plotValue(kind: 'temperature' | 'weight', value: number, system: UnitSystem): number {
  if (system === 'metric') return value;
  return kind === 'temperature' ? cToF(value) : kgToLb(value);
}

/** The BMI of what is typed so far, one decimal, or null while height or weight is missing. */
export function liveBmi(f: { height: string; heightInches: string; heightUnit: HeightUnit; weight: string; weightUnit: WeightUnit }): number | null {
  const weight = parseNumber(f.weight);
  let heightCm: number | null;
  if (f.heightUnit === 'ftIn') {
    const feet = parseNumber(f.height);
    const inches = parseNumber(f.heightInches);
    heightCm = feet === null && inches === null ? null : ((feet ?? 0) * 12 + (inches ?? 0)) * CM_PER_INCH;
  } else {
    const h = parseNumber(f.height);
    heightCm = h === null ? null : f.heightUnit === 'in' ? h * CM_PER_INCH : h;
  }
  if (weight === null || heightCm === null || heightCm <= 0 || weight <= 0) return null;
  const kg = f.weightUnit === 'lb' ? weight * KG_PER_POUND : weight;
  const m = heightCm / 100;
  return Math.round((kg / (m * m)) * 10) / 10;
}

/** The arrow and the words for a flag; nothing for a normal value or one without a range. */
export function flagMark(flag: VitalFlag | null | undefined): { symbol: string; text: string } | null {
  switch (flag) {
    case 'low':
      return { symbol: '↓', text: 'low' };
    case 'high':
      return { symbol: '↑', text: 'high' };
    case 'criticalLow':
      return { symbol: '↓↓', text: 'critically low' };
    case 'criticalHigh':
      return { symbol: '↑↑', text: 'critically high' };
    default:
      return null;
  }
}

/** One column of the table and the latest-set card. */
export interface Column {
  key: string;
  label: string;
  /** The reading's text and flag, or null when the set did not measure it. */
  cell: (s: VitalsSet, system: UnitSystem) => { text: string; flag: VitalFlag | null } | null;
}

const reading = (r: Reading | undefined, text: (v: number) => string) => (r ? { text: text(r.value), flag: r.flag ?? null } : null);

const worst = (a: VitalFlag | null, b: VitalFlag | null): VitalFlag | null => {
  const rank = (f: VitalFlag | null) => (f === 'criticalHigh' || f === 'criticalLow' ? 2 : f === 'high' || f === 'low' ? 1 : 0);
  return rank(b) > rank(a) ? b : a;
};

export const COLUMNS: Column[] = [
  {
    key: 'bp',
    label: 'BP',
    cell: (s) =>
      s.systolic && s.diastolic
        ? { text: `${s.systolic.value}/${s.diastolic.value} mmHg${s.bpPosition ? ` ${s.bpPosition}` : ''}`, flag: worst(s.systolic.flag ?? null, s.diastolic.flag ?? null) }
        : null,
  },
  { key: 'pulse', label: 'Pulse', cell: (s) => reading(s.pulse, (v) => `${v} /min`) },
  { key: 'respiration', label: 'RR', cell: (s) => reading(s.respiration, (v) => `${v} /min`) },
  { key: 'temperature', label: 'Temp', cell: (s, u) => reading(s.temperatureC, (v) => shownTemperature(v, u)) },
  { key: 'spo2', label: 'SpO2', cell: (s) => reading(s.spo2, (v) => `${v} %`) },
  { key: 'height', label: 'Height', cell: (s, u) => reading(s.heightCm, (v) => shownHeight(v, u)) },
  { key: 'weight', label: 'Weight', cell: (s, u) => reading(s.weightKg, (v) => shownWeight(v, u)) },
  { key: 'bmi', label: 'BMI', cell: (s) => reading(s.bmi, (v) => `${v.toFixed(1)} kg/m²${s.bmiHeightFrom ? '*' : ''}`) },
  { key: 'headCircumference', label: 'Head circ.', cell: (s, u) => reading(s.headCircumferenceCm, (v) => shownLength(v, u)) },
  { key: 'pain', label: 'Pain', cell: (s) => reading(s.painScore, (v) => `${v}/10`) },
];

/** Minutes the zone is ahead of UTC at instant `utcMs`. */
function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(utcMs));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((asUtc - Math.floor(utcMs / 60000) * 60000) / 60000);
}

/**
 * When a set was taken, typed as the practice's wall clock: `09:30` (today) or
 * `2026-11-25 09:30`; empty means now. Returns the UTC instant (ISO), null for empty, or
 * 'invalid'. The core checks it is neither in the future nor before birth.
 */
export function takenAtFromText(text: string, today: string | null, timeZone: string | undefined): string | null | 'invalid' {
  const t = text.trim();
  if (t === '') return null;
  const m = /^(?:(\d{4})-(\d{2})-(\d{2})[ T])?(\d{1,2}):(\d{2})$/.exec(t);
  const day = m?.[1] ? [m[1], m[2], m[3]] : today?.split('-');
  if (!m || !day || day.length !== 3) return 'invalid';
  const [y, mo, d] = day.map(Number);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  if (h > 23 || mi > 59 || mo < 1 || mo > 12 || d < 1 || d > 31) return 'invalid';
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(wall).getUTCDate() !== d) return 'invalid';
  if (!timeZone) return new Date(wall).toISOString();
  try {
    // Twice: the offset at the first guess may differ from the one at the answer near a DST change.
    let utc = wall - zoneOffsetMinutes(wall, timeZone) * 60000;
    utc = wall - zoneOffsetMinutes(utc, timeZone) * 60000;
    return new Date(utc).toISOString();
  } catch {
    return 'invalid';
  }
}

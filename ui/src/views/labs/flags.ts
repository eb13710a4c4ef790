// How a lab flag and value read: an arrow for the eye, the words always beside it (never
// colour alone), and a value with its unit and the test's decimals.
import type { LabFlag, LabResult, LabValue } from '../../api';

export function flagWords(flag: LabFlag): string | null {
  switch (flag) {
    case 'low':
      return 'low';
    case 'high':
      return 'high';
    case 'criticalLow':
      return 'critically low';
    case 'criticalHigh':
      return 'critically high';
    case 'abnormal':
      return 'abnormal';
    default:
      return null;
  }
}

export function flagSymbol(flag: LabFlag): string {
  switch (flag) {
    case 'low':
      return '↓';
    case 'high':
      return '↑';
    case 'criticalLow':
      return '↓↓';
    case 'criticalHigh':
      return '↑↑';
    case 'abnormal':
      return '!';
    default:
      return '';
  }
}

export function isCritical(flag: LabFlag): boolean {
  return flag === 'criticalLow' || flag === 'criticalHigh';
}

export function formatNumber(n: number, decimals: number): string {
  return n.toFixed(Math.min(Math.max(decimals, 0), 6));
}

/** The value as reported (its own unit), numbers with the test's decimals when in the canonical unit. */
export function formatValue(value: LabValue, unit: string | null, decimals: number): string {
  if (value.kind === 'text') return value.value;
  const shown = decimals >= 0 && unit === null ? formatNumber(value.value, decimals) : String(value.value);
  return unit ? `${shown} ${unit}` : shown;
}

export function formatRange(r: Pick<LabResult, 'refLow' | 'refHigh' | 'refText' | 'unit'>): string {
  if (r.refText) return r.refText;
  const round = (x: number) => String(Number(x.toPrecision(4)));
  const u = r.unit ? ` ${r.unit}` : '';
  if (r.refLow != null && r.refHigh != null) return `${round(r.refLow)}–${round(r.refHigh)}${u}`;
  if (r.refHigh != null) return `≤ ${round(r.refHigh)}${u}`;
  if (r.refLow != null) return `≥ ${round(r.refLow)}${u}`;
  return '';
}

// Words the results screens share: a flag and a value as a person reads them.
import type { LabFlag, LabValue, ResultLine, WorstFlag } from '../../api';

export const WORST_LABEL: Record<WorstFlag, string> = {
  critical: 'Critical',
  abnormal: 'Abnormal',
  normal: 'Normal',
};

export const FLAG_LABEL: Record<LabFlag, string> = {
  normal: 'normal',
  low: 'low',
  high: 'high',
  criticalLow: 'critically low',
  criticalHigh: 'critically high',
  abnormal: 'abnormal',
  none: 'no range',
};

export function valueText(value: LabValue, unit: string | null): string {
  if (value.kind === 'text') return value.value;
  return unit ? `${value.value} ${unit}` : String(value.value);
}

export function rangeText(r: Pick<ResultLine, 'refLow' | 'refHigh' | 'refText'>): string {
  if (r.refLow !== null && r.refHigh !== null) return `${r.refLow}–${r.refHigh}`;
  if (r.refHigh !== null) return `< ${r.refHigh}`;
  if (r.refLow !== null) return `> ${r.refLow}`;
  return r.refText ?? '';
}

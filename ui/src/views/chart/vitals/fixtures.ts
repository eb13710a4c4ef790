// Vitals sets shaped like the core's answers, for the vitals tests.
import type { Reading, VitalsSet } from '../../../api';

/** A reading; `flag` null means no reference range (the core then leaves it out). */
export const r = (value: number, flag: Reading['flag'] | null = 'normal'): Reading => (flag ? { value, flag } : { value });

export function vitalsSet(overrides: Partial<VitalsSet> = {}): VitalsSet {
  return {
    id: 'v-1',
    patientId: 'p-smith',
    takenAt: '2026-11-26T15:00:00Z',
    recordedAt: '2026-11-26T15:00:00Z',
    recordedBy: 'u-nurse',
    recordedByName: 'Sam Ortiz',
    ageBand: 'adult',
    ...overrides,
  };
}

// Vitals sets shaped like the core's answers, for the vitals tests.
import type { Reading, VitalsSet } from '../../../api';

export const r = (value: number, flag: Reading['flag'] = 'normal'): Reading => ({ value, flag });

export function vitalsSet(overrides: Partial<VitalsSet> = {}): VitalsSet {
  return {
    id: 'v-1',
    patientId: 'p-smith',
    visitId: null,
    takenAt: '2026-11-26T15:00:00Z',
    recordedAt: '2026-11-26T15:00:00Z',
    recordedBy: 'u-nurse',
    recordedByName: 'Sam Ortiz',
    ageBand: 'adult',
    systolic: null,
    diastolic: null,
    bpPosition: null,
    pulse: null,
    respiration: null,
    temperatureC: null,
    spo2: null,
    heightCm: null,
    weightKg: null,
    bmi: null,
    bmiHeightFrom: null,
    headCircumferenceCm: null,
    painScore: null,
    enteredInError: null,
    ...overrides,
  };
}

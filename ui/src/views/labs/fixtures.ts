// Test data for the Results tab: reports and results shaped as the core sends them.
import type { LabCatalogue, LabReport, LabResult, LabTest } from '../../api';

export function result(o: Partial<LabResult> & Pick<LabResult, 'id' | 'loinc' | 'shortName'>): LabResult {
  return {
    reportId: 'rep-1',
    name: o.shortName,
    value: { kind: 'number', value: 1 },
    unit: 'mg/dL',
    canonicalValue: 1,
    canonicalUnit: 'mg/dL',
    refLow: null,
    refHigh: null,
    refText: null,
    flag: 'normal',
    labFlag: null,
    collectedAt: '2026-11-20T13:30:00Z',
    status: 'final',
    comment: null,
    supersedes: null,
    supersededBy: null,
    computed: false,
    decimals: 2,
    enteredInError: null,
    ...o,
  };
}

export function report(o: Partial<LabReport> & Pick<LabReport, 'id'>): LabReport {
  return {
    patientId: 'p-1',
    source: 'manual',
    panelCode: '51990-0',
    panelName: 'BMP',
    responsibleId: 'u-doc',
    responsibleName: 'Dr. Ana Reyes',
    collectedAt: '2026-11-20T13:30:00Z',
    receivedAt: '2026-11-20T14:00:00Z',
    performingLab: 'Quest',
    status: 'final',
    enteredBy: 'u-nurse',
    enteredByName: 'Sam Ortiz',
    enteredAt: '2026-11-20T14:00:00Z',
    worstFlag: 'normal',
    reviewedAt: null,
    reviewedByName: null,
    reviewComment: null,
    comment: null,
    enteredInError: null,
    results: [],
    ...o,
  };
}

function test(loinc: string, shortName: string, units: string[]): LabTest {
  return {
    loinc,
    name: shortName,
    shortName,
    canonicalUnit: units[0] ?? null,
    units: units.map((unit, i) => ({ unit, toCanonical: i === 0 ? 1 : 18, offset: 0 })),
    ranges: [],
    expectedText: units.length ? null : 'negative',
    decimals: 0,
    plausibleLow: null,
    plausibleHigh: null,
    source: 'test',
  };
}

export const CATALOGUE: LabCatalogue = {
  tests: [test('2951-2', 'Na', ['mmol/L', 'mEq/L']), test('2345-7', 'Glucose', ['mg/dL', 'mmol/L']), test('5802-4', 'Urine nitrite', [])],
  panels: [{ code: 'bmp-test', name: 'Two tests', shortName: 'Two', tests: ['2951-2', '2345-7'] }],
};

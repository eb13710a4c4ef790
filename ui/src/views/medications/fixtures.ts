// Test data for the medication screens, shaped like the core's answers.
import type { DrugHit, Favourite, Medication, MedicationList, Product, SafetyAlert, SafetyCheck, Sig } from '../../api';

export function product(overrides: Partial<Product> = {}): Product {
  return {
    code: 'rx:308191',
    rxcui: '308191',
    name: 'amoxicillin 500 mg oral capsule',
    ingredients: [{ code: 'drug:amoxicillin', name: 'amoxicillin', amount: 500, unit: 'mg' }],
    strength: '500 mg',
    doseForm: 'capsule',
    doseUnit: 'capsule',
    route: 'oral',
    classes: ['class:penicillins'],
    controlled: null,
    brands: ['Amoxil'],
    source: 'formulary',
    ...overrides,
  };
}

export const WARFARIN = product({
  code: 'rx:855332',
  rxcui: '855332',
  name: 'warfarin sodium 5 mg oral tablet',
  ingredients: [{ code: 'drug:warfarin', name: 'warfarin', amount: 5, unit: 'mg' }],
  strength: '5 mg',
  doseForm: 'tablet',
  doseUnit: 'tablet',
  classes: ['class:anticoagulants'],
  brands: ['Coumadin'],
});

export function hit(p: Product, via: string | null = null): DrugHit {
  return { product: p, via, favourite: false };
}

export function sig(overrides: Partial<Sig> = {}): Sig {
  return { dose: 1, doseUnit: 'tablet', route: 'oral', frequency: 'onceDaily', prn: false, prnIndication: '', durationDays: null, extra: '', ...overrides };
}

export function medication(overrides: Partial<Medication> = {}): Medication {
  return {
    id: 'm-1',
    patientId: 'p-1',
    origin: 'prescribed',
    status: 'active',
    productCode: 'rx:197361',
    rxcui: '197361',
    name: 'ibuprofen 400 mg oral tablet',
    ingredientCodes: ['drug:ibuprofen'],
    controlled: null,
    sig: sig({ frequency: 'threeTimesDaily', prn: true, prnIndication: 'pain' }),
    sigText: 'Take 1 tablet by mouth three times daily as needed for pain',
    quantity: 30,
    quantityUnit: 'tablet',
    refills: 1,
    dispenseAsWritten: false,
    noteToPharmacist: '',
    indication: 'knee pain',
    reportedBy: '',
    visitId: null,
    startDate: '2026-11-01',
    endDate: null,
    writtenBy: 'u-drreyes',
    writtenByName: 'Dr. Ana Reyes',
    writtenAt: '2026-11-01T15:00:00Z',
    signedBy: 'u-drreyes',
    signedByName: 'Dr. Ana Reyes',
    signedAt: '2026-11-01T15:02:00Z',
    renews: null,
    replaces: null,
    endedReason: null,
    endedByName: null,
    endedAt: null,
    overrides: [],
    version: 2,
    ...overrides,
  };
}

/** A fresh draft of warfarin, as draft_prescription answers. */
export function warfarinDraft(overrides: Partial<Medication> = {}): Medication {
  return medication({
    id: 'm-new',
    status: 'draft',
    productCode: WARFARIN.code,
    rxcui: WARFARIN.rxcui,
    name: WARFARIN.name,
    ingredientCodes: ['drug:warfarin'],
    sig: sig({ durationDays: 30 }),
    sigText: 'Take 1 tablet by mouth once daily for 30 days',
    quantity: 30,
    refills: 0,
    indication: '',
    signedBy: null,
    signedByName: null,
    signedAt: null,
    version: 1,
    ...overrides,
  });
}

export function list(overrides: Partial<MedicationList> = {}): MedicationList {
  return { patientId: 'p-1', active: [], drafts: [], past: [], lastReconciled: null, ...overrides };
}

export function alert(overrides: Partial<SafetyAlert> = {}): SafetyAlert {
  return {
    key: 'ddi:warfarin-nsaids:m-1',
    kind: 'drugDrug',
    severity: 'major',
    title: 'Warfarin + ibuprofen (NSAID): bleeding',
    detail: 'NSAIDs inhibit platelets and injure the gastric mucosa; with warfarin the risk of serious bleeding rises.',
    action: 'Avoid; if needed, use the lowest dose for the shortest time and watch for bleeding.',
    source: 'Phansalkar S et al. JAMIA 2012;19:735-743 (ONC high-priority DDI list)',
    ruleId: 'warfarin-nsaids',
    medicationId: 'm-1',
    allergyId: null,
    ...overrides,
  };
}

export function check(alerts: SafetyAlert[]): SafetyCheck {
  return { alerts, needsOverride: alerts.some((a) => a.severity === 'major' || a.severity === 'contraindicated') };
}

export function favourite(overrides: Partial<Favourite> = {}): Favourite {
  return {
    id: 'f-1',
    label: 'Amoxicillin for otitis media (adult)',
    product: product(),
    sig: sig({ doseUnit: 'capsule', frequency: 'threeTimesDaily', durationDays: 10 }),
    quantity: 30,
    quantityUnit: 'capsule',
    refills: 0,
    createdByName: 'Dr. Ana Reyes',
    ...overrides,
  };
}

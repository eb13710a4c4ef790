// Words for medications as a person reads them: frequencies, routes, statuses, alert kinds and
// severities, the quick override reasons, and the draft a form starts from.
import type {
  AlertKind,
  AlertSeverity,
  Favourite,
  Medication,
  MedicationStatus,
  PrescriptionDraft,
  Product,
  ReconciliationAction,
  Route,
  SigFrequency,
} from '../../api';

export const FREQUENCY_LABELS: Record<SigFrequency, string> = {
  onceDaily: 'once daily',
  twiceDaily: 'twice daily',
  threeTimesDaily: 'three times daily',
  fourTimesDaily: 'four times daily',
  every4Hours: 'every 4 hours',
  every6Hours: 'every 6 hours',
  every8Hours: 'every 8 hours',
  every12Hours: 'every 12 hours',
  everyMorning: 'every morning',
  atBedtime: 'at bedtime',
  everyOtherDay: 'every other day',
  onceWeekly: 'once a week',
  once: 'once only',
};

export const ROUTE_LABELS: Record<Route, string> = {
  oral: 'by mouth',
  sublingual: 'under the tongue',
  buccal: 'in the cheek',
  topical: 'on the skin',
  transdermal: 'patch on the skin',
  ophthalmic: 'in the eye',
  otic: 'in the ear',
  nasal: 'in the nose',
  inhaled: 'inhaled',
  rectal: 'rectally',
  vaginal: 'vaginally',
  subcutaneous: 'under the skin (injection)',
  intramuscular: 'into the muscle (injection)',
  intravenous: 'into a vein',
  other: 'other',
};

export const STATUS_LABELS: Record<MedicationStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  stopped: 'Stopped',
  superseded: 'Superseded',
  completed: 'Completed',
  enteredInError: 'Entered in error',
};

export const KIND_LABELS: Record<AlertKind, string> = {
  drugDrug: 'Drug interaction',
  drugAllergy: 'Allergy',
  duplicateTherapy: 'Duplicate therapy',
  dose: 'Dose',
  renal: 'Kidney function',
  age: 'Age',
};

export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  contraindicated: 'Contraindicated',
  major: 'Major',
  moderate: 'Moderate',
  minor: 'Minor',
};

const SEVERITY_RANK: Record<AlertSeverity, number> = { contraindicated: 0, major: 1, moderate: 2, minor: 3 };

export function severityRank(s: AlertSeverity): number {
  return SEVERITY_RANK[s];
}

/** Contraindicated and major alerts stop signing until a reason is given (the core's
 *  `AlertSeverity::interrupts`). */
export function interrupts(s: AlertSeverity): boolean {
  return s === 'contraindicated' || s === 'major';
}

export const OVERRIDE_REASONS = ['benefit outweighs risk, will monitor', 'patient has tolerated before', 'dose adjusted'] as const;

export const RECONCILE_LABELS: Record<ReconciliationAction, string> = {
  confirmed: 'Still taking as listed',
  changed: 'Taking it differently',
  stopped: 'No longer taking',
};

export function emptyDraft(product: Product | null = null): PrescriptionDraft {
  return {
    productCode: product?.code ?? '',
    sig: {
      dose: 1,
      doseUnit: product?.doseUnit ?? '',
      route: product?.route ?? 'oral',
      frequency: 'onceDaily',
      prn: false,
      prnIndication: '',
      durationDays: null,
      extra: '',
    },
    quantity: 0,
    quantityUnit: product?.doseUnit ?? '',
    refills: 0,
    dispenseAsWritten: false,
    noteToPharmacist: '',
    indication: '',
    visitId: null,
    startDate: null,
  };
}

export function draftFromFavourite(f: Favourite): PrescriptionDraft {
  return {
    ...emptyDraft(f.product),
    sig: { ...f.sig },
    quantity: f.quantity,
    quantityUnit: f.quantityUnit,
    refills: f.refills,
  };
}

/** The draft a change or an edit starts from: the medication as written. */
export function draftFromMedication(m: Medication): PrescriptionDraft {
  const base = emptyDraft();
  return {
    ...base,
    productCode: m.productCode ?? '',
    sig: m.sig ? { ...m.sig } : base.sig,
    quantity: m.quantity ?? 0,
    quantityUnit: m.quantityUnit,
    refills: m.refills,
    dispenseAsWritten: m.dispenseAsWritten,
    noteToPharmacist: m.noteToPharmacist,
    indication: m.indication,
    visitId: m.visitId,
    startDate: null,
  };
}

/** "20 tablets", "1 inhaler", "150 mL". */
export function quantityText(quantity: number | null, unit: string): string {
  if (quantity === null) return '';
  const plural = quantity !== 1 && unit && !/^(mL|g|mg|mcg|L|%)$/.test(unit) && !unit.endsWith('s') ? `${unit}s` : unit;
  return `${formatNumber(quantity)} ${plural}`.trim();
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** A typed number, or null when the text is empty or not a number. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

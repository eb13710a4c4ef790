// The prescribe form's fields as typed (text, so nothing typed is lost) and their conversion to
// the core's draft: numbers that are not numbers are caught here, everything else the core checks.
import type { PrescriptionDraft, Route, Sig, SigFrequency, VisitId } from '../../api';
import { formatNumber, parseNumber } from './labels';

export interface SigForm {
  dose: string;
  doseUnit: string;
  route: Route;
  frequency: SigFrequency;
  prn: boolean;
  prnIndication: string;
  durationDays: string;
  extra: string;
}

export interface DispenseForm {
  quantity: string;
  quantityUnit: string;
  refills: string;
  dispenseAsWritten: boolean;
  noteToPharmacist: string;
  indication: string;
}

export function sigForm(sig: Sig): SigForm {
  return {
    dose: formatNumber(sig.dose),
    doseUnit: sig.doseUnit,
    route: sig.route,
    frequency: sig.frequency,
    prn: sig.prn,
    prnIndication: sig.prnIndication,
    durationDays: sig.durationDays === null ? '' : String(sig.durationDays),
    extra: sig.extra,
  };
}

export function dispenseForm(d: PrescriptionDraft): DispenseForm {
  return {
    quantity: d.quantity > 0 ? formatNumber(d.quantity) : '',
    quantityUnit: d.quantityUnit,
    refills: String(d.refills),
    dispenseAsWritten: d.dispenseAsWritten,
    noteToPharmacist: d.noteToPharmacist,
    indication: d.indication,
  };
}

/** The sig as the core takes it, or null while the dose is not a number (no preview yet). */
export function toSig(f: SigForm): Sig | null {
  const dose = parseNumber(f.dose);
  const days = parseNumber(f.durationDays);
  if (dose === null) return null;
  if (f.durationDays.trim() !== '' && (days === null || !Number.isInteger(days) || days < 0)) return null;
  return {
    dose,
    doseUnit: f.doseUnit.trim(),
    route: f.route,
    frequency: f.frequency,
    prn: f.prn,
    prnIndication: f.prn ? f.prnIndication.trim() : '',
    durationDays: days,
    extra: f.extra.trim(),
  };
}

/** The draft, or the fields whose text cannot be sent (by the core's field names). */
export function toDraft(
  productCode: string,
  sig: SigForm,
  d: DispenseForm,
  visitId: VisitId | null,
): { draft: PrescriptionDraft | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (parseNumber(sig.dose) === null) errors['sig.dose'] = 'Enter the dose as a number, e.g. 1 or 0.5';
  const days = parseNumber(sig.durationDays);
  if (sig.durationDays.trim() !== '' && (days === null || !Number.isInteger(days) || days < 0)) {
    errors['sig.durationDays'] = 'Enter whole days, or leave empty for ongoing';
  }
  const quantity = parseNumber(d.quantity);
  if (quantity === null) errors.quantity = 'Enter the quantity to dispense as a number';
  const refills = parseNumber(d.refills === '' ? '0' : d.refills);
  if (refills === null || !Number.isInteger(refills) || refills < 0) errors.refills = 'Enter the number of refills (0 for none)';
  const s = toSig(sig);
  if (Object.keys(errors).length || !s || quantity === null || refills === null) return { draft: null, errors };
  return {
    draft: {
      productCode,
      sig: s,
      quantity,
      quantityUnit: d.quantityUnit.trim(),
      refills,
      dispenseAsWritten: d.dispenseAsWritten,
      noteToPharmacist: d.noteToPharmacist.trim(),
      indication: d.indication.trim(),
      visitId,
      startDate: null,
    },
    errors,
  };
}

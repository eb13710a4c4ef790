// The booking form's fields and what they turn into: the first values (from a slot or from
// the appointment being edited), the draft and change the core gets, and the checks the form
// can make before asking (a real date and time, a length in range, a patient).
import { toApiError, type Appointment, type AppointmentChange, type AppointmentDraft, type ScheduleSetup, type UserId } from '../../../api';
import { localToUtc, minutesBetween, utcToLocal } from '../../../lib/zone';
import type { ChosenPatient } from './types';

export interface BookingFields {
  typeId: string;
  providerId: string;
  /** '' = no room */
  roomId: string;
  date: string;
  time: string;
  minutes: string;
  reason: string;
  note: string;
}

/** Where a new booking starts; `typeId` when the slot was found for a type. */
export type Slot = { providerId: UserId; startsAt: string; minutes?: number; typeId?: string };

export function initialFields(
  setup: ScheduleSetup,
  slot: Slot | null,
  appointment: Appointment | null,
  zone: string,
  today: string | null,
): BookingFields {
  if (appointment) {
    const local = utcToLocal(appointment.startsAt, zone);
    return {
      typeId: appointment.typeId,
      providerId: appointment.providerId,
      roomId: appointment.roomId ?? '',
      date: local.date,
      time: local.time,
      minutes: String(minutesBetween(appointment.startsAt, appointment.endsAt)),
      reason: appointment.reason,
      note: appointment.note,
    };
  }
  const type = setup.types.find((t) => !t.retired && t.id === slot?.typeId) ?? setup.types.find((t) => !t.retired);
  const local = slot ? utcToLocal(slot.startsAt, zone) : { date: today ?? '', time: '' };
  return {
    typeId: type?.id ?? '',
    providerId: slot?.providerId ?? setup.providers.find((p) => p.active)?.userId ?? '',
    roomId: '',
    date: local.date,
    time: local.time,
    minutes: String(slot?.minutes ?? type?.defaultMinutes ?? 15),
    reason: '',
    note: '',
  };
}

export function lengthOf(f: BookingFields): number | null {
  const n = Number(f.minutes.trim());
  return Number.isInteger(n) && n >= 5 && n <= 480 ? n : null;
}

/** What the form can say is wrong before asking the core, by field. */
export function localErrors(f: BookingFields, patient: ChosenPatient | null, zone: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!patient) errors.patientId = 'Choose the patient (or register a new one).';
  if (!f.typeId) errors.typeId = 'Choose the type of appointment.';
  if (!f.providerId) errors.providerId = 'Choose the provider.';
  if (!localToUtc(f.date, '00:00', zone)) errors.date = 'Type the date as YYYY-MM-DD, e.g. 2026-12-01.';
  else if (!localToUtc(f.date, f.time, zone)) errors.time = 'Type the time as HH:MM on the 24-hour clock, e.g. 14:30.';
  if (lengthOf(f) === null) errors.minutes = 'The length is 5 to 480 minutes.';
  return errors;
}

/** The draft for the core, or null while a field is not usable yet. */
export function toDraft(
  f: BookingFields,
  patient: ChosenPatient | null,
  zone: string,
  overbookReason: string | null,
): AppointmentDraft | null {
  const startsAt = localToUtc(f.date, f.time, zone);
  const minutes = lengthOf(f);
  if (!patient || !startsAt || minutes === null || !f.typeId || !f.providerId) return null;
  return {
    patientId: patient.id,
    providerId: f.providerId,
    typeId: f.typeId,
    roomId: f.roomId || null,
    startsAt,
    minutes,
    reason: f.reason.trim(),
    note: f.note.trim(),
    overbookReason,
  };
}

export function toChange(draft: AppointmentDraft): AppointmentChange {
  const { patientId: _patient, ...change } = draft;
  void _patient;
  return change;
}

/** How the form shows a refused save: field errors by field, the core's collision refusal
 *  word for word, anything else as one message. */
export function explainRefusal(raw: unknown): { errors: Record<string, string>; refusal: string | null; formError: string | null } {
  const err = toApiError(raw);
  if (err.code === 'conflict') {
    return { errors: {}, refusal: null, formError: 'Someone else changed this appointment meanwhile. Close it and open it again.' };
  }
  if (err.code !== 'invalid_input') return { errors: {}, refusal: null, formError: err.message };
  const errors = err.byField();
  const refusal = errors.collisions ?? null;
  delete errors.collisions;
  const formError = !err.fieldErrors.length && !err.field ? err.message : null;
  return { errors, refusal, formError };
}

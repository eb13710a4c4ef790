// Words for the CSV appointment import: each field a column can fill, a row's outcome, the
// date-format note (the file's appointment dates and birth dates share one format), the totals
// sentence (worded for a dry run or for the import done) and the line once imported. The date
// formats and cell errors read as the patient import's: the views take those from csv-labels.
import type { AppointmentColumn, AppointmentRowOutcome, CsvAppointmentReport } from '../../api';
import { DATE_EXAMPLES } from './csv-labels';

/** In the select's order: how the patient is found first, then the booking, "not imported" last. */
export const APPOINTMENT_COLUMN_LABELS: Record<AppointmentColumn, string> = {
  chartNumber: 'chart number',
  familyName: 'family name',
  givenName: 'given name',
  dateOfBirth: 'date of birth',
  date: 'appointment date',
  startTime: 'start time',
  endTime: 'end time',
  minutes: 'length in minutes',
  provider: 'provider',
  appointmentType: 'appointment type',
  room: 'room',
  reason: 'reason',
  note: 'note',
  status: 'status',
  ignore: 'not imported',
};
export const APPOINTMENT_COLUMNS = Object.keys(APPOINTMENT_COLUMN_LABELS) as AppointmentColumn[];

export const APPOINTMENT_OUTCOME_LABELS: Record<AppointmentRowOutcome, string> = {
  wouldBook: 'Would be booked',
  booked: 'Booked',
  wouldRecord: 'Would be kept as history',
  recorded: 'Kept as history',
  alreadyBooked: 'Already in the book',
  collides: 'Not booked: collides',
  skipped: 'Skipped',
  invalid: 'Not imported: errors',
};

/** The outcomes the admin must look at: marked ⚠ in the rows. */
export const REFUSED_OUTCOMES: readonly AppointmentRowOutcome[] = ['invalid', 'collides'];

/** Why the admin must choose the date format, or null when the file's dates fit exactly one.
 *  csv-labels' note speaks of birth dates; here the appointment dates count as much. */
export function appointmentDateNote(report: CsvAppointmentReport): string | null {
  const fits = report.dateFormats;
  if (fits.length === 1) return null;
  if (fits.length === 0) {
    return 'The dates fit none of these formats; choose the one the file uses — rows whose dates do not fit it are listed with errors.';
  }
  const shapes = fits.map((f) => DATE_EXAMPLES[f]);
  const list = shapes.length === 2 ? `both ${shapes[0]} and ${shapes[1]}` : shapes.join(', ');
  return `The dates fit ${list}; choose the one the file uses.`;
}

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

/** `2 appointments would be booked, 1 would be kept as history, 0 already in the book, …`. */
export function appointmentTotalsText(report: CsvAppointmentReport): string {
  const would = report.dryRun ? 'would be ' : '';
  return [
    `${plural(report.booked, 'appointment', 'appointments')} ${would}booked`,
    `${n(report.recorded)} ${would}kept as history`,
    `${n(report.alreadyBooked)} already in the book`,
    `${n(report.collides)} not booked (collides)`,
    `${n(report.skipped)} skipped`,
    `${n(report.invalid)} not imported (errors)`,
  ].join(', ');
}

/** `Booked 2 appointments, kept 1 as history`; a part that is nought is left out, unless both are. */
export function appointmentDoneText(booked: number, recorded: number): string {
  if (recorded === 0) return `Booked ${plural(booked, 'appointment', 'appointments')}`;
  if (booked === 0) return `Kept ${plural(recorded, 'past appointment', 'past appointments')} as history`;
  return `Booked ${plural(booked, 'appointment', 'appointments')}, kept ${n(recorded)} as history`;
}

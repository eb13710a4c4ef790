// Words for the CSV patient import: each field a column can fill (as the core names them in its
// errors), each date format with an example, a row's outcome, a cell error as one line, the
// date-format note and the totals sentence (worded for a dry run or for the import done).
import type { CellError, CsvImportReport, DateFormat, PatientColumn, RowOutcome } from '../../api';

/** In the select's order: the three fields every row needs first, "not imported" last. */
export const COLUMN_LABELS: Record<PatientColumn, string> = {
  familyName: 'family name',
  givenName: 'given name',
  dateOfBirth: 'date of birth',
  middleName: 'middle name',
  preferredName: 'preferred name',
  sexAtBirth: 'sex at birth',
  mobilePhone: 'mobile phone',
  homePhone: 'home phone',
  workPhone: 'work phone',
  email: 'e-mail',
  addressLine1: 'address line 1',
  addressLine2: 'address line 2',
  city: 'city',
  region: 'state / region',
  postalCode: 'postal code',
  country: 'country',
  preferredLanguage: 'preferred language',
  ignore: 'not imported',
};
export const COLUMNS = Object.keys(COLUMN_LABELS) as PatientColumn[];

/** The same birth date written each way: the admin recognises the file's by its shape. */
export const DATE_EXAMPLES: Record<DateFormat, string> = {
  iso: '1980-03-14',
  monthDayYear: '03/14/1980',
  dayMonthYear: '14/03/1980',
  dayMonthYearDots: '14.03.1980',
};
export const DATE_FORMATS = Object.keys(DATE_EXAMPLES) as DateFormat[];

export const ROW_OUTCOME_LABELS: Record<RowOutcome, string> = {
  wouldCreate: 'Would be registered',
  created: 'Registered',
  possibleDuplicate: 'Possible duplicate',
  invalid: 'Not imported: errors',
};

/** `line 4, column "DOB": is not a date`; an error about the whole row names no column. */
export function cellErrorText(e: CellError): string {
  const where = e.column ? `line ${e.row}, column "${e.column}"` : `line ${e.row}`;
  return `${where}: ${e.message}`;
}

/** Why the admin must choose the date format, or null when the file's dates fit exactly one. */
export function dateFormatNote(report: CsvImportReport): string | null {
  const fits = report.dateFormats;
  if (fits.length === 1) return null;
  if (fits.length === 0) {
    return 'The birth dates fit none of these formats; choose the one the file uses — rows whose date does not fit it are listed with errors.';
  }
  const shapes = fits.map((f) => DATE_EXAMPLES[f]);
  const list = shapes.length === 2 ? `both ${shapes[0]} and ${shapes[1]}` : shapes.join(', ');
  return `The dates fit ${list}; choose the one the file uses.`;
}

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

/** `3 patients would be registered, 1 possible duplicate, 0 not imported (errors)`. */
export function csvTotalsText(report: CsvImportReport): string {
  const made = `${plural(report.created, 'patient', 'patients')} ${report.dryRun ? 'would be registered' : 'registered'}`;
  const duplicates = plural(report.duplicates, 'possible duplicate', 'possible duplicates');
  return `${made}, ${duplicates}, ${n(report.invalid)} not imported (errors)`;
}

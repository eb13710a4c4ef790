// The appointment CSV part of Import records: a preview of the typed file sends no choices and
// shows the guessed mapping and date format; Import only after a preview that finds something to
// book or keep as history, and off again when the overbook reason or a column changes until
// previewed again with it; the import sends what was previewed and says what it booked; a
// colliding row says what it collides with; missing columns above the table; a refused file under
// the field, which gets the focus back.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import RecordsImportAppointments from './RecordsImportAppointments.svelte';
import App from '../../App.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { CsvAppointmentOptions, CsvAppointmentReport, CsvAppointmentRow } from '../../api';
import { session } from '../../lib/stores.svelte';
import { ADMIN, appInfoAs } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const text = (el: HTMLElement) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

function open(handlers: Record<string, CommandHandler>) {
  session.info = appInfoAs(ADMIN);
  const calls = mockCommands(handlers);
  render(RecordsImportAppointments);
  return calls;
}

function row(over: Partial<CsvAppointmentRow> = {}): CsvAppointmentRow {
  return {
    row: 2,
    patient: 'Okonkwo, Adaeze (chart 1100)',
    mrn: 1100,
    starts: '2026-12-02 10:00',
    provider: 'Dr Maria Reyes',
    outcome: 'wouldBook',
    detail: '',
    errors: [],
    ...over,
  };
}

function report(over: Partial<CsvAppointmentReport> = {}): CsvAppointmentReport {
  return {
    dryRun: true,
    headers: ['Appt Date', 'Time', 'Last Name', 'First Name', 'DOB', 'Provider', 'Visit Type', 'Status'],
    mapping: ['date', 'startTime', 'familyName', 'givenName', 'dateOfBirth', 'provider', 'appointmentType', 'status'],
    dateFormat: 'monthDayYear',
    dateFormats: ['monthDayYear'],
    rows: [row()],
    missingColumns: [],
    booked: 1,
    recorded: 0,
    alreadyBooked: 0,
    collides: 0,
    skipped: 0,
    invalid: 0,
    ...over,
  };
}

const fileField = () => screen.getByTestId('appt-csv-file') as HTMLInputElement;
const reasonField = () => screen.getByTestId('appt-csv-overbook') as HTMLInputElement;
const importButton = () => screen.getByTestId('appt-csv-run') as HTMLButtonElement;
const select = (testId: string) => screen.getByTestId(testId) as HTMLSelectElement;
const apptCalls = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
  calls.filter((c) => c.cmd === 'import_appointments_csv');

async function preview(path = '/srv/old/appointments.csv') {
  await fireEvent.input(fileField(), { target: { value: `  ${path} ` } });
  await fireEvent.click(screen.getByTestId('appt-csv-preview'));
  await screen.findByTestId('appt-csv-report');
}

/** As the core does: the answer names the mapping and format it ran with. */
function echoing(over: (options: CsvAppointmentOptions, dryRun: boolean) => Partial<CsvAppointmentReport> = () => ({})) {
  return (args: Record<string, unknown>) => {
    const options = args.options as CsvAppointmentOptions;
    const used = options.mapping ? { mapping: options.mapping, dateFormat: options.dateFormat } : {};
    return report({ ...used, dryRun: args.dryRun as boolean, ...over(options, args.dryRun as boolean) });
  };
}

describe('CSV appointment import', () => {
  it('previews the file with no choices sent, shows the guessed mapping and date format, then offers Import', async () => {
    const calls = open({ import_appointments_csv: () => report({ dateFormats: ['monthDayYear', 'dayMonthYear'] }) });
    expect(importButton().disabled).toBe(true);
    await preview();
    expect(apptCalls(calls)[0].args).toEqual({
      file: '/srv/old/appointments.csv',
      options: { mapping: null, dateFormat: null, overbookReason: null },
      dryRun: true,
    });
    expect(select('appt-csv-mapping-0').value).toBe('date');
    expect(select('appt-csv-mapping-0').selectedOptions[0].textContent).toBe('appointment date');
    const options = [...select('appt-csv-mapping-0').options].map((o) => o.value);
    expect(options[0]).toBe('chartNumber');
    expect(options).toHaveLength(15);
    expect(options.at(-1)).toBe('ignore');
    expect(select('appt-csv-date-format').value).toBe('monthDayYear');
    expect(screen.getByLabelText('Dates written as')).toBe(select('appt-csv-date-format'));
    expect(text(screen.getByTestId('appt-csv-date-note'))).toBe(
      'The dates fit both 03/14/1980 and 14/03/1980; choose the one the file uses.',
    );
    expect(text(screen.getByTestId('appt-csv-totals'))).toBe(
      '1 appointment would be booked, 0 would be kept as history, 0 already in the book, 0 not booked (collides), 0 skipped, 0 not imported (errors)',
    );
    const cells = [...screen.getByTestId('appt-csv-row-0').querySelectorAll('td')].map((td) => text(td));
    expect(cells).toEqual(['2', 'Okonkwo, Adaeze (chart 1100)', '2 Dec 2026 10:00', 'Dr Maria Reyes', 'Would be booked', '']);
    expect(importButton().disabled).toBe(false);
  });

  it('keeps Import off after a preview that finds nothing to book or keep as history', async () => {
    open({
      import_appointments_csv: () =>
        report({ booked: 0, alreadyBooked: 1, rows: [row({ outcome: 'alreadyBooked', detail: 'already in the book; not imported again' })] }),
    });
    await preview();
    expect(text(screen.getByTestId('appt-csv-row-0'))).toContain('Already in the book');
    expect(importButton().disabled).toBe(true);
    expect(importButton().getAttribute('aria-describedby')).toBe('appt-csv-run-hint');
  });

  it('offers Import after a preview that only finds past visits to keep as history', async () => {
    open({
      import_appointments_csv: echoing((_, dryRun) => ({
        booked: 0,
        recorded: 1,
        rows: [row({ starts: '2026-05-01 09:00', outcome: dryRun ? 'wouldRecord' : 'recorded', detail: 'history: Attended' })],
      })),
    });
    await preview();
    expect(importButton().disabled).toBe(false);
    await fireEvent.click(importButton());
    expect(text(await screen.findByTestId('appt-csv-done'))).toBe('✓ Kept 1 past appointment as history');
    expect(text(screen.getByTestId('appt-csv-totals'))).toContain('0 appointments booked, 1 kept as history');
  });

  it('names what a colliding row collides with, and books it after a preview with an overbook reason', async () => {
    const collision = 'collides with Okonkwo, Adaeze at 10:00 with Dr Maria Reyes';
    const calls = open({
      import_appointments_csv: echoing((options, dryRun) => {
        if (options.overbookReason === null) {
          return { booked: 0, collides: 1, rows: [row({ outcome: 'collides', detail: collision })] };
        }
        const detail = `overbooked: ${options.overbookReason}`;
        return {
          booked: 2,
          recorded: 1,
          rows: [
            row({ outcome: dryRun ? 'wouldBook' : 'booked', detail }),
            row({ row: 3, starts: '2026-12-03 09:00', outcome: dryRun ? 'wouldBook' : 'booked' }),
            row({ row: 4, starts: '2026-05-01 09:00', outcome: dryRun ? 'wouldRecord' : 'recorded', detail: 'history: No-show' }),
          ],
        };
      }),
    });
    await preview();
    const collides = screen.getByTestId('appt-csv-row-0');
    expect(text(collides)).toContain('Not booked: collides');
    expect(text(collides)).toContain(collision);
    expect(collides.querySelector('[aria-hidden="true"]')?.textContent).toBe('⚠');
    expect(importButton().disabled).toBe(true);

    await fireEvent.input(reasonField(), { target: { value: '  Booked so in the old system ' } });
    await fireEvent.click(screen.getByTestId('appt-csv-preview'));
    await screen.findByText(/2 appointments would be booked, 1 would be kept as history/);
    expect(apptCalls(calls)[1].args.options).toEqual({
      mapping: report().mapping,
      dateFormat: 'monthDayYear',
      overbookReason: 'Booked so in the old system',
    });
    expect(text(screen.getByTestId('appt-csv-row-2'))).toContain('Would be kept as history');
    expect(importButton().disabled).toBe(false);

    // Another reason is another run: Import waits for its preview, and a blank one is none.
    await fireEvent.input(reasonField(), { target: { value: 'Something else' } });
    expect(importButton().disabled).toBe(true);
    expect(screen.getByTestId('appt-csv-stale')).toBeTruthy();
    await fireEvent.input(reasonField(), { target: { value: '   ' } });
    expect(importButton().disabled).toBe(true);
    await fireEvent.input(reasonField(), { target: { value: 'Booked so in the old system' } });
    expect(importButton().disabled).toBe(false);
    expect(screen.queryByTestId('appt-csv-stale')).toBeNull();

    await fireEvent.click(importButton());
    const done = await screen.findByTestId('appt-csv-done');
    expect(done.getAttribute('role')).toBe('status');
    expect(text(done)).toBe('✓ Booked 2 appointments, kept 1 as history');
    const real = apptCalls(calls).at(-1)!;
    expect(real.args).toEqual({
      file: '/srv/old/appointments.csv',
      options: { mapping: report().mapping, dateFormat: 'monthDayYear', overbookReason: 'Booked so in the old system' },
      dryRun: false,
    });
    expect(text(screen.getByTestId('appt-csv-row-0'))).toContain('Booked');
    expect(text(screen.getByTestId('appt-csv-row-2'))).toContain('Kept as history');
    expect(importButton().disabled).toBe(true);
  });

  it('turns Import off when a column is remapped and sends the chosen mapping and format on the next preview', async () => {
    const calls = open({ import_appointments_csv: echoing() });
    await preview();
    await fireEvent.change(select('appt-csv-mapping-7'), { target: { value: 'ignore' } });
    expect(importButton().disabled).toBe(true);
    expect(screen.getByTestId('appt-csv-stale')).toBeTruthy();
    await fireEvent.change(select('appt-csv-date-format'), { target: { value: 'dayMonthYear' } });
    await fireEvent.click(screen.getByTestId('appt-csv-preview'));
    await screen.findByText(/1 appointment would be booked/);
    expect(apptCalls(calls)[1].args.options).toEqual({
      mapping: [...report().mapping.slice(0, 7), 'ignore'],
      dateFormat: 'dayMonthYear',
      overbookReason: null,
    });
    expect(screen.queryByTestId('appt-csv-stale')).toBeNull();
    expect(importButton().disabled).toBe(false);
  });

  it("lists a refused row's cell errors by line and column", async () => {
    open({
      import_appointments_csv: () =>
        report({
          booked: 0,
          invalid: 1,
          rows: [
            row({
              patient: 'Moreau, Claire',
              mrn: null,
              starts: '',
              outcome: 'invalid',
              errors: [
                { row: 2, column: 'Last Name', message: 'No registered patient is Moreau, Claire, born 1990-04-13; import or register the patient first' },
              ],
            }),
          ],
        }),
    });
    await preview();
    expect(text(screen.getByTestId('appt-csv-row-0'))).toContain('Not imported: errors');
    const errors = [...screen.getByTestId('appt-csv-row-0-errors').querySelectorAll('li')].map((li) => li.textContent);
    expect(errors).toEqual([
      'line 2, column "Last Name": No registered patient is Moreau, Claire, born 1990-04-13; import or register the patient first',
    ]);
    expect(importButton().disabled).toBe(true);
  });

  it('shows the columns to map when the guess lacks what a booking needs', async () => {
    open({
      import_appointments_csv: () =>
        report({
          headers: ['Col A', 'Col B'],
          mapping: ['ignore', 'ignore'],
          dateFormat: null,
          dateFormats: [],
          rows: [],
          booked: 0,
          missingColumns: ['Choose the column that holds the start time', 'Choose the column that holds the provider'],
        }),
    });
    await preview();
    const alert = await screen.findByTestId('appt-csv-mapping-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(text(alert)).toBe('⚠ Choose the column that holds the start time; Choose the column that holds the provider');
    expect(screen.getByTestId('appt-csv-mapping-1')).toBeTruthy();
    expect(text(screen.getByTestId('appt-csv-report'))).toContain('No row was read');
    expect(importButton().disabled).toBe(true);
  });

  it('shows a refused file under the field and gives it the focus back; Enter in the field previews', async () => {
    const calls = open({
      import_appointments_csv: () => {
        throw errorReport('invalid_input', 'old.csv: cannot be read', [{ field: 'file', message: 'old.csv: cannot be read' }]);
      },
    });
    await fireEvent.submit(fileField().form!);
    expect(text(await screen.findByTestId('appt-csv-error'))).toContain('path of the CSV file');
    expect(apptCalls(calls)).toHaveLength(0);
    await fireEvent.input(fileField(), { target: { value: '/srv/old.csv' } });
    reasonField().focus();
    // Enter in a text field submits its form: the preview.
    await fireEvent.submit(fileField().form!);
    const alert = await screen.findByText(/old.csv: cannot be read/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.dataset.testid).toBe('appt-csv-error');
    expect(apptCalls(calls)).toHaveLength(1);
    expect(fileField().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(fileField());
    expect(screen.queryByTestId('appt-csv-report')).toBeNull();
    expect(screen.queryByTestId('appt-csv-mapping')).toBeNull();
    expect(importButton().disabled).toBe(true);
  });

  it('is shown under the patients CSV on the Import records screen', async () => {
    mockCommands({ app_info: () => appInfoAs(ADMIN) });
    render(App);
    await fireEvent.click(await screen.findByTestId('nav-records-import'));
    expect(await screen.findByRole('heading', { name: 'Appointments from a CSV file' })).toBeTruthy();
    const patients = screen.getByTestId('records-import-csv');
    const appointments = screen.getByTestId('records-import-appointments');
    // Patients first: the appointments name registered patients.
    expect(patients.compareDocumentPosition(appointments) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByTestId('appt-csv-file')).toBeTruthy();
  });
});


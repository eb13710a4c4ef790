// The CSV part of Import records: a preview of the typed file that shows the guessed mapping, date
// format and phone shapes; a changed column or date format turns Import off until previewed again
// with those choices sent; the import and its count; a refused row's errors by line and column; a
// refused file under the field and a refused mapping above the table; and that it sits under the
// FHIR import on the Import records screen.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import App from '../../App.svelte';
import RecordsImportCsv from './RecordsImportCsv.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { CsvImportReport, CsvOptions, CsvRow } from '../../api';
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
  render(RecordsImportCsv);
  return calls;
}

function row(over: Partial<CsvRow> = {}): CsvRow {
  return {
    row: 2,
    name: 'Okafor, Ada',
    dateOfBirth: '1961-04-09',
    outcome: 'wouldCreate',
    mrn: null,
    detail: 'A new patient',
    errors: [],
    ...over,
  };
}

function report(over: Partial<CsvImportReport> = {}): CsvImportReport {
  return {
    dryRun: true,
    headers: ['Last', 'First', 'DOB', 'Cell'],
    mapping: ['familyName', 'givenName', 'dateOfBirth', 'mobilePhone'],
    dateFormat: 'monthDayYear',
    dateFormats: ['monthDayYear'],
    phoneShapes: [['Cell', '(999) 999-9999']],
    rows: [row()],
    missingColumns: [],
    created: 1,
    duplicates: 0,
    invalid: 0,
    ...over,
  };
}

const fileField = () => screen.getByTestId('csv-file') as HTMLInputElement;
const importButton = () => screen.getByTestId('csv-run') as HTMLButtonElement;
const select = (testId: string) => screen.getByTestId(testId) as HTMLSelectElement;
const csvCalls = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
  calls.filter((c) => c.cmd === 'import_patients_csv');

async function preview(path = '/srv/old/patients.csv') {
  await fireEvent.input(fileField(), { target: { value: `  ${path} ` } });
  await fireEvent.click(screen.getByTestId('csv-preview'));
  await screen.findByTestId('csv-report');
}

describe('CSV patient import', () => {
  it('previews the file with the guessed mapping, date format and phone shapes, then offers Import', async () => {
    const calls = open({ import_patients_csv: () => report({ dateFormats: ['monthDayYear', 'dayMonthYear'] }) });
    expect(importButton().disabled).toBe(true);
    await preview();
    const sent = csvCalls(calls)[0];
    expect(sent.args).toEqual({ file: '/srv/old/patients.csv', options: { mapping: null, dateFormat: null }, dryRun: true });
    expect([0, 1, 2, 3].map((i) => select(`csv-mapping-${i}`).value)).toEqual([
      'familyName',
      'givenName',
      'dateOfBirth',
      'mobilePhone',
    ]);
    const family = select('csv-mapping-0');
    expect(family.selectedOptions[0].textContent).toBe('family name');
    expect(family.options).toHaveLength(18);
    expect([...family.options].at(-1)?.textContent).toBe('not imported');
    expect(select('csv-date-format').value).toBe('monthDayYear');
    expect(select('csv-date-format').selectedOptions[0].textContent).toBe('03/14/1980');
    expect(text(screen.getByTestId('csv-date-note'))).toBe(
      'The dates fit both 03/14/1980 and 14/03/1980; choose the one the file uses.',
    );
    expect(text(screen.getByTestId('csv-phone-shapes'))).toBe('Phones in Cell look like (999) 999-9999');
    expect(text(screen.getByTestId('csv-totals'))).toBe(
      '1 patient would be registered, 0 possible duplicates, 0 not imported (errors)',
    );
    const cells = [...screen.getByTestId('csv-row-0').querySelectorAll('td')].map((td) => text(td));
    expect(cells).toEqual(['2', 'Okafor, Ada', '9 Apr 1961', 'Would be registered', '', 'A new patient']);
    expect(importButton().disabled).toBe(false);
  });

  it('turns Import off when a column is remapped, sends the chosen mapping on the next preview, then imports', async () => {
    const calls = open({
      import_patients_csv: (args) => {
        const options = args.options as CsvOptions;
        // As the core does: the answer names the mapping and format it ran with.
        const used = options.mapping ? { mapping: options.mapping, dateFormat: options.dateFormat } : {};
        if (!args.dryRun) {
          return report({ ...used, dryRun: false, rows: [row({ outcome: 'created', mrn: 1100, detail: 'Chart 1100' })] });
        }
        return report(used);
      },
    });
    await preview();
    expect(importButton().disabled).toBe(false);
    await fireEvent.change(select('csv-mapping-3'), { target: { value: 'homePhone' } });
    expect(importButton().disabled).toBe(true);
    expect(screen.getByTestId('csv-stale')).toBeTruthy();
    await fireEvent.change(select('csv-date-format'), { target: { value: 'dayMonthYear' } });
    await fireEvent.click(screen.getByTestId('csv-preview'));
    await screen.findByText('1 patient would be registered, 0 possible duplicates, 0 not imported (errors)');
    const second = csvCalls(calls)[1];
    expect(second.args.options).toEqual({
      mapping: ['familyName', 'givenName', 'dateOfBirth', 'homePhone'],
      dateFormat: 'dayMonthYear',
    });
    expect(select('csv-date-format').value).toBe('dayMonthYear');
    expect(select('csv-mapping-3').value).toBe('homePhone');
    expect(importButton().disabled).toBe(false);
    await fireEvent.click(importButton());
    expect(text(await screen.findByTestId('csv-done'))).toContain('Registered 1 patient');
    const real = csvCalls(calls).at(-1)!;
    expect(real.args.dryRun).toBe(false);
    expect(real.args.options).toEqual({
      mapping: ['familyName', 'givenName', 'dateOfBirth', 'homePhone'],
      dateFormat: 'dayMonthYear',
    });
    expect(text(screen.getByTestId('csv-row-0'))).toContain('Registered');
    expect(importButton().disabled).toBe(true);
  });

  it('shows the columns to map when the guess lacks what registration needs', async () => {
    open({
      import_patients_csv: () =>
        report({
          headers: ['Col A', 'Col B'],
          mapping: ['ignore', 'ignore'],
          dateFormat: null,
          dateFormats: [],
          phoneShapes: [],
          rows: [],
          created: 0,
          missingColumns: ['Choose the column that holds the family name', 'Choose the column that holds the date of birth'],
        }),
    });
    await preview();
    expect(text(await screen.findByTestId('csv-mapping-error'))).toContain('family name');
    expect(screen.getByTestId('csv-mapping-0')).toBeTruthy();
    expect(screen.getByTestId('csv-mapping-1')).toBeTruthy();
    expect(importButton().disabled).toBe(true);
  });

  it("lists a refused row's errors by line and column and keeps Import off when none would be registered", async () => {
    open({
      import_patients_csv: () =>
        report({
          dateFormats: [],
          created: 0,
          invalid: 1,
          rows: [
            row({
              row: 4,
              dateOfBirth: '31/02/1980',
              outcome: 'invalid',
              detail: '2 problems on this line',
              errors: [
                { row: 4, column: 'DOB', message: 'is not a date in the format 03/14/1980' },
                { row: 4, column: '', message: 'has 5 cells; the header has 4' },
              ],
            }),
          ],
        }),
    });
    await preview();
    const row0 = screen.getByTestId('csv-row-0');
    expect(text(row0)).toContain('Not imported: errors');
    expect(text(row0)).toContain('31/02/1980');
    const errors = [...screen.getByTestId('csv-row-0-errors').querySelectorAll('li')].map((li) => li.textContent);
    expect(errors).toEqual(['line 4, column "DOB": is not a date in the format 03/14/1980', 'line 4: has 5 cells; the header has 4']);
    expect(text(screen.getByTestId('csv-date-note'))).toContain('fit none of these formats');
    expect(importButton().disabled).toBe(true);
  });

  it('shows a refused file under the field, and asks for a path before calling', async () => {
    const calls = open({
      import_patients_csv: () => {
        throw errorReport('invalid_input', 'old.csv: cannot be read', [{ field: 'file', message: 'old.csv: cannot be read' }]);
      },
    });
    await fireEvent.submit(fileField().form!);
    expect(text(await screen.findByTestId('csv-error'))).toContain('path of the CSV file');
    expect(csvCalls(calls)).toHaveLength(0);
    await fireEvent.input(fileField(), { target: { value: '/srv/old.csv' } });
    await fireEvent.submit(fileField().form!);
    const alert = await screen.findByText(/old.csv: cannot be read/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.dataset.testid).toBe('csv-error');
    expect(fileField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('csv-report')).toBeNull();
    expect(screen.queryByTestId('csv-mapping')).toBeNull();
    expect(importButton().disabled).toBe(true);
  });

  it('shows a refused mapping above the mapping table, which stays to be fixed', async () => {
    open({
      import_patients_csv: (args) => {
        if ((args.options as { mapping: unknown }).mapping === null) return report();
        throw errorReport('invalid_input', 'Choose the column that holds the family name', [
          { field: 'mapping', message: 'Choose the column that holds the family name' },
        ]);
      },
    });
    await preview();
    await fireEvent.change(select('csv-mapping-0'), { target: { value: 'ignore' } });
    await fireEvent.click(screen.getByTestId('csv-preview'));
    const alert = await screen.findByTestId('csv-mapping-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(text(alert)).toContain('Choose the column that holds the family name');
    expect(screen.queryByTestId('csv-error')).toBeNull();
    expect(select('csv-mapping-0').value).toBe('ignore');
    expect(importButton().disabled).toBe(true);
  });

  it('is shown under the FHIR import on the Import records screen', async () => {
    mockCommands({ app_info: () => appInfoAs(ADMIN) });
    render(App);
    await fireEvent.click(await screen.findByTestId('nav-records-import'));
    expect(await screen.findByTestId('records-import')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Patients from a CSV file' })).toBeTruthy();
    expect(screen.getByTestId('csv-file')).toBeTruthy();
  });
});

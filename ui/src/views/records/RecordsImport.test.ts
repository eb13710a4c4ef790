// The admin's Import records screen: a dry run of the typed files (trimmed, one a line) with charts
// done of all while it runs, then its report; Import offered only after a dry run of exactly these
// files that finds charts to create, and the import itself; a refused chart's issues and resources
// for a missing patient; a refused file under the field; and that only the admin is offered it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import App from '../../App.svelte';
import RecordsImport from './RecordsImport.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { ChartReport, ImportProgress, ImportReport } from '../../api';
import { session } from '../../lib/stores.svelte';
import { ADMIN, appInfoAs, DR_REYES, NURSE, DESK } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const text = (el: HTMLElement) => (el.textContent ?? '').replace(/\s+/g, ' ');
/** A table's body rows, each as its cells' text. */
const rows = (testId: string) =>
  [...screen.getByTestId(testId).querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => text(td).trim()),
  );

function open(handlers: Record<string, CommandHandler>) {
  session.info = appInfoAs(ADMIN);
  const calls = mockCommands(handlers);
  render(RecordsImport);
  return calls;
}

type ProgressChannel = { onmessage: (p: ImportProgress) => void };

function chart(over: Partial<ChartReport>): ChartReport {
  return {
    resource: 'Patient/a1',
    name: 'Okafor, Ada',
    birthDate: '1961-04-09',
    outcome: 'wouldCreate',
    mrn: null,
    detail: 'A new chart',
    records: [],
    kept: [],
    skipped: [],
    issues: [],
    ...over,
  };
}

function report(over: Partial<ImportReport> = {}): ImportReport {
  return {
    dryRun: true,
    files: 2,
    resources: 57,
    charts: [
      chart({}),
      chart({
        resource: 'Patient/b2',
        name: 'Lindqvist, Bo',
        birthDate: '1990-12-01',
        outcome: 'alreadyImported',
        mrn: 1042,
        detail: 'Patient/b2 was imported before, as chart 1042',
      }),
    ],
    created: 1,
    alreadyImported: 1,
    duplicates: 0,
    invalid: 0,
    records: [
      { name: 'allergies', count: 2 },
      { name: 'problems', count: 3 },
    ],
    kept: [{ name: 'Encounter', count: 4 }],
    outside: [{ name: 'Practitioner', count: 1 }],
    orphans: [],
    ...over,
  };
}

const field = () => screen.getByTestId('import-files') as HTMLTextAreaElement;
const importButton = () => screen.getByTestId('import-run') as HTMLButtonElement;

async function type(value: string) {
  await fireEvent.input(field(), { target: { value } });
}

describe('import records', () => {
  it('dry-runs the typed files, shows charts done while it runs, then the report, and offers Import', async () => {
    let finish: (r: ImportReport) => void = () => {};
    let channel: ProgressChannel | null = null;
    const calls = open({
      import_fhir: (args) => {
        channel = args.onProgress as unknown as ProgressChannel;
        return new Promise<ImportReport>((resolve) => (finish = resolve));
      },
    });
    expect(document.activeElement).toBe(field());
    const buttons = [...document.querySelectorAll('form button')].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Dry run', 'Import']);
    await type('  /srv/old/Patient.ndjson \n\n /srv/old/Condition.ndjson\n');
    await fireEvent.keyDown(field(), { key: 'Enter', ctrlKey: true });
    const call = calls.find((c) => c.cmd === 'import_fhir');
    expect(call?.args.files).toEqual(['/srv/old/Patient.ndjson', '/srv/old/Condition.ndjson']);
    expect(call?.args.dryRun).toBe(true);
    expect(text(await screen.findByTestId('import-progress'))).toContain('Reading the files');
    expect(importButton().disabled).toBe(true);
    channel!.onmessage({ done: 1, total: 4 });
    await screen.findByText(/1 of 4 charts/);
    expect(text(screen.getByTestId('import-progress'))).toContain('(25%)');
    finish(report());
    expect(text(await screen.findByTestId('import-totals'))).toContain(
      '1 chart would be created, 1 already imported, 0 possible duplicates, 0 invalid — 57 resources in 2 files',
    );
    expect(rows('import-records')).toEqual([
      ['allergies', '2'],
      ['problems', '3'],
    ]);
    expect(rows('import-kept')).toEqual([['Encounter', '4']]);
    expect(rows('import-outside')).toEqual([['Practitioner', '1']]);
    const charts = rows('import-charts');
    expect(charts[0]).toEqual(['Okafor, Ada', '9 Apr 1961', 'Would be created', '', 'A new chart']);
    expect(charts[1]).toEqual([
      'Lindqvist, Bo',
      '1 Dec 1990',
      'Already imported',
      '1042',
      'Patient/b2 was imported before, as chart 1042',
    ]);
    expect(screen.queryByTestId('import-progress')).toBeNull();
    expect(importButton().disabled).toBe(false);
  });

  it('imports only the files the dry run checked, then says how many charts and asks for a new dry run', async () => {
    const calls = open({
      import_fhir: (args) =>
        args.dryRun
          ? report()
          : report({ dryRun: false, charts: [chart({ outcome: 'created', mrn: 1100, detail: 'Chart 1100' })] }),
    });
    expect(importButton().disabled).toBe(true);
    await type('/srv/old/bundle.json');
    await fireEvent.click(screen.getByTestId('import-dry-run'));
    await screen.findByTestId('import-report');
    expect(importButton().disabled).toBe(false);
    // Another list (even one more line) needs its own dry run; going back to the checked list does not.
    await type('/srv/old/bundle.json\n/srv/old/more.json');
    expect(importButton().disabled).toBe(true);
    await type('/srv/old/bundle.json\n');
    expect(importButton().disabled).toBe(false);
    await fireEvent.click(importButton());
    expect(text(await screen.findByTestId('import-done'))).toContain('Imported 1 chart');
    const real = calls.filter((c) => c.cmd === 'import_fhir').at(-1);
    expect(real?.args.dryRun).toBe(false);
    expect(real?.args.files).toEqual(['/srv/old/bundle.json']);
    expect(text(screen.getByTestId('import-totals'))).toContain('1 chart created');
    expect(text(screen.getByTestId('import-chart-0'))).toContain('Created');
    expect(importButton().disabled).toBe(true);
  });

  it('keeps Import off when the dry run finds no chart to create', async () => {
    open({
      import_fhir: () =>
        report({ created: 0, charts: [chart({ outcome: 'alreadyImported', mrn: 7 })], alreadyImported: 1 }),
    });
    await type('/srv/old/bundle.json');
    await fireEvent.click(screen.getByTestId('import-dry-run'));
    expect(text(await screen.findByTestId('import-totals'))).toContain('0 charts would be created');
    expect(importButton().disabled).toBe(true);
  });

  it("lists a refused chart's issues and the resources for a patient the files lack", async () => {
    open({
      import_fhir: () =>
        report({
          created: 0,
          invalid: 1,
          charts: [
            chart({
              outcome: 'invalid',
              detail: '2 problems in this patient’s resources',
              issues: [
                { resource: 'Condition/c9', path: 'code.coding[0].code', message: 'is not an ICD-10-CM code' },
                { resource: 'AllergyIntolerance/a3', path: '', message: 'names no substance' },
              ],
            }),
          ],
          orphans: [{ resource: 'Observation/o5', path: 'subject.reference', message: 'Patient/zz is not in the files' }],
        }),
    });
    await type('/srv/old/bundle.json');
    await fireEvent.click(screen.getByTestId('import-dry-run'));
    const row = await screen.findByTestId('import-chart-0');
    expect(text(row)).toContain('Not imported: errors');
    const issues = [...screen.getByTestId('import-chart-0-issues').querySelectorAll('li')].map((li) => li.textContent);
    expect(issues).toEqual([
      'Condition/c9 — code.coding[0].code: is not an ICD-10-CM code',
      'AllergyIntolerance/a3 — names no substance',
    ]);
    expect(text(screen.getByTestId('import-orphans'))).toContain(
      'Observation/o5 — subject.reference: Patient/zz is not in the files',
    );
    expect(importButton().disabled).toBe(true);
  });

  it('shows a refused file under the field, and asks for a file before calling', async () => {
    const calls = open({
      import_fhir: () => {
        throw errorReport('invalid_input', 'old.json: is empty', [{ field: 'files', message: 'old.json: is empty' }]);
      },
    });
    await fireEvent.submit(field().form!);
    expect(text(await screen.findByTestId('import-error'))).toContain('at least one FHIR file');
    expect(calls.some((c) => c.cmd === 'import_fhir')).toBe(false);
    await type('/srv/old.json');
    await fireEvent.submit(field().form!);
    const alert = await screen.findByTestId('import-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(text(alert)).toContain('old.json: is empty');
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(field().getAttribute('aria-describedby')).toContain('import-files-error');
    expect(screen.queryByTestId('import-report')).toBeNull();
    expect(importButton().disabled).toBe(true);
  });

  it('is offered to the admin only', async () => {
    mockCommands({ app_info: () => appInfoAs(ADMIN) });
    render(App);
    await fireEvent.click(await screen.findByTestId('nav-records-import'));
    expect(await screen.findByTestId('records-import')).toBeTruthy();
    for (const who of [DR_REYES, NURSE, DESK]) {
      cleanup();
      clearMocks();
      resetUiState();
      mockCommands({ app_info: () => appInfoAs(who) });
      render(App);
      await screen.findByTestId('user-menu');
      expect(screen.queryByTestId('nav-records-import')).toBeNull();
    }
  });
});

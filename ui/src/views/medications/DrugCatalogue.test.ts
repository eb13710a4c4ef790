// The admin's Drug catalogue: importing a typed folder of RxNorm files (progress while the core
// works, then the counts and the refreshed list), a refused file's error with its line number under
// the field, an empty folder caught before asking, the past imports on the practice's clock, and
// that only the admin is offered the screen.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../App.svelte';
import DrugCatalogue from './DrugCatalogue.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { DrugImportReport } from '../../api';
import { session } from '../../lib/stores.svelte';
import { ADMIN, appInfoAs, DR_REYES, NURSE, DESK, user } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

/** An element's text as a person reads it (runs of white space as one). */
const text = (el: HTMLElement) => (el.textContent ?? '').replace(/\s+/g, ' ');

function report(overrides: Partial<DrugImportReport> = {}): DrugImportReport {
  return {
    id: 'imp-1',
    importedAt: '2026-11-26T15:00:00Z',
    importedByName: 'Office Admin',
    source: '/data/rxnorm/2026-11/rrf',
    products: 10,
    updated: 0,
    ingredientsMatched: 4,
    ingredientsUnmatched: 4,
    lines: 165,
    skipped: 2,
    ...overrides,
  };
}

async function open(handlers: Record<string, CommandHandler>) {
  session.info = appInfoAs(ADMIN);
  const calls = mockCommands(handlers);
  render(DrugCatalogue);
  return calls;
}

describe('drug catalogue', () => {
  it('imports the typed folder, shows progress while it runs, then the counts and the new import in the list', async () => {
    let finish: (r: DrugImportReport) => void = () => {};
    let listed: DrugImportReport[] = [];
    const calls = await open({
      drug_imports: () => listed,
      import_rxnorm: () => new Promise<DrugImportReport>((resolve) => (finish = resolve)),
    });
    await screen.findByTestId('no-drug-imports');
    const field = screen.getByTestId('rxnorm-dir') as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    await fireEvent.input(field, { target: { value: '  /data/rxnorm/2026-11/rrf ' } });
    await fireEvent.submit(field.form!);

    expect((await screen.findByTestId('rxnorm-progress')).textContent).toContain('Importing /data/rxnorm/2026-11/rrf…');
    expect((screen.getByTestId('rxnorm-import') as HTMLButtonElement).disabled).toBe(true);
    expect(calls.find((c) => c.cmd === 'import_rxnorm')?.args).toEqual({ dir: '/data/rxnorm/2026-11/rrf' });

    listed = [report()];
    finish(report());
    const result = await screen.findByTestId('rxnorm-result');
    expect(text(result)).toContain('Imported 10 products (0 already there and updated, 2 suppressed or obsolete products left out) from 165 lines.');
    expect(text(result)).toContain('4 ingredients matched to Charta’s drug vocabulary; 4 ingredients not matched');
    expect(screen.queryByTestId('rxnorm-progress')).toBeNull();
    const row = await screen.findByTestId('drug-import-row-imp-1');
    // 15:00 UTC is 09:00 on the practice's clock (Chicago).
    expect(row.textContent).toContain('26 Nov 2026 09:00');
    expect(row.textContent).toContain('/data/rxnorm/2026-11/rrf');
    expect(row.textContent).toContain('Office Admin');
  });

  it('shows a refused file’s error with its line number under the field and keeps the folder typed', async () => {
    const calls = await open({
      drug_imports: () => [],
      import_rxnorm: () => {
        throw errorReport('invalid_input', 'RXNREL.RRF line 12: expected 16 fields, found 12', [
          { field: 'file', message: 'RXNREL.RRF line 12: expected 16 fields, found 12' },
        ]);
      },
    });
    const field = (await screen.findByTestId('rxnorm-dir')) as HTMLInputElement;
    await fireEvent.input(field, { target: { value: '/data/broken' } });
    await fireEvent.click(screen.getByTestId('rxnorm-import'));
    const error = await screen.findByTestId('rxnorm-error');
    expect(error.textContent).toContain('RXNREL.RRF line 12: expected 16 fields, found 12');
    expect(field.value).toBe('/data/broken');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('rxnorm-result')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'import_rxnorm')).toHaveLength(1);
  });

  it('names a missing file and shows a refusal that is not about a field', async () => {
    let answer: () => never = () => {
      throw errorReport('invalid_input', 'RXNSAT.RRF is missing from /data/x', [{ field: 'dir', message: 'RXNSAT.RRF is missing from /data/x' }]);
    };
    await open({ drug_imports: () => [], import_rxnorm: () => answer() });
    const field = await screen.findByTestId('rxnorm-dir');
    await fireEvent.input(field, { target: { value: '/data/x' } });
    await fireEvent.click(screen.getByTestId('rxnorm-import'));
    expect((await screen.findByTestId('rxnorm-error')).textContent).toContain('RXNSAT.RRF is missing from /data/x');
    answer = () => {
      throw errorReport('forbidden', 'Only a practice admin may import the drug catalogue');
    };
    await fireEvent.click(screen.getByTestId('rxnorm-import'));
    await waitFor(() => expect(screen.getByTestId('rxnorm-error').textContent).toContain('Only a practice admin'));
  });

  it('asks for a folder before calling the core when none is typed', async () => {
    const calls = await open({ drug_imports: () => [] });
    await screen.findByTestId('no-drug-imports');
    await fireEvent.click(screen.getByTestId('rxnorm-import'));
    expect((await screen.findByTestId('rxnorm-error')).textContent).toContain('Type the folder that holds RXNCONSO.RRF');
    expect(calls.some((c) => c.cmd === 'import_rxnorm')).toBe(false);
  });

  it('lists past imports newest first, as the core gives them', async () => {
    await open({
      drug_imports: () => [
        report({ id: 'imp-2', importedAt: '2026-11-27T20:30:00Z', products: 34_512, updated: 10, lines: 1_234_567 }),
        report(),
      ],
    });
    const rows = await screen.findAllByTestId(/^drug-import-row-/);
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual(['drug-import-row-imp-2', 'drug-import-row-imp-1']);
    expect(rows[0].textContent).toContain('34,512');
    expect(rows[0].textContent).toContain('1,234,567');
  });

  it('says when the imports cannot be listed', async () => {
    await open({
      drug_imports: () => {
        throw errorReport('database', 'The chart database could not be read');
      },
    });
    expect((await screen.findByTestId('drug-imports-error')).textContent).toContain('could not be read');
  });
});

describe('who sees the drug catalogue', () => {
  it('offers the admin the screen from the navigation, and no clinical or desk role', async () => {
    mockCommands({ app_info: () => appInfoAs(ADMIN), list_users: () => [user(ADMIN)], drug_imports: () => [report()] });
    render(App);
    await fireEvent.click(await screen.findByTestId('nav-drug-catalogue'));
    expect(await screen.findByTestId('drug-import-row-imp-1')).toBeTruthy();
    for (const who of [DR_REYES, NURSE, DESK]) {
      cleanup();
      clearMocks();
      resetUiState();
      mockCommands({ app_info: () => appInfoAs(who) });
      render(App);
      await screen.findByTestId('user-menu');
      expect(screen.queryByTestId('nav-drug-catalogue')).toBeNull();
    }
  });
});

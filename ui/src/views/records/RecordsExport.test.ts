// The admin's Export records screen: the practice export into a typed new folder with charts done
// of all while it runs (the core's progress channel), then the files by type; a folder that exists
// refused under the field; one chart by its number; an empty folder or a bad number caught before
// asking; and that only the admin is offered the screen.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import App from '../../App.svelte';
import RecordsExport from './RecordsExport.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { ExportProgress, PracticeExport } from '../../api';
import { session } from '../../lib/stores.svelte';
import { ADMIN, appInfoAs, DR_REYES, NURSE, DESK } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const text = (el: HTMLElement) => (el.textContent ?? '').replace(/\s+/g, ' ');

function open(handlers: Record<string, CommandHandler>) {
  session.info = appInfoAs(ADMIN);
  const calls = mockCommands(handlers);
  render(RecordsExport);
  return calls;
}

type ProgressChannel = { onmessage: (p: ExportProgress) => void };

describe('export records', () => {
  it('exports the practice into the typed folder, shows charts done while it runs, then the files', async () => {
    let finish: (r: PracticeExport) => void = () => {};
    let channel: ProgressChannel | null = null;
    const calls = open({
      export_practice_fhir: (args) => {
        channel = args.onProgress as unknown as ProgressChannel;
        return new Promise<PracticeExport>((resolve) => (finish = resolve));
      },
    });
    const field = screen.getByTestId('export-dir') as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    await fireEvent.input(field, { target: { value: ' /srv/ehi-2026 ' } });
    await fireEvent.submit(field.form!);
    expect(calls.find((c) => c.cmd === 'export_practice_fhir')?.args.dir).toBe('/srv/ehi-2026');
    expect(text(await screen.findByTestId('export-progress'))).toContain('Starting');
    channel!.onmessage({ done: 200, total: 450 });
    await screen.findByText(/200 of 450 charts/);
    expect(text(screen.getByTestId('export-progress'))).toContain('(44%)');
    finish({
      dir: '/srv/ehi-2026',
      patients: 450,
      resources: 91234,
      byType: [
        { resourceType: 'Observation', file: 'Observation.ndjson', count: 50000 },
        { resourceType: 'Patient', file: 'Patient.ndjson', count: 450 },
      ],
    });
    const done = await screen.findByTestId('export-result');
    expect(text(done)).toContain('Exported 450 charts — 91,234 resources in /srv/ehi-2026');
    const cells = [...screen.getByTestId('export-type-Observation').querySelectorAll('td')].map((td) => td.textContent);
    expect(cells).toEqual(['Observation', 'Observation.ndjson', '50,000']);
    expect(screen.queryByTestId('export-progress')).toBeNull();
  });

  it('shows the core refusing an existing folder under the field, and asks for a folder before calling', async () => {
    const calls = open({
      export_practice_fhir: () => {
        throw errorReport('invalid_input', '/srv/x already exists', [
          { field: 'dir', message: '/srv/x already exists; export into a new folder so no older file is mixed in' },
        ]);
      },
    });
    const field = screen.getByTestId('export-dir') as HTMLInputElement;
    await fireEvent.submit(field.form!);
    expect(text(await screen.findByTestId('export-error'))).toContain('Type a new folder');
    expect(calls.some((c) => c.cmd === 'export_practice_fhir')).toBe(false);
    await fireEvent.input(field, { target: { value: '/srv/x' } });
    await fireEvent.submit(field.form!);
    expect(text(await screen.findByTestId('export-error'))).toContain('export into a new folder');
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('exports one chart by its number and says where the file went', async () => {
    const calls = open({
      export_patient_fhir: (args) => {
        if (args.mrn === 999) throw errorReport('not_found', 'No patient with id MRN 999');
        return `/srv/t/patient-${args.mrn}.json`;
      },
    });
    const mrn = screen.getByTestId('export-mrn') as HTMLInputElement;
    await fireEvent.input(mrn, { target: { value: 'abc' } });
    await fireEvent.submit(mrn.form!);
    expect(text(await screen.findByTestId('export-mrn-error'))).toContain('digits only');
    expect(calls.some((c) => c.cmd === 'export_patient_fhir')).toBe(false);
    await fireEvent.input(mrn, { target: { value: '999' } });
    await fireEvent.submit(mrn.form!);
    expect(text(await screen.findByTestId('export-mrn-error'))).toContain('MRN 999');
    await fireEvent.input(mrn, { target: { value: '1042' } });
    await fireEvent.input(screen.getByTestId('export-patient-dir'), { target: { value: '/srv/t' } });
    await fireEvent.submit(mrn.form!);
    expect(text(await screen.findByTestId('export-patient-result'))).toContain('/srv/t/patient-1042.json');
    expect(calls.filter((c) => c.cmd === 'export_patient_fhir').at(-1)?.args).toEqual({ mrn: 1042, dir: '/srv/t' });
  });

  it('writes the chart\'s readable PDF record with its own button', async () => {
    const calls = open({
      export_patient_pdf: (args) => `/srv/t/patient-${args.mrn}.pdf`,
    });
    await fireEvent.input(screen.getByTestId('export-mrn'), { target: { value: '1042' } });
    await fireEvent.input(screen.getByTestId('export-patient-dir'), { target: { value: '/srv/t' } });
    await fireEvent.click(screen.getByTestId('export-patient-pdf'));
    expect(text(await screen.findByTestId('export-patient-result'))).toContain('/srv/t/patient-1042.pdf');
    expect(calls.filter((c) => c.cmd === 'export_patient_pdf').at(-1)?.args).toEqual({ mrn: 1042, dir: '/srv/t' });
    expect(calls.some((c) => c.cmd === 'export_patient_fhir')).toBe(false);
  });

  it('is offered to the admin only', async () => {
    mockCommands({ app_info: () => appInfoAs(ADMIN) });
    render(App);
    expect(await screen.findByTestId('nav-records')).toBeTruthy();
    for (const who of [DR_REYES, NURSE, DESK]) {
      cleanup();
      clearMocks();
      resetUiState();
      mockCommands({ app_info: () => appInfoAs(who) });
      render(App);
      await screen.findByTestId('user-menu');
      expect(screen.queryByTestId('nav-records')).toBeNull();
    }
  });
});

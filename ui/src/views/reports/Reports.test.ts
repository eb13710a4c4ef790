// Practice reports: the list of reports the user may run, a report's table, chart, definition
// and patient list; Enter on a patient records the audited open and then opens the chart; Esc
// goes back; the CSV export sends the folder typed and shows the path written.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import type { PracticeReport, ReportListing } from '../../api';
import { clearMocks, errorReport, mockCommands } from '../../api/testing';
import { appInfoAs, DESK, DR_REYES } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { nav, session } from '../../lib/stores.svelte';
import Reports from './Reports.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
});

const BP: ReportListing = {
  kind: { kind: 'bloodPressureControl' },
  key: 'bloodPressureControl',
  title: 'Controlling high blood pressure (< 140/90)',
  clinical: true,
};
const NO_SHOWS: ReportListing = { kind: { kind: 'noShowRate' }, key: 'noShowRate', title: 'No-show rate', clinical: false };

function bpReport(): PracticeReport {
  return {
    title: 'Controlling high blood pressure (< 140/90)',
    columns: ['Last blood pressure', 'Patients', 'Share'],
    rows: [
      ['Below 140/90 (controlled)', '1', '50.0 %'],
      ['140/90 or above', '1', '50.0 %'],
      ['No reading in 12 months', '0', '0.0 %'],
    ],
    patientCount: 2,
    kind: { kind: 'bloodPressureControl' },
    definition: 'Denominator: active patients aged 18–85 with hypertension (I10–I16).',
    source: 'CMS165v12 — Controlling High Blood Pressure',
    numerator: 1,
    asOf: '2026-11-26',
    chart: { style: 'bars', labels: ['Controlled', 'Not controlled', 'No reading'], series: [{ name: 'Patients', values: [1, 1, 0] }], unit: 'patients' },
    moreTables: [],
    patientListTitle: 'Patients with hypertension, not controlled first',
    patientColumns: ['Status', 'Last BP', 'Taken'],
    patients: [
      { patient: 'p-1', name: 'Okafor, Ada', dateOfBirth: '1960-03-04', mrn: 1042, restricted: false, values: ['Not controlled', '150/85', '2026-10-01'] },
      { patient: 'p-2', name: 'Restricted chart', dateOfBirth: null, mrn: 1043, restricted: true, values: ['Controlled', '128/80', '2026-09-01'] },
    ],
  };
}

describe('Reports', () => {
  it('lists the reports the user may run and opens one with its table, chart, definition and patients', async () => {
    session.info = appInfoAs(DR_REYES);
    const calls = mockCommands({
      practice_report_kinds: () => [BP, NO_SHOWS],
      run_practice_report: () => bpReport(),
      open_chart_from_report: () => null,
    });
    render(Reports);
    const kind = await screen.findByTestId('report-kind-bloodPressureControl');
    expect(screen.getByTestId('report-kind-noShowRate')).toBeTruthy();
    expect(document.activeElement).toBe(kind);
    await fireEvent.keyDown(kind, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByTestId('report-kind-noShowRate'));
    await fireEvent.click(kind);
    const table = await screen.findByTestId('report-table');
    expect(table.textContent).toContain('Below 140/90 (controlled)');
    expect(calls.find((c) => c.cmd === 'run_practice_report')?.args).toEqual({ kind: { kind: 'bloodPressureControl' } });
    expect(screen.getAllByTestId('report-chart-bar')).toHaveLength(3);
    expect(screen.getByTestId('report-definition').textContent).toContain('I10–I16');
    expect(screen.getByTestId('report-source').textContent).toContain('CMS165');
    const rows = screen.getAllByTestId('report-patient-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Okafor, Ada');
    expect(rows[0].textContent).toContain('150/85');
    expect(rows[0].textContent).toContain('Chart #1042');
    expect(rows[1].textContent).toContain('Restricted chart');
    rows[0].focus();
    await fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    await fireEvent.keyDown(rows[1], { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rows[0]);
    await fireEvent.click(rows[0]);
    await vi.waitFor(() => expect(nav.route).toEqual({ name: 'chart', id: 'p-1' }));
    const opened = calls.filter((c) => c.cmd === 'open_chart_from_report');
    expect(opened).toEqual([{ cmd: 'open_chart_from_report', args: { patientId: 'p-1', kind: { kind: 'bloodPressureControl' } } }]);
  });

  it('runs the report named by the route and goes back to the list on Esc', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({ practice_report_kinds: () => [BP, NO_SHOWS], run_practice_report: () => bpReport() });
    render(Reports, { props: { kind: 'bloodPressureControl' } });
    const report = await screen.findByTestId('report');
    await fireEvent.keyDown(report, { key: 'Escape' });
    expect(screen.queryByTestId('report')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('report-kind-bloodPressureControl'));
  });

  it('does not open the chart when the open could not be recorded', async () => {
    session.info = appInfoAs(DESK);
    mockCommands({
      practice_report_kinds: () => [NO_SHOWS],
      run_practice_report: () => ({ ...bpReport(), kind: { kind: 'noShowRate' } }),
      open_chart_from_report: () => {
        throw errorReport('forbidden', 'Only a physician or a nurse may view clinical practice reports');
      },
    });
    render(Reports, { props: { kind: 'noShowRate' } });
    const rows = await screen.findAllByTestId('report-patient-row');
    await fireEvent.click(rows[0]);
    expect((await screen.findByTestId('report-error')).textContent).toContain('Only a physician');
    expect(nav.route).not.toEqual({ name: 'chart', id: 'p-1' });
  });

  it('exports the CSV into the folder typed and shows where it was written', async () => {
    session.info = appInfoAs(DR_REYES);
    const calls = mockCommands({
      practice_report_kinds: () => [BP],
      run_practice_report: () => bpReport(),
      export_practice_report: (args) => `${args.dir}/report-bloodPressureControl-20261126-150000.csv`,
    });
    render(Reports, { props: { kind: 'bloodPressureControl' } });
    await screen.findByTestId('report');
    await fireEvent.input(screen.getByTestId('report-export-dir'), { target: { value: ' /home/ana/reports ' } });
    await fireEvent.click(screen.getByTestId('report-export'));
    expect((await screen.findByTestId('report-exported')).textContent).toContain('/home/ana/reports/report-bloodPressureControl');
    expect(calls.find((c) => c.cmd === 'export_practice_report')?.args).toEqual({
      kind: { kind: 'bloodPressureControl' },
      dir: '/home/ana/reports',
    });
  });

  it('shows an export error next to the folder field', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({
      practice_report_kinds: () => [BP],
      run_practice_report: () => bpReport(),
      export_practice_report: () => {
        throw errorReport('io', 'Permission denied (os error 13)');
      },
    });
    render(Reports, { props: { kind: 'bloodPressureControl' } });
    await screen.findByTestId('report');
    await fireEvent.click(screen.getByTestId('report-export'));
    expect((await screen.findByTestId('report-export-error')).textContent).toContain('Permission denied');
  });

  it('draws one line per series for a lines chart', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({
      practice_report_kinds: () => [NO_SHOWS],
      run_practice_report: () => ({
        ...bpReport(),
        chart: { style: 'lines', labels: ['Oct 2026', 'Nov 2026'], series: [{ name: 'Dr Reyes', values: [3, 4] }, { name: 'Dr Chen', values: [1, 2] }], unit: 'visits' },
        patientColumns: [],
        patients: [],
      }),
    });
    render(Reports, { props: { kind: 'noShowRate' } });
    await screen.findByTestId('report');
    expect(screen.getAllByTestId('report-chart-line')).toHaveLength(2);
    expect(screen.queryByTestId('report-patients')).toBeNull();
  });
});

// The results screens: the inbox (critical first as the core orders it, flagged values shown,
// sign-off with a comment, open in the chart, notify → the letter), the letter (content and
// the printed record), and result files (import by path, the held queue's refuse).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ResultsInbox from './ResultsInbox.svelte';
import ResultsLetter from './ResultsLetter.svelte';
import ResultFiles from './ResultFiles.svelte';
import { clearMocks, errorReport, mockCommands } from '../../api/testing';
import type { InboxItem, ResultFiles as Files, ResultsLetter as Letter } from '../../api';
import { nav, session } from '../../lib/stores.svelte';
import { appInfoAs, DR_REYES } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function item(over: Partial<InboxItem> = {}): InboxItem {
  return {
    reportId: 'r-1',
    patient: { id: 'p-ada', mrn: 1001, name: 'Quenneville, Ada', dateOfBirth: '1974-03-15', restricted: false },
    panelName: 'Basic metabolic panel',
    panelCode: '24321-2',
    status: 'final',
    worstFlag: 'abnormal',
    collectedAt: '2026-11-24T12:15:00Z',
    receivedAt: '2026-11-26T15:00:00Z',
    resultCount: 4,
    flagged: [
      { id: 'x-1', loinc: '2345-7', name: 'Glucose', value: { kind: 'number', value: 182 }, unit: 'mg/dL', refLow: 70, refHigh: 99, refText: '70-99', flag: 'high', labFlag: 'H', status: 'final', comment: null, corrects: false },
    ],
    review: null,
    letters: [],
    ...over,
  };
}

describe('results inbox', () => {
  it('shows each report with its flag and flagged values, signs one off with the comment, and opens the chart', async () => {
    session.info = appInfoAs(DR_REYES);
    const critical = item({ reportId: 'r-0', worstFlag: 'critical', panelName: 'Potassium' });
    let signed = false;
    const calls = mockCommands({
      results_inbox: () => ({ unreviewed: signed ? [critical] : [critical, item()], recentlySigned: signed ? [item({ review: { by: 'u', byName: 'Dr Reyes', at: '2026-11-26T15:01:00Z', comment: 'Repeat' } })] : [] }),
      sign_off_results: () => {
        signed = true;
        return item();
      },
    });
    render(ResultsInbox);
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(2));
    const rows = screen.getAllByTestId('inbox-row');
    expect(rows.map((r) => r.dataset.flag)).toEqual(['critical', 'abnormal']);
    expect(rows[1].textContent).toContain('Glucose: 182 mg/dL');
    await fireEvent.input(screen.getAllByTestId('inbox-comment')[1], { target: { value: 'Repeat' } });
    await fireEvent.click(screen.getAllByTestId('inbox-sign-off')[1]);
    await waitFor(() => expect(screen.getByTestId('inbox-recent')).toBeTruthy());
    expect(calls.find((c) => c.cmd === 'sign_off_results')!.args).toEqual({ reportId: 'r-1', comment: 'Repeat' });
    await fireEvent.click(screen.getAllByTestId('inbox-notify')[0]);
    expect(nav.route).toEqual({ name: 'resultsLetter', reportId: 'r-1', patientId: 'p-ada' });
  });

  it('shows the core refusal next to a critical report signed off without a comment', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({
      results_inbox: () => ({ unreviewed: [item({ worstFlag: 'critical' })], recentlySigned: [] }),
      sign_off_results: () => {
        throw errorReport('invalid_input', 'invalid', [{ field: 'comment', message: 'A critical result needs a comment' }]);
      },
    });
    render(ResultsInbox);
    await fireEvent.click(await screen.findByTestId('inbox-sign-off'));
    expect((await screen.findByTestId('inbox-error')).textContent).toContain('needs a comment');
    await fireEvent.click(screen.getByTestId('inbox-open'));
    expect(nav.route).toEqual({ name: 'chart', id: 'p-ada', tab: 'results', reportId: 'r-1' });
  });
});

describe('results letter', () => {
  it('shows the values in plain words and records the print', async () => {
    session.info = appInfoAs(DR_REYES);
    const letter: Letter = {
      reportId: 'r-1', patientId: 'p-ada', practiceName: 'Demo Practice', practiceAddress: '1 Main St', practicePhone: '555-0100',
      date: '2026-11-26', patientName: 'Ada Quenneville', patientAddress: ['12 Elm St'], greeting: 'Dear Ada Quenneville,',
      panelName: 'Basic metabolic panel', collectedOn: '2026-11-24',
      lines: [{ name: 'Glucose', value: '182 mg/dL', range: 'usual range 70–99 mg/dL', meaning: 'higher than the usual range', flag: 'high' }],
      summary: 'One result is outside the usual range.', comment: 'Please book a visit.', physicianName: 'Dr Reyes', letters: [],
    };
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const calls = mockCommands({
      results_letter: () => letter,
      print_results_letter: () => ({ id: 'l-1', printedAt: '2026-11-26T15:05:00Z', printedByName: 'Dr Reyes' }),
    });
    render(ResultsLetter, { reportId: 'r-1', patientId: 'p-ada' });
    const sheet = await screen.findByTestId('results-letter-sheet');
    expect(sheet.textContent).toContain('182 mg/dL');
    expect(sheet.textContent).toContain('higher than the usual range');
    expect(sheet.textContent).toContain('Please book a visit.');
    await fireEvent.click(screen.getByTestId('letter-print'));
    await screen.findByTestId('letter-printed');
    expect(calls.some((c) => c.cmd === 'print_results_letter')).toBe(true);
    expect(print).toHaveBeenCalled();
    window.dispatchEvent(new Event('afterprint'));
  });
});

describe('result files', () => {
  it('imports a file by path and refuses a held one with its reason', async () => {
    session.info = appInfoAs(DR_REYES);
    let files: Files = {
      folder: null,
      held: [{ id: 'h-1', fileName: 'a.hl7', status: 'held', why: 'no patient is named John Smith born 1970-01-01', filePatient: 'John Smith, born 1970-01-01', patient: null, receivedAt: '2026-11-26T15:00:00Z', receivedByName: 'Nurse', decidedAt: null, decidedByName: null }],
      recent: [],
    };
    const calls = mockCommands({
      result_files: () => files,
      results_physicians: () => [],
      import_result_file: () => ({ kind: 'matched', import: 'i-1', patient: 'p-ada', reports: ['r-1', 'r-2'] }),
      refuse_result_file: () => {
        files = { ...files, held: [] };
        return files.held[0];
      },
    });
    render(ResultFiles);
    expect((await screen.findByTestId('held-why')).textContent).toContain('John Smith');
    await fireEvent.input(screen.getByTestId('result-file-path'), { target: { value: '/tmp/x.hl7' } });
    await fireEvent.click(screen.getByTestId('result-file-import'));
    expect((await screen.findByTestId('result-file-outcome')).textContent).toContain('2 reports');
    await fireEvent.click(screen.getByTestId('held-refuse'));
    await fireEvent.input(screen.getByTestId('held-refuse-reason'), { target: { value: 'Not our patient' } });
    await fireEvent.click(screen.getByTestId('held-refuse-confirm'));
    await screen.findByTestId('held-empty');
    expect(calls.find((c) => c.cmd === 'refuse_result_file')!.args).toEqual({ id: 'h-1', reason: 'Not our patient' });
    expect(calls.find((c) => c.cmd === 'import_result_file')!.args).toEqual({ path: '/tmp/x.hl7' });
  });
});

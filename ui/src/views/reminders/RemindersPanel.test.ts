// The reminders panel: quiet by default (only due/overdue), "show all" for the rest, the why
// on expand, done elsewhere recorded inline with the core's field errors shown by the field,
// the desk sees no actions, and the visit editor's list of what is due.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import RemindersPanel from './RemindersPanel.svelte';
import DueReminders from './DueReminders.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { Reminder } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DESK, DR_REYES } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function reminder(overrides: Partial<Reminder> = {}): Reminder {
  return {
    rule: 'colorectal',
    title: 'Colorectal cancer screening',
    status: 'overdue',
    dueOn: '2019-05-02',
    why: 'Recommended for adults aged 45–75: colonoscopy every 10 years. Age 52, sex female; no colonoscopy on record.',
    source: 'USPSTF: Colorectal Cancer: Screening — grade A/B, published 2021-05-18; uspreventiveservicestaskforce.org/uspstf/recommendation/colorectal-cancer-screening',
    procedures: ['colonoscopy', 'fit'],
    decision: null,
    ...overrides,
  };
}

const LIST: Reminder[] = [
  reminder(),
  reminder({ rule: 'hiv', title: 'HIV screening', status: 'upToDate', dueOn: null, procedures: [] }),
  reminder({ rule: 'breast', title: 'Breast cancer screening (mammography)', status: 'due', dueOn: '2026-05-02', procedures: ['mammogram'] }),
];

async function open(handlers: Record<string, CommandHandler> = {}, who = DR_REYES) {
  session.info = appInfoAs(who);
  const calls = mockCommands({ reminders_for_patient: () => LIST, ...handlers });
  render(RemindersPanel, { patientId: 'p-1' });
  await screen.findAllByTestId('reminder-row');
  return calls;
}

function row(rule: string): HTMLElement {
  const el = screen.getAllByTestId('reminder-row').find((r) => r.dataset.rule === rule);
  if (!el) throw new Error(`no row ${rule}`);
  return el;
}

describe('reminders panel', () => {
  it('shows only what is due until "show all" is pressed', async () => {
    await open();
    const rules = () => screen.getAllByTestId('reminder-row').map((r) => `${r.dataset.rule}:${r.dataset.status}`);
    expect(rules()).toEqual(['colorectal:overdue', 'breast:due']);
    await fireEvent.click(screen.getByTestId('reminders-show-all'));
    expect(rules()).toEqual(['colorectal:overdue', 'breast:due', 'hiv:upToDate']);
  });

  it('shows the why with its data and source on expand', async () => {
    await open();
    expect(within(row('colorectal')).queryByTestId('reminder-why')).toBeNull();
    await fireEvent.click(within(row('colorectal')).getByTestId('reminder-expand'));
    const why = within(row('colorectal')).getByTestId('reminder-why');
    expect(why.textContent).toContain('Age 52, sex female');
    expect(why.textContent).toContain('uspreventiveservicestaskforce.org');
  });

  it('records done elsewhere inline and shows the field error the core returns', async () => {
    let tries = 0;
    const calls = await open({
      record_reminder_decision: () => {
        tries += 1;
        if (tries === 1) throw errorReport('invalid_input', 'This date is in the future', [{ field: 'doneOn', message: 'This date is in the future' }]);
        return [reminder({ status: 'doneElsewhere', dueOn: '2027-09-15' }), LIST[1], LIST[2]];
      },
    });
    await fireEvent.click(within(row('colorectal')).getByTestId('reminder-expand'));
    await fireEvent.click(within(row('colorectal')).getByTestId('reminder-done-elsewhere'));
    const date = screen.getByLabelText(/Date done/);
    await fireEvent.input(date, { target: { value: '2030-01-01' } });
    await fireEvent.click(screen.getByTestId('reminder-decision-save'));
    expect((await screen.findByTestId('error-doneOn')).textContent).toContain('in the future');
    await fireEvent.input(date, { target: { value: '2026-09-15' } });
    await fireEvent.input(screen.getByLabelText(/Where/), { target: { value: 'County Hospital' } });
    await fireEvent.click(screen.getByTestId('reminder-decision-save'));
    await waitFor(() => expect(screen.queryByTestId('reminder-decision-form')).toBeNull());
    const sent = calls.filter((c) => c.cmd === 'record_reminder_decision');
    expect(sent.at(-1)?.args).toEqual({
      patientId: 'p-1',
      draft: { rule: 'colorectal', kind: 'doneElsewhere', doneOn: '2026-09-15', place: 'County Hospital', reason: '' },
    });
    // Up to date now: out of the quiet list, back with "show all".
    expect(screen.getAllByTestId('reminder-row').map((r) => r.dataset.rule)).toEqual(['breast']);
    await fireEvent.click(screen.getByTestId('reminders-show-all'));
    expect(row('colorectal').dataset.status).toBe('doneElsewhere');
  });

  it('records a procedure with the kinds the reminder offers, and Esc cancels a form', async () => {
    const calls = await open({ record_screening_procedure: () => [reminder({ status: 'upToDate', dueOn: '2036-01-01' }), LIST[2]] });
    expect(within(row('colorectal')).queryByTestId('reminder-declined')).toBeNull();
    await fireEvent.click(within(row('colorectal')).getByTestId('reminder-expand'));
    await fireEvent.click(within(row('colorectal')).getByTestId('reminder-declined'));
    await fireEvent.keyDown(screen.getByTestId('reminder-decision-form'), { key: 'Escape' });
    expect(screen.queryByTestId('reminder-decision-form')).toBeNull();
    await fireEvent.click(within(row('colorectal')).getByTestId('reminder-record-procedure'));
    const kinds = Array.from((screen.getByTestId('reminder-procedure-kind') as HTMLSelectElement).options).map((o) => o.value);
    expect(kinds).toEqual(['colonoscopy', 'fit']);
    await fireEvent.input(screen.getByLabelText(/^Date/), { target: { value: '2026-01-01' } });
    await fireEvent.click(screen.getByTestId('reminder-procedure-save'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'record_screening_procedure')).toBe(true));
    const sent = calls.find((c) => c.cmd === 'record_screening_procedure');
    expect(sent?.args).toMatchObject({ patientId: 'p-1', draft: { procedure: 'colonoscopy', performedOn: '2026-01-01', place: 'here' } });
  });

  it('offers the front desk no actions', async () => {
    await open({}, DESK);
    await fireEvent.click(within(row('colorectal')).getByTestId('reminder-expand'));
    expect(within(row('colorectal')).getByTestId('reminder-why')).toBeTruthy();
    expect(within(row('colorectal')).queryByTestId('reminder-done-elsewhere')).toBeNull();
    expect(within(row('colorectal')).queryByTestId('reminder-na')).toBeNull();
  });

  it('says so when the reminders cannot be loaded', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({ reminders_for_patient: () => { throw errorReport('forbidden', 'Only a physician or nurse may view clinical data'); } });
    render(RemindersPanel, { patientId: 'p-1' });
    expect((await screen.findByTestId('reminders-error')).textContent).toContain('Only a physician');
  });
});

describe('due reminders in the visit editor', () => {
  it('lists only what is due, with its reason', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({ reminders_for_patient: () => LIST });
    render(DueReminders, { patientId: 'p-1' });
    const rows = await screen.findAllByTestId('visit-due-reminder');
    expect(rows.map((r) => r.dataset.rule)).toEqual(['colorectal', 'breast']);
    expect(rows[0].textContent).toContain('no colonoscopy on record');
  });
});

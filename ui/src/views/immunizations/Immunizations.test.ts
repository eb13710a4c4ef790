// The Immunizations tab: the forecast first with its statuses in words, "Give" on a due row
// pre-filling the form, the core's field errors beside their fields, a refusal with its
// reason, the record grouped by series, and no editing for a read-only role.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Immunizations from './Immunizations.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { Immunization, ImmunizationForecast, SeriesForecast, VaccineHit } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function row(overrides: Partial<SeriesForecast>): SeriesForecast {
  return {
    series: 'mmr',
    label: 'MMR',
    status: 'due',
    dosesCounted: 0,
    nextDose: 1,
    earliest: '2026-01-15',
    due: '2026-01-15',
    reason: 'Dose 1 (MMR): recommended at 12 months',
    source: 'CDC Child and Adolescent Immunization Schedule, United States, 2025, Table 1 (MMR)',
    notCounted: [],
    lastGiven: null,
    ...overrides,
  };
}

const FORECAST: ImmunizationForecast = {
  asOf: '2026-11-26',
  series: [
    row({ series: 'hpv', label: 'HPV', status: 'notApplicable', nextDose: null, due: null, earliest: null, reason: 'Not yet: from 9 years' }),
    row({ series: 'dtap-tdap-td', label: 'DTaP / Tdap / Td', status: 'notYetDue', nextDose: 4, due: '2027-04-15', dosesCounted: 3 }),
    row({ notCounted: ['MMR on 2025-11-15 (at 10 months) not counted: before the minimum age of 12 months for dose 1'] }),
    row({ series: 'influenza', label: 'Influenza', status: 'overdue', due: '2026-08-01', reason: 'No dose this season' }),
  ],
};

const MMR: VaccineHit = { cvx: '03', name: 'MMR', description: 'measles, mumps and rubella virus vaccine', active: true, manufacturers: ['MSD', 'GSK'], brands: ['M-M-R II'], series: ['MMR'] };

function entry(overrides: Partial<Immunization> = {}): Immunization {
  return {
    id: 'i-1',
    patientId: 'p-1',
    cvx: '03',
    vaccine: 'MMR',
    kind: 'given',
    givenOn: '2025-11-15',
    doseNumber: 1,
    lot: 'X1',
    expiresOn: '2026-06-01',
    manufacturer: 'MSD',
    site: 'left thigh',
    route: 'SC',
    givenByName: 'Test nurse',
    visDate: null,
    refusalReason: null,
    sourceNote: null,
    series: ['mmr'],
    recordedAt: '2025-11-15T15:00:00Z',
    recordedByName: 'Test nurse',
    enteredInError: null,
    ...overrides,
  };
}

async function open(handlers: Record<string, CommandHandler> = {}) {
  session.info = appInfoAs(NURSE);
  const calls = mockCommands({
    immunization_forecast: () => FORECAST,
    immunizations: () => [entry()],
    search_vaccines: () => [MMR],
    ...handlers,
  });
  render(Immunizations, { patientId: 'p-1' });
  await screen.findAllByTestId('forecast-row');
  return calls;
}

describe('immunizations tab', () => {
  it('shows the forecast first, overdue and due on top, in words, with doses not counted named', async () => {
    await open();
    const rows = screen.getAllByTestId('forecast-row');
    expect(rows.map((r) => r.dataset.status)).toEqual(['overdue', 'due', 'notYetDue']);
    expect(rows[0].textContent).toContain('Overdue');
    expect(rows[0].textContent).toContain('overdue — due since 1 Aug 2026');
    expect(rows[1].textContent).toContain('before the minimum age of 12 months');
    expect(rows[2].textContent).toContain('due 15 Apr 2027');
    await fireEvent.click(screen.getByTestId('forecast-toggle'));
    expect(screen.getAllByTestId('forecast-row')).toHaveLength(4);
    const group = screen.getByTestId('imm-group');
    expect(group.dataset.series).toBe('mmr');
    expect(screen.getByTestId('imm-row').textContent).toContain('Lot X1');
  });

  it('pre-fills the form from a due row and sends the dose', async () => {
    const calls = await open({ record_immunization: () => entry({ id: 'i-2' }) });
    const give = screen.getAllByTestId('imm-give');
    expect(give).toHaveLength(2);
    await fireEvent.click(give[1]);
    expect((screen.getByTestId('imm-vaccine-search') as HTMLInputElement).value).toBe('mmr');
    await screen.findByTestId('imm-vaccine-picked');
    expect((screen.getByTestId('imm-dose') as HTMLInputElement).value).toBe('1');
    expect((screen.getByTestId('imm-date') as HTMLInputElement).value).toBe('2026-11-26');
    await fireEvent.input(screen.getByTestId('imm-lot'), { target: { value: 'L77' } });
    await fireEvent.input(screen.getByTestId('imm-expiry'), { target: { value: '2027-05-01' } });
    await fireEvent.change(screen.getByTestId('imm-site'), { target: { value: 'left deltoid' } });
    await fireEvent.change(screen.getByTestId('imm-route'), { target: { value: 'SC' } });
    await fireEvent.click(screen.getByTestId('imm-save'));
    await waitFor(() => expect(screen.queryByTestId('imm-form')).toBeNull());
    const sent = calls.find((c) => c.cmd === 'record_immunization')!.args;
    expect(sent.patientId).toBe('p-1');
    expect(sent.draft).toMatchObject({ kind: 'given', cvx: '03', doseNumber: 1, lot: 'L77', expiresOn: '2027-05-01', site: 'left deltoid', route: 'SC' });
    expect(calls.filter((c) => c.cmd === 'immunization_forecast')).toHaveLength(2);
  });

  it('shows an expired lot beside the expiry field and keeps the form open', async () => {
    await open({
      record_immunization: () => {
        throw errorReport('invalid_input', 'invalid', [{ field: 'expiresOn', message: 'This lot expired on 2026-01-01: do not give it' }]);
      },
    });
    await fireEvent.click(screen.getByTestId('imm-new'));
    await fireEvent.input(screen.getByTestId('imm-vaccine-search'), { target: { value: 'mmr' } });
    await screen.findByTestId('imm-vaccine-result');
    await fireEvent.keyDown(screen.getByTestId('imm-vaccine-search'), { key: 'Enter' });
    await fireEvent.click(screen.getByTestId('imm-save'));
    expect((await screen.findByTestId('error-expiresOn')).textContent).toContain('expired on 2026-01-01');
    expect(screen.getByTestId('imm-form')).toBeTruthy();
  });

  it('records a refusal with its reason and no lot or site', async () => {
    const calls = await open({ record_immunization: () => entry({ kind: 'refused', refusalReason: 'parent declines' }) });
    await fireEvent.click(screen.getByTestId('imm-refused'));
    expect(screen.queryByTestId('imm-lot')).toBeNull();
    await fireEvent.input(screen.getByTestId('imm-vaccine-search'), { target: { value: 'mmr' } });
    await screen.findByTestId('imm-vaccine-result');
    await fireEvent.click(screen.getByTestId('imm-vaccine-result'));
    await fireEvent.input(screen.getByTestId('imm-refusal-reason'), { target: { value: 'parent declines' } });
    await fireEvent.click(screen.getByTestId('imm-save'));
    await waitFor(() => expect(screen.queryByTestId('imm-form')).toBeNull());
    const sent = calls.find((c) => c.cmd === 'record_immunization')!.args;
    expect(sent.draft).toMatchObject({ kind: 'refused', cvx: '03', refusalReason: 'parent declines', site: '', route: '' });
  });

  it('marks an entry entered in error with a reason', async () => {
    const calls = await open({ immunization_entered_in_error: () => entry({ enteredInError: { at: '2026-11-26T15:00:00Z', by: 'u-3', byName: 'Test nurse', reason: 'wrong patient' } }) });
    await fireEvent.click(screen.getByTestId('imm-error'));
    await fireEvent.input(screen.getByTestId('imm-error-reason'), { target: { value: 'wrong patient' } });
    await fireEvent.click(screen.getByTestId('imm-error-save'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'immunization_entered_in_error')).toBe(true));
    expect(calls.find((c) => c.cmd === 'immunization_entered_in_error')!.args).toEqual({ id: 'i-1', reason: 'wrong patient' });
  });
});

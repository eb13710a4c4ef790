// Histories: the smoking form computes pack-years while typing and sends what was typed, the
// core's range errors show by field, and a family history entry is added inline.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Histories from './Histories.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { Histories as H, SocialEntry } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const EMPTY: H = { smoking: null, alcohol: null, substance: null, occupation: null, family: [], surgical: [] };

const SMOKER: SocialEntry = {
  id: 'h-1',
  patientId: 'p-1',
  replaces: null,
  recordedAt: '2026-11-26T15:00:00Z',
  recordedByName: 'Sam Ortiz',
  supersededAt: null,
  enteredInError: null,
  kind: 'smoking',
  status: 'former',
  detail: '',
  packsPerDay: 1,
  years: 20,
  packYears: 20,
  quitDate: '2019',
  drinksPerWeek: null,
  auditC: null,
  asOf: '2026-11-26',
};

async function open(handlers: Record<string, CommandHandler>, start: H = EMPTY) {
  session.info = appInfoAs(NURSE);
  const calls = mockCommands({ list_histories: () => start, ...handlers });
  render(Histories, { patientId: 'p-1' });
  await screen.findByTestId('history-smoking');
  return calls;
}

describe('histories', () => {
  it('shows pack-years while typing and records smoking with what was typed', async () => {
    const calls = await open({ record_social_history: () => SMOKER });
    await fireEvent.click(screen.getByTestId('history-smoking-edit'));
    await fireEvent.change(screen.getByTestId('history-smoking-status'), { target: { value: 'former' } });
    await fireEvent.input(screen.getByTestId('history-smoking-packs'), { target: { value: '1.5' } });
    await fireEvent.input(screen.getByTestId('history-smoking-years'), { target: { value: '20' } });
    expect(screen.getByTestId('history-smoking-pack-years').textContent).toContain('30');
    await fireEvent.click(screen.getByTestId('history-smoking-save'));
    await waitFor(() => expect(screen.queryByTestId('history-smoking-form')).toBeNull());
    const sent = calls.find((c) => c.cmd === 'record_social_history')!.args;
    expect(sent).toMatchObject({ patientId: 'p-1', kind: 'smoking', replaces: null });
    expect(sent.draft).toMatchObject({ status: 'former', packsPerDay: '1.5', years: '20' });
  });

  it('shows the current entry and replaces it when updated', async () => {
    const calls = await open({ record_social_history: () => SMOKER }, { ...EMPTY, smoking: SMOKER });
    expect(screen.getByTestId('history-smoking-current').textContent).toContain('20 pack-years');
    await fireEvent.click(screen.getByTestId('history-smoking-edit'));
    await fireEvent.click(screen.getByTestId('history-smoking-save'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'record_social_history')).toBe(true));
    expect(calls.find((c) => c.cmd === 'record_social_history')!.args.replaces).toBe('h-1');
  });

  it('shows out-of-range values next to their fields', async () => {
    await open({
      record_social_history: () => {
        throw errorReport('invalid_input', 'x', [
          { field: 'packsPerDay', message: 'Use 0–10 packs a day' },
          { field: 'years', message: 'Use 0–100 years' },
        ]);
      },
    });
    await fireEvent.click(screen.getByTestId('history-smoking-edit'));
    await fireEvent.input(screen.getByTestId('history-smoking-packs'), { target: { value: '40' } });
    await fireEvent.click(screen.getByTestId('history-smoking-save'));
    expect((await screen.findByTestId('error-packsPerDay')).textContent).toContain('0–10');
    expect(screen.getByTestId('error-years').textContent).toContain('0–100');
    expect(screen.getByTestId('history-smoking-form')).toBeTruthy();
  });

  it('adds a family history entry inline with the relative, condition and age at onset', async () => {
    const calls = await open({
      record_family_history: () => ({
        id: 'f-1', patientId: 'p-1', replaces: null, recordedAt: '2026-11-26T15:00:00Z', recordedByName: 'Sam Ortiz',
        supersededAt: null, enteredInError: null, relative: 'father', condition: 'Heart attack', code: null, onsetAge: 55, comment: '',
      }),
    });
    await fireEvent.click(screen.getByTestId('history-family-add'));
    await fireEvent.change(screen.getByTestId('history-family-relative'), { target: { value: 'father' } });
    await fireEvent.input(screen.getByTestId('history-family-condition'), { target: { value: 'Heart attack' } });
    await fireEvent.input(screen.getByTestId('history-family-onset-age'), { target: { value: '55' } });
    await fireEvent.click(screen.getByTestId('history-family-save'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'record_family_history')).toBe(true));
    expect(calls.find((c) => c.cmd === 'record_family_history')!.args.draft).toMatchObject({
      relative: 'father',
      condition: 'Heart attack',
      onsetAge: '55',
    });
  });
});

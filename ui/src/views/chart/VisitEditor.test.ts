// The visit editor: drafts saved while typing with the version they saw, Sign for physicians
// only (then the note is read-only with who signed), amendments under the original, a conflict
// that keeps the typed text, entered in error with a reason, and printing the after-visit
// summary with only the summary on paper.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { Visit } from '../../api';
import { appInfoAs, DR_REYES, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { session } from '../../lib/stores.svelte';
import VisitEditor from './VisitEditor.svelte';
import { avs, PATIENT, visit } from './visit/testdata';

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
  document.body.classList.remove('printing-avs');
});

function open(handlers: Record<string, CommandHandler>, who = DR_REYES, onclose?: () => void) {
  session.info = appInfoAs(who);
  const calls = mockCommands(handlers);
  render(VisitEditor, { props: { patientId: PATIENT, visitId: 'v-1', onclose } });
  return calls;
}

const signedVisit = (over: Partial<Visit> = {}): Visit =>
  visit({
    note: { subjective: 'Headaches', objective: 'BP 128/82', assessment: 'Hypertension', plan: 'Lisinopril' },
    draftVersion: 3,
    signed: { at: '2026-11-26T16:00:00Z', by: 'u-drreyes', byName: 'Dr. Ana Reyes' },
    ...over,
  });

describe('VisitEditor', () => {
  it('saves the draft shortly after typing and shows when', async () => {
    const calls = open({
      get_visit: () => visit({ draftVersion: 2 }),
      save_draft: ({ expectedDraftVersion }) => ({ draftVersion: expectedDraftVersion + 1, savedAt: '2026-11-26T16:42:07Z' }),
    });
    const subjective = await screen.findByTestId('note-subjective');
    await fireEvent.input(subjective, { target: { value: 'Headaches for a week' } });
    expect(screen.getByTestId('draft-status').textContent).toMatch(/not saved yet/i);
    await waitFor(() => expect(calls.some((c) => c.cmd === 'save_draft')).toBe(true), { timeout: 3000 });
    const save = calls.find((c) => c.cmd === 'save_draft')!;
    expect(save.args).toMatchObject({ id: 'v-1', expectedDraftVersion: 2, note: { subjective: 'Headaches for a week' } });
    // 16:42:07 UTC is 10:42:07 in Chicago.
    await waitFor(() => expect(screen.getByTestId('draft-status').textContent).toContain('Saved 10:42:07'));
  });

  it('signs with the saved version, then shows the note read-only with who signed', async () => {
    const calls = open({
      get_visit: () => visit({ draftVersion: 3, note: { subjective: 'Headaches', objective: '', assessment: '', plan: 'Lisinopril' } }),
      sign_note: () => signedVisit(),
    });
    await fireEvent.click(await screen.findByTestId('sign-note'));
    await screen.findByTestId('signed-note');
    expect(calls.find((c) => c.cmd === 'sign_note')!.args).toEqual({ id: 'v-1', expectedDraftVersion: 3 });
    expect(screen.getByTestId('signature').textContent).toContain('Signed by Dr. Ana Reyes');
    expect(screen.queryByTestId('note-subjective')).toBeNull();
    expect(screen.queryByTestId('sign-note')).toBeNull();
    expect(screen.getByTestId('amend-note')).toBeTruthy();
  });

  it('signs from the keyboard with Ctrl+Enter', async () => {
    const calls = open({ get_visit: () => visit({ note: { subjective: 'x', objective: '', assessment: '', plan: '' } }), sign_note: () => signedVisit() });
    const field = await screen.findByTestId('note-plan');
    await fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true });
    await screen.findByTestId('signed-note');
    expect(calls.some((c) => c.cmd === 'sign_note')).toBe(true);
  });

  it('offers a nurse no Sign, but drafting', async () => {
    open({ get_visit: () => visit() }, NURSE);
    await screen.findByTestId('note-subjective');
    expect(screen.queryByTestId('sign-note')).toBeNull();
    expect((screen.getByTestId('note-plan') as HTMLTextAreaElement).disabled).toBe(false);
  });

  it('adds an amendment with its reason and lists it under the original', async () => {
    const calls = open({
      get_visit: () => signedVisit(),
      amend_note: ({ reason, text }) =>
        signedVisit({ amendments: [{ id: 'a-1', at: '2026-11-26T17:00:00Z', author: 'u-drreyes', authorName: 'Dr. Ana Reyes', reason, text }] }),
    });
    await fireEvent.click(await screen.findByTestId('amend-note'));
    await fireEvent.input(screen.getByTestId('amendment-text'), { target: { value: 'Lisinopril 5 mg, not 10 mg' } });
    await fireEvent.input(screen.getByTestId('amendment-reason'), { target: { value: 'dose was wrong' } });
    await fireEvent.click(screen.getByTestId('save-amendment'));
    const row = await screen.findByTestId('amendment-row');
    expect(row.textContent).toContain('dose was wrong');
    expect(row.textContent).toContain('Lisinopril 5 mg, not 10 mg');
    expect(screen.getByTestId('signed-note').textContent).toContain('Lisinopril');
    expect(calls.find((c) => c.cmd === 'amend_note')!.args).toEqual({ id: 'v-1', reason: 'dose was wrong', text: 'Lisinopril 5 mg, not 10 mg' });
  });

  it('shows an amendment refused for its reason under the reason field', async () => {
    open({
      get_visit: () => signedVisit(),
      amend_note: () => {
        throw errorReport('invalid_input', 'Say why', [{ field: 'reason', message: 'Say why (at least 3 characters)' }]);
      },
    });
    await fireEvent.click(await screen.findByTestId('amend-note'));
    await fireEvent.input(screen.getByTestId('amendment-text'), { target: { value: 'more' } });
    await fireEvent.click(screen.getByTestId('save-amendment'));
    expect((await screen.findByTestId('error-reason')).textContent).toContain('at least 3 characters');
    expect((screen.getByTestId('amendment-text') as HTMLTextAreaElement).value).toBe('more');
  });

  it('keeps the typed text when someone else saved meanwhile, and offers a reload', async () => {
    open({
      get_visit: () => visit({ draftVersion: 1 }),
      save_draft: () => {
        throw errorReport('conflict', 'This visit note was changed since you opened it; reload it and apply your change again');
      },
    });
    const plan = await screen.findByTestId('note-plan');
    await fireEvent.input(plan, { target: { value: 'Recheck in 2 weeks' } });
    const conflict = await screen.findByTestId('draft-conflict', {}, { timeout: 3000 });
    expect(screen.getByTestId('conflict-text').textContent).toContain('Recheck in 2 weeks');
    expect((screen.getByTestId('note-plan') as HTMLTextAreaElement).value).toBe('Recheck in 2 weeks');
    expect(conflict.querySelector('[data-testid="reload-visit"]')).toBeTruthy();
  });

  it('marks a draft entered in error with a reason and keeps it readable', async () => {
    const calls = open({
      get_visit: () => visit(),
      visit_entered_in_error: ({ reason }) =>
        visit({ enteredInError: { at: '2026-11-26T17:00:00Z', by: 'u-drreyes', byName: 'Dr. Ana Reyes', reason } }),
    });
    await fireEvent.click(await screen.findByTestId('visit-error'));
    await fireEvent.input(screen.getByTestId('visit-error-reason'), { target: { value: 'wrong patient' } });
    await fireEvent.click(screen.getByTestId('visit-error-save'));
    expect((await screen.findByTestId('visit-in-error')).textContent).toContain('wrong patient');
    expect(calls.find((c) => c.cmd === 'visit_entered_in_error')!.args).toEqual({ id: 'v-1', reason: 'wrong patient' });
    expect((screen.getByTestId('note-plan') as HTMLTextAreaElement).disabled).toBe(true);
  });

  it('prints the after-visit summary alone, with the patient identifiers', async () => {
    open({ get_visit: () => signedVisit(), after_visit_summary: () => avs() });
    let duringPrint: { printing: boolean; text: string } | null = null;
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      duringPrint = {
        printing: document.body.classList.contains('printing-avs'),
        text: document.querySelector('[data-testid="avs-print"]')?.textContent ?? '',
      };
    });
    await fireEvent.click(await screen.findByTestId('print-avs'));
    await waitFor(() => expect(print).toHaveBeenCalled());
    expect(duringPrint!.printing).toBe(true);
    expect(duringPrint!.text).toContain('Ada Okafor');
    expect(duringPrint!.text).toContain('4 Mar 1970');
    expect(duringPrint!.text).toContain('1042');
    window.dispatchEvent(new Event('afterprint'));
    expect(document.body.classList.contains('printing-avs')).toBe(false);
    expect(document.querySelector('[data-testid="avs-print"]')).toBeNull();
    print.mockRestore();
  });

  it('cancels the amendment form with Esc and puts focus back on Amend', async () => {
    const onclose = vi.fn();
    open({ get_visit: () => signedVisit() }, DR_REYES, onclose);
    await fireEvent.click(await screen.findByTestId('amend-note'));
    const text = screen.getByTestId('amendment-text');
    expect(document.activeElement).toBe(text);
    await fireEvent.keyDown(text, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('amend-note')));
    expect(screen.queryByTestId('amendment-text')).toBeNull();
    expect(onclose).not.toHaveBeenCalled();
  });

  it('goes back with Esc', async () => {
    const onclose = vi.fn();
    open({ get_visit: () => visit() }, DR_REYES, onclose);
    await fireEvent.keyDown(await screen.findByTestId('note-subjective'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalled();
  });
});

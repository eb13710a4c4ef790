// The visit's diagnosis picker: results as you type with stale answers dropped, keyboard
// choice and Enter / Shift+Enter to add (as primary), the code error at the search box,
// "Add to problem list" in one action, entered in error with a reason, and read-only views.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import DiagnosisPicker from './DiagnosisPicker.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { DiagnosisChoice, VisitDiagnosis } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DR_REYES, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const PATH = 'Endocrine, nutritional and metabolic diseases (E00-E89) › Diabetes mellitus (E08-E13)';

function choice(code: string, description: string, extra: Partial<DiagnosisChoice> = {}): DiagnosisChoice {
  return { code, description, path: PATH, matched: 'words', via: null, recent: false, ...extra };
}

const E1121 = choice('E11.21', 'Type 2 diabetes mellitus with diabetic nephropathy', { recent: true });
const E1122 = choice('E11.22', 'Type 2 diabetes mellitus with diabetic chronic kidney disease', {
  matched: 'synonym',
  via: 'DM2 = type 2 diabetes mellitus',
});

function dx(code: string, description: string, extra: Partial<VisitDiagnosis> = {}): VisitDiagnosis {
  return {
    id: `d-${code}`,
    visitId: 'v-1',
    patientId: 'p-1',
    code,
    description,
    path: PATH,
    primary: false,
    position: 0,
    addedAt: '2026-11-26T15:00:00Z',
    addedBy: 'u-drreyes',
    addedByName: 'Dr. Ana Reyes',
    onProblemList: false,
    enteredInError: null,
    ...extra,
  };
}

/** A promise a test resolves when it wants the answer to arrive. */
function later<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function renderPicker(handlers: Record<string, CommandHandler>, readonly = false, who = DR_REYES) {
  session.info = appInfoAs(who);
  const calls = mockCommands({ list_visit_diagnoses: () => [], search_diagnoses: () => [], ...handlers });
  render(DiagnosisPicker, { props: { patientId: 'p-1', visitId: 'v-1', readonly } });
  return calls;
}

function box(): HTMLInputElement {
  return screen.getByTestId('diagnosis-search') as HTMLInputElement;
}

describe('diagnosis picker', () => {
  it('shows results as you type with code, description, path, the recent marker and what matched', async () => {
    const calls = renderPicker({ search_diagnoses: ({ query }) => (query ? [E1121, E1122] : []) });
    await fireEvent.focus(box());
    await fireEvent.input(box(), { target: { value: 'DM2' } });
    const rows = await screen.findAllByTestId('diagnosis-result');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('E11.21');
    expect(rows[0].textContent).toContain('Type 2 diabetes mellitus with diabetic nephropathy');
    expect(rows[0].textContent).toContain('Diabetes mellitus (E08-E13)');
    expect(rows[0].querySelector('[data-testid="diagnosis-recent"]')).toBeTruthy();
    expect(rows[1].querySelector('[data-testid="diagnosis-recent"]')).toBeNull();
    expect(rows[1].textContent).toContain('DM2 = type 2 diabetes mellitus');
    const asked = calls.filter((c) => c.cmd === 'search_diagnoses').map((c) => c.args.query);
    expect(asked).toContain('DM2');
  });

  it('offers the practice’s most used codes when the empty box gets focus', async () => {
    const calls = renderPicker({ search_diagnoses: ({ query }) => (query ? [] : [{ ...E1121, matched: null }]) });
    await fireEvent.focus(box());
    const rows = await screen.findAllByTestId('diagnosis-result');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('recent');
    expect(calls.find((c) => c.cmd === 'search_diagnoses')!.args).toEqual({ query: '', limit: 20 });
  });

  it('drops an answer that arrives after a newer one', async () => {
    const slow = later<DiagnosisChoice[]>();
    renderPicker({
      search_diagnoses: ({ query }) => (query === 'E11' ? slow.promise : query === 'E11.2' ? [E1121] : []),
    });
    await fireEvent.focus(box());
    await fireEvent.input(box(), { target: { value: 'E11' } });
    await fireEvent.input(box(), { target: { value: 'E11.2' } });
    await waitFor(() => expect(screen.getAllByTestId('diagnosis-result')).toHaveLength(1));
    slow.resolve([choice('E11.00', 'old answer'), choice('E11.01', 'old answer too')]);
    await new Promise((r) => setTimeout(r, 10));
    const rows = screen.getAllByTestId('diagnosis-result');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('E11.21');
  });

  it('adds the chosen code with ArrowDown and Enter, and as primary with Shift+Enter', async () => {
    const calls = renderPicker({
      search_diagnoses: ({ query }) => (query ? [E1121, E1122] : []),
      add_visit_diagnosis: ({ code, primary }) => [dx(code, 'added', { primary })],
    });
    await fireEvent.focus(box());
    await fireEvent.input(box(), { target: { value: 'diab typ 2 kidn' } });
    await screen.findAllByTestId('diagnosis-result');
    await fireEvent.keyDown(box(), { key: 'ArrowDown' });
    await fireEvent.keyDown(box(), { key: 'Enter' });
    await screen.findByTestId('visit-diagnosis');
    let add = calls.filter((c) => c.cmd === 'add_visit_diagnosis');
    expect(add[0].args).toEqual({ visitId: 'v-1', code: 'E11.22', primary: false });
    expect(box().value, 'the box clears for the next code').toBe('');

    await fireEvent.input(box(), { target: { value: 'E11.2' } });
    await screen.findAllByTestId('diagnosis-result');
    await fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true });
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'add_visit_diagnosis')).toHaveLength(2));
    add = calls.filter((c) => c.cmd === 'add_visit_diagnosis');
    expect(add[1].args).toEqual({ visitId: 'v-1', code: 'E11.21', primary: true });
  });

  it('adds as primary when the checkbox is ticked, and Esc clears the box', async () => {
    const calls = renderPicker({
      search_diagnoses: ({ query }) => (query ? [E1121] : []),
      add_visit_diagnosis: ({ code, primary }) => [dx(code, 'added', { primary })],
    });
    await fireEvent.click(screen.getByTestId('diagnosis-primary'));
    await fireEvent.focus(box());
    await fireEvent.input(box(), { target: { value: 'E11' } });
    await screen.findAllByTestId('diagnosis-result');
    await fireEvent.keyDown(box(), { key: 'Escape' });
    expect(box().value).toBe('');
    expect(screen.queryAllByTestId('diagnosis-result')).toHaveLength(0);
    await fireEvent.input(box(), { target: { value: 'E11' } });
    await screen.findAllByTestId('diagnosis-result');
    await fireEvent.keyDown(box(), { key: 'Enter' });
    await screen.findByTestId('visit-diagnosis');
    expect(calls.find((c) => c.cmd === 'add_visit_diagnosis')!.args.primary).toBe(true);
    expect(screen.getByTestId('visit-diagnosis').textContent).toContain('Primary');
  });

  it('shows the core’s refusal of a code at the search box', async () => {
    renderPicker({
      search_diagnoses: ({ query }) => (query ? [E1121] : []),
      add_visit_diagnosis: () => {
        throw errorReport('invalid_input', 'E11.21 is already on this visit', [
          { field: 'code', message: 'E11.21 is already on this visit' },
        ]);
      },
    });
    await fireEvent.focus(box());
    await fireEvent.input(box(), { target: { value: 'E11.21' } });
    await screen.findAllByTestId('diagnosis-result');
    await fireEvent.keyDown(box(), { key: 'Enter' });
    expect((await screen.findByTestId('error-diagnosis-search')).textContent).toContain('already on this visit');
  });

  it('puts a diagnosis on the problem list in one action, then says so', async () => {
    const calls = renderPicker({
      list_visit_diagnoses: () => [dx('I10', 'Essential (primary) hypertension', { primary: true })],
      problem_from_diagnosis: () => ({ outcome: 'added', problem: {} }),
    });
    await fireEvent.click(await screen.findByTestId('add-to-problems'));
    expect((await screen.findByTestId('on-problem-list')).textContent).toContain('On problem list');
    expect(calls.find((c) => c.cmd === 'problem_from_diagnosis')!.args).toEqual({ diagnosisId: 'd-I10' });
    expect(screen.queryByTestId('add-to-problems')).toBeNull();
  });

  it('makes another diagnosis primary', async () => {
    const list = [dx('I10', 'Hypertension', { primary: true }), dx('E78.5', 'Hyperlipidemia', { position: 1 })];
    const calls = renderPicker({
      list_visit_diagnoses: () => list,
      set_primary_diagnosis: () => [{ ...list[0], primary: false }, { ...list[1], primary: true }],
    });
    await fireEvent.click(await screen.findByTestId('make-primary'));
    await waitFor(() => expect(screen.getAllByTestId('visit-diagnosis')[1].textContent).toContain('Primary'));
    expect(calls.find((c) => c.cmd === 'set_primary_diagnosis')!.args).toEqual({ id: 'd-E78.5' });
  });

  it('marks a diagnosis of a signed visit entered in error with a reason, but offers no adding', async () => {
    const mark = { at: '2026-11-26T16:00:00Z', by: 'u-drreyes', byName: 'Dr. Ana Reyes', reason: 'wrong side' };
    const calls = renderPicker(
      {
        list_visit_diagnoses: () => [dx('M17.11', 'Unilateral primary osteoarthritis, right knee', { primary: true })],
        diagnosis_entered_in_error: ({ reason }) => {
          if (reason.length < 3) throw errorReport('invalid_input', 'Say why', [{ field: 'reason', message: 'Say why' }]);
          return [dx('M17.11', 'Unilateral primary osteoarthritis, right knee', { enteredInError: mark })];
        },
      },
      true,
    );
    expect(screen.queryByTestId('diagnosis-search')).toBeNull();
    await fireEvent.click(await screen.findByTestId('diagnosis-eie'));
    await fireEvent.keyDown(screen.getByTestId('diagnosis-eie-reason'), { key: 'Enter' });
    expect((await screen.findByTestId('error-diagnosis-eie-reason')).textContent).toContain('Say why');
    await fireEvent.input(screen.getByTestId('diagnosis-eie-reason'), { target: { value: 'wrong side' } });
    await fireEvent.click(screen.getByTestId('diagnosis-eie-confirm'));
    expect((await screen.findByTestId('diagnosis-eie-mark')).textContent).toContain('wrong side');
    expect(calls.filter((c) => c.cmd === 'diagnosis_entered_in_error').at(-1)!.args).toEqual({ id: 'd-M17.11', reason: 'wrong side' });
  });

  it('shows a nurse the diagnoses with no control to change them', async () => {
    renderPicker({ list_visit_diagnoses: () => [dx('I10', 'Hypertension', { primary: true })] }, false, NURSE);
    await screen.findByTestId('visit-diagnosis');
    expect(screen.queryByTestId('diagnosis-search')).toBeNull();
    expect(screen.queryByTestId('diagnosis-primary')).toBeNull();
    expect(screen.queryByTestId('add-to-problems')).toBeNull();
    expect(screen.queryByTestId('diagnosis-eie')).toBeNull();
  });
});

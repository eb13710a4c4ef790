// The problem list: groups in order, adding a coded or free-text problem with the ICD search,
// field errors at their fields, Enter opening a row and Esc closing it, inline edit with the
// version it started from, history rendering, entered in error, and a nurse's read-only view.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import ProblemList from './ProblemList.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import type { Problem, ProblemVersion } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DR_REYES, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function problem(id: string, description: string, extra: Partial<Problem> = {}): Problem {
  return {
    id,
    patientId: 'p-1',
    code: null,
    description,
    path: '',
    status: 'active',
    onset: null,
    resolved: null,
    comment: '',
    version: 1,
    createdAt: '2026-11-20T15:00:00Z',
    createdByName: 'Dr. Ana Reyes',
    updatedAt: '2026-11-20T15:00:00Z',
    updatedByName: 'Dr. Ana Reyes',
    enteredInError: null,
    visits: [],
    ...extra,
  };
}

const DIABETES = problem('pr-1', 'Type 2 diabetes mellitus without complications', {
  code: 'E11.9',
  path: 'Endocrine, nutritional and metabolic diseases (E00-E89) › Diabetes mellitus (E08-E13)',
  onset: '2019',
  version: 3,
  visits: [{ visitId: 'v-1', startedAt: '2026-11-20T15:00:00Z', reason: 'diabetes follow-up' }],
});
const ECZEMA = problem('pr-2', 'Eczema', { status: 'inactive' });
const ANKLE = problem('pr-3', 'Ankle sprain', { status: 'resolved', onset: '2024-05', resolved: '2024-07' });
const MISTAKE = problem('pr-4', 'Gout', {
  enteredInError: { at: '2026-11-21T15:00:00Z', by: 'u-drreyes', byName: 'Dr. Ana Reyes', reason: 'pseudogout' },
});

function renderList(handlers: Record<string, CommandHandler>, who = DR_REYES) {
  session.info = appInfoAs(who);
  const calls = mockCommands({
    list_problems: () => [DIABETES, ECZEMA, ANKLE, MISTAKE],
    search_diagnoses: () => [],
    ...handlers,
  });
  render(ProblemList, { props: { patientId: 'p-1' } });
  return calls;
}

function field(name: string): HTMLInputElement {
  return screen.getByTestId('problem-form').querySelector<HTMLInputElement>(`[name="${name}"]`)!;
}

describe('problem list', () => {
  it('groups active, inactive and resolved problems, then those entered in error, marking uncoded ones', async () => {
    renderList({});
    await screen.findAllByTestId('problem-row');
    expect(within(screen.getByTestId('problem-group-active')).getByTestId('problem-row').textContent).toContain('E11.9');
    expect(within(screen.getByTestId('problem-group-inactive')).getByTestId('problem-row').textContent).toContain('uncoded');
    expect(within(screen.getByTestId('problem-group-resolved')).getByTestId('problem-row').textContent).toContain('resolved 2024-07');
    const eie = within(screen.getByTestId('problem-group-entered-in-error')).getByTestId('problem-row');
    expect(eie.textContent).toContain('pseudogout');
    const order = screen.getAllByTestId('problem-row').map((r) => r.getAttribute('data-problem-id'));
    expect(order).toEqual(['pr-1', 'pr-2', 'pr-3', 'pr-4']);
  });

  it('adds a coded problem found with the ICD search, its description defaulting to the code’s', async () => {
    const calls = renderList({
      list_problems: () => [],
      search_diagnoses: ({ query }) =>
        query
          ? [{ code: 'I10', description: 'Essential (primary) hypertension', path: 'Diseases of the circulatory system (I00-I99) › Hypertensive diseases (I10-I1A)', matched: 'synonym', via: 'HTN = hypertension', recent: false }]
          : [],
      add_problem: ({ draft }) => problem('pr-9', draft.description, { code: draft.code }),
    });
    await fireEvent.click(await screen.findByTestId('add-problem'));
    const search = screen.getByTestId('problem-code-search');
    await fireEvent.focus(search);
    await fireEvent.input(search, { target: { value: 'HTN' } });
    await screen.findAllByTestId('diagnosis-result');
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByTestId('problem-code').textContent).toContain('I10');
    expect(field('description').value).toBe('Essential (primary) hypertension');
    await fireEvent.input(field('onset'), { target: { value: '2018' } });
    await fireEvent.click(screen.getByTestId('save-problem'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'add_problem')).toBe(true));
    const args = calls.find((c) => c.cmd === 'add_problem')!.args;
    expect(args.patientId).toBe('p-1');
    expect(args.draft).toEqual({ code: 'I10', description: 'Essential (primary) hypertension', status: 'active', onset: '2018', resolved: '', comment: '' });
    await waitFor(() => expect(screen.queryByTestId('problem-form')).toBeNull());
  });

  it('shows the core’s field errors at their fields and keeps what was typed', async () => {
    renderList({
      add_problem: () => {
        throw errorReport('invalid_input', 'Describe the problem, or choose a code', [
          { field: 'description', message: 'Describe the problem, or choose a code' },
          { field: 'onset', message: 'This date is in the future' },
        ]);
      },
    });
    await fireEvent.click(await screen.findByTestId('add-problem'));
    await fireEvent.input(field('onset'), { target: { value: '2030' } });
    await fireEvent.click(screen.getByTestId('save-problem'));
    expect((await screen.findByTestId('error-description')).textContent).toContain('Describe the problem');
    expect(screen.getByTestId('error-onset').textContent).toContain('future');
    expect(field('onset').value).toBe('2030');
  });

  it('opens a row with Enter showing its visits, edits it with the version it started from, and closes with Esc', async () => {
    const calls = renderList({
      update_problem: ({ draft }) => ({ ...DIABETES, ...draft, version: 4 }),
    });
    const row = (await screen.findAllByTestId('problem-row'))[0];
    await fireEvent.keyDown(row, { key: 'Enter' });
    const detail = screen.getByTestId('problem-detail');
    expect(within(detail).getByTestId('problem-visit').textContent).toContain('diabetes follow-up');
    await fireEvent.click(within(detail).getByTestId('edit-problem'));
    await fireEvent.change(screen.getByTestId('problem-status'), { target: { value: 'inactive' } });
    await fireEvent.input(field('comment'), { target: { value: 'diet controlled' } });
    await fireEvent.submit(screen.getByTestId('problem-form'));
    await waitFor(() => expect(calls.some((c) => c.cmd === 'update_problem')).toBe(true));
    const args = calls.find((c) => c.cmd === 'update_problem')!.args;
    expect(args.id).toBe('pr-1');
    expect(args.expectedVersion).toBe(3);
    expect(args.draft.status).toBe('inactive');
    expect(args.draft.comment).toBe('diet controlled');
    await waitFor(() => expect(within(screen.getByTestId('problem-group-inactive')).getAllByTestId('problem-row')).toHaveLength(2));
    const moved = screen.getAllByTestId('problem-row').find((r) => r.getAttribute('data-problem-id') === 'pr-1')!;
    await fireEvent.keyDown(moved, { key: 'Enter' });
    expect(screen.getByTestId('problem-detail')).toBeTruthy();
    await fireEvent.keyDown(moved, { key: 'Escape' });
    expect(screen.queryByTestId('problem-detail')).toBeNull();
  });

  it('renders every version of the history with who, when and what changed', async () => {
    const versions: ProblemVersion[] = [
      { version: 1, change: 'created', code: 'E11.9', description: 'Type 2 diabetes', status: 'active', onset: '2019', resolved: null, comment: '', changedAt: '2026-11-20T15:00:00Z', changedBy: 'u-drreyes', changedByName: 'Dr. Ana Reyes', reason: null, changed: [] },
      { version: 2, change: 'updated', code: 'E11.9', description: 'Type 2 diabetes', status: 'inactive', onset: '2019', resolved: null, comment: 'diet controlled', changedAt: '2026-11-21T15:30:00Z', changedBy: 'u-drreyes', changedByName: 'Dr. Ana Reyes', reason: null, changed: ['status', 'comment'] },
    ];
    const calls = renderList({ problem_history: () => versions });
    await fireEvent.click((await screen.findAllByTestId('problem-row'))[0]);
    await fireEvent.click(screen.getByTestId('problem-history'));
    const entries = await screen.findAllByTestId('problem-history-entry');
    expect(entries).toHaveLength(2);
    expect(entries[0].textContent).toContain('Added by Dr. Ana Reyes');
    expect(entries[1].textContent).toContain('changed status, comment');
    expect(entries[1].textContent).toContain('Inactive');
    // Practice time (Chicago): 15:30 UTC is 09:30.
    expect(entries[1].textContent).toContain('09:30');
    expect(calls.find((c) => c.cmd === 'problem_history')!.args).toEqual({ id: 'pr-1' });
  });

  it('marks a problem entered in error with a reason and lists it apart', async () => {
    const calls = renderList({
      problem_entered_in_error: ({ reason }) => ({ ...ECZEMA, version: 2, enteredInError: { at: '2026-11-26T15:00:00Z', by: 'u-drreyes', byName: 'Dr. Ana Reyes', reason } }),
    });
    const row = (await screen.findAllByTestId('problem-row'))[1];
    await fireEvent.keyDown(row, { key: 'Enter' });
    await fireEvent.click(screen.getByTestId('problem-eie'));
    await fireEvent.input(screen.getByTestId('problem-eie-reason'), { target: { value: 'another patient' } });
    await fireEvent.keyDown(screen.getByTestId('problem-eie-reason'), { key: 'Enter' });
    await waitFor(() => expect(within(screen.getByTestId('problem-group-entered-in-error')).getAllByTestId('problem-row')).toHaveLength(2));
    expect(calls.find((c) => c.cmd === 'problem_entered_in_error')!.args).toEqual({ id: 'pr-2', reason: 'another patient' });
    expect(screen.queryByTestId('problem-group-inactive')).toBeNull();
  });

  it('shows a nurse the list and the history but no control to change it', async () => {
    renderList({ problem_history: () => [] }, NURSE);
    const row = (await screen.findAllByTestId('problem-row'))[0];
    expect(screen.queryByTestId('add-problem')).toBeNull();
    await fireEvent.keyDown(row, { key: 'Enter' });
    expect(screen.getByTestId('problem-history')).toBeTruthy();
    expect(screen.queryByTestId('edit-problem')).toBeNull();
    expect(screen.queryByTestId('problem-eie')).toBeNull();
  });
});

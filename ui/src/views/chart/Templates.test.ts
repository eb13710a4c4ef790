// The Templates & phrases screen: templates listed by visit type, edited with the core's errors
// under their fields, read-only for a nurse; phrases added with field errors, the list
// refreshed after a save, the practice's phrases not editable by a nurse, retiring asked inline.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Templates from './Templates.svelte';
import { clearMocks, errorReport, mockCommands } from '../../api/testing';
import type { NoteTemplate, PhraseBook, SmartPhrase } from '../../api';
import { resetPhraseCache } from './templates/phrase-book.svelte';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DR_REYES, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

function template(id: string, visitType: NoteTemplate['visitType'], name: string): NoteTemplate {
  return { id, visitType, name, subjective: 'HPI: ***', objective: 'Exam: ***', assessment: '1. ***', plan: 'Follow-up: ***', retired: false, version: 1, updatedAt: '2026-01-01T00:00:00Z' };
}

const TEMPLATES = [template('t1', 'office', 'Acute visit'), template('t2', 'office', 'Annual physical'), template('t3', 'telephone', 'Telephone consultation')];

function phrase(abbreviation: string, owner: SmartPhrase['owner']): SmartPhrase {
  return { id: `ph-${abbreviation}-${owner}`, abbreviation, expansion: `${abbreviation} text`, owner, shadowed: false, updatedAt: '2026-01-01T00:00:00Z' };
}

afterEach(() => {
  clearMocks();
  resetPhraseCache();
  resetUiState();
});

describe('templates and phrases screen', () => {
  it('lists templates by type and shows the core’s errors under their fields', async () => {
    session.info = appInfoAs(DR_REYES);
    const calls = mockCommands({
      list_templates: () => TEMPLATES,
      list_phrases: (): PhraseBook => ({ phrases: [], builtIns: [] }),
      save_template: ({ draft }) => {
        if (!draft.name.trim()) throw errorReport('invalid_input', 'Give the template a name', [
          { field: 'name', message: 'Give the template a name' },
          { field: 'plan', message: 'Keep each section under 20000 characters' },
        ]);
        return { ...TEMPLATES[0], ...draft, version: 2 };
      },
    });
    render(Templates);
    const office = await screen.findByTestId('templates-office');
    expect(within(office).getAllByTestId('template-row')).toHaveLength(2);
    expect(within(screen.getByTestId('templates-telephone')).getAllByTestId('template-row')).toHaveLength(1);

    await fireEvent.click(within(office).getAllByTestId('edit-template')[0]);
    const name = screen.getByTestId('template-name') as HTMLInputElement;
    expect(name.value).toBe('Acute visit');
    await fireEvent.input(name, { target: { value: '  ' } });
    await fireEvent.click(screen.getByTestId('save-template'));
    expect((await screen.findByTestId('error-name')).textContent).toContain('Give the template a name');
    expect(screen.getByTestId('error-plan').textContent).toContain('20000');

    await fireEvent.input(name, { target: { value: 'Acute (same day)' } });
    await fireEvent.click(screen.getByTestId('save-template'));
    await screen.findByTestId('templates-notice');
    const saves = calls.filter((c) => c.cmd === 'save_template');
    expect(saves[1].args).toMatchObject({ id: 't1', expectedVersion: 1, draft: { name: 'Acute (same day)', visitType: 'office' } });
    await waitFor(() => expect(screen.queryByTestId('template-form')).toBeNull());
  });

  it('says so when someone else saved the template first and keeps the form open', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({
      list_templates: () => TEMPLATES,
      list_phrases: (): PhraseBook => ({ phrases: [], builtIns: [] }),
      save_template: () => {
        throw errorReport('conflict', 'This template was changed since you opened it; reload it and apply your change again');
      },
    });
    render(Templates);
    await fireEvent.click((await screen.findAllByTestId('edit-template'))[0]);
    await fireEvent.keyDown(screen.getByTestId('template-plan'), { key: 'Enter', ctrlKey: true });
    expect((await screen.findByTestId('template-form-error')).textContent).toContain('changed since you opened it');
    expect(screen.getByTestId('template-form')).toBeTruthy();
    await fireEvent.keyDown(screen.getByTestId('template-name'), { key: 'Escape' });
    expect(screen.queryByTestId('template-form')).toBeNull();
    // Keyboard users land back on the row they were editing.
    await waitFor(() => expect((document.activeElement as HTMLElement).dataset.id).toBe('t1'));
  });

  it('lets a nurse read templates and add her own phrase, not edit the practice’s', async () => {
    session.info = appInfoAs(NURSE);
    let book: PhraseBook = { phrases: [phrase('.htn', 'practice')], builtIns: [{ abbreviation: '.vitals', description: 'Vitals' }] };
    const calls = mockCommands({
      list_templates: () => TEMPLATES,
      list_phrases: () => book,
      save_phrase: ({ draft }) => {
        if (draft.abbreviation === '.') throw errorReport('invalid_input', 'x', [{ field: 'abbreviation', message: 'After the dot use 2 to 20 letters a–z or digits' }]);
        const saved = { ...phrase(draft.abbreviation, 'mine'), expansion: draft.expansion };
        book = { ...book, phrases: [saved, ...book.phrases] };
        return saved;
      },
    });
    render(Templates);
    await screen.findAllByTestId('template-row');
    expect(screen.queryByTestId('edit-template')).toBeNull();
    expect(screen.queryByTestId('add-template')).toBeNull();
    expect(screen.getByTestId('templates-read-only')).toBeTruthy();

    const row = await screen.findByTestId('phrase-row');
    expect(within(row).queryByTestId('edit-phrase')).toBeNull();
    expect(screen.getAllByTestId('builtin-row')).toHaveLength(1);
    expect(screen.queryByTestId('add-practice-phrase')).toBeNull();

    await fireEvent.click(screen.getByTestId('add-phrase'));
    await fireEvent.input(screen.getByTestId('phrase-expansion'), { target: { value: 'Knee exam normal.' } });
    await fireEvent.click(screen.getByTestId('save-phrase'));
    expect((await screen.findByTestId('error-abbreviation')).textContent).toContain('2 to 20');

    await fireEvent.input(screen.getByTestId('phrase-abbreviation'), { target: { value: '.knee' } });
    await fireEvent.click(screen.getByTestId('save-phrase'));
    await waitFor(() => expect(screen.getAllByTestId('phrase-row')).toHaveLength(2));
    const sent = calls.filter((c) => c.cmd === 'save_phrase').at(-1)!.args;
    expect(sent).toMatchObject({ id: null, draft: { abbreviation: '.knee', expansion: 'Knee exam normal.', practiceWide: false } });
    expect(calls.filter((c) => c.cmd === 'list_phrases')).toHaveLength(2);
  });

  it('retires a phrase only after an inline confirmation', async () => {
    session.info = appInfoAs(DR_REYES);
    let book: PhraseBook = { phrases: [phrase('.mine', 'mine')], builtIns: [] };
    const calls = mockCommands({
      list_templates: () => [],
      list_phrases: () => book,
      retire_phrase: () => {
        book = { ...book, phrases: [] };
        return null;
      },
    });
    render(Templates);
    await fireEvent.click(await screen.findByTestId('retire-phrase'));
    expect(calls.some((c) => c.cmd === 'retire_phrase')).toBe(false);
    await fireEvent.click(screen.getByTestId('confirm-retire-phrase'));
    await waitFor(() => expect(screen.queryByTestId('phrase-row')).toBeNull());
    expect(calls.find((c) => c.cmd === 'retire_phrase')!.args).toEqual({ id: 'ph-.mine-mine' });
    expect(screen.getByTestId('phrases-notice').textContent).toContain('retired');
  });
});

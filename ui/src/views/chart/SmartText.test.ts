// The note editor's smart phrases: `.abbrev` + Space/Tab/Enter expands in place, the list of
// suggestions is picked by keyboard, an unknown abbreviation stays as typed, built-ins ask the
// core (which reads the chart), and my own phrase beats the practice's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import SmartText from './SmartText.svelte';
import { clearMocks, errorReport, mockCommands, type RecordedCall } from '../../api/testing';
import type { PhraseBook, SmartPhrase } from '../../api';
import { phrases, resetPhraseCache } from './templates/phrase-book.svelte';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DR_REYES } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

function phrase(abbreviation: string, expansion: string, owner: SmartPhrase['owner'] = 'practice', shadowed = false): SmartPhrase {
  return { id: `ph-${owner}-${abbreviation}`, abbreviation, expansion, owner, shadowed, updatedAt: '2026-01-01T00:00:00Z' };
}

const BOOK: PhraseBook = {
  phrases: [
    phrase('.hpi', 'History of present illness: ***'),
    phrase('.htn', 'Hypertension follow-up, BP at goal.'),
    phrase('.ros', 'ROS: negative except as noted.'),
  ],
  builtIns: [{ abbreviation: '.vitals', description: "Today's vitals on one line" }],
};

let calls: RecordedCall[];

function mock(book: PhraseBook = BOOK) {
  calls = mockCommands({
    list_phrases: () => book,
    expand_phrase: ({ abbreviation }) => {
      if (abbreviation === '.vitals') return { text: 'BP 128/82 sitting, P 72' };
      throw errorReport('not_found', 'No smart phrase');
    },
  });
}

let typed: string[] = [];

async function field(): Promise<HTMLTextAreaElement> {
  typed = [];
  const oninput = (v: string) => typed.push(v);
  render(SmartText, { props: { value: '', label: 'Subjective', patientId: 'p-1', visitId: 'v-1', testid: 'note-subjective', oninput } });
  const ta = screen.getByTestId('note-subjective') as HTMLTextAreaElement;
  await waitFor(() => expect(phrases.book).not.toBeNull());
  return ta;
}

/** Types `text` at the end (the caret follows the value in jsdom). */
async function type(ta: HTMLTextAreaElement, text: string) {
  await fireEvent.input(ta, { target: { value: ta.value + text } });
}

beforeEach(() => {
  session.info = appInfoAs(DR_REYES);
});

afterEach(() => {
  clearMocks();
  resetPhraseCache();
  resetUiState();
});

describe('smart text', () => {
  it('expands an abbreviation on Space and keeps typing flowing', async () => {
    mock();
    const ta = await field();
    await type(ta, 'Seen today. .htn');
    const notPrevented = await fireEvent.keyDown(ta, { key: ' ' });
    expect(notPrevented).toBe(false);
    expect(ta.value).toBe('Seen today. Hypertension follow-up, BP at goal. ');
    expect(ta.selectionStart).toBe(ta.value.length);
    // The owner (the visit editor's autosave) hears the expanded text like typing.
    expect(typed.at(-1)).toBe(ta.value);
    expect(calls.some((c) => c.cmd === 'expand_phrase')).toBe(false);
  });

  it('expands on Tab without moving the focus and selects the first *** blank', async () => {
    mock();
    const ta = await field();
    ta.focus();
    await type(ta, '.HPI');
    const notPrevented = await fireEvent.keyDown(ta, { key: 'Tab' });
    expect(notPrevented).toBe(false);
    expect(document.activeElement).toBe(ta);
    expect(ta.value).toBe('History of present illness: ***');
    expect(ta.value.slice(ta.selectionStart, ta.selectionEnd)).toBe('***');
  });

  it('leaves an unknown abbreviation as typed and lets the key through', async () => {
    mock();
    const ta = await field();
    await type(ta, 'Plan: .xyz');
    const notPrevented = await fireEvent.keyDown(ta, { key: ' ' });
    expect(notPrevented).toBe(true);
    expect(ta.value).toBe('Plan: .xyz');
    // Tab out of an unknown one moves on as usual.
    expect(await fireEvent.keyDown(ta, { key: 'Tab' })).toBe(true);
  });

  it('suggests while typing and picks with the arrows and Enter', async () => {
    mock();
    const ta = await field();
    await type(ta, '.h');
    const rows = await screen.findAllByTestId('phrase-suggestion');
    expect(rows.map((r) => r.querySelector('code')!.textContent)).toEqual(['.hpi', '.htn']);
    expect(rows[0].getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(ta, { key: 'ArrowDown' });
    expect(screen.getAllByTestId('phrase-suggestion')[1].getAttribute('aria-selected')).toBe('true');
    expect(await fireEvent.keyDown(ta, { key: 'Enter' })).toBe(false);
    expect(ta.value).toBe('Hypertension follow-up, BP at goal.');
    await waitFor(() => expect(screen.queryByTestId('phrase-suggestions')).toBeNull());
  });

  it('closes the suggestions on Esc and keeps the text', async () => {
    mock();
    const ta = await field();
    await type(ta, '.r');
    await screen.findByTestId('phrase-suggestions');
    await fireEvent.keyDown(ta, { key: 'Escape' });
    expect(screen.queryByTestId('phrase-suggestions')).toBeNull();
    expect(ta.value).toBe('.r');
    // Enter is a new line again once the list is closed.
    expect(await fireEvent.keyDown(ta, { key: 'Enter' })).toBe(true);
  });

  it('fills a built-in from the chart through expand_phrase with the patient and visit', async () => {
    mock();
    const ta = await field();
    await type(ta, 'Vitals: .vitals');
    await fireEvent.keyDown(ta, { key: ' ' });
    await waitFor(() => expect(ta.value).toBe('Vitals: BP 128/82 sitting, P 72 '));
    const asked = calls.filter((c) => c.cmd === 'expand_phrase');
    expect(asked).toHaveLength(1);
    expect(asked[0].args).toMatchObject({ abbreviation: '.vitals', patientId: 'p-1', visitId: 'v-1' });
  });

  it('shows why a built-in could not be filled and leaves the abbreviation', async () => {
    calls = mockCommands({
      list_phrases: () => BOOK,
      expand_phrase: () => {
        throw errorReport('restricted', 'This chart is restricted');
      },
    });
    const ta = await field();
    await type(ta, '.vitals');
    await fireEvent.keyDown(ta, { key: 'Tab' });
    expect((await screen.findByTestId('phrase-error')).textContent).toContain('restricted');
    expect(ta.value).toBe('.vitals');
  });

  it('expands my own phrase rather than the practice one of the same abbreviation', async () => {
    mock({
      // The practice's listed first: being replaced by mine, it must not be the one expanded.
      phrases: [phrase('.htn', 'Practice BP wording.', 'practice', true), phrase('.htn', 'My own BP wording.', 'mine')],
      builtIns: [],
    });
    const ta = await field();
    await type(ta, '.htn');
    expect(screen.getAllByTestId('phrase-suggestion')).toHaveLength(1);
    await fireEvent.keyDown(ta, { key: ' ' });
    expect(ta.value).toBe('My own BP wording. ');
  });

  it('jumps to the next *** blank with F2', async () => {
    mock();
    const ta = await field();
    await type(ta, 'BP ***, HR ***');
    ta.setSelectionRange(0, 0);
    await fireEvent.keyDown(ta, { key: 'F2' });
    expect([ta.selectionStart, ta.selectionEnd]).toEqual([3, 6]);
    await fireEvent.keyDown(ta, { key: 'F2' });
    expect([ta.selectionStart, ta.selectionEnd]).toEqual([11, 14]);
  });

  it('loads the phrase list once and reuses it for every section', async () => {
    mock();
    await field();
    render(SmartText, { props: { value: '', label: 'Plan', patientId: 'p-1', testid: 'note-plan' } });
    await waitFor(() => expect(phrases.book).not.toBeNull());
    expect(calls.filter((c) => c.cmd === 'list_phrases')).toHaveLength(1);
  });
});

// Continuous drafts: about a second after the last keystroke, at least every two seconds while
// typing goes on, one save at a time, and a conflict stops saving without losing the text.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftSaved, SoapNote } from '../../../api';
import { ApiError } from '../../../api';
import { DraftSaver, type DraftStatus } from './autosave';

const note = (s: string): SoapNote => ({ subjective: s, objective: '', assessment: '', plan: '' });

function saverWith(save: (n: SoapNote, v: number) => Promise<DraftSaved>) {
  const statuses: DraftStatus[] = [];
  const saver = new DraftSaver({ version: 4, save, onstatus: (s) => statuses.push(s) });
  return { saver, statuses };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('continuous drafts', () => {
  it('saves about a second after the last keystroke, naming the version it saw', async () => {
    const save = vi.fn(async (_n: SoapNote, v: number) => ({ draftVersion: v + 1, savedAt: '2026-11-26T15:00:01Z' }));
    const { saver, statuses } = saverWith(save);
    saver.changed(note('H'));
    await vi.advanceTimersByTimeAsync(500);
    saver.changed(note('He'));
    await vi.advanceTimersByTimeAsync(900);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(note('He'), 4);
    expect(saver.version).toBe(5);
    expect(statuses.at(-1)).toEqual({ kind: 'saved', at: '2026-11-26T15:00:01Z' });
  });

  it('saves at least every two seconds while typing never pauses', async () => {
    const save = vi.fn(async (_n: SoapNote, v: number) => ({ draftVersion: v + 1, savedAt: 'x' }));
    const { saver } = saverWith(save);
    let text = '';
    for (let i = 0; i < 60; i++) {
      text += 'a';
      saver.changed(note(text));
      await vi.advanceTimersByTimeAsync(100); // ten keys a second for six seconds
    }
    expect(save.mock.calls.length).toBeGreaterThanOrEqual(3);
    const versions = save.mock.calls.map((c) => c[1]);
    expect(versions).toEqual(versions.map((_, i) => 4 + i));
  });

  it('flushes what is pending at once and waits for it', async () => {
    const save = vi.fn(async (_n: SoapNote, v: number) => ({ draftVersion: v + 1, savedAt: 'x' }));
    const { saver } = saverWith(save);
    saver.changed(note('Sign me'));
    await saver.flush();
    expect(save).toHaveBeenCalledWith(note('Sign me'), 4);
    expect(saver.dirty).toBe(false);
  });

  it('stops on a conflict and keeps the text for the user to decide', async () => {
    const save = vi.fn(async () => {
      throw new ApiError({ code: 'conflict', message: 'This visit note was changed since you opened it', fieldErrors: [] });
    });
    const { saver, statuses } = saverWith(save);
    saver.changed(note('mine'));
    await vi.advanceTimersByTimeAsync(1100);
    expect(statuses.at(-1)?.kind).toBe('conflict');
    saver.changed(note('mine, more'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.dirty).toBe(true);
  });

  it('retries a passing failure with the text still pending', async () => {
    let fail = true;
    const save = vi.fn(async (_n: SoapNote, v: number) => {
      if (fail) {
        fail = false;
        throw new ApiError({ code: 'database', message: 'disk busy', fieldErrors: [] });
      }
      return { draftVersion: v + 1, savedAt: 'x' };
    });
    const { saver, statuses } = saverWith(save);
    saver.changed(note('keep me'));
    await vi.advanceTimersByTimeAsync(1100);
    expect(statuses.at(-1)?.kind).toBe('error');
    await vi.advanceTimersByTimeAsync(2100);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1][0]).toEqual(note('keep me'));
    expect(statuses.at(-1)?.kind).toBe('saved');
  });
});

// The smart phrases the note editor knows, loaded once per user per session and refreshed after
// an edit on the Templates screen. A user's own phrase wins over the practice's with the same
// abbreviation; built-ins are expanded by the core, which reads the chart.
import { templatesApi, type BuiltinPhrase, type PhraseBook, type SmartPhrase } from '../../../api';
import { currentActor } from '../../../lib/auth.svelte';

export const phrases = $state<{ book: PhraseBook | null; user: string | null }>({ book: null, user: null });

let loading: Promise<PhraseBook> | null = null;

/** The phrase book, from the cache when the same user loaded it already. */
export function loadPhrases(): Promise<PhraseBook> {
  const user = currentActor()?.username ?? null;
  if (phrases.book && phrases.user === user) return Promise.resolve(phrases.book);
  if (!loading) {
    loading = templatesApi
      .listPhrases()
      .then((book) => {
        phrases.book = book;
        phrases.user = user;
        return book;
      })
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

/** Reloads after a phrase was added, edited or retired. */
export function refreshPhrases(): Promise<PhraseBook> {
  phrases.book = null;
  return loadPhrases();
}

export function resetPhraseCache(): void {
  phrases.book = null;
  phrases.user = null;
  loading = null;
}

/** One choice in the suggestion list. */
export type PhraseChoice =
  | { kind: 'text'; abbreviation: string; preview: string; owner: SmartPhrase['owner']; text: string }
  | { kind: 'builtIn'; abbreviation: string; preview: string };

/** Every abbreviation the user can expand: theirs over the practice's, then the built-ins. */
export function choices(book: PhraseBook | null): PhraseChoice[] {
  if (!book) return [];
  const out: PhraseChoice[] = [];
  for (const p of book.phrases) {
    if (p.shadowed) continue;
    if (out.some((c) => c.abbreviation === p.abbreviation)) continue;
    out.push({ kind: 'text', abbreviation: p.abbreviation, preview: p.expansion, owner: p.owner, text: p.expansion });
  }
  for (const b of book.builtIns as BuiltinPhrase[]) {
    out.push({ kind: 'builtIn', abbreviation: b.abbreviation, preview: b.description });
  }
  return out;
}

/** The choice an abbreviation names exactly (typed in any case), or null. */
export function lookup(book: PhraseBook | null, abbreviation: string): PhraseChoice | null {
  const a = abbreviation.toLowerCase();
  return choices(book).find((c) => c.abbreviation === a) ?? null;
}

/** Choices starting with what was typed: an exact match first, then by abbreviation. */
export function suggest(book: PhraseBook | null, typed: string, limit = 8): PhraseChoice[] {
  const t = typed.toLowerCase();
  if (t.length < 2) return [];
  return choices(book)
    .filter((c) => c.abbreviation.startsWith(t))
    .sort((a, b) => Number(b.abbreviation === t) - Number(a.abbreviation === t) || a.abbreviation.localeCompare(b.abbreviation))
    .slice(0, limit);
}

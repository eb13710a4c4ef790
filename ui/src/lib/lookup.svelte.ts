// Search-as-you-type for a picker box (diagnoses, drugs): every keystroke asks the core at
// once (it answers in about a millisecond), and an answer is shown only if it answers the
// newest request and the box still says what it asked; older answers are dropped, as in
// lib/search.svelte.ts. Enter pressed before the answer arrives picks its first hit.
import { toApiError } from '../api';

export class LookupSearch<T> {
  query = $state('');
  hits = $state.raw<T[]>([]);
  selected = $state(0);
  error = $state<string | null>(null);
  /** The query the hits answer; differs from `query` while a request is pending. */
  answered = $state<string | null>(null);
  #latest = 0;
  /** Enter was pressed before the answer for the current text arrived. */
  #pickWhenAnswered: ((hit: T) => void) | null = null;
  readonly #lookup: (text: string) => Promise<T[]>;

  constructor(lookup: (text: string) => Promise<T[]>) {
    this.#lookup = lookup;
  }

  /** Called on every keystroke. */
  setQuery(text: string): void {
    this.query = text;
    this.#pickWhenAnswered = null;
    if (!text.trim()) {
      this.clear();
      return;
    }
    void this.fetch(text);
  }

  /** Empties the box and the list at once; an answer still on its way is dropped. */
  clear(): void {
    this.#latest++;
    this.#pickWhenAnswered = null;
    this.query = '';
    this.hits = [];
    this.selected = 0;
    this.answered = null;
    this.error = null;
  }

  move(delta: number): void {
    if (!this.hits.length) return;
    this.selected = Math.min(this.hits.length - 1, Math.max(0, this.selected + delta));
  }

  /** Enter: hands the selected hit to `pick`, at once if the list answers what the box says,
   *  otherwise the first hit of the answer still coming. */
  pickSelected(pick: (hit: T) => void): void {
    if (this.answered === this.query) {
      const hit = this.hits[this.selected];
      if (hit) pick(hit);
      return;
    }
    this.#pickWhenAnswered = pick;
  }

  /** Asks the core for `text` (also for an empty box, where a picker offers suggestions). */
  protected async fetch(text: string): Promise<void> {
    const ticket = ++this.#latest;
    const stale = () => ticket !== this.#latest || text !== this.query;
    try {
      const hits = await this.#lookup(text);
      if (stale()) return;
      this.hits = hits;
      this.selected = 0;
      this.answered = text;
      this.error = null;
      const pick = this.#pickWhenAnswered;
      this.#pickWhenAnswered = null;
      if (pick && hits[0]) pick(hits[0]);
    } catch (raw) {
      if (stale()) return;
      this.error = toApiError(raw).message;
    }
  }
}

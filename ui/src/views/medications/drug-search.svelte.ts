// Search-as-you-type over the formulary and the practice's imported products for the drug
// box: every keystroke asks the core at once (it answers in about a millisecond); an answer
// is shown only if it answers the newest request and the box still says what it asked.
import { catalogueApi, toApiError, type DrugHit } from '../../api';

const LIMIT = 12;

export class DrugSearchState {
  query = $state('');
  hits = $state.raw<DrugHit[]>([]);
  selected = $state(0);
  error = $state<string | null>(null);
  /** The query the hits answer; differs from `query` while a request is pending. */
  answered = $state<string | null>(null);
  #latest = 0;
  /** Enter was pressed before the answer for the current text arrived. */
  #pickWhenAnswered: ((hit: DrugHit) => void) | null = null;

  setQuery(text: string): void {
    this.query = text;
    this.#pickWhenAnswered = null;
    if (!text.trim()) {
      this.clear();
      return;
    }
    void this.#fetch(text);
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

  /** Enter: the selected product at once if the list answers what the box says, otherwise
   *  the first product of the answer still coming. */
  pickSelected(pick: (hit: DrugHit) => void): void {
    if (this.answered === this.query) {
      const hit = this.hits[this.selected];
      if (hit) pick(hit);
      return;
    }
    this.#pickWhenAnswered = pick;
  }

  async #fetch(text: string): Promise<void> {
    const ticket = ++this.#latest;
    const stale = () => ticket !== this.#latest || text !== this.query;
    try {
      const hits = await catalogueApi.drugSearch(text, LIMIT);
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

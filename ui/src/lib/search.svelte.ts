// Search-as-you-type state for a patient search box: every keystroke is searched at once (the
// core answers in about a millisecond, so waiting for the typist to pause only adds latency),
// and an answer is shown only if it answers the newest request and the box still says what it
// asked; older answers are dropped. Paging, selection, and Enter before the answer arrived
// picks only an unambiguous single match. The header's box (`search`, which opens the chart)
// and each booking form (its own instance, which picks the patient) use it.
import { api, toApiError, type SearchHit } from '../api';
import { openPatient } from './stores.svelte';

const PAGE_SIZE = 25;

export class PatientSearch {
  query = $state('');
  /** Replaced whole, never edited in place: raw, so an answer is not wrapped in proxies. */
  hits = $state.raw<SearchHit[]>([]);
  hasMore = $state(false);
  selected = $state(0);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The query the hits answer; differs from `query` while a request is pending. */
  answered = $state('');
  /** Counts first-page requests (and clears): only the newest one's answer is shown. */
  #latest = 0;
  /** Enter was pressed before the answer for the current text arrived. */
  #pickWhenAnswered = false;
  #onpick: (hit: SearchHit) => void;
  #pageSize: number;

  /** `onpick`: what choosing a hit does; `pageSize`: hits per request. */
  constructor(onpick: (hit: SearchHit) => void, pageSize = PAGE_SIZE) {
    this.#onpick = onpick;
    this.#pageSize = pageSize;
  }

  /** Called on every keystroke. */
  setQuery(text: string): void {
    this.query = text;
    this.#pickWhenAnswered = false;
    if (!text.trim()) {
      this.#latest++;
      this.#clearResults();
      return;
    }
    this.loading = true;
    void this.#fetch(text, 0);
  }

  clear(): void {
    this.#latest++;
    this.query = '';
    this.#clearResults();
  }

  loadMore(): void {
    if (!this.hasMore || !this.query.trim()) return;
    void this.#fetch(this.query, this.hits.length);
  }

  move(delta: number): void {
    if (!this.hits.length) return;
    this.selected = Math.min(this.hits.length - 1, Math.max(0, this.selected + delta));
  }

  /**
   * Enter in the box: pick the selected patient. If the list still answers older text, wait for
   * the answer and pick it only when exactly one patient matches, so a fast typist never lands
   * on the wrong patient.
   */
  pickSelected(): boolean {
    if (!this.query.trim()) return false;
    if (this.answered === this.query) {
      const hit = this.hits[this.selected];
      if (hit) this.#onpick(hit);
      return !!hit;
    }
    this.#pickWhenAnswered = true;
    return true;
  }

  pick(index: number): void {
    const hit = this.hits[index];
    if (hit) this.#onpick(hit);
  }

  selectedHit(): SearchHit | undefined {
    return this.hits[this.selected];
  }

  #clearResults(): void {
    this.#pickWhenAnswered = false;
    this.hits = [];
    this.hasMore = false;
    this.selected = 0;
    this.loading = false;
    this.error = null;
    this.answered = '';
  }

  async #fetch(text: string, offset: number): Promise<void> {
    const ticket = offset === 0 ? ++this.#latest : this.#latest;
    const stale = () => ticket !== this.#latest || text !== this.query;
    try {
      const page = await api.searchPatients({ query: text, limit: this.#pageSize, offset });
      if (stale() || page.query !== text) return; // a newer request or other text in the box
      if (offset === 0) {
        this.hits = page.hits;
        this.selected = 0;
      } else {
        this.hits = [...this.hits, ...page.hits];
      }
      this.hasMore = page.hasMore;
      this.answered = page.query;
      this.error = null;
      this.loading = false;
      if (this.#pickWhenAnswered && offset === 0) {
        this.#pickWhenAnswered = false;
        if (page.hits.length === 1) this.#onpick(page.hits[0]);
      }
    } catch (raw) {
      if (stale()) return;
      this.error = toApiError(raw).message;
      this.loading = false;
    }
  }
}

/** The header's search: picking a hit opens the patient's chart. */
export const search = new PatientSearch((hit) => openPatient(hit.patient.id));

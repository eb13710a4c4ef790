// Search-as-you-type state shared by the header's search box and the results list: every
// keystroke is searched at once (the core answers in about a millisecond, so waiting for the
// typist to pause only adds latency), and an answer is shown only if it answers the newest
// request and the box still says what it asked; older answers are dropped. Paging, selection.
import { api, toApiError, type SearchHit } from '../api';
import { openPatient } from './stores.svelte';

const PAGE_SIZE = 25;

class SearchState {
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
  #openWhenAnswered = false;

  /** Called on every keystroke. */
  setQuery(text: string): void {
    this.query = text;
    this.#openWhenAnswered = false;
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
   * Enter in the box: open the selected patient. If the list still answers older text, wait for
   * the answer and open it only when exactly one patient matches, so a fast typist never lands
   * in the wrong chart.
   */
  openSelected(): boolean {
    if (!this.query.trim()) return false;
    if (this.answered === this.query) {
      const hit = this.hits[this.selected];
      if (hit) openPatient(hit.patient.id);
      return !!hit;
    }
    this.#openWhenAnswered = true;
    return true;
  }

  selectedHit(): SearchHit | undefined {
    return this.hits[this.selected];
  }

  #clearResults(): void {
    this.#openWhenAnswered = false;
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
      const page = await api.searchPatients({ query: text, limit: PAGE_SIZE, offset });
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
      if (this.#openWhenAnswered && offset === 0) {
        this.#openWhenAnswered = false;
        if (page.hits.length === 1) openPatient(page.hits[0].patient.id);
      }
    } catch (raw) {
      if (stale()) return;
      this.error = toApiError(raw).message;
      this.loading = false;
    }
  }
}

export const search = new SearchState();

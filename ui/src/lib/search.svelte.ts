// Search-as-you-type state shared by the header's search box and the results list: debounced
// requests, stale answers dropped (SearchPage.query must equal the box text), paging, selection.
import { api, toApiError, type SearchHit } from '../api';
import { openPatient } from './stores.svelte';

export const SEARCH_DEBOUNCE_MS = 120;
const PAGE_SIZE = 25;

class SearchState {
  query = $state('');
  hits = $state<SearchHit[]>([]);
  hasMore = $state(false);
  selected = $state(0);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The query the hits answer; differs from `query` while a request is pending. */
  answered = $state('');
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Enter was pressed before the answer for the current text arrived. */
  #openWhenAnswered = false;

  /** Called on every keystroke. */
  setQuery(text: string): void {
    this.query = text;
    this.#openWhenAnswered = false;
    clearTimeout(this.#timer);
    if (!text.trim()) {
      this.#clearResults();
      return;
    }
    this.loading = true;
    this.#timer = setTimeout(() => void this.#fetch(text, 0), SEARCH_DEBOUNCE_MS);
  }

  clear(): void {
    clearTimeout(this.#timer);
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
    try {
      const page = await api.searchPatients({ query: text, limit: PAGE_SIZE, offset });
      if (page.query !== this.query) return; // stale: the box says something else now
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
      if (text !== this.query) return;
      this.error = toApiError(raw).message;
      this.loading = false;
    }
  }
}

export const search = new SearchState();

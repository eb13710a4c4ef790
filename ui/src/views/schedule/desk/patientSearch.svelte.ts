// The booking form's patient search: the header search's rules (every keystroke searched at
// once, only the answer to the newest request for the text still in the box is shown, Enter
// before the answer picks only an unambiguous single match) with "pick" in place of "open the
// chart". One instance per form, so the header's own search is left alone.
import { api, toApiError, type SearchHit } from '../../../api';

const LIMIT = 8;

export class PatientSearch {
  query = $state('');
  hits = $state.raw<SearchHit[]>([]);
  selected = $state(0);
  loading = $state(false);
  error = $state<string | null>(null);
  answered = $state('');
  #latest = 0;
  #pickWhenAnswered = false;
  #onpick: (hit: SearchHit) => void;

  constructor(onpick: (hit: SearchHit) => void) {
    this.#onpick = onpick;
  }

  setQuery(text: string): void {
    this.query = text;
    this.#pickWhenAnswered = false;
    if (!text.trim()) {
      this.clear();
      return;
    }
    this.loading = true;
    void this.#fetch(text);
  }

  clear(): void {
    this.#latest++;
    this.query = '';
    this.hits = [];
    this.selected = 0;
    this.loading = false;
    this.error = null;
    this.answered = '';
    this.#pickWhenAnswered = false;
  }

  move(delta: number): void {
    if (!this.hits.length) return;
    this.selected = Math.min(this.hits.length - 1, Math.max(0, this.selected + delta));
  }

  /** Enter: picks the selected hit, or waits for the answer to the text typed. */
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

  async #fetch(text: string): Promise<void> {
    const ticket = ++this.#latest;
    const stale = () => ticket !== this.#latest || text !== this.query;
    try {
      const page = await api.searchPatients({ query: text, limit: LIMIT, offset: 0 });
      if (stale() || page.query !== text) return;
      this.hits = page.hits;
      this.selected = 0;
      this.answered = page.query;
      this.error = null;
      this.loading = false;
      if (this.#pickWhenAnswered) {
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

// Continuous drafts: a note is saved about a second after the last keystroke, and at least every
// two seconds while typing goes on, so a power cut loses at most two seconds. One save at a
// time; what is typed during a save goes in the next. A conflict (someone else saved) stops
// saving so nothing is overwritten; the editor keeps the text and offers a reload.
import { toApiError, type ApiError, type DraftSaved, type SoapNote } from '../../../api';
import { formatInstant } from '../../../lib/format';

export type DraftStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; message: string };

/** What the status line says: "Saved 10:42:07" in the practice's zone, "Saving…", or the error. */
export function statusLabel(status: DraftStatus, timeZone: string | undefined): string {
  switch (status.kind) {
    case 'idle':
      return 'Not changed yet';
    case 'pending':
      return 'Changes not saved yet…';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved ${formatInstant(status.at, timeZone).split(' ').at(-1)}`;
    case 'error':
    case 'conflict':
      return status.message;
  }
}

export interface DraftSaverOptions {
  version: number;
  save: (note: SoapNote, expectedVersion: number) => Promise<DraftSaved>;
  onstatus: (status: DraftStatus) => void;
  /** A save refused for a reason that no retry can fix (a signed note, a field error). */
  onrefused?: (err: ApiError) => void;
  debounceMs?: number;
  maxWaitMs?: number;
}

export class DraftSaver {
  version: number;
  private pending: SoapNote | null = null;
  private dirtySince: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = false;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly opts: DraftSaverOptions) {
    this.version = opts.version;
    this.debounceMs = opts.debounceMs ?? 1000;
    this.maxWaitMs = opts.maxWaitMs ?? 2000;
  }

  /** Whether typed text is not yet on file. */
  get dirty(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  /** The note changed: save it soon. */
  changed(note: SoapNote): void {
    if (this.stopped) return;
    this.pending = { ...note };
    const now = Date.now();
    this.dirtySince ??= now;
    this.opts.onstatus({ kind: 'pending' });
    this.schedule(Math.min(this.debounceMs, Math.max(0, this.maxWaitMs - (now - this.dirtySince))));
  }

  /** Saves what is pending now and waits for it (before signing or closing). */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.inFlight || this.pending) {
      if (this.inFlight) await this.inFlight;
      else await this.saveNow();
      if (this.stopped) return;
    }
  }

  /** No more saves (a conflict, a closed editor). */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  /** After a conflict the user chose their text: save it over the version now on file. */
  resume(version: number, note: SoapNote): void {
    this.stopped = false;
    this.version = version;
    this.dirtySince = null;
    this.changed(note);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.inFlight) return; // the running save schedules the next
      void this.saveNow();
    }, ms);
  }

  private saveNow(): Promise<void> {
    const note = this.pending;
    if (!note || this.stopped) return Promise.resolve();
    this.pending = null;
    this.dirtySince = null;
    this.opts.onstatus({ kind: 'saving' });
    const run = (async () => {
      try {
        const saved = await this.opts.save(note, this.version);
        this.version = saved.draftVersion;
        if (!this.pending) this.opts.onstatus({ kind: 'saved', at: saved.savedAt });
      } catch (raw) {
        const err = toApiError(raw);
        if (err.code === 'conflict') {
          this.pending ??= note;
          this.stop();
          this.opts.onstatus({ kind: 'conflict', message: err.message });
        } else if (err.code === 'invalid_input' || err.code === 'forbidden' || err.code === 'not_found') {
          this.pending ??= note;
          this.stop();
          this.opts.onstatus({ kind: 'error', message: err.message });
          this.opts.onrefused?.(err);
        } else {
          // A passing failure: keep the text and try again shortly.
          this.pending ??= note;
          this.dirtySince ??= Date.now();
          this.opts.onstatus({ kind: 'error', message: `Not saved yet (${err.message}); trying again` });
          if (!this.stopped) this.schedule(this.maxWaitMs);
        }
      } finally {
        this.inFlight = null;
      }
      if (this.pending && !this.stopped && this.timer === null) {
        this.schedule(Math.max(0, this.maxWaitMs - (Date.now() - (this.dirtySince ?? Date.now()))));
      }
    })();
    this.inFlight = run;
    return run;
  }
}

// While someone who imports results is logged in (and the screen is not locked), the admin's
// results folder is read every few seconds; for a physician the inbox count is refreshed too.
// Returns the stop function (the app frame's effect calls it on logout or lock).
import { resultsApi } from '../../api';
import { refreshInboxCount } from './inbox-count.svelte';

export const FOLDER_POLL_MS = 5000;
export const COUNT_POLL_MS = 30000;

export function startResultsWatch(what: { folder: boolean; count: boolean }): () => void {
  const timers: ReturnType<typeof setInterval>[] = [];
  let reading = false;
  const pass = async () => {
    if (reading) return;
    reading = true;
    try {
      const run = await resultsApi.importResultsFolder();
      if (what.count && run.matched > 0) await refreshInboxCount();
    } catch {
      // No folder, a locked session or a passing failure: the next pass tries again.
    } finally {
      reading = false;
    }
  };
  if (what.folder) {
    void pass();
    timers.push(setInterval(pass, FOLDER_POLL_MS));
  }
  if (what.count) {
    void refreshInboxCount();
    timers.push(setInterval(refreshInboxCount, COUNT_POLL_MS));
  }
  return () => timers.forEach(clearInterval);
}

// The number of reports waiting in the logged-in physician's inbox, for the nav's "Results 3":
// refreshed when the inbox loads and every half minute by the app frame.
import { resultsApi } from '../../api';

export const inboxCount = $state<{ value: number | null }>({ value: null });

export async function refreshInboxCount(): Promise<void> {
  try {
    inboxCount.value = await resultsApi.resultsInboxCount();
  } catch {
    // A locked screen or a lost session: the label shows no number until the next refresh.
    inboxCount.value = null;
  }
}

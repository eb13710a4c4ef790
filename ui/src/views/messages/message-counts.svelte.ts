// The header's quiet badge: threads with unread messages, unread urgent ones and overdue
// tasks, refreshed when the inbox loads and every 20 seconds while logged in (no pop-ups).
import { messagesApi, type InboxCounts } from '../../api';

export const messageCounts = $state<{ value: InboxCounts | null }>({ value: null });

export async function refreshMessageCounts(): Promise<void> {
  try {
    messageCounts.value = await messagesApi.inboxCounts();
  } catch {
    // A locked screen or a lost session: no badge until the next refresh.
    messageCounts.value = null;
  }
}

/** Refreshes now and every `everyMs` until the returned stop is called. */
export function startMessageWatch(everyMs = 20_000): () => void {
  void refreshMessageCounts();
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void refreshMessageCounts();
  }, everyMs);
  return () => clearInterval(timer);
}

/** The badge's words: "2 new · 1 urgent · 1 overdue", or '' when nothing waits. */
export function badgeText(c: InboxCounts | null): string {
  if (!c) return '';
  const parts = [
    c.unread ? `${c.unread} new` : '',
    c.urgent ? `${c.urgent} urgent` : '',
    c.overdue ? `${c.overdue} overdue` : '',
    c.referralsOverdue ? `${c.referralsOverdue} ${c.referralsOverdue === 1 ? 'referral' : 'referrals'} overdue` : '',
    c.criticalResults ? `${c.criticalResults} critical ${c.criticalResults === 1 ? 'result' : 'results'}` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

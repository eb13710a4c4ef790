// The summary's "Recent visits": the practice's own and those recorded elsewhere, newest first.
// The core sends the latest few of each (RECENT_VISITS); the list shows that many of both.
import type { ChartSummary, SummaryOutsideVisit, SummaryVisit } from '../../../api';

const RECENT_VISITS = 5;

export type RecentVisit = { outside: false; visit: SummaryVisit } | { outside: true; visit: SummaryOutsideVisit };

export function recentVisits(summary: ChartSummary): RecentVisit[] {
  const own: RecentVisit[] = summary.visits.map((visit) => ({ outside: false, visit }));
  const outside: RecentVisit[] = summary.outsideVisits.map((visit) => ({ outside: true, visit }));
  // Instants are UTC ISO strings of one format, so they sort as text.
  return [...own, ...outside]
    .sort((a, b) => (a.visit.startedAt < b.visit.startedAt ? 1 : a.visit.startedAt > b.visit.startedAt ? -1 : 0))
    .slice(0, RECENT_VISITS);
}

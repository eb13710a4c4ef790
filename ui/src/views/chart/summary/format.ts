// How the summary shows dates, trends and history statuses.
import type { AllergyState, SummarySocialEntry, SummaryVital, Trend, VitalKind } from '../../../api';
import { formatDate } from '../../../lib/format';

/** The practice-local calendar date of a UTC instant, as "14 Mar 2026". */
export function instantDay(utc: string, timeZone: string | undefined): string {
  const d = new Date(utc);
  if (Number.isNaN(d.getTime())) return utc;
  try {
    // en-CA spells dates as YYYY-MM-DD.
    const iso = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    return formatDate(iso);
  } catch {
    return formatDate(utc.slice(0, 10));
  }
}

export const VITAL_LABELS: Record<VitalKind, string> = {
  bloodPressure: 'BP',
  pulse: 'Pulse',
  weight: 'Weight',
  bmi: 'BMI',
  temperature: 'Temp',
  spo2: 'SpO₂',
};

export const TREND_ARROWS: Record<Trend, string> = { up: '↑', down: '↓', same: '→', first: '' };

/** What a screen reader hears for the arrow. */
export function trendText(v: SummaryVital): string {
  switch (v.trend) {
    case 'up':
      return `up from ${v.previousText}`;
    case 'down':
      return `down from ${v.previousText}`;
    case 'same':
      return `unchanged from ${v.previousText}`;
    default:
      return 'first reading';
  }
}

/** The allergy section's line when no active allergy is listed. */
export function allergyEmptyText(state: AllergyState): string {
  if (state.state === 'notAsked') return 'Allergies not recorded';
  if (state.state === 'noKnownAllergies') return state.drugsOnly ? 'No known drug allergies' : 'No known allergies';
  return 'No active allergies listed';
}

/** "current_every_day" → "current every day". */
export function statusWords(status: string): string {
  return status.replaceAll('_', ' ');
}

export function smokingText(s: SummarySocialEntry): string {
  const py = s.packYears !== null ? `, ${s.packYears} pack-years` : '';
  return `${statusWords(s.status)}${py}`;
}

/** Splits a snippet into plain and marked parts by its `[start, end)` character spans. */
export function highlightParts(snippet: string, spans: Array<[number, number]>): Array<{ text: string; mark: boolean }> {
  const chars = Array.from(snippet);
  const parts: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > chars.length || end <= start) continue;
    if (start > at) parts.push({ text: chars.slice(at, start).join(''), mark: false });
    parts.push({ text: chars.slice(start, end).join(''), mark: true });
    at = end;
  }
  if (at < chars.length) parts.push({ text: chars.slice(at).join(''), mark: false });
  return parts;
}

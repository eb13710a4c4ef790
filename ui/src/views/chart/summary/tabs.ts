// The chart's tabs: their order (Alt+1…Alt+9, Alt+0 the tenth), labels, and which tab a search hit opens.
import type { ChartHitKind } from '../../../api';

export type ChartTab =
  | 'summary'
  | 'visits'
  | 'medications'
  | 'results'
  | 'problems'
  | 'allergies'
  | 'vitals'
  | 'immunizations'
  | 'histories'
  | 'demographics'
  | 'documents';

export const CLINICAL_TABS: ChartTab[] = [
  'summary',
  'visits',
  'medications',
  'results',
  'problems',
  'allergies',
  'vitals',
  'immunizations',
  'histories',
  'demographics',
  'documents',
];
export const DESK_TABS: ChartTab[] = ['demographics', 'documents'];

export const TAB_LABELS: Record<ChartTab, string> = {
  summary: 'Summary',
  visits: 'Visits',
  medications: 'Medications',
  results: 'Results',
  problems: 'Problems',
  allergies: 'Allergies',
  vitals: 'Vitals',
  immunizations: 'Immunizations',
  histories: 'Histories',
  demographics: 'Demographics',
  documents: 'Documents',
};

/** Notes, amendments and diagnoses live on their visit. */
export function tabForHit(kind: ChartHitKind): ChartTab {
  switch (kind) {
    case 'problem':
      return 'problems';
    case 'allergy':
      return 'allergies';
    case 'history':
      return 'histories';
    default:
      return 'visits';
  }
}

/** Alt+1…Alt+9 (and Alt+0 for the tenth) as a tab index (0-based), or null. `code` because
 *  Alt+digit types a character on some layouts. */
export function altDigit(e: KeyboardEvent): number | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const m = /^Digit([0-9])$/.exec(e.code) ?? /^([0-9])$/.exec(e.key);
  if (!m) return null;
  const n = Number(m[1]);
  return n === 0 ? 9 : n - 1;
}

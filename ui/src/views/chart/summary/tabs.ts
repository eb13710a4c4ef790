// The chart's tabs: their order (Alt+1…Alt+8), labels, and which tab a search hit opens.
import type { ChartHitKind } from '../../../api';

export type ChartTab =
  | 'summary'
  | 'visits'
  | 'medications'
  | 'problems'
  | 'allergies'
  | 'vitals'
  | 'histories'
  | 'demographics';

export const CLINICAL_TABS: ChartTab[] = [
  'summary',
  'visits',
  'medications',
  'problems',
  'allergies',
  'vitals',
  'histories',
  'demographics',
];
export const DESK_TABS: ChartTab[] = ['demographics'];

export const TAB_LABELS: Record<ChartTab, string> = {
  summary: 'Summary',
  visits: 'Visits',
  medications: 'Medications',
  problems: 'Problems',
  allergies: 'Allergies',
  vitals: 'Vitals',
  histories: 'Histories',
  demographics: 'Demographics',
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

/** Alt+1…Alt+9 as a tab index (0-based), or null. `code` because Alt+digit types a character
 *  on some layouts. */
export function altDigit(e: KeyboardEvent): number | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const m = /^Digit([1-9])$/.exec(e.code) ?? /^([1-9])$/.exec(e.key);
  return m ? Number(m[1]) - 1 : null;
}

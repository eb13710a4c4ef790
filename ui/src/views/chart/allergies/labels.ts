// Words for allergies as a person reads them: the badge's sentence, and the labels of kinds,
// severities, criticalities and statuses.
import type {
  AllergenCategory,
  AllergyBadge,
  AllergyKind,
  AllergyState,
  AllergyStatus,
  Criticality,
  Severity,
} from '../../../api';

export type BadgeState = 'notAsked' | 'nkda' | 'nka' | 'allergies';

export function badgeState(s: AllergyState): BadgeState {
  if (s.state === 'allergies') return 'allergies';
  if (s.state === 'noKnownAllergies') return s.drugsOnly ? 'nkda' : 'nka';
  return 'notAsked';
}

/** "⚠ Allergies (2): Penicillins (anaphylaxis), Peanut", "✓ NKDA — no known drug allergies",
 *  "? Allergies not recorded". */
export function badgeText(b: AllergyBadge): string {
  const s = badgeState(b.state);
  if (s === 'nkda') return '✓ NKDA — no known drug allergies';
  if (s === 'nka') return '✓ NKA — no known allergies';
  if (s === 'notAsked') return '? Allergies not recorded';
  const names = b.substances.map((x) => (x.reaction ? `${x.substance} (${x.reaction})` : x.substance));
  return `⚠ Allergies (${b.substances.length}): ${names.join(', ')}`;
}

export const KIND_LABELS: Record<AllergyKind, string> = { allergy: 'Allergy', intolerance: 'Intolerance' };
export const SEVERITY_LABELS: Record<Severity, string> = { mild: 'Mild', moderate: 'Moderate', severe: 'Severe' };
export const CRITICALITY_LABELS: Record<Criticality, string> = {
  low: 'Low risk',
  high: 'High risk',
  unableToAssess: 'Risk not assessable',
};
export const STATUS_LABELS: Record<AllergyStatus, string> = { active: 'Active', inactive: 'Inactive', resolved: 'Resolved' };
export const CATEGORY_LABELS: Record<AllergenCategory, string> = {
  drug: 'Drug',
  drugClass: 'Drug class',
  food: 'Food',
  environment: 'Environmental',
  other: 'Uncoded',
};

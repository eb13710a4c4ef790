// Words for histories: each social kind's statuses, the relatives, and one-line summaries of
// an entry as the section and its version list show it.
import type { FamilyEntry, SocialEntry, SocialKind, SurgicalEntry } from '../../../api';

export const SOCIAL_KINDS: readonly SocialKind[] = ['smoking', 'alcohol', 'substance', 'occupation'];

export const KIND_TITLES: Record<SocialKind, string> = {
  smoking: 'Smoking',
  alcohol: 'Alcohol',
  substance: 'Substance use',
  occupation: 'Occupation',
};

export const STATUSES: Record<SocialKind, readonly (readonly [string, string])[]> = {
  smoking: [
    ['never', 'Never smoker'],
    ['former', 'Former smoker'],
    ['current_every_day', 'Current every day'],
    ['current_some_days', 'Current some days'],
    ['unknown', 'Unknown'],
  ],
  alcohol: [
    ['none', 'None'],
    ['occasional', 'Occasional'],
    ['weekly', 'Drinks every week'],
    ['unknown', 'Unknown'],
  ],
  substance: [
    ['none', 'None'],
    ['former', 'Former use'],
    ['current', 'Current use'],
    ['unknown', 'Unknown'],
  ],
  occupation: [
    ['employed', 'Employed'],
    ['self_employed', 'Self-employed'],
    ['unemployed', 'Unemployed'],
    ['retired', 'Retired'],
    ['student', 'Student'],
    ['homemaker', 'Homemaker'],
    ['unable_to_work', 'Unable to work'],
    ['unknown', 'Unknown'],
  ],
};

export const RELATIVES: readonly (readonly [string, string])[] = [
  ['mother', 'Mother'],
  ['father', 'Father'],
  ['sister', 'Sister'],
  ['brother', 'Brother'],
  ['daughter', 'Daughter'],
  ['son', 'Son'],
  ['maternal_grandmother', 'Maternal grandmother'],
  ['maternal_grandfather', 'Maternal grandfather'],
  ['paternal_grandmother', 'Paternal grandmother'],
  ['paternal_grandfather', 'Paternal grandfather'],
  ['aunt', 'Aunt'],
  ['uncle', 'Uncle'],
  ['cousin', 'Cousin'],
  ['half_sibling', 'Half-sibling'],
  ['other', 'Other relative'],
];

function label(pairs: readonly (readonly [string, string])[], value: string): string {
  return pairs.find(([v]) => v === value)?.[1] ?? value;
}

export function relativeLabel(value: string): string {
  return label(RELATIVES, value);
}

/** "Former smoker, 1 pack/day for 20 years (20 pack-years), quit 2019" and the like. */
export function socialSummary(e: SocialEntry): string {
  const parts = [label(STATUSES[e.kind], e.status)];
  if (e.kind === 'smoking') {
    if (e.packsPerDay !== null) parts.push(`${e.packsPerDay} pack/day`);
    if (e.years !== null) parts.push(`${e.years} years`);
    if (e.packYears !== null) parts.push(`${e.packYears} pack-years`);
    if (e.quitDate) parts.push(`quit ${e.quitDate}`);
  }
  if (e.kind === 'alcohol') {
    if (e.drinksPerWeek !== null) parts.push(`${e.drinksPerWeek} drinks/week`);
    if (e.auditC !== null) parts.push(`AUDIT-C ${e.auditC}`);
  }
  if (e.detail) parts.push(e.detail);
  return parts.join(', ');
}

export function familySummary(e: FamilyEntry): string {
  const code = e.code ? ` [${e.code}]` : '';
  const age = e.onsetAge !== null ? `, onset at ${e.onsetAge}` : '';
  const comment = e.comment ? ` — ${e.comment}` : '';
  return `${relativeLabel(e.relative)}: ${e.condition}${code}${age}${comment}`;
}

export function surgicalSummary(e: SurgicalEntry): string {
  const when = e.performedOn ? ` (${e.performedOn})` : '';
  const comment = e.comment ? ` — ${e.comment}` : '';
  return `${e.procedure}${when}${comment}`;
}

/** Pack-years as the form shows them while typing: packs/day × years, or nothing. */
export function previewPackYears(packs: string, years: string): string | null {
  const p = Number(packs.replace(',', '.'));
  const y = Number(years.replace(',', '.'));
  if (!packs.trim() || !years.trim() || Number.isNaN(p) || Number.isNaN(y)) return null;
  return (Math.round(p * y * 10) / 10).toString();
}

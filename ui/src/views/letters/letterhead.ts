// The practice's letterhead lines for a printed letter: the address lines, then the phone
// (the PDF copy's letterhead is drawn by the core from the same practice record).
import type { Practice } from '../../api';

export function letterheadLines(practice: Practice | null | undefined): string[] {
  if (!practice) return [];
  const lines = practice.address
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (practice.phone.trim()) lines.push(`Phone ${practice.phone.trim()}`);
  return lines;
}

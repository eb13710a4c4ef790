// Words for the FHIR import report: what each chart outcome is called on screen, an issue as one
// line, and the totals sentence (worded for a dry run or for the import done).
import type { ChartOutcome, ImportIssue, ImportReport } from '../../api';

export const OUTCOME_LABELS: Record<ChartOutcome, string> = {
  wouldCreate: 'Would be created',
  created: 'Created',
  alreadyImported: 'Already imported',
  possibleDuplicate: 'Possible duplicate',
  invalid: 'Not imported: errors',
};

/** `Condition/abc — code.coding[0].code: unknown code`; a resource-wide issue has no path. */
export function issueText(issue: ImportIssue): string {
  const where = issue.path ? `${issue.path}: ` : '';
  return `${issue.resource} — ${where}${issue.message}`;
}

const n = (x: number) => x.toLocaleString('en-US');

/** `3 charts would be created, 1 already imported, 0 possible duplicates, 1 invalid`. */
export function totalsText(report: ImportReport): string {
  const charts = report.created === 1 ? 'chart' : 'charts';
  const made = report.dryRun ? `${n(report.created)} ${charts} would be created` : `${n(report.created)} ${charts} created`;
  const duplicates = report.duplicates === 1 ? 'possible duplicate' : 'possible duplicates';
  return `${made}, ${n(report.alreadyImported)} already imported, ${n(report.duplicates)} ${duplicates}, ${n(report.invalid)} invalid`;
}

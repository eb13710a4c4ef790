// Words the problem list shows for its enums, and the form's draft from a stored problem.
import type { Problem, ProblemChange, ProblemDraft, ProblemStatus } from '../../../api';

export const STATUS_LABELS: Record<ProblemStatus, string> = {
  active: 'Active',
  inactive: 'Inactive',
  resolved: 'Resolved',
};

export const CHANGE_LABELS: Record<ProblemChange, string> = {
  created: 'Added',
  updated: 'Changed',
  enteredInError: 'Entered in error',
};

export const FIELD_LABELS: Record<string, string> = {
  code: 'code',
  description: 'description',
  status: 'status',
  onset: 'onset',
  resolved: 'resolved date',
  comment: 'comment',
  enteredInError: 'entered in error',
};

export function emptyDraft(): ProblemDraft {
  return { code: null, description: '', status: 'active', onset: '', resolved: '', comment: '' };
}

export function draftFrom(p: Problem): ProblemDraft {
  return {
    code: p.code,
    description: p.description,
    status: p.status,
    onset: p.onset ?? '',
    resolved: p.resolved ?? '',
    comment: p.comment,
  };
}

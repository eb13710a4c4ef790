// How the reminders read on screen: statuses and procedures in words.
import type { Reminder, ReminderStatus, ScreeningProcedureKind } from '../../api';

export const STATUS_LABELS: Record<ReminderStatus, string> = {
  due: 'Due',
  overdue: 'Overdue',
  upToDate: 'Up to date',
  doneElsewhere: 'Up to date (done elsewhere)',
  declined: 'Declined',
  notApplicable: 'Not applicable',
};

export const PROCEDURE_LABELS: Record<ScreeningProcedureKind, string> = {
  colonoscopy: 'Colonoscopy',
  fit: 'FIT (stool immunochemical test)',
  fitDna: 'FIT-DNA',
  ctColonography: 'CT colonography',
  flexSigmoidoscopy: 'Flexible sigmoidoscopy',
  mammogram: 'Mammogram',
  cervicalCytology: 'Cervical cytology',
  hpvTest: 'hrHPV test',
  coTest: 'Cytology + hrHPV co-test',
  ldct: 'Low-dose CT',
  dexa: 'DEXA scan',
  aaaUltrasound: 'Aortic ultrasound',
  phq9: 'PHQ-9',
};

export function isDue(r: Reminder): boolean {
  return r.status === 'due' || r.status === 'overdue';
}

// Commands of the preventive-care reminders (see src-tauri/src/commands/reminders.rs).
import { call } from '../call';
import type {
  PatientId,
  RegistryRow,
  Reminder,
  ReminderDecisionDraft,
  ReminderDecisionId,
  ScreeningProcedureDraft,
} from '../bindings';

export const remindersApi = {
  remindersForPatient: (patientId: PatientId) => call<Reminder[]>('reminders_for_patient', { patientId }),
  recordReminderDecision: (patientId: PatientId, draft: ReminderDecisionDraft) =>
    call<Reminder[]>('record_reminder_decision', { patientId, draft }),
  withdrawReminderDecision: (id: ReminderDecisionId, reason: string) =>
    call<Reminder[]>('withdraw_reminder_decision', { id, reason }),
  recordScreeningProcedure: (patientId: PatientId, draft: ScreeningProcedureDraft) =>
    call<Reminder[]>('record_screening_procedure', { patientId, draft }),
  reminderRegistry: (rule: string) => call<RegistryRow[]>('reminder_registry', { rule }),
};

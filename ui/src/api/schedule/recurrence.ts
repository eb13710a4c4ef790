// Commands of recurring series (see src-tauri/src/commands/recurrence.rs).
import type {
  Appointment,
  AppointmentChange,
  AppointmentDraft,
  AppointmentId,
  CancelKind,
  PlannedOccurrence,
  RecurrenceRule,
  SeriesBooking,
  SeriesScope,
} from '../bindings';
import { call } from '../call';

export const recurrenceApi = {
  /** Every occurrence the rule gives, with its collisions. */
  previewSeries: (draft: AppointmentDraft, rule: RecurrenceRule) =>
    call<PlannedOccurrence[]>('preview_series', { draft, rule }),
  /** Colliding occurrences refuse the series (field `collisions`) unless skipped or overbooked. */
  bookSeries: (draft: AppointmentDraft, rule: RecurrenceRule, skipCollisions: boolean) =>
    call<SeriesBooking>('book_series', { draft, rule, skipCollisions }),
  /** Returns every appointment changed. */
  changeSeries: (id: AppointmentId, version: number, change: AppointmentChange, scope: SeriesScope) =>
    call<Appointment[]>('change_series', { id, version, change, scope }),
  cancelSeries: (id: AppointmentId, version: number, kind: CancelKind, reason: string, scope: SeriesScope) =>
    call<Appointment[]>('cancel_series', { id, version, kind, reason, scope }),
};

// Commands of appointments and the visit flow (see src-tauri/src/commands/appointments.rs).
import type {
  Appointment,
  AppointmentChange,
  AppointmentDraft,
  AppointmentHistoryEntry,
  AppointmentId,
  AppointmentStatus,
  CancelKind,
  Collision,
  FlowBoard,
  PatientAppointments,
  PatientId,
  RoomId,
  ScheduleRange,
  TemplateId,
  UserId,
  Visit,
} from '../bindings';
import { call } from '../call';

export const appointmentsApi = {
  /** `from` a local date `YYYY-MM-DD`, 1–42 days; `providerIds` null = every active provider. */
  scheduleRange: (from: string, days: number, providerIds: UserId[] | null = null) =>
    call<ScheduleRange>('schedule_range', { from, days, providerIds }),
  /** What the draft would collide with (empty: bookable). `except`: the appointment being moved. */
  checkBooking: (draft: AppointmentDraft, except: AppointmentId | null = null) =>
    call<Collision[]>('check_booking', { draft, except }),
  /** A collision is refused (ApiError field `collisions`) unless `draft.overbookReason` is set. */
  bookAppointment: (draft: AppointmentDraft) => call<Appointment>('book_appointment', { draft }),
  /** Move, resize, reassign or edit one appointment (an occurrence becomes an exception). */
  changeAppointment: (id: AppointmentId, version: number, change: AppointmentChange) =>
    call<Appointment>('change_appointment', { id, version, change }),
  cancelAppointment: (id: AppointmentId, version: number, kind: CancelKind, reason: string) =>
    call<Appointment>('cancel_appointment', { id, version, kind, reason }),
  /** Check-in is `arrived`; `inRoom` takes the room. */
  setAppointmentStatus: (id: AppointmentId, version: number, status: AppointmentStatus, roomId: RoomId | null = null) =>
    call<Appointment>('set_appointment_status', { id, version, status, roomId }),
  appointmentHistory: (id: AppointmentId) => call<AppointmentHistoryEntry[]>('appointment_history', { id }),
  /** Today's flow board, as of the core's clock. */
  flowBoard: () => call<FlowBoard>('flow_board'),
  patientAppointments: (patientId: PatientId) => call<PatientAppointments>('patient_appointments', { patientId }),
  /** Starts the chart visit linked to the appointment; open it with `openPatient(patientId, visit.id)`. */
  startVisitFromAppointment: (id: AppointmentId, templateId: TemplateId | null = null) =>
    call<Visit>('start_visit_from_appointment', { id, templateId }),
};

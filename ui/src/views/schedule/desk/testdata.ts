// Test data for the front desk's components, shaped like the core's answers (Chicago practice,
// today 26 Nov 2026 as in the shared fixtures).
import type { Appointment, AppointmentDraft, FlowRow, ScheduleSetup } from '../../../api';


export const REYES = 'u-drreyes';
export const FOLLOW_UP = '00000000-0000-0000-0006-000000000002';
export const NEW_PATIENT = '00000000-0000-0000-0006-000000000001';
export const ROOM_1 = 'r-1';

export function setup(): ScheduleSetup {
  return {
    providers: [
      { userId: REYES, displayName: 'Dr. Ana Reyes', colour: '#336699', displayOrder: 0, active: true },
      { userId: 'u-okafor', displayName: 'Dr. Ben Okafor', colour: '#993366', displayOrder: 1, active: true },
    ],
    types: [
      { id: FOLLOW_UP, name: 'Follow-up', defaultMinutes: 15, colour: '#22aa66', visitType: 'office', displayOrder: 0, retired: false },
      { id: NEW_PATIENT, name: 'New patient', defaultMinutes: 30, colour: '#aa6622', visitType: 'office', displayOrder: 1, retired: false },
    ],
    rooms: [
      { id: ROOM_1, name: 'Room 1', displayOrder: 0, retired: false },
      { id: 'r-2', name: 'Room 2', displayOrder: 1, retired: false },
    ],
    hours: [],
  };
}

export function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: 'a-1',
    patientId: 'p-smith',
    patientName: 'Smith, Jane',
    mrn: 1042,
    dateOfBirth: '1980-03-14',
    providerId: REYES,
    providerName: 'Dr. Ana Reyes',
    roomId: null,
    roomName: null,
    typeId: FOLLOW_UP,
    typeName: 'Follow-up',
    colour: '#22aa66',
    startsAt: '2026-11-26T15:00:00Z',
    endsAt: '2026-11-26T15:15:00Z',
    reason: 'Blood pressure',
    note: '',
    status: 'booked',
    statusAt: '2026-11-20T10:00:00Z',
    cancelKind: null,
    cancelReason: null,
    overbookReason: null,
    seriesId: null,
    occurrence: null,
    isException: false,
    visitId: null,
    version: 1,
    ...overrides,
  };
}

/** What the core would answer for a booked draft. */
export function booked(draft: AppointmentDraft, id = 'a-new'): Appointment {
  const ends = new Date(new Date(draft.startsAt).getTime() + draft.minutes * 60_000).toISOString();
  return appointment({
    id,
    patientId: draft.patientId,
    providerId: draft.providerId,
    typeId: draft.typeId,
    roomId: draft.roomId,
    startsAt: draft.startsAt,
    endsAt: ends,
    reason: draft.reason,
    note: draft.note,
    overbookReason: draft.overbookReason,
  });
}

export function flowRow(a: Partial<Appointment>, minutesWaiting: number | null, minutesInStatus = 3): FlowRow {
  return {
    appointment: appointment(a),
    arrivedAt: minutesWaiting === null ? null : '2026-11-26T14:50:00Z',
    minutesInStatus: minutesInStatus,
    minutesWaiting: minutesWaiting,
  };
}

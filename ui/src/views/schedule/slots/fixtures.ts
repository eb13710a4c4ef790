// Test data for the next-slot panel and the wait list: a set-up with two providers and three
// types (one retired), free slots and wait-list entries shaped like the core's answers.
import type { Appointment, FreeSlot, ScheduleSetup, WaitListEntry } from '../../../api';

export const SETUP: ScheduleSetup = {
  providers: [
    { userId: 'u-drreyes', displayName: 'Dr Reyes', colour: '#2f6fb0', displayOrder: 0, active: true },
    { userId: 'u-drkim', displayName: 'Dr Kim', colour: '#3a8f5c', displayOrder: 1, active: true },
    { userId: 'u-old', displayName: 'Dr Gone', colour: '#999999', displayOrder: 2, active: false },
  ],
  types: [
    { id: 't-follow', name: 'Follow-up', defaultMinutes: 15, colour: '#3a8f5c', visitType: 'office', displayOrder: 1, retired: false },
    { id: 't-new', name: 'New patient', defaultMinutes: 30, colour: '#2f6fb0', visitType: 'office', displayOrder: 2, retired: false },
    { id: 't-old', name: 'Retired type', defaultMinutes: 20, colour: '#999999', visitType: 'office', displayOrder: 3, retired: true },
  ],
  rooms: [],
  hours: [],
};

/** A free slot; times are UTC, the test practice is in Chicago (UTC−6 in December). */
export function slot(startsAt: string, endsAt: string, providerId = 'u-drreyes', providerName = 'Dr Reyes'): FreeSlot {
  return { providerId, providerName, startsAt, endsAt };
}

export function entry(id: string, patientName: string, extra: Partial<WaitListEntry> = {}): WaitListEntry {
  return {
    id,
    patientId: `p-${id}`,
    patientName,
    mrn: 1042,
    dateOfBirth: '1970-04-02',
    phone: '555-0101',
    providerId: null,
    providerName: null,
    typeId: 't-follow',
    typeName: 'Follow-up',
    appointmentId: null,
    currentStartsAt: null,
    earliest: null,
    latest: null,
    timeOfDay: 'any',
    note: '',
    createdAt: '2026-11-20T15:00:00Z',
    ...extra,
  };
}

export function cancelled(): Appointment {
  return {
    id: 'a-1',
    patientId: 'p-x',
    patientName: 'Stone, Ada',
    mrn: 7,
    dateOfBirth: '1970-01-01',
    providerId: 'u-drreyes',
    providerName: 'Dr Reyes',
    roomId: null,
    roomName: null,
    typeId: 't-new',
    typeName: 'New patient',
    colour: '#2f6fb0',
    startsAt: '2026-12-08T15:00:00Z',
    endsAt: '2026-12-08T15:30:00Z',
    reason: '',
    note: '',
    status: 'cancelled',
    statusAt: '2026-11-26T15:00:00Z',
    cancelKind: 'patient',
    cancelReason: 'sick',
    overbookReason: null,
    seriesId: null,
    occurrence: null,
    isException: false,
    visitId: null,
    version: 2,
  } as Appointment;
}

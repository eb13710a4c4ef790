// Test data for the calendar: a four-provider practice's set-up and a day's range, shaped like
// the core's answers (times in UTC; the practice is in America/Chicago, UTC-6 in December).
import type { Appointment, ScheduleRange, ScheduleSetup } from '../../../api';

export const ZONE = 'America/Chicago';
export const DAY = '2026-12-01';

export const SETUP: ScheduleSetup = {
  providers: [
    { userId: 'u-drreyes', displayName: 'Dr. Ana Reyes', colour: '#1f77b4', displayOrder: 1, active: true },
    { userId: 'u-drkim', displayName: 'Dr. Lee Kim', colour: '#2ca02c', displayOrder: 2, active: true },
    { userId: 'u-drold', displayName: 'Dr. Retired', colour: '#999999', displayOrder: 3, active: false },
    { userId: 'u-np', displayName: 'Jo Park, NP', colour: '#d62728', displayOrder: 4, active: true },
  ],
  types: [
    { id: 't-new', name: 'New patient', defaultMinutes: 30, colour: '#8888ff', visitType: 'office', displayOrder: 1, retired: false },
    { id: 't-fu', name: 'Follow-up', defaultMinutes: 15, colour: '#88cc88', visitType: 'office', displayOrder: 2, retired: false },
  ],
  rooms: [{ id: 'r-1', name: 'Room 1', displayOrder: 1, retired: false }],
  hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) =>
    weekday <= 5 ? { weekday, opens: '08:00', closes: '17:00' } : { weekday, opens: null, closes: null },
  ),
};

export function appointment(id: string, extra: Partial<Appointment> = {}): Appointment {
  return {
    id,
    patientId: 'p-1',
    patientName: 'Smith, John',
    mrn: 1001,
    dateOfBirth: '1970-05-04',
    providerId: 'u-drreyes',
    providerName: 'Dr. Ana Reyes',
    roomId: null,
    roomName: null,
    typeId: 't-fu',
    typeName: 'Follow-up',
    colour: '#88cc88',
    startsAt: '2026-12-01T15:00:00Z',
    endsAt: '2026-12-01T15:15:00Z',
    reason: 'blood pressure',
    note: '',
    status: 'booked',
    statusAt: '2026-11-20T15:00:00Z',
    cancelKind: null,
    cancelReason: null,
    overbookReason: null,
    seriesId: null,
    occurrence: null,
    isException: false,
    visitId: null,
    version: 1,
    ...extra,
  };
}

/** Each active provider open 08:00–12:00 and 13:00–17:00 local on each day of the range. */
export function range(from: string, days: number, appointments: Appointment[] = [], providerIds: string[] | null = null): ScheduleRange {
  const ids = providerIds ?? ['u-drreyes', 'u-drkim', 'u-np'];
  const dates = Array.from({ length: days }, (_, i) => {
    const [y, m, d] = from.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
  });
  return {
    from,
    days,
    providers: ids.map((providerId) => ({
      providerId,
      open: dates.flatMap((date) => [
        { startsAt: `${date}T14:00:00Z`, endsAt: `${date}T18:00:00Z` },
        { startsAt: `${date}T19:00:00Z`, endsAt: `${date}T23:00:00Z` },
      ]),
    })),
    appointments,
    blocks: [],
  };
}

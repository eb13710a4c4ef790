//! What a drag asks of the core: the appointment's change with every field but the moved ones
//! kept as they are, and how a refusal reads (a collision that a reason may overbook, or a
//! stale version that reloads the day).
import type { ApiError, Appointment, AppointmentChange, UserId } from '../../../api';
import { fromZoned } from '../../../lib/zone';

/** The appointment's length in whole minutes. */
export function lengthOf(a: Appointment): number {
  return Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60000);
}

/** The change that sets `patch` and leaves everything else as it is. */
export function changeOf(a: Appointment, patch: Partial<AppointmentChange> = {}): AppointmentChange {
  return {
    providerId: a.providerId,
    typeId: a.typeId,
    roomId: a.roomId,
    startsAt: a.startsAt,
    minutes: lengthOf(a),
    reason: a.reason,
    note: a.note,
    overbookReason: null,
    ...patch,
  };
}

/** Dropped at the wall-clock `start` (a floating Date from the library), maybe in another
 *  provider's column: same length, same everything else. */
export function droppedChange(a: Appointment, start: Date, providerId: UserId | null, zone: string): AppointmentChange {
  return changeOf(a, { providerId: providerId ?? a.providerId, startsAt: fromZoned(start, zone) });
}

/** Its end dragged to the wall-clock `end`: the same start, a new length. */
export function resizedChange(a: Appointment, end: Date, zone: string): AppointmentChange {
  return changeOf(a, { minutes: Math.round((Date.parse(fromZoned(end, zone)) - Date.parse(a.startsAt)) / 60000) });
}

export type Refusal = { kind: 'stale' } | { kind: 'collision'; message: string } | { kind: 'other'; message: string };

/** How the calendar answers a refused move. */
export function refusal(err: ApiError): Refusal {
  if (err.code === 'conflict') return { kind: 'stale' };
  const collisions = err.byField()['collisions'];
  if (collisions !== undefined) return { kind: 'collision', message: collisions };
  const fields = Object.values(err.byField());
  return { kind: 'other', message: fields.length ? fields.join(' ') : err.message };
}

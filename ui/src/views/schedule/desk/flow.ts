// The status flow as the desk walks it: which steps make sense next from each status (the
// first is the primary one, Enter on the flow board), their button labels, and how long a
// wait looks (amber past 15 minutes, red past 30). Pure.
import type { AppointmentStatus } from '../../../api';

const NEXT: Record<AppointmentStatus, AppointmentStatus[]> = {
  booked: ['arrived', 'confirmed', 'noShow'],
  confirmed: ['arrived', 'noShow'],
  arrived: ['inRoom', 'withProvider'],
  inRoom: ['withProvider'],
  withProvider: ['checkedOut'],
  checkedOut: [],
  noShow: [],
  cancelled: [],
};

export const STEP_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  confirmed: 'Confirmed',
  arrived: 'Check in',
  inRoom: 'To room',
  withProvider: 'With provider',
  checkedOut: 'Check out',
  noShow: 'No-show',
  cancelled: 'Cancel',
};

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'booked',
  confirmed: 'confirmed',
  arrived: 'arrived',
  inRoom: 'in room',
  withProvider: 'with provider',
  checkedOut: 'checked out',
  noShow: 'no-show',
  cancelled: 'cancelled',
};

export function nextSteps(status: AppointmentStatus): AppointmentStatus[] {
  return NEXT[status];
}

/** Whether the chart visit can be started (or opened) from this status. */
export function visitCanStart(status: AppointmentStatus): boolean {
  return status === 'arrived' || status === 'inRoom' || status === 'withProvider';
}

export type WaitLevel = 'none' | 'ok' | 'amber' | 'red';

export function waitLevel(minutes: number | null): WaitLevel {
  if (minutes === null) return 'none';
  if (minutes > 30) return 'red';
  if (minutes > 15) return 'amber';
  return 'ok';
}

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

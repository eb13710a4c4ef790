//! What the calendar's side panel shows, one at a time.
import type { Appointment, UserId } from '../../../api';

export type Panel =
  | { kind: 'book'; slot: { providerId: UserId; startsAt: string; minutes?: number } }
  | { kind: 'edit'; appointment: Appointment }
  | { kind: 'find' }
  | { kind: 'waitList' }
  | { kind: 'fits'; freed: Appointment }
  | { kind: 'block' };

export const PANEL_TITLES: Record<Panel['kind'], string> = {
  book: 'New booking',
  edit: 'Appointment',
  find: 'Find a free slot',
  waitList: 'Wait list',
  fits: 'Who on the wait list fits this slot',
  block: 'Block time',
};

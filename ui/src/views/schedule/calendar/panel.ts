//! What the calendar's side panel shows, one at a time.
import type { Appointment, WaitListId } from '../../../api';
import type { Slot } from '../desk/booking';
import type { ChosenPatient } from '../desk/types';

export type Panel =
  /** `patient` and `waitListId` when booking someone from the wait list into a freed slot. */
  | { kind: 'book'; slot: Slot; patient?: ChosenPatient; waitListId?: WaitListId }
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

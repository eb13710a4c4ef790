// Commands of the next free slot and the wait list (see src-tauri/src/commands/slots.rs).
import type { AppointmentId, FreeSlot, SlotQuery, WaitListDraft, WaitListEntry, WaitListId } from '../bindings';
import { call } from '../call';

export const slotsApi = {
  nextFreeSlots: (query: SlotQuery) => call<FreeSlot[]>('next_free_slots', { query }),
  /** Open entries, oldest first. */
  waitList: () => call<WaitListEntry[]>('wait_list'),
  addToWaitList: (draft: WaitListDraft) => call<WaitListEntry>('add_to_wait_list', { draft }),
  /** `booked`: the appointment they got; null = removed from the list (say why in `note`). */
  resolveWaitList: (id: WaitListId, booked: AppointmentId | null, note: string) =>
    call<void>('resolve_wait_list', { id, booked, note }),
  /** Who on the list fits the slot a cancelled or no-show appointment freed. */
  waitListFits: (freed: AppointmentId) => call<WaitListEntry[]>('wait_list_fits', { freed }),
};

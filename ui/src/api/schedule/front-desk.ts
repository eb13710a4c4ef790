// Commands of the front desk's printed lists (see src-tauri/src/commands/front_desk.rs).
import type { CallListRow, UserId } from '../bindings';
import { call } from '../call';

export const frontDeskApi = {
  /** Booked and confirmed appointments on the local date `YYYY-MM-DD`, with the patients' phones. */
  callList: (date: string) => call<CallListRow[]>('call_list', { date }),
  /** Audits printing a provider's day list; call it just before `window.print()`. */
  logDayListPrint: (providerId: UserId, date: string) => call<void>('log_day_list_print', { providerId, date }),
};

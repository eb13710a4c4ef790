// Commands of the schedule's set-up (see src-tauri/src/commands/schedule_setup.rs). The set-up
// helper adds the admin's commands here.
import type { ScheduleSetup } from '../bindings';
import { call } from '../call';

export const scheduleSetupApi = {
  /** Providers, appointment types, rooms and practice hours (no patient data). */
  scheduleSetup: () => call<ScheduleSetup>('schedule_setup'),
};

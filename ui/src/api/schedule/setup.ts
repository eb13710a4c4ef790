// Commands of the schedule's set-up (see src-tauri/src/commands/schedule_setup.rs): the
// admin's providers, hours, availability, types and rooms; blocked time (admin and desk).
import type {
  AppointmentType,
  AppointmentTypeDraft,
  AppointmentTypeId,
  AvailabilityDraft,
  AvailabilityTemplate,
  Block,
  BlockDraft,
  BlockId,
  BlockResult,
  ProviderCandidate,
  Room,
  RoomDraft,
  RoomId,
  ScheduleProvider,
  ScheduleSetup,
  UserId,
  WeekdayHours,
} from '../bindings';
import { call } from '../call';

export const scheduleSetupApi = {
  /** Providers, appointment types, rooms and practice hours (no patient data). */
  scheduleSetup: () => call<ScheduleSetup>('schedule_setup'),
  /** Active physicians and nurses, and whether each is on the schedule already. */
  scheduleProviderCandidates: () => call<ProviderCandidate[]>('schedule_provider_candidates'),
  saveScheduleProvider: (userId: UserId, colour: string, displayOrder: number, active: boolean) =>
    call<ScheduleProvider>('save_schedule_provider', { userId, colour, displayOrder, active }),
  /** All seven weekdays, Monday first; blank opens and closes = closed. */
  savePracticeHours: (hours: WeekdayHours[]) => call<WeekdayHours[]>('save_practice_hours', { hours }),
  /** A provider's templates, newest effective date first. */
  availabilityTemplates: (providerId: UserId) => call<AvailabilityTemplate[]>('availability_templates', { providerId }),
  saveAvailability: (draft: AvailabilityDraft) => call<AvailabilityTemplate>('save_availability', { draft }),
  /** Blocks not lifted over the local days from–to (YYYY-MM-DD, both included). */
  listBlocks: (from: string, to: string) => call<Block[]>('list_blocks', { from, to }),
  blockTime: (draft: BlockDraft) => call<BlockResult>('block_time', { draft }),
  liftBlock: (id: BlockId, reason: string) => call<Block>('lift_block', { id, reason }),
  /** Creates a type when `id` is null, else updates it. */
  saveAppointmentType: (id: AppointmentTypeId | null, draft: AppointmentTypeDraft) =>
    call<AppointmentType>('save_appointment_type', { id, draft }),
  /** Creates a room when `id` is null, else updates it. */
  saveRoom: (id: RoomId | null, draft: RoomDraft) => call<Room>('save_room', { id, draft }),
};

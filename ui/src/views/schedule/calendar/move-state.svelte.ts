//! A move or resize on its way to the core: asking a series' scope first, sending the change
//! with the version the user saw, putting the drag back on a refusal and keeping the reason
//! for the inline notice (with the overbook path), or reloading on a stale version. Also the
//! keyboard's picked-up appointment (M, then Enter on the new slot).
import { appointmentsApi, recurrenceApi, toApiError, type Appointment, type AppointmentChange, type SeriesScope } from '../../../api';
import { refusal } from './moves';

export interface PendingMove {
  appointment: Appointment;
  change: AppointmentChange;
  /** Puts the library's dragged event back (nothing for a keyboard move). */
  revert?: () => void;
  askScope: boolean;
  scope: SeriesScope | null;
  error: string | null;
  overbookable: boolean;
}

export const STALE_NOTICE = 'Someone changed this appointment a moment ago; the calendar now shows it as it is.';

export class MoveState {
  pending = $state<PendingMove | null>(null);
  picked = $state<Appointment | null>(null);
  notice = $state<string | null>(null);

  /** `reload` runs after every answer that changed or may have changed the day. */
  constructor(private reload: () => Promise<void>) {}

  begin(appointment: Appointment, change: AppointmentChange, revert?: () => void) {
    this.notice = null;
    this.pending = { appointment, change, revert, askScope: appointment.seriesId !== null, scope: null, error: null, overbookable: false };
    if (!this.pending.askScope) void this.submit(null, null);
  }

  async submit(scope: SeriesScope | null, overbookReason: string | null) {
    const m = this.pending;
    if (!m) return;
    const change = { ...m.change, overbookReason };
    const version = Number(m.appointment.version);
    try {
      if (scope) await recurrenceApi.changeSeries(m.appointment.id, version, change, scope);
      else await appointmentsApi.changeAppointment(m.appointment.id, version, change);
      this.pending = null;
      await this.reload();
    } catch (raw) {
      const why = refusal(toApiError(raw));
      m.revert?.();
      if (why.kind === 'stale') {
        this.pending = null;
        this.notice = STALE_NOTICE;
        await this.reload();
        return;
      }
      this.pending = { ...m, revert: undefined, askScope: false, scope, error: why.message, overbookable: why.kind === 'collision' };
    }
  }

  /** Esc: drops what is in progress; false when nothing was. */
  dismiss(): boolean {
    if (this.picked) this.picked = null;
    else if (this.pending) {
      this.pending.revert?.();
      this.pending = null;
    } else return false;
    return true;
  }
}

// The admin shell's view of background backups: the last status it heard (from its own slow poll
// or the Backups screen's), whether the last backup failed, and which failure the admin dismissed.
import { api, type BackupResult, type BackupStatus } from '../api';

/** How often the admin shell asks; `backup_status` is cheap, unaudited and not activity. */
export const WATCH_MS = 30_000;

export const backupWatch = $state<{
  status: BackupStatus | null;
  /** `startedAt` of the failure whose notice the admin closed; the nav marker stays. */
  dismissed: string | null;
}>({ status: null, dismissed: null });

/** Records a status heard by anyone (the Backups screen too), so the shell never lags behind it. */
export function noteBackupStatus(status: BackupStatus): void {
  backupWatch.status = status;
}

/** The last backup's result when it failed. A "Verify again" check is left out: the admin
 *  started it on the Backups screen and reads its result there. */
export function failedBackup(): BackupResult | null {
  const last = backupWatch.status?.lastResult ?? null;
  return last && !last.ok && last.kind !== 'verify' ? last : null;
}

/** Why the last backup failed, in one line without a closing full stop. */
export function failureReason(r: BackupResult): string {
  if (r.error) return r.error.replace(/\.$/, '');
  const problems = r.report?.problems ?? [];
  return problems.length > 0 ? `it did not verify (${problems.join(' ')})` : 'it did not verify';
}

/** Asks now and every `WATCH_MS`; the returned function stops and forgets what was heard. */
export function startBackupWatch(): () => void {
  let alive = true;
  const ask = async () => {
    try {
      const status = await api.backupStatus();
      if (alive) noteBackupStatus(status);
    } catch {
      // The next poll tries again; a lost or locked session is handled by the command hook.
    }
  };
  void ask();
  const timer = setInterval(() => void ask(), WATCH_MS);
  return () => {
    alive = false;
    clearInterval(timer);
    backupWatch.status = null;
  };
}

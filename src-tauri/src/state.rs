//! What commands share: the workstation (once the practice is open), where it lives, and the
//! background backup, which runs on its own connection and never holds the workstation's lock.

use crate::error::{CommandResult, DesktopError};
use charta_core::access::{Actor, AsUser};
use charta_core::backup::{BackupJob, BackupRunner, BackupStatus};
use charta_core::workstation::Workstation;
use charta_core::CoreError;
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

#[derive(Debug)]
pub struct AppState {
    workstation: Arc<Mutex<Option<Workstation>>>,
    pub database_path: PathBuf,
    lock_after_seconds: Option<u32>,
    pub backups: BackupRunner,
}

impl AppState {
    pub fn new(
        mut workstation: Option<Workstation>,
        database_path: PathBuf,
        lock_after_seconds: Option<u32>,
    ) -> Self {
        if let Some(ws) = workstation.as_mut() {
            ws.set_lock_after_seconds(lock_after_seconds);
        }
        AppState {
            workstation: Arc::new(Mutex::new(workstation)),
            database_path,
            lock_after_seconds,
            backups: BackupRunner::default(),
        }
    }

    /// Puts a newly opened workstation in place.
    pub fn install(&self, slot: &mut Option<Workstation>, mut ws: Workstation) {
        ws.set_lock_after_seconds(self.lock_after_seconds);
        *slot = Some(ws);
    }

    /// The workstation slot, one command at a time. SQLite work here takes micro- to
    /// milliseconds, so one lock keeps writes ordered without starving reads.
    pub fn slot(&self) -> CommandResult<MutexGuard<'_, Option<Workstation>>> {
        self.workstation
            .lock()
            .map_err(|_| DesktopError::StatePoisoned)
    }

    /// Runs `f` with the open workstation.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Workstation) -> Result<T, CoreError>,
    ) -> CommandResult<T> {
        let mut slot = self.slot()?;
        let ws = slot
            .as_mut()
            .ok_or_else(|| CoreError::Unauthenticated("Please log in".into()))?;
        Ok(f(ws)?)
    }

    /// Runs one checked operation as the logged-in user.
    pub fn run<T>(
        &self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut AsUser<'_>) -> Result<T, CoreError>,
    ) -> CommandResult<T> {
        self.with(|ws| ws.run(now, f))
    }

    /// Opens the practice, or switches to another user when it is open. Opening starts the
    /// daily backup on its own thread (its handle returned, for tests); a failure to start it
    /// must not keep the practice closed, and a failure of the backup itself is audited and
    /// shown to the admin on Backups.
    pub fn log_in(
        &self,
        username: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> CommandResult<(Actor, Option<JoinHandle<()>>)> {
        let mut slot = self.slot()?;
        if let Some(ws) = slot.as_mut() {
            return Ok((ws.switch_user(username, password, now)?, None));
        }
        let mut ws = Workstation::log_in(&self.database_path, username, password, now)?;
        let actor = ws.run(now, |u| Ok(u.actor().clone()))?;
        let daily = ws
            .daily_backup_job(now)
            .and_then(|job| self.start_backup(job))
            .ok();
        self.install(&mut slot, ws);
        Ok((actor, daily))
    }

    /// Starts `job` on its own thread. Call it with the workstation's lock held, so that no
    /// restore can slip in between taking the job and starting it; the job takes the lock
    /// again only at the end, for the moment it takes to write the outcome's audit row.
    pub fn start_backup(&self, job: BackupJob) -> Result<JoinHandle<()>, CoreError> {
        let workstation = Arc::clone(&self.workstation);
        let handle = self.backups.start(job, move |outcome| {
            let mut slot = workstation
                .lock()
                .map_err(|_| CoreError::Corrupt("the workstation state is poisoned".into()))?;
            match slot.as_mut() {
                Some(ws) => ws.record_backup(outcome, Utc::now()),
                None => Err(CoreError::Unauthenticated("the practice was closed".into())),
            }
        })?;
        Ok(handle)
    }

    /// The background backup's progress and last result, for the admin.
    pub fn backup_status(&self, now: DateTime<Utc>) -> CommandResult<BackupStatus> {
        self.with(|ws| ws.may_watch_backups(now))?;
        Ok(self.backups.status())
    }
}

#[cfg(test)]
mod tests {
    use super::AppState;
    use charta_core::backup::{list_backups, BackupKind};
    use charta_core::permissions::Role;
    use charta_core::practice::PracticeDraft;
    use charta_core::testing::{test_now, user_draft};
    use charta_core::vault::KdfParams;
    use charta_core::workstation::{SetupRequest, Workstation};
    use charta_core::UserId;

    #[test]
    fn logging_in_starts_the_daily_backup_on_its_own_thread_and_audits_it_there() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("charta.db");
        let request = SetupRequest {
            practice: PracticeDraft::new("Riverside", "", "", "America/Chicago"),
            admin: user_draft("boss", &[Role::Admin]),
            password: "correct horse battery".into(),
        };
        let setup = Workstation::set_up_with(
            &db,
            &request,
            UserId::from_u128(1),
            test_now(),
            KdfParams::INSECURE_FAST_FOR_TESTS,
        );
        drop(setup.unwrap());
        let state = AppState::new(None, db.clone(), None);
        let now = test_now() + chrono::Duration::days(1);
        let (actor, daily) = state.log_in("boss", "correct horse battery", now).unwrap();
        assert_eq!(actor.username(), "boss");
        daily.expect("the daily backup was started").join().unwrap();

        let backups = list_backups(&dir.path().join("backups")).unwrap();
        assert_eq!(backups.len(), 1);
        let last = state.backup_status(now).unwrap().last_result.unwrap();
        assert!(last.ok, "{last:?}");
        assert_eq!(last.kind, BackupKind::Daily);
        assert_eq!(last.report.unwrap().path, backups[0]);
        let audited = state
            .with(|ws| {
                ws.run(now, |u| {
                    u.audit_report(&Default::default(), now)
                        .map(|page| page.entries)
                })
            })
            .unwrap();
        assert!(audited
            .iter()
            .any(|e| e.username == "system" && e.action == "backup"));
    }
}

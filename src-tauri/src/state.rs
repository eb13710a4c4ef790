//! What commands share: the workstation (once the practice is open), where it lives, and the
//! background backup, which runs on its own connection and never holds the workstation's lock.

use crate::error::{CommandResult, DesktopError};
use charta_core::access::AsUser;
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
    pub fn backup_status(&self) -> CommandResult<BackupStatus> {
        self.with(|ws| ws.may_watch_backups(Utc::now()))?;
        Ok(self.backups.status())
    }
}

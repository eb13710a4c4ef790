//! What commands share: the workstation (once the practice is open) and where it lives.

use crate::error::{CommandResult, DesktopError};
use charta_core::access::AsUser;
use charta_core::workstation::Workstation;
use charta_core::CoreError;
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

#[derive(Debug)]
pub struct AppState {
    workstation: Mutex<Option<Workstation>>,
    pub database_path: PathBuf,
    lock_after_seconds: Option<u32>,
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
            workstation: Mutex::new(workstation),
            database_path,
            lock_after_seconds,
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
}

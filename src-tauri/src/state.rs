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
}

impl AppState {
    pub fn new(workstation: Option<Workstation>, database_path: PathBuf) -> Self {
        AppState {
            workstation: Mutex::new(workstation),
            database_path,
        }
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

//! What commands share: the open chart database and where it lives.

use crate::error::{CommandResult, DesktopError};
use charta_core::ChartDb;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

#[derive(Debug)]
pub struct AppState {
    db: Mutex<ChartDb>,
    pub database_path: PathBuf,
}

impl AppState {
    pub fn new(db: ChartDb, database_path: PathBuf) -> Self {
        AppState {
            db: Mutex::new(db),
            database_path,
        }
    }

    /// The database, one command at a time. SQLite work here takes micro- to milliseconds,
    /// so a single connection behind a lock keeps writes ordered without starving reads.
    pub fn db(&self) -> CommandResult<MutexGuard<'_, ChartDb>> {
        self.db.lock().map_err(|_| DesktopError::StatePoisoned)
    }
}

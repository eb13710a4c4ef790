//! One backup (or re-verification) as a value that owns everything it needs — the database
//! path, a copy of the key, the folder — so it runs on its own connection, away from the
//! workstation and its lock, while the practice goes on writing (WAL lets both proceed).

use super::{
    backup_with_progress, daily_backup_done, daily_backup_with_progress, verify_and_record,
    BackupPhase, BackupProgress, BackupReport,
};
use crate::access::Actor;
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::vault::DbKey;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupKind {
    /// "Back up now", asked for by a person.
    Manual,
    /// The automatic backup at the first login of the day, when one is due.
    Daily,
    /// Checking an existing backup again and storing the result.
    Verify,
}

/// A backup to run, taken from the open workstation in microseconds.
#[derive(Debug)]
pub struct BackupJob {
    pub(crate) kind: BackupKind,
    pub(crate) db_path: PathBuf,
    pub(crate) key: DbKey,
    /// The backup folder, or for [`BackupKind::Verify`] the backup file.
    pub(crate) target: PathBuf,
    /// Backups of the practice the daily backup keeps.
    pub(crate) keep: usize,
    /// Who asked; `None` for the daily backup, which the system makes.
    pub(crate) actor: Option<Actor>,
    pub(crate) started_at: DateTime<Utc>,
}

/// What a job did, for the audit log and the Backups screen.
#[derive(Debug)]
pub struct BackupOutcome {
    pub kind: BackupKind,
    pub actor: Option<Actor>,
    pub started_at: DateTime<Utc>,
    /// The folder or file the job worked on.
    pub target: PathBuf,
    /// `Ok(None)`: the daily backup was not due.
    pub result: CoreResult<Option<BackupReport>>,
}

impl BackupJob {
    pub fn kind(&self) -> BackupKind {
        self.kind
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Runs the job on its own connection to the practice's file, telling `progress` how far
    /// it has got. Holds nothing of the workstation.
    pub fn run(self, progress: &mut dyn FnMut(BackupProgress)) -> BackupOutcome {
        let result = self.work(progress);
        BackupOutcome {
            kind: self.kind,
            actor: self.actor,
            started_at: self.started_at,
            target: self.target,
            result,
        }
    }

    fn work(&self, progress: &mut dyn FnMut(BackupProgress)) -> CoreResult<Option<BackupReport>> {
        let now = self.started_at;
        match self.kind {
            BackupKind::Verify => {
                progress(BackupProgress {
                    phase: BackupPhase::Verifying,
                    pages_done: 0,
                    pages_total: 0,
                });
                verify_and_record(&self.target, &self.key, now).map(Some)
            }
            BackupKind::Manual => {
                let db = self.open()?;
                backup_with_progress(&db, &self.key, &self.target, now, progress).map(Some)
            }
            BackupKind::Daily => {
                // Decided from the folder's names before the database is even opened.
                if daily_backup_done(&self.key, &self.target, now)? {
                    return Ok(None);
                }
                let db = self.open()?;
                daily_backup_with_progress(&db, &self.key, &self.target, self.keep, now, progress)
            }
        }
    }

    /// A second connection to the practice's file. Never creates one: a missing file means
    /// the practice moved or was restored meanwhile, and an empty new database must not appear.
    fn open(&self) -> CoreResult<ChartDb> {
        if !self.db_path.is_file() {
            return Err(CoreError::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "the practice database {} is not there",
                    self.db_path.display()
                ),
            )));
        }
        let db = ChartDb::open_encrypted(&self.db_path, &self.key)?;
        // The copy reads every page once: a big decrypted-page cache would only add the size
        // of the file to the app's memory while the backup runs.
        db.read(|conn| Ok(conn.execute_batch("PRAGMA cache_size = -2048")?))?;
        Ok(db)
    }
}

//! Backups of the open workstation: "Back up now", the daily backup, the list and restore,
//! behind the admin's permission and in the audit log.

use super::Workstation;
use crate::audit::{AuditEvent, Outcome};
use crate::backup::{self, BackupReport, RestoreReport};
use crate::db::ChartDb;
use crate::error::CoreResult;
use crate::permissions::Operation;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

impl Workstation {
    /// Where backups go: the practice's folder, else `backups/` beside the database.
    pub fn backup_dir(&self) -> CoreResult<PathBuf> {
        let configured = self
            .db
            .practice()?
            .map(|p| p.backup_dir)
            .unwrap_or_default();
        Ok(if configured.trim().is_empty() {
            self.db_path.with_file_name("backups")
        } else {
            PathBuf::from(configured)
        })
    }

    /// "Back up now": an encrypted, verified copy in the backup folder (or `dir`).
    pub fn back_up_now(
        &mut self,
        dir: Option<&Path>,
        now: DateTime<Utc>,
    ) -> CoreResult<BackupReport> {
        let dir = match dir {
            Some(d) => d.to_path_buf(),
            None => self.backup_dir()?,
        };
        self.run(now, |u| {
            u.require_operation(Operation::BackUp, "backup", now)
        })?;
        let actor = self.session.current(now)?;
        let result = backup::backup_now(&self.db, &self.key, &dir, now);
        let outcome = if result.is_ok() {
            Outcome::Ok
        } else {
            Outcome::Failed
        };
        let detail = match &result {
            Ok(r) => format!("{} ({} bytes, verified)", r.path.display(), r.bytes),
            Err(e) => e.to_string(),
        };
        self.db
            .audit(&actor.event(now, "backup", outcome).detail(detail))?;
        result
    }

    /// The automatic backup at the first opening of each day, keeping the practice's number
    /// of backups. `None` when today's exists.
    pub fn daily_backup(&mut self, now: DateTime<Utc>) -> CoreResult<Option<BackupReport>> {
        let dir = self.backup_dir()?;
        let keep = self.db.practice()?.map_or(14, |p| p.backups_kept) as usize;
        let result = backup::daily_backup_if_due(&self.db, &self.key, &dir, keep, now);
        let detail = match &result {
            Ok(None) => return Ok(None),
            Ok(Some(r)) => format!("daily: {} (verified)", r.path.display()),
            Err(e) => format!("daily backup failed: {e}"),
        };
        let outcome = if result.is_ok() {
            Outcome::Ok
        } else {
            Outcome::Failed
        };
        self.db
            .audit(&AuditEvent::new(now, None, "system", "backup", outcome).detail(detail))?;
        result
    }

    pub fn list_backups(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<BackupReport>> {
        self.run(now, |u| {
            u.require_operation(Operation::Restore, "list_backups", now)
        })?;
        let dir = self.backup_dir()?;
        backup::list_backups(&dir)?
            .iter()
            .map(|p| backup::verify_backup(p, &self.key))
            .collect()
    }

    /// Replaces the practice's database with a verified backup; the current one is kept aside.
    pub fn restore(&mut self, backup_file: &Path, now: DateTime<Utc>) -> CoreResult<RestoreReport> {
        self.run(now, |u| {
            u.require_operation(Operation::Restore, "restore", now)
        })?;
        let actor = self.session.current(now)?;
        // The live file must be closed while it is swapped.
        let live = std::mem::replace(&mut self.db, ChartDb::open_in_memory()?);
        drop(live);
        let result = backup::restore(backup_file, &self.db_path, &self.key, now);
        self.db = ChartDb::open_encrypted(&self.db_path, &self.key)?;
        let report = result?;
        let detail = format!(
            "from {}; previous database kept as {:?}",
            backup_file.display(),
            report.set_aside
        );
        self.db
            .audit(&actor.event(now, "restore", Outcome::Ok).detail(detail))?;
        Ok(report)
    }
}

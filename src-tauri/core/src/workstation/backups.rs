//! Backups of the open workstation: "Back up now", the daily backup, the list and restore,
//! behind the admin's permission and in the audit log.

use super::Workstation;
use crate::audit::{AuditEvent, Outcome};
use crate::backup::{self, BackupReport, RestoreReport};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::permissions::Operation;
use crate::vault::{Keystore, PendingEvent};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// The audit detail of a restore after which the practice file could not be reopened (kept in
/// the keystore until the next login can write it).
pub(super) const RESTORE_LOST_FILE: &str =
    "the restore failed and the practice file could not be reopened; Charta had to restart";

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
        self.anchor_audit(now)?;
        result
    }

    /// The automatic backup at the first opening of each day, keeping the practice's number
    /// of backups. `None` when today's exists.
    pub fn daily_backup(&mut self, now: DateTime<Utc>) -> CoreResult<Option<BackupReport>> {
        self.usable()?;
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
        self.anchor_audit(now)?;
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

    /// Replaces the practice's database with a verified backup; the current one is kept aside
    /// and the audit rows it has beyond the backup are carried over. A failed restore is
    /// audited; if the practice file cannot be opened again afterwards, every command is
    /// refused with [`CoreError::NeedsRestart`] rather than reaching anything but that file.
    pub fn restore(&mut self, backup_file: &Path, now: DateTime<Utc>) -> CoreResult<RestoreReport> {
        self.run(now, |u| {
            u.require_operation(Operation::Restore, "restore", now)
        })?;
        let actor = self.session.current(now)?;
        // The live file must be closed while it is swapped. Until it is open again the
        // stand-in refuses everything, and so does `usable`.
        let stand_in = ChartDb::closed()?;
        self.needs_restart = Some("The practice file is closed for a restore".into());
        drop(std::mem::replace(&mut self.db, stand_in));
        let result = backup::restore(backup_file, &self.db_path, &self.key, now);
        match self.reopen() {
            Ok(db) => {
                self.db = db;
                self.needs_restart = None;
            }
            Err(e) => return Err(self.lost_practice_file(&actor, now, result.err(), e)),
        }
        let (outcome, detail) = match &result {
            Ok(report) => (
                Outcome::Ok,
                format!(
                    "from {}; previous database kept as {:?}; {} audit rows carried over{}",
                    backup_file.display(),
                    report.set_aside,
                    report.carried_rows,
                    report
                        .audit_notes
                        .iter()
                        .map(|n| format!("; {n}"))
                        .collect::<String>()
                ),
            ),
            Err(e) => (
                Outcome::Failed,
                format!("from {}: {e}", backup_file.display()),
            ),
        };
        self.db
            .audit(&actor.event(now, "restore", outcome).detail(detail))?;
        self.anchor_audit(now)?;
        result
    }

    /// Opens the practice file again after a restore (the restored one, or the previous one
    /// put back), never creating an empty practice where the file has gone missing.
    fn reopen(&mut self) -> CoreResult<ChartDb> {
        crate::backup::failpoint("restore.reopen")?;
        if !self.db_path.is_file() {
            return Err(CoreError::Corrupt(format!(
                "the practice file {} is missing",
                self.db_path.display()
            )));
        }
        let db = ChartDb::open_encrypted(&self.db_path, &self.key)?;
        // The restore may have replaced the keystore, and moved its anchor.
        self.keystore = Keystore::load(self.keystore.path())?;
        let mut db = db;
        db.set_known_anchor(self.keystore.audit_anchor().cloned());
        Ok(db)
    }

    /// The practice file could not be reopened: from now on every command answers
    /// "restart Charta", and the failure waits in the keystore for the audit log.
    fn lost_practice_file(
        &mut self,
        actor: &crate::access::Actor,
        now: DateTime<Utc>,
        restore_error: Option<CoreError>,
        reopen_error: CoreError,
    ) -> CoreError {
        let why = match restore_error {
            Some(e) => format!(
                "The restore failed ({e}) and the practice file could not be reopened                  ({reopen_error})"
            ),
            None => format!(
                "The backup was restored but the practice file could not be reopened                  ({reopen_error})"
            ),
        };
        self.needs_restart = Some(why.clone());
        self.session.end();
        let pending = PendingEvent {
            at: now,
            username: actor.username().to_string(),
            action: "restore".into(),
            outcome: "failed".into(),
        };
        if let Ok(mut keystore) = Keystore::load(self.keystore.path()) {
            // Best effort: the error below already tells the person at the keyboard.
            let _ = keystore.record_pending(pending);
        }
        CoreError::NeedsRestart(why)
    }
}

#[cfg(test)]
mod restore_tests;

//! Backups of the open workstation: "Back up now", the daily backup and re-verifying one as
//! jobs that run away from the workstation (their outcome audited afterwards), the list from
//! stored results, and restore, behind the admin's permission and in the audit log.

use super::Workstation;
use crate::access::{denial_message, Actor};
use crate::audit::AuditEvent;
use crate::audit::Outcome;
use crate::backup::{
    self, BackupJob, BackupKind, BackupOutcome, BackupReport, ListedBackup, PracticeIdentity,
    RestoreReport,
};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::permissions::Operation;
use crate::session::SessionView;
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

    /// Which practice this is, as its backups' names say.
    pub fn practice_identity(&self) -> PracticeIdentity {
        PracticeIdentity::of_key(&self.key)
    }

    /// "Back up now" as a job to run away from the workstation: the admin's permission is
    /// checked (a denial audited) and what the backup needs is taken, in microseconds.
    pub fn back_up_job(&mut self, dir: Option<&Path>, now: DateTime<Utc>) -> CoreResult<BackupJob> {
        let dir = match dir {
            Some(d) => d.to_path_buf(),
            None => self.backup_dir()?,
        };
        self.run(now, |u| {
            u.require_operation(Operation::BackUp, "backup", now)
        })?;
        let actor = self.session.current(now)?;
        self.job(BackupKind::Manual, dir, Some(actor), now)
    }

    /// The automatic backup of the day as a job; whether it is due is decided when it runs,
    /// from this practice's backups in the folder.
    pub fn daily_backup_job(&mut self, now: DateTime<Utc>) -> CoreResult<BackupJob> {
        self.usable()?;
        let dir = self.backup_dir()?;
        self.job(BackupKind::Daily, dir, None, now)
    }

    /// Checking one listed backup again, as a job; the result is stored for the list.
    pub fn verify_backup_job(&mut self, file: &Path, now: DateTime<Utc>) -> CoreResult<BackupJob> {
        self.run(now, |u| {
            u.require_operation(Operation::Restore, "verify_backup", now)
        })?;
        let dir = self.backup_dir()?;
        if file.parent() != Some(dir.as_path()) || backup::backup_time(file).is_none() {
            return Err(CoreError::invalid(
                "path",
                format!("Only a backup in {} can be verified here", dir.display()),
            ));
        }
        let actor = self.session.current(now)?;
        self.job(BackupKind::Verify, file.to_path_buf(), Some(actor), now)
    }

    fn job(
        &self,
        kind: BackupKind,
        target: PathBuf,
        actor: Option<Actor>,
        now: DateTime<Utc>,
    ) -> CoreResult<BackupJob> {
        let keep = self.db.practice()?.map_or(14, |p| p.backups_kept as usize);
        Ok(BackupJob {
            kind,
            db_path: self.db_path.clone(),
            key: self.key.clone(),
            target,
            keep,
            actor,
            started_at: now,
        })
    }

    /// Writes the audit row of a finished job: who asked (the system for the daily backup),
    /// what was made or found, and any failure. A daily backup that was not due leaves none.
    pub fn record_backup(&mut self, outcome: &BackupOutcome, now: DateTime<Utc>) -> CoreResult<()> {
        self.usable()?;
        let action = match outcome.kind {
            BackupKind::Verify => "verify_backup",
            BackupKind::Manual | BackupKind::Daily => "backup",
        };
        let daily = if outcome.kind == BackupKind::Daily {
            "daily: "
        } else {
            ""
        };
        let (result, detail) = match &outcome.result {
            Ok(None) => return Ok(()),
            Ok(Some(r)) if r.verified => (
                Outcome::Ok,
                format!("{daily}{} ({} bytes, verified)", r.path.display(), r.bytes),
            ),
            Ok(Some(r)) => (
                Outcome::Failed,
                format!(
                    "{} did not verify: {}",
                    r.path.display(),
                    r.problems.join("; ")
                ),
            ),
            Err(e) => (
                Outcome::Failed,
                format!("{daily}backup to {} failed: {e}", outcome.target.display()),
            ),
        };
        let event = match &outcome.actor {
            Some(actor) => actor.event(now, action, result),
            None => AuditEvent::new(now, None, "system", action, result),
        };
        self.db.audit(&event.detail(detail))?;
        self.anchor_audit(now)
    }

    /// "Back up now", start to finish on this thread (the command-line tool and tests; the app
    /// runs [`Workstation::back_up_job`] in the background instead).
    pub fn back_up_now(
        &mut self,
        dir: Option<&Path>,
        now: DateTime<Utc>,
    ) -> CoreResult<BackupReport> {
        let outcome = self.back_up_job(dir, now)?.run(&mut |_| {});
        self.record_backup(&outcome, now)?;
        outcome
            .result?
            .ok_or_else(|| CoreError::Corrupt("the backup made no file".into()))
    }

    /// The daily backup, start to finish on this thread. `None` when today's exists.
    pub fn daily_backup(&mut self, now: DateTime<Utc>) -> CoreResult<Option<BackupReport>> {
        let outcome = self.daily_backup_job(now)?.run(&mut |_| {});
        self.record_backup(&outcome, now)?;
        outcome.result
    }

    /// Whether the person at the keyboard may watch backups run: the admin. Neither counts as
    /// activity (the screen polls it) nor is audited (it shows no patient data).
    pub fn may_watch_backups(&mut self, now: DateTime<Utc>) -> CoreResult<()> {
        self.note_expiry(now)?;
        match self.session.view() {
            SessionView::Active { actor, .. } if actor.can(Operation::BackUp) => Ok(()),
            SessionView::Active { .. } => {
                Err(CoreError::Forbidden(denial_message(Operation::BackUp)))
            }
            SessionView::Locked { .. } => Err(CoreError::SessionLocked),
            SessionView::LoggedOut => Err(CoreError::Unauthenticated("Please log in".into())),
        }
    }

    /// The practice's backups, newest first, with their stored verification results; files
    /// are not opened, and one that cannot be read is listed as such.
    pub fn list_backups(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<ListedBackup>> {
        self.run(now, |u| {
            u.require_operation(Operation::Restore, "list_backups", now)
        })?;
        let dir = self.backup_dir()?;
        backup::list_recorded(&dir, &self.practice_identity())
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
        crate::fault::point("restore.reopen")?;
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

//! The one background backup of a running app: starts a [`BackupJob`] on its own thread,
//! keeps its progress for the Backups screen to poll, and the last result until the next job.

use super::job::{BackupJob, BackupKind, BackupOutcome};
use super::{BackupPhase, BackupProgress, BackupReport};
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use ts_rs::TS;

/// What the Backups screen shows while and after a backup runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    pub running: bool,
    pub kind: Option<BackupKind>,
    pub phase: Option<BackupPhase>,
    #[ts(type = "number")]
    pub pages_done: u64,
    #[ts(type = "number")]
    pub pages_total: u64,
    /// The last job that finished (a daily backup that was not due leaves it as it was).
    pub last_result: Option<BackupResult>,
}

/// How the last job ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupResult {
    pub kind: BackupKind,
    pub started_at: DateTime<Utc>,
    pub ok: bool,
    pub report: Option<BackupReport>,
    /// Why it failed, in words.
    pub error: Option<String>,
}

/// Shared between the commands and the job's thread; clones see the same status.
#[derive(Debug, Clone, Default)]
pub struct BackupRunner {
    status: Arc<Mutex<BackupStatus>>,
}

impl BackupRunner {
    pub fn status(&self) -> BackupStatus {
        self.lock().clone()
    }

    pub fn is_running(&self) -> bool {
        self.lock().running
    }

    /// Refused while another job runs, so a restore or a second backup waits its turn.
    pub fn refuse_if_running(&self, what: &str) -> CoreResult<()> {
        if self.is_running() {
            return Err(CoreError::Forbidden(format!(
                "A backup is running; {what} when it has finished"
            )));
        }
        Ok(())
    }

    /// Runs `job` on a new thread. When it is done, `finish` is given the outcome (to write its
    /// audit row through the workstation) before the status shows the result. Refused while
    /// another job runs.
    pub fn start<F>(&self, job: BackupJob, finish: F) -> CoreResult<JoinHandle<()>>
    where
        F: FnOnce(&BackupOutcome) -> CoreResult<()> + Send + 'static,
    {
        {
            let mut status = self.lock();
            if status.running {
                return Err(CoreError::Forbidden(
                    "A backup is running already; start another when it has finished".into(),
                ));
            }
            status.running = true;
            status.kind = Some(job.kind());
            status.phase = None;
            status.pages_done = 0;
            status.pages_total = 0;
        }
        let runner = self.clone();
        let kind = job.kind();
        let started_at = job.started_at;
        let spawned = std::thread::Builder::new()
            .name("charta-backup".into())
            .spawn(move || {
                // Marks the job finished even if it panics, so the app never waits forever.
                let mut guard = Finished {
                    runner: runner.clone(),
                    result: Some(BackupResult {
                        kind,
                        started_at,
                        ok: false,
                        report: None,
                        error: Some("the backup stopped unexpectedly".into()),
                    }),
                };
                let outcome = job.run(&mut |p| runner.progress(p));
                let audited = finish(&outcome);
                guard.result = result_of(outcome, audited);
            });
        spawned.map_err(|e| {
            let mut status = self.lock();
            status.running = false;
            CoreError::Io(e)
        })
    }

    fn progress(&self, p: BackupProgress) {
        let mut status = self.lock();
        status.phase = Some(p.phase);
        status.pages_done = p.pages_done;
        status.pages_total = p.pages_total;
    }

    fn lock(&self) -> MutexGuard<'_, BackupStatus> {
        // The status is plain data, whole after any panic: keep using it.
        self.status
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The result the status shows; `None` for a daily backup that was not due.
fn result_of(outcome: BackupOutcome, audited: CoreResult<()>) -> Option<BackupResult> {
    let unaudited = audited
        .err()
        .map(|e| format!("; its audit row could not be written: {e}"));
    let (ok, report, error) = match outcome.result {
        Ok(None) => return None,
        Ok(Some(report)) => (
            report.verified && unaudited.is_none(),
            Some(report),
            unaudited.map(|u| u.trim_start_matches("; ").to_string()),
        ),
        Err(e) => (
            false,
            None,
            Some(format!("{e}{}", unaudited.unwrap_or_default())),
        ),
    };
    Some(BackupResult {
        kind: outcome.kind,
        started_at: outcome.started_at,
        ok,
        report,
        error,
    })
}

struct Finished {
    runner: BackupRunner,
    result: Option<BackupResult>,
}

impl Drop for Finished {
    fn drop(&mut self) {
        let mut status = self.runner.lock();
        status.running = false;
        status.kind = None;
        status.phase = None;
        if let Some(result) = self.result.take() {
            status.last_result = Some(result);
        }
    }
}

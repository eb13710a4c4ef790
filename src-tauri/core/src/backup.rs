//! Backups of the open chart database (online, still encrypted, then verified), the daily
//! automatic backup with pruning, verifying a backup file, and restoring one.

mod job;
mod names;
mod record;
mod restore;
mod runner;

pub use job::{BackupJob, BackupKind, BackupOutcome};
pub use names::{backup_file_name, backup_practice, backup_time, list_backups, PracticeIdentity};
pub use record::{list_recorded, record_path, BackupCheck, ListedBackup};
pub use restore::{restore, CARRIED_PREFIX};
pub use runner::{BackupResult, BackupRunner, BackupStatus};

use crate::audit::{head_anchor, verify_chain_against, AuditAnchor};
use crate::db::{open_keyed_connection, ChartDb};
use crate::error::{CoreError, CoreResult};
use crate::vault::atomic::{create_private_dir, rename_durably, sibling, sync_parent};
use crate::vault::{keystore_path_for, DbKey, Keystore};
use chrono::{DateTime, Utc};
use names::STAMP;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;
use ts_rs::TS;

/// Pages copied between two progress reports (4 MiB of 4 KiB pages).
const PAGES_PER_STEP: i32 = 1024;

/// What a backup holds and whether it passed every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupReport {
    #[ts(type = "string")]
    pub path: PathBuf,
    /// The keystore copied beside it (`<backup>.keys`), if there was one to copy.
    #[ts(type = "string | null")]
    pub keystore_path: Option<PathBuf>,
    /// From the file name, which records when the backup was taken (UTC).
    pub created_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Rows per table in the backup.
    #[ts(type = "Record<string, number>")]
    pub table_counts: BTreeMap<String, u64>,
    /// Opens with the key, `integrity_check` is ok, the audit chain verifies, and (for a
    /// fresh backup) every table has as many rows as the database it was taken from.
    pub verified: bool,
    /// What failed, in words, when `verified` is false.
    pub problems: Vec<String>,
}

/// What a running backup is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupPhase {
    Copying,
    Verifying,
}

/// How far a running backup has got: pages of the database copied so far, of all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupProgress {
    pub phase: BackupPhase,
    #[ts(type = "number")]
    pub pages_done: u64,
    #[ts(type = "number")]
    pub pages_total: u64,
}

/// What a restore did: where the replaced database went, and the restored one's check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub restored: BackupReport,
    /// The database (and its -wal/-shm and keystore, when moved) as it was before.
    #[ts(type = "string[]")]
    pub set_aside: Vec<PathBuf>,
    /// Whether the backup's keystore replaced the live one (only when the live one does not
    /// hold the backup's key).
    pub keystore_replaced: bool,
    /// Audit rows the replaced database had beyond the backup's newest row, now appended to
    /// the restored log (marked as carried over).
    #[ts(type = "number")]
    pub carried_rows: u64,
    /// What the carrying found: a replaced log that could not be read, was broken, or had
    /// parted from the backup's.
    pub audit_notes: Vec<String>,
}

/// Backs up the open database into `dir` with SQLite's online backup (the copy is encrypted
/// with the same key), copies the keystore beside it, verifies the copy and stores what the
/// verification found beside it. A copy that fails verification is renamed `….failed` and
/// reported as an error.
pub fn backup_now(
    db: &ChartDb,
    key: &DbKey,
    dir: &Path,
    now: DateTime<Utc>,
) -> CoreResult<BackupReport> {
    backup_with_progress(db, key, dir, now, &mut |_| {})
}

/// [`backup_now`], telling `progress` how far it has got after every few megabytes.
pub fn backup_with_progress(
    db: &ChartDb,
    key: &DbKey,
    dir: &Path,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(BackupProgress),
) -> CoreResult<BackupReport> {
    let practice = PracticeIdentity::of_key(key);
    create_private_dir(dir).map_err(|e| {
        // The admin reads this on the Backups screen: say which folder, not just "not found".
        CoreError::Io(std::io::Error::new(
            e.kind(),
            format!("the backup folder {} cannot be created: {e}", dir.display()),
        ))
    })?;
    let target = dir.join(backup_file_name(now, &practice));
    if target.exists() {
        return Err(CoreError::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("a backup named {} already exists", target.display()),
        )));
    }
    let partial = sibling(&target, ".partial");
    remove_if_exists(&partial)?;
    let (source_counts, pages, head) = copy_database(db, key, &partial, now, progress)?;
    rename_durably(&partial, &target)?;

    // The keystore copy records the backup's own audit head, so a backup whose newest audit
    // rows were cut off later fails verification.
    let keystore_path = match db.path().map(keystore_path_for) {
        Some(live_keys) if live_keys.is_file() => {
            let copy = sibling(&target, ".keys");
            if copy.exists() {
                return Err(CoreError::Io(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!("{} already exists", copy.display()),
                )));
            }
            Keystore::load(&live_keys)?.save_copy_anchored(&copy, head)?;
            Some(copy)
        }
        _ => None,
    };

    progress(BackupProgress {
        phase: BackupPhase::Verifying,
        pages_done: pages,
        pages_total: pages,
    });
    let mut report = verify_backup(&target, key)?;
    report.keystore_path = keystore_path;
    if report.table_counts != source_counts {
        report.verified = false;
        report.problems.push(format!(
            "row counts differ from the database: backup {:?}, database {:?}",
            report.table_counts, source_counts
        ));
    }
    if !report.verified {
        let failed = sibling(&target, ".failed");
        rename_durably(&target, &failed)?;
        return Err(CoreError::Corrupt(format!(
            "the backup failed verification and was set aside as {}: {}",
            failed.display(),
            report.problems.join("; ")
        )));
    }
    record::store(&report, &practice, now)?;
    Ok(report)
}

/// Copies the database to `to` in one read snapshot and returns that snapshot's row counts
/// its number of pages and its audit head. Writers on other connections go on meanwhile (WAL):
/// the snapshot is held by a read transaction, so the copy is neither disturbed nor restarted.
fn copy_database(
    db: &ChartDb,
    key: &DbKey,
    to: &Path,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(BackupProgress),
) -> CoreResult<(BTreeMap<String, u64>, u64, Option<AuditAnchor>)> {
    let mut dest = open_keyed_connection(to, key)?;
    let copied = db.read(|source| {
        // One read transaction around counting and copying, so both see the same snapshot.
        let snapshot = source.unchecked_transaction()?;
        let counts = table_counts(&snapshot)?;
        let head = head_anchor(&snapshot, now)?;
        let copy = Backup::new(source, &mut dest)?;
        let pages = loop {
            let step = copy.step(PAGES_PER_STEP)?;
            let seen = copy.progress();
            let total = u64::try_from(seen.pagecount).unwrap_or_default();
            let left = u64::try_from(seen.remaining).unwrap_or_default();
            progress(BackupProgress {
                phase: BackupPhase::Copying,
                pages_done: total.saturating_sub(left),
                pages_total: total,
            });
            match step {
                StepResult::Done => break total,
                StepResult::More => {}
                _ => std::thread::sleep(Duration::from_millis(10)),
            }
        };
        drop(copy);
        snapshot.rollback()?;
        Ok((counts, pages, head))
    })?;
    // A backup is one self-contained file, not a database with a write-ahead log beside it.
    let _mode: String = dest.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    dest.close().map_err(|(_, e)| CoreError::Database(e))?;
    fs::File::open(to)?.sync_all()?;
    Ok(copied)
}

/// Runs a backup when `dir` has none of this practice from today (UTC), then keeps only the
/// practice's newest `keep_last_n` backups (never fewer than one). `None` when one already
/// exists for today. Other practices' backups in the same folder neither count nor get pruned.
pub fn daily_backup_if_due(
    db: &ChartDb,
    key: &DbKey,
    dir: &Path,
    keep_last_n: usize,
    now: DateTime<Utc>,
) -> CoreResult<Option<BackupReport>> {
    daily_backup_with_progress(db, key, dir, keep_last_n, now, &mut |_| {})
}

/// [`daily_backup_if_due`], telling `progress` how far the backup has got.
pub fn daily_backup_with_progress(
    db: &ChartDb,
    key: &DbKey,
    dir: &Path,
    keep_last_n: usize,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(BackupProgress),
) -> CoreResult<Option<BackupReport>> {
    if daily_backup_done(key, dir, now)? {
        return Ok(None);
    }
    let report = backup_with_progress(db, key, dir, now, progress)?;
    prune(dir, key, keep_last_n.max(1))?;
    Ok(Some(report))
}

/// Whether `dir` holds a backup of this practice taken today (UTC), by the names alone.
pub fn daily_backup_done(key: &DbKey, dir: &Path, now: DateTime<Utc>) -> CoreResult<bool> {
    let practice = PracticeIdentity::of_key(key);
    let today = now.date_naive();
    Ok(list_backups(dir)?.iter().any(|p| {
        backup_practice(p) == Some(Some(practice.as_str()))
            && backup_time(p).is_some_and(|t| t.date_naive() == today)
    }))
}

/// Deletes all but the newest `keep` backups of the practice `key` opens in `dir`, with their
/// keystore copies and stored verification results. A backup from before names carried the
/// practice counts as this practice's when `key` opens it.
pub fn prune(dir: &Path, key: &DbKey, keep: usize) -> CoreResult<Vec<PathBuf>> {
    let practice = PracticeIdentity::of_key(key);
    let ours = list_backups(dir)?
        .into_iter()
        .filter(|p| match backup_practice(p) {
            Some(Some(id)) => id == practice.as_str(),
            _ => open_read_only(p, key).is_ok(),
        });
    let mut removed = Vec::new();
    for old in ours.skip(keep) {
        remove_if_exists(&sibling(&old, ".keys"))?;
        remove_if_exists(&record_path(&old))?;
        fs::remove_file(&old)?;
        removed.push(old);
    }
    if !removed.is_empty() {
        sync_parent(&dir.join("x"))?;
    }
    Ok(removed)
}

/// Checks a backup again and stores what was found beside it, for the Backups list. A file
/// that does not open with `key` is recorded as failing, not returned as an error.
pub fn verify_and_record(path: &Path, key: &DbKey, now: DateTime<Utc>) -> CoreResult<BackupReport> {
    let report = match verify_backup(path, key) {
        Ok(report) => report,
        Err(CoreError::WrongKey) => BackupReport {
            path: path.to_path_buf(),
            keystore_path: None,
            created_at: backup_time(path).unwrap_or_default(),
            bytes: fs::metadata(path)?.len(),
            table_counts: BTreeMap::new(),
            verified: false,
            problems: vec![
                "the file does not open with this practice's key: it is damaged or another \
                 practice's"
                    .into(),
            ],
        },
        Err(e) => return Err(e),
    };
    record::store(&report, &PracticeIdentity::of_key(key), now)?;
    Ok(report)
}

/// Checks a backup file: it opens with `key`, `integrity_check` is ok and the audit chain
/// verifies, up to at least the head its keystore copy recorded. Opened read-only, so checking never changes it. A key that does not open it is
/// [`CoreError::WrongKey`] — unless the keystore beside it holds that very key, in which case
/// the file is damaged and the report says so.
pub fn verify_backup(path: &Path, key: &DbKey) -> CoreResult<BackupReport> {
    let bytes = fs::metadata(path)?.len();
    let created_at = backup_time(path)
        .or_else(|| {
            fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .map(DateTime::<Utc>::from)
        })
        .unwrap_or_default();
    let keys = sibling(path, ".keys");
    let keystore_path = keys.is_file().then_some(keys);
    let mut report = BackupReport {
        path: path.to_path_buf(),
        keystore_path,
        created_at,
        bytes,
        table_counts: BTreeMap::new(),
        verified: false,
        problems: Vec::new(),
    };
    let conn = match open_read_only(path, key) {
        Ok(conn) => conn,
        Err(CoreError::WrongKey) if keystore_holds(report.keystore_path.as_deref(), key) => {
            report
                .problems
                .push("the file is damaged: its first page does not decrypt".into());
            return Ok(report);
        }
        Err(CoreError::Database(e)) => {
            report.problems.push(format!("the file is damaged: {e}"));
            return Ok(report);
        }
        Err(e) => return Err(e),
    };
    // The anchor the keystore beside the file recorded (a backup's own head; for the live
    // database, the head at its last lock, logout, close or backup).
    let anchor = match report.keystore_path.as_deref().map(Keystore::load) {
        Some(Ok(keys)) => keys.audit_anchor().cloned(),
        Some(Err(e)) => {
            report.problems.push(format!("the keystore beside it: {e}"));
            None
        }
        None => None,
    };
    match check_contents(&conn, anchor.as_ref()) {
        Ok((counts, problems)) => {
            report.table_counts = counts;
            report.problems.extend(problems);
        }
        // SQLCipher reports a page whose authentication tag fails as corruption or as "not a
        // database", both of which mean: this file is damaged.
        Err(e) => report.problems.push(format!("the file is damaged: {e}")),
    }
    report.verified = report.problems.is_empty();
    Ok(report)
}

fn check_contents(
    conn: &Connection,
    anchor: Option<&AuditAnchor>,
) -> CoreResult<(BTreeMap<String, u64>, Vec<String>)> {
    let mut problems = Vec::new();
    let integrity: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<_, _>>()?
    };
    if integrity != ["ok"] {
        problems.push(format!("integrity check: {}", integrity.join("; ")));
    }
    let chain = verify_chain_against(conn, anchor, "the keystore beside it")?;
    if !chain.ok() {
        problems.push(format!("audit chain: {}", chain.message));
    }
    Ok((table_counts(conn)?, problems))
}

fn keystore_holds(path: Option<&Path>, key: &DbKey) -> bool {
    path.and_then(|p| Keystore::load(p).ok())
        .is_some_and(|k| k.holds_key(key))
}

pub(crate) fn open_read_only(path: &Path, key: &DbKey) -> CoreResult<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    crate::db::apply_key(&conn, key)?;
    Ok(conn)
}

/// Rows in every table of the schema.
fn table_counts(conn: &Connection) -> CoreResult<BTreeMap<String, u64>> {
    let names: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut counts = BTreeMap::new();
    for name in names {
        // Table names come from the schema itself, quoted as identifiers.
        let sql = format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\""));
        let n: i64 = conn.query_row(&sql, [], |r| r.get(0))?;
        counts.insert(name, u64::try_from(n).unwrap_or_default());
    }
    Ok(counts)
}

fn remove_if_exists(path: &Path) -> CoreResult<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests;

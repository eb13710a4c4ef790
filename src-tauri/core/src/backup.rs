//! Backups of the open chart database (online, still encrypted, then verified), the daily
//! automatic backup with pruning, verifying a backup file, and restoring one.

use crate::audit::{head_anchor, verify_chain_against, AuditAnchor};
use crate::db::{open_keyed_connection, ChartDb};
use crate::error::{CoreError, CoreResult};
use crate::vault::atomic::{create_private_dir, rename_durably, sibling, sync_parent};
use crate::vault::{keystore_path_for, DbKey, Keystore};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;
use ts_rs::TS;

mod restore;

pub use restore::{restore, CARRIED_PREFIX};

const PREFIX: &str = "charta-";
const SUFFIX: &str = ".db";
const STAMP: &str = "%Y%m%d-%H%M%S";

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

/// `charta-YYYYMMDD-HHMMSS.db`, UTC.
pub fn backup_file_name(now: DateTime<Utc>) -> String {
    format!("{PREFIX}{}{SUFFIX}", now.format(STAMP))
}

/// When a backup file name says it was taken; `None` for other files.
pub fn backup_time(path: &Path) -> Option<DateTime<Utc>> {
    let name = path.file_name()?.to_str()?;
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| t.and_utc())
}

/// Backup files in `dir`, newest first.
pub fn list_backups(dir: &Path) -> CoreResult<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found: Vec<(DateTime<Utc>, PathBuf)> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if let Some(at) = backup_time(&path).filter(|_| path.is_file()) {
            found.push((at, path));
        }
    }
    found.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

/// Backs up the open database into `dir` with SQLite's online backup (the copy is encrypted
/// with the same key), copies the keystore beside it, and verifies the copy. A copy that fails
/// verification is renamed `….failed` and reported as an error.
pub fn backup_now(
    db: &ChartDb,
    key: &DbKey,
    dir: &Path,
    now: DateTime<Utc>,
) -> CoreResult<BackupReport> {
    create_private_dir(dir)?;
    let target = dir.join(backup_file_name(now));
    if target.exists() {
        return Err(CoreError::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("a backup named {} already exists", target.display()),
        )));
    }
    let partial = sibling(&target, ".partial");
    remove_if_exists(&partial)?;
    let (source_counts, head) = copy_database(db, key, &partial, now)?;
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
    Ok(report)
}

/// Copies the database to `to` in one read snapshot and returns that snapshot's row counts
/// and audit head.
fn copy_database(
    db: &ChartDb,
    key: &DbKey,
    to: &Path,
    now: DateTime<Utc>,
) -> CoreResult<(BTreeMap<String, u64>, Option<AuditAnchor>)> {
    let mut dest = open_keyed_connection(to, key)?;
    let counts = db.read(|source| {
        // One read transaction around counting and copying, so all see the same snapshot.
        let snapshot = source.unchecked_transaction()?;
        let counts = table_counts(&snapshot)?;
        let head = head_anchor(&snapshot, now)?;
        Backup::new(source, &mut dest)?.run_to_completion(1024, Duration::from_millis(0), None)?;
        snapshot.rollback()?;
        Ok((counts, head))
    })?;
    // A backup is one self-contained file, not a database with a write-ahead log beside it.
    let _mode: String = dest.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    dest.close().map_err(|(_, e)| CoreError::Database(e))?;
    fs::File::open(to)?.sync_all()?;
    Ok(counts)
}

/// Runs a backup when `dir` has none from today (UTC), then keeps only the newest
/// `keep_last_n` backups (never fewer than one). `None` when one already exists for today.
pub fn daily_backup_if_due(
    db: &ChartDb,
    key: &DbKey,
    dir: &Path,
    keep_last_n: usize,
    now: DateTime<Utc>,
) -> CoreResult<Option<BackupReport>> {
    let today = now.date_naive();
    let done_today = list_backups(dir)?
        .iter()
        .any(|p| backup_time(p).is_some_and(|t| t.date_naive() == today));
    if done_today {
        return Ok(None);
    }
    let report = backup_now(db, key, dir, now)?;
    prune(dir, keep_last_n.max(1))?;
    Ok(Some(report))
}

/// Deletes all but the newest `keep` backups in `dir`, with their keystore copies.
pub fn prune(dir: &Path, keep: usize) -> CoreResult<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for old in list_backups(dir)?.into_iter().skip(keep) {
        remove_if_exists(&sibling(&old, ".keys"))?;
        fs::remove_file(&old)?;
        removed.push(old);
    }
    if !removed.is_empty() {
        sync_parent(&dir.join("x"))?;
    }
    Ok(removed)
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

fn open_read_only(path: &Path, key: &DbKey) -> CoreResult<Connection> {
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

/// A test-only way to make a step of a restore fail (a disk error at that point); always
/// passes outside tests.
#[cfg(test)]
pub(crate) fn failpoint(name: &str) -> CoreResult<()> {
    if failpoints::armed(name) {
        return Err(CoreError::Io(std::io::Error::other(format!(
            "injected failure at {name}"
        ))));
    }
    Ok(())
}

#[cfg(not(test))]
pub(crate) fn failpoint(_name: &str) -> CoreResult<()> {
    Ok(())
}

#[cfg(test)]
pub(crate) mod failpoints {
    use std::cell::RefCell;

    thread_local! {
        static ARMED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }

    /// Makes `failpoint(name)` fail on this thread until [`clear`].
    pub(crate) fn arm(name: &str) {
        ARMED.with(|a| a.borrow_mut().push(name.to_string()));
    }

    pub(crate) fn clear() {
        ARMED.with(|a| a.borrow_mut().clear());
    }

    pub(super) fn armed(name: &str) -> bool {
        ARMED.with(|a| a.borrow().iter().any(|n| n == name))
    }
}

#[cfg(test)]
mod tests;

//! Backups of the open chart database (online, still encrypted, then verified), the daily
//! automatic backup with pruning, verifying a backup file, and restoring one.

use crate::db::{open_keyed_connection, ChartDb};
use crate::error::{CoreError, CoreResult};
use crate::vault::atomic::{copy_durably, rename_durably, sibling, sync_parent};
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
    fs::create_dir_all(dir)?;
    let target = dir.join(backup_file_name(now));
    if target.exists() {
        return Err(CoreError::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("a backup named {} already exists", target.display()),
        )));
    }
    let partial = sibling(&target, ".partial");
    remove_if_exists(&partial)?;
    let source_counts = copy_database(db, key, &partial)?;
    rename_durably(&partial, &target)?;

    let keystore_path = match db.path().map(keystore_path_for) {
        Some(live_keys) if live_keys.is_file() => {
            let copy = sibling(&target, ".keys");
            copy_durably(&live_keys, &copy, false)?;
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

/// Copies the database to `to` in one read snapshot and returns that snapshot's row counts.
fn copy_database(db: &ChartDb, key: &DbKey, to: &Path) -> CoreResult<BTreeMap<String, u64>> {
    let mut dest = open_keyed_connection(to, key)?;
    let counts = db.read(|source| {
        // One read transaction around counting and copying, so both see the same snapshot.
        let snapshot = source.unchecked_transaction()?;
        let counts = table_counts(&snapshot)?;
        Backup::new(source, &mut dest)?.run_to_completion(1024, Duration::from_millis(0), None)?;
        snapshot.rollback()?;
        Ok(counts)
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
/// verifies. Opened read-only, so checking never changes it. A key that does not open it is
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
    match check_contents(&conn) {
        Ok((counts, problems)) => {
            report.table_counts = counts;
            report.problems = problems;
        }
        // SQLCipher reports a page whose authentication tag fails as corruption or as "not a
        // database", both of which mean: this file is damaged.
        Err(e) => report.problems.push(format!("the file is damaged: {e}")),
    }
    report.verified = report.problems.is_empty();
    Ok(report)
}

fn check_contents(conn: &Connection) -> CoreResult<(BTreeMap<String, u64>, Vec<String>)> {
    let mut problems = Vec::new();
    let integrity: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<_, _>>()?
    };
    if integrity != ["ok"] {
        problems.push(format!("integrity check: {}", integrity.join("; ")));
    }
    let chain = crate::audit::verify_chain(conn)?;
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

/// Restores `backup` as the database at `live_db`, which must be closed. The backup is
/// verified first; the current database (with its -wal and -shm) is moved aside to
/// `<db>.before-restore-<YYYYMMDD-HHMMSS>`, never deleted; the backup is copied in and the
/// result opened and checked. The live keystore stays when it holds the backup's key (current
/// passwords keep working); otherwise the backup's keystore copy replaces it, the live one
/// moved aside too.
pub fn restore(
    backup: &Path,
    live_db: &Path,
    key: &DbKey,
    now: DateTime<Utc>,
) -> CoreResult<RestoreReport> {
    let checked = verify_backup(backup, key)?;
    if !checked.verified {
        return Err(CoreError::Corrupt(format!(
            "the backup {} failed verification, nothing was changed: {}",
            backup.display(),
            checked.problems.join("; ")
        )));
    }
    let live_keys = keystore_path_for(live_db);
    let backup_keys = sibling(backup, ".keys");
    let replace_keystore = !keystore_holds(Some(&live_keys), key);
    if replace_keystore && !backup_keys.is_file() {
        return Err(CoreError::Corrupt(format!(
            "the live keystore does not hold this backup's key and the backup has no keystore \
             beside it ({}); restoring would leave a database no password opens",
            backup_keys.display()
        )));
    }

    let aside = sibling(live_db, &format!(".before-restore-{}", now.format(STAMP)));
    let mut moves: Vec<(PathBuf, PathBuf)> = ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| (sibling(live_db, suffix), sibling(&aside, suffix)))
        .collect();
    if replace_keystore {
        moves.push((live_keys.clone(), sibling(&aside, ".keys")));
    }
    moves.retain(|(from, _)| from.exists());
    // Check every name first, so a clash stops the restore before anything has moved.
    for (_, to) in &moves {
        refuse_existing(to)?;
    }
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    // Only files this restore created are removed on failure.
    let mut created: Vec<PathBuf> = Vec::new();
    let swapped = (|| -> CoreResult<()> {
        for (from, to) in &moves {
            rename_durably(from, to)?;
            moved.push((from.clone(), to.clone()));
        }
        if replace_keystore {
            copy_durably(&backup_keys, &live_keys, false)?;
            created.push(live_keys.clone());
        }
        // Every -wal/-shm of the previous database has been moved by now, so any found here
        // after a failure were made by opening the copy.
        created.extend(["", "-wal", "-shm"].iter().map(|s| sibling(live_db, s)));
        copy_durably(backup, live_db, false)?;
        let reopened = ChartDb::open_encrypted(live_db, key)?;
        if !reopened.integrity_ok()? {
            return Err(CoreError::Corrupt(
                "the restored database failed its integrity check".into(),
            ));
        }
        Ok(())
    })();
    if let Err(e) = swapped {
        // Put the previous database back, so a failed restore never leaves the app to create
        // an empty one in its place. What was copied in is only a copy of the backup.
        let rollback = undo_restore(&created, &moved);
        return Err(match rollback {
            Ok(()) => e,
            Err(undo) => CoreError::Corrupt(format!(
                "the restore failed ({e}) and the previous database could not be put back \
                 ({undo}); it is at {}",
                aside.display()
            )),
        });
    }
    Ok(RestoreReport {
        restored: checked,
        set_aside: moved.into_iter().map(|(_, to)| to).collect(),
        keystore_replaced: replace_keystore,
    })
}

fn undo_restore(created: &[PathBuf], moved: &[(PathBuf, PathBuf)]) -> CoreResult<()> {
    for path in created {
        remove_if_exists(path)?;
    }
    for (from, to) in moved.iter().rev() {
        rename_durably(to, from)?;
    }
    Ok(())
}

fn refuse_existing(path: &Path) -> CoreResult<()> {
    if path.exists() {
        return Err(CoreError::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} already exists; nothing was moved", path.display()),
        )));
    }
    Ok(())
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

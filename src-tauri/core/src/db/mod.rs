//! The chart database: opening a file or memory store with safe settings, and transactions.

mod migrations;

pub use migrations::{MIGRATIONS, SCHEMA_VERSION};

use crate::error::{CoreError, CoreResult};
use crate::text;
use crate::vault::DbKey;
use rusqlite::config::DbConfig;
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;
use zeroize::Zeroizing;

/// How long a statement waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open chart database. Its connection is private to `charta-core`: patient data is
/// reached only through the checked, audited operations of [`AsUser`](crate::AsUser) (see
/// [`crate::access`]), never through raw SQL from outside the crate. This does not compile:
///
/// ```compile_fail,E0624
/// let db = charta_core::ChartDb::open_in_memory().unwrap();
/// let _count: i64 = db
///     .read(|c| Ok(c.query_row("SELECT count(*) FROM patients", [], |r| r.get(0))?))
///     .unwrap();
/// ```
///
/// while the door does (a user's actor, then its operations):
///
/// ```
/// use charta_core::{testing, ChartDb};
/// let mut db = ChartDb::open_in_memory().unwrap();
/// let staff = testing::staffed_practice(&mut db, testing::test_now()).unwrap();
/// let draft = testing::person("Rivera", "Ann", "1970-01-01", "");
/// let id = charta_core::PatientId::from_u128(1);
/// db.as_user(&staff.front_desk)
///     .register_patient(&draft, true, id, testing::test_now())
///     .unwrap();
/// ```
#[derive(Debug)]
pub struct ChartDb {
    conn: Connection,
    path: Option<PathBuf>,
    /// The audit head recorded outside this file (see `audit::anchor`).
    pub(crate) anchor: Option<crate::audit::AuditAnchor>,
}

impl ChartDb {
    /// Opens (creating if needed) the SQLCipher-encrypted database file at `path` with `key`,
    /// and brings its schema up to date. A wrong key, or a plaintext file, is
    /// [`CoreError::WrongKey`]; a build without SQLCipher refuses to open anything.
    pub fn open_encrypted(path: &Path, key: &DbKey) -> CoreResult<Self> {
        let conn = open_keyed_connection(path, key)?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// Opens (creating if needed) an **unencrypted** database file at `path` and brings its
    /// schema up to date. For tests and benchmark comparisons only: the application must
    /// never use it (anyone who copies the file could read it); it opens its chart with
    /// [`ChartDb::open_encrypted`].
    pub fn open_unencrypted(path: &Path) -> CoreResult<Self> {
        let conn = open_connection(path)?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// What stands in for the database while its file is closed (a restore swapping it): no
    /// tables and read-only, so nothing can be read from it or written into memory by mistake.
    pub(crate) fn closed() -> CoreResult<Self> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA query_only = ON")?;
        Ok(ChartDb {
            conn,
            path: None,
            anchor: None,
        })
    }

    /// A private in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> CoreResult<Self> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> CoreResult<Self> {
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        Ok(ChartDb {
            conn,
            path,
            anchor: None,
        })
    }

    /// The file behind this database, `None` for memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` against the connection for reading.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> CoreResult<T>) -> CoreResult<T> {
        f(&self.conn)
    }

    /// Runs `f` in one immediate transaction: committed when `f` returns `Ok`, rolled back
    /// (nothing changed) when it returns `Err`.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` in one immediate transaction that is always rolled back: a dry run sees
    /// exactly what the real run would (constraints, the rows it adds) and changes nothing.
    pub(crate) fn rehearse<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx);
        tx.rollback()?;
        value
    }

    /// Like [`ChartDb::write`] but committed without waiting for the disk: for transactions
    /// that only record that something was *read* (an audit row), where a crash may lose the
    /// last few rows but never corrupts the file. The next full commit makes them durable.
    pub(crate) fn write_relaxed<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        self.conn.execute_batch("PRAGMA synchronous = NORMAL")?;
        let result = self.write(f);
        let restored = self.conn.execute_batch("PRAGMA synchronous = FULL");
        let value = result?;
        restored?;
        Ok(value)
    }

    /// Moves committed WAL pages into the database file without waiting for readers; call
    /// when the user is idle. Returns the WAL pages still waiting (0 when all moved).
    pub fn checkpoint(&self) -> CoreResult<i64> {
        let (_busy, log, moved): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        Ok((log - moved).max(0))
    }

    /// `PRAGMA integrity_check`, `true` when the file is sound.
    pub fn integrity_ok(&self) -> CoreResult<bool> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(result == "ok")
    }
}

fn open_connection(path: &Path) -> CoreResult<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // SQLite gives the -wal, -shm and -journal files the database file's mode, so a database
    // made here owner-only (before SQLite would create it 0644) keeps all of them private.
    match crate::vault::atomic::create_private(path) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => tighten_mode(path),
        Err(e) => return Err(e.into()),
    }
    Ok(Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?)
}

/// Makes a database that an older Charta created 0644 owner-only, with its -wal and -shm. Best
/// effort: a file someone else owns keeps its mode and still opens.
fn tighten_mode(path: &Path) {
    #[cfg(unix)]
    for suffix in ["", "-wal", "-shm"] {
        use std::os::unix::fs::PermissionsExt;
        let file = crate::vault::atomic::sibling(path, suffix);
        if let Ok(meta) = std::fs::metadata(&file) {
            if meta.is_file() && meta.permissions().mode() & 0o077 != 0 {
                let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
}

/// A connection to `path` with SQLCipher keyed and the key proven, before anything else
/// touches the file. Backups are opened the same way.
pub(crate) fn open_keyed_connection(path: &Path, key: &DbKey) -> CoreResult<Connection> {
    // SQLCipher's `PRAGMA key` has now and then failed outright ("An error occurred with PRAGMA
    // key or rekey") when the test suite keyed many connections at once in one process — never
    // because of the key (a wrong key is a later NotADatabase). Keying is serialized
    // (`apply_key`), and a PRAGMA key that fails on a fresh connection is tried again on a new
    // one, twice at most.
    let mut retries = 0;
    loop {
        let conn = open_connection(path)?;
        match apply_key(&conn, key) {
            Err(CoreError::Database(rusqlite::Error::SqliteFailure(_, Some(message))))
                if retries < 2 && message.contains("PRAGMA key") =>
            {
                retries += 1;
                drop(conn);
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Ok(()) => return Ok(conn),
            Err(e) => return Err(e),
        }
    }
}

/// One keying at a time in this process (see `open_keyed_connection`).
static KEYING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Keys `conn` (which must be fresh: `PRAGMA key` only works before the first read), refuses a
/// SQLite without the cipher, and proves the key with a read.
pub(crate) fn apply_key(conn: &Connection, key: &DbKey) -> CoreResult<()> {
    let _one_at_a_time = KEYING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let literal = key.sqlcipher_key_literal();
    let statement = Zeroizing::new(format!("PRAGMA key = \"{}\";", literal.as_str()));
    conn.execute_batch(&statement)?;
    // SQLCipher would otherwise write its own lines to stderr on every wrong key; the error
    // reaches the caller as `WrongKey` instead. Global, and harmless on plain SQLite.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    // Plain SQLite ignores `PRAGMA key` silently and would write plaintext; SQLCipher answers
    // this pragma, plain SQLite answers nothing.
    let version: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .optional()?;
    if version.as_deref().is_none_or(str::is_empty) {
        return Err(CoreError::Corrupt(
            "this build of Charta lacks database encryption (SQLCipher); refusing to open".into(),
        ));
    }
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(CoreError::WrongKey)
        }
        Err(e) => Err(e.into()),
    }
}

/// Settings every connection gets, and the text-key functions the schema's triggers and
/// migrations call.
fn configure(conn: &Connection) -> CoreResult<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // In-memory databases answer "memory" here; that is fine.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA trusted_schema = OFF;
         PRAGMA temp_store = MEMORY;",
    )?;
    // 64 MiB of page cache: with SQLCipher every page read from the OS is decrypted, so a
    // practice's hot pages should stay decrypted in memory (a 100,000-patient chart is ~50 MB).
    conn.execute_batch("PRAGMA cache_size = -65536")?;
    // rusqlite keeps 16 prepared statements by default; one screen's read (the calendar's day:
    // the door, the set-up, the hours, the day's rows, the names, the blocks, the audit row)
    // uses about that many, so with the rest of the app's they were parsed again on every call.
    conn.set_prepared_statement_cache_capacity(128);
    // Plan each statement once, whatever its bound values: without this SQLite marks some
    // cached statements (every join of a patient's rows to `users`, measured) to be planned
    // again whenever a bound value changes, so the medication list, the calendar's day and the
    // like were re-planned on every call (14 % of `med_list` at 100,000 patients). Nothing here
    // leans on value-dependent plans: no ANALYZE statistics, no `LIKE ?`, and partial indexes
    // are matched by literal predicates.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    // Checkpoints copy the WAL into the main file and fsync it; run on a commit they put
    // milliseconds onto whichever click happened to trigger them. The application runs them
    // when idle instead (`ChartDb::checkpoint`); a WAL left behind is applied at the next open.
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0")?;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("charta_fold", 1, flags, |ctx| {
        Ok(text::fold(&ctx.get::<String>(0)?))
    })?;
    conn.create_scalar_function("charta_sound", 1, flags, |ctx| {
        Ok(text::sound_key(&ctx.get::<String>(0)?))
    })?;
    conn.create_scalar_function("charta_phone", 1, flags, |ctx| {
        Ok(text::phone_key(&ctx.get::<String>(0)?))
    })?;
    conn.create_scalar_function("charta_reverse", 1, flags, |ctx| {
        Ok(ctx.get::<String>(0)?.chars().rev().collect::<String>())
    })?;
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    if fk != 1 {
        return Err(CoreError::Corrupt(
            "foreign keys could not be enabled".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;

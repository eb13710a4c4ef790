//! Writing a new practice all or nothing: the keystore under a provisional name, the database,
//! then the keystore's rename; and clearing what an interrupted setup left.

use super::keystore_path;
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::UserId;
use crate::vault::atomic::{create_private_dir, sibling};
use crate::vault::{DbKey, KdfParams, Keystore, RecoveryKey};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// Where setup writes the keystore until the practice is complete. Only setup creates it and
/// its last step renames it to [`keystore_path`], so finding it means a setup never finished.
pub(super) fn unfinished_keystore_path(db_path: &Path) -> PathBuf {
    sibling(&keystore_path(db_path), ".setup")
}

/// Removes what an unfinished setup left: the database files, then the marker (last, so a crash
/// while removing still shows an unfinished setup). Does nothing without the marker.
fn discard_unfinished_setup(db_path: &Path) -> CoreResult<()> {
    let marker = unfinished_keystore_path(db_path);
    if !marker.exists() {
        return Ok(());
    }
    let remove = |path: &Path| match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(CoreError::Io(e)),
        _ => Ok(()),
    };
    remove(db_path)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        remove(&sibling(db_path, suffix))?;
    }
    remove(&sibling(&marker, ".tmp"))?;
    remove(&marker)
}

/// Writes a new practice so that it exists whole or not at all: the keystore first under its
/// provisional name (marking an unfinished setup), then the database and what `fill` puts in
/// it, and last the keystore's rename to its real name, which is what makes the practice
/// exist. A failure at any step removes what was written; a crash leaves the marker, and the
/// next start offers setup again.
pub(super) fn create_practice<T>(
    db_path: &Path,
    key: &DbKey,
    first: (UserId, &str, &str),
    now: DateTime<Utc>,
    kdf: KdfParams,
    fill: impl FnOnce(&mut ChartDb, &mut Keystore) -> CoreResult<T>,
) -> CoreResult<(ChartDb, Keystore, RecoveryKey, T)> {
    discard_unfinished_setup(db_path)?;
    // A new user's data folder does not exist before the first start; the keystore is the
    // first file written, so the folder is made here (owner only, like the files in it).
    if let Some(dir) = db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    let (user_id, username, password) = first;
    let attempt = || {
        let (mut keystore, recovery) = Keystore::create_with_params(
            &unfinished_keystore_path(db_path),
            key,
            &user_id.to_string(),
            username,
            password,
            now,
            kdf,
        )?;
        let mut db = ChartDb::open_encrypted(db_path, key)?;
        let value = fill(&mut db, &mut keystore)?;
        keystore.move_to(&keystore_path(db_path))?;
        Ok((db, keystore, recovery, value))
    };
    let result = attempt();
    if result.is_err() {
        // The database (if any) is closed by now; the original error is the one to report.
        let _ = discard_unfinished_setup(db_path);
    }
    result
}

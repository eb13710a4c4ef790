//! Restoring a backup over the practice's database: the swap (the replaced files kept aside,
//! put back on failure), and carrying the replaced log's newer audit rows into the restored one.

use super::RestoreReport;
use super::{keystore_holds, open_read_only, remove_if_exists, verify_backup, STAMP};
use crate::audit::{self, head_anchor, AuditEvent};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::store;
use crate::vault::atomic::{copy_durably, rename_durably, sibling};
use crate::vault::{keystore_path_for, DbKey, Keystore};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// How a carried row's detail starts, so the report shows it came from the replaced database.
pub const CARRIED_PREFIX: &str = "[carried over by a restore]";

/// Restores `backup` as the database at `live_db`, which must be closed. The backup is
/// verified first; the current database (with its -wal and -shm) is moved aside to
/// `<db>.before-restore-<YYYYMMDD-HHMMSS>`, never deleted; the backup is copied in and the
/// result opened and checked. The live keystore stays when it holds the backup's key (current
/// passwords keep working); otherwise the backup's keystore copy replaces it, the live one
/// moved aside too.
///
/// Audit history is not rolled back with the data: rows the replaced database logged after the
/// backup's newest row are appended to the restored log, marked with [`CARRIED_PREFIX`], and
/// the live keystore's anchor moves to the restored log's head. The caller audits the restore
/// itself after them.
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
    let replaced_db = live_db.is_file().then(|| aside.clone());
    // Check every name first, so a clash stops the restore before anything has moved.
    for (_, to) in &moves {
        refuse_existing(to)?;
    }
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    // Only files this restore created are removed on failure.
    let mut created: Vec<PathBuf> = Vec::new();
    let swapped = (|| -> CoreResult<Carried> {
        for (from, to) in &moves {
            rename_durably(from, to)?;
            moved.push((from.clone(), to.clone()));
        }
        crate::fault::point("restore.swap")?;
        if replace_keystore {
            copy_durably(&backup_keys, &live_keys, false)?;
            created.push(live_keys.clone());
        }
        // Every -wal/-shm of the previous database has been moved by now, so any found here
        // after a failure were made by opening the copy.
        created.extend(["", "-wal", "-shm"].iter().map(|s| sibling(live_db, s)));
        copy_durably(backup, live_db, false)?;
        let mut reopened = ChartDb::open_encrypted(live_db, key)?;
        if !reopened.integrity_ok()? {
            return Err(CoreError::Corrupt(
                "the restored database failed its integrity check".into(),
            ));
        }
        let carried = carry_audit_rows(&mut reopened, replaced_db.as_deref(), key, now)?;
        // The keystore's anchor named the replaced log's head; the restored log is the one
        // to hold against from now on.
        if let (Some(head), true) = (reopened.audit_head(now)?, live_keys.is_file()) {
            Keystore::load(&live_keys)?.set_audit_anchor(head)?;
        }
        Ok(carried)
    })();
    let carried = match swapped {
        Ok(carried) => carried,
        Err(e) => {
            // Put the previous database back, so a failed restore never leaves the app to
            // create an empty one in its place. What was copied in is only a copy of the backup.
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
    };
    Ok(RestoreReport {
        restored: checked,
        set_aside: moved.into_iter().map(|(_, to)| to).collect(),
        keystore_replaced: replace_keystore,
        carried_rows: carried.rows,
        audit_notes: carried.notes,
    })
}

/// What came over from the replaced database's log.
struct Carried {
    rows: u64,
    notes: Vec<String>,
}

/// Appends to `restored`'s log, in one transaction, every row `replaced` logged after the
/// restored log's newest row, re-chained and marked. A replaced database that cannot be read
/// (the reason a restore is often needed) is noted, not fatal: it stays aside, unchanged.
fn carry_audit_rows(
    restored: &mut ChartDb,
    replaced: Option<&Path>,
    key: &DbKey,
    now: DateTime<Utc>,
) -> CoreResult<Carried> {
    let mut notes = Vec::new();
    let Some(replaced) = replaced else {
        return Ok(Carried { rows: 0, notes });
    };
    let head = restored.audit_head(now)?;
    let (head_seq, head_hash) = head.map_or((0, None), |h| (h.seq, Some(h.hash)));
    let read = (|| -> CoreResult<Vec<(i64, AuditEvent)>> {
        let conn = open_read_only(replaced, key)?;
        let chain = audit::verify_chain(&conn)?;
        if !chain.ok() {
            notes.push(format!(
                "the replaced database's audit log: {}",
                chain.message
            ));
        }
        let own = head_anchor(&conn, now)?;
        if head_seq > 0 && store::audit::hash_at(&conn, head_seq)? != head_hash {
            notes.push(format!(
                "the replaced database's audit log differs from the backup's at or before row \
                 {head_seq}{}",
                own.map(|o| format!(" (it ends at row {})", o.seq))
                    .unwrap_or_default()
            ));
        }
        store::audit::events_after(&conn, head_seq)
    })();
    let events = match read {
        Ok(events) => events,
        Err(e) => {
            notes.push(format!(
                "the replaced database's audit rows could not be read, so none were carried \
                 over ({e}); it is kept at {}",
                replaced.display()
            ));
            return Ok(Carried { rows: 0, notes });
        }
    };
    let stamp = now.format("%Y-%m-%d %H:%M:%S UTC");
    restored.write(|tx| {
        for (seq, event) in &events {
            let mut event = event.clone();
            event.detail = format!(
                "{CARRIED_PREFIX} at {stamp}, row {seq} of the replaced database: {}",
                event.detail
            );
            audit::append(tx, &event)?;
        }
        Ok(())
    })?;
    Ok(Carried {
        rows: events.len() as u64,
        notes,
    })
}

fn undo_restore(created: &[PathBuf], moved: &[(PathBuf, PathBuf)]) -> CoreResult<()> {
    crate::fault::point("restore.undo")?;
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

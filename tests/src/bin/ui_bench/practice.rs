//! `ui-bench`'s practice: the seeded demo practice of a size, made once and cached in
//! target/ui-bench/, and a fresh copy of it for each app start.

use super::{root, run};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The seeded practice for `patients`, made once per size (and again after charta-admin is
/// rebuilt) so that re-runs start at once.
pub fn seeded(patients: u32) -> Result<PathBuf, String> {
    let admin = root().join("target/release/charta-admin");
    let dir = root().join("target/ui-bench");
    let db = dir.join(format!("demo-{patients}.db"));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let keys = keys_of(&db);
    if let (Some(seeded), Some(_), Some(built)) = (modified(&db), modified(&keys), modified(&admin))
    {
        if seeded > built {
            return Ok(db);
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let fresh = dir.join(format!("seeding-{patients}.db"));
    for stale in [fresh.clone(), keys_of(&fresh), wal_of(&fresh)] {
        let _ = std::fs::remove_file(stale);
    }
    eprintln!("ui-bench: seeding a demo practice of {patients} patients");
    run(
        Command::new(&admin)
            .arg("seed-demo")
            .arg("--db")
            .arg(&fresh)
            .args(["--patients", &patients.to_string()]),
        "charta-admin seed-demo",
    )?;
    if wal_of(&fresh).exists() {
        return Err("seed-demo left a write-ahead log behind".into());
    }
    std::fs::rename(keys_of(&fresh), &keys).map_err(|e| e.to_string())?;
    std::fs::rename(&fresh, &db).map_err(|e| e.to_string())?;
    Ok(db)
}

pub fn keys_of(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.keys", db.display()))
}

pub fn wal_of(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

/// A copy of the seeded practice in a new folder: no backup there yet, so the first login
/// of the day makes one, as on a practice's first opening each morning.
pub fn fresh_copy(seeded: &Path, run: usize) -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("charta-ui-bench-{}-{run}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let db = dir.join("charta.db");
    std::fs::copy(seeded, &db).map_err(|e| e.to_string())?;
    std::fs::copy(keys_of(seeded), keys_of(&db)).map_err(|e| e.to_string())?;
    Ok(db)
}

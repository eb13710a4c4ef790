//! Backup file names: when a backup was taken and which practice it belongs to, read from the
//! name alone so that finding today's backup or the ones to prune never opens a file.

use crate::vault::DbKey;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::CoreResult;

const PREFIX: &str = "charta-";
const SUFFIX: &str = ".db";
pub(crate) const STAMP: &str = "%Y%m%d-%H%M%S";
/// `YYYYMMDD-HHMMSS`
const STAMP_LEN: usize = 15;
const IDENTITY_CONTEXT: &[u8] = b"charta-practice-identity/1";

/// Which practice a backup belongs to, without saying anything about its contents: a hash of
/// the practice's database key, which is made once at setup and travels with every backup and
/// restore of that practice. Two practices sharing a backup folder have different keys, so
/// different identities; the hash cannot be turned back into the key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PracticeIdentity(String);

impl PracticeIdentity {
    pub fn of_key(key: &DbKey) -> Self {
        let mut hash = Sha256::new();
        hash.update(IDENTITY_CONTEXT);
        hash.update(key.as_bytes());
        let digest = hash.finalize();
        PracticeIdentity(digest.iter().take(8).map(|b| format!("{b:02x}")).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PracticeIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `charta-YYYYMMDD-HHMMSS-<practice>.db`, UTC.
pub fn backup_file_name(now: DateTime<Utc>, practice: &PracticeIdentity) -> String {
    format!("{PREFIX}{}-{practice}{SUFFIX}", now.format(STAMP))
}

/// The stamp and the practice part of a backup's file name; the practice is `None` for names
/// from before backups carried it (`charta-YYYYMMDD-HHMMSS.db`).
fn parse(path: &Path) -> Option<(DateTime<Utc>, Option<&str>)> {
    let name = path.file_name()?.to_str()?;
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let stamp = rest.get(..STAMP_LEN)?;
    let practice = match rest.get(STAMP_LEN..)? {
        "" => None,
        tail => Some(
            tail.strip_prefix('-')
                .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit()))?,
        ),
    };
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    Some((at, practice))
}

/// When a backup file name says it was taken; `None` for other files.
pub fn backup_time(path: &Path) -> Option<DateTime<Utc>> {
    parse(path).map(|(at, _)| at)
}

/// Whose backup the name says this is: `Some(Some(id))`, `Some(None)` for a name without a
/// practice (older backups), `None` for a file that is not a backup.
pub fn backup_practice(path: &Path) -> Option<Option<&str>> {
    parse(path).map(|(_, practice)| practice)
}

/// Whether the name of `path` marks it as another practice's backup.
pub(crate) fn is_other_practice(path: &Path, practice: &PracticeIdentity) -> bool {
    matches!(backup_practice(path), Some(Some(id)) if id != practice.as_str())
}

/// Files in `dir` named like backups, newest first, whether or not they can be read.
pub(crate) fn backup_names(dir: &Path) -> CoreResult<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found: Vec<(DateTime<Utc>, PathBuf)> = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if let Some(at) = backup_time(&path).filter(|_| !path.is_dir()) {
            found.push((at, path));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

/// Backup files in `dir`, newest first.
pub fn list_backups(dir: &Path) -> CoreResult<Vec<PathBuf>> {
    Ok(backup_names(dir)?
        .into_iter()
        .filter(|p| p.is_file())
        .collect())
}

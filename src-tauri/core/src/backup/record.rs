//! What each backup's verification found, stored beside it (`<backup>.verified.json`) when the
//! check is made, so the Backups list shows every backup without opening and re-checking each
//! file, and lists a file it cannot read as such instead of failing.

use super::names::{
    backup_names, backup_practice, backup_time, is_other_practice, PracticeIdentity,
};
use super::BackupReport;
use crate::error::{CoreError, CoreResult};
use crate::vault::atomic::{sibling, write_atomically};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use ts_rs::TS;

const FORMAT: u32 = 1;

/// The stored result of one verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct VerificationRecord {
    format: u32,
    practice: PracticeIdentity,
    verified_at: DateTime<Utc>,
    /// The file's size when it was checked; another size now means it changed since.
    bytes: u64,
    verified: bool,
    problems: Vec<String>,
    table_counts: BTreeMap<String, u64>,
}

/// Where the verification result of `backup` is kept.
pub fn record_path(backup: &Path) -> PathBuf {
    sibling(backup, ".verified.json")
}

/// Keeps what a verification of `report.path` found, replacing any earlier result.
pub(crate) fn store(
    report: &BackupReport,
    practice: &PracticeIdentity,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    let record = VerificationRecord {
        format: FORMAT,
        practice: practice.clone(),
        verified_at: at,
        bytes: report.bytes,
        verified: report.verified,
        problems: report.problems.clone(),
        table_counts: report.table_counts.clone(),
    };
    let json = serde_json::to_vec_pretty(&record)
        .map_err(|e| CoreError::Corrupt(format!("verification record: {e}")))?;
    write_atomically(&record_path(&report.path), &json)?;
    Ok(())
}

/// How a listed backup stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupCheck {
    /// Its last verification passed and the file has not changed size since.
    Verified,
    /// Its last verification found problems.
    Failed,
    /// No usable verification result is stored (an older backup, a damaged record, or a file
    /// that changed since it was checked): verify it again to know.
    NotVerified,
    /// The file cannot be read at all.
    Unreadable,
}

/// One backup as the Backups list shows it: from its name and its stored verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListedBackup {
    #[ts(type = "string")]
    pub path: PathBuf,
    #[ts(type = "string | null")]
    pub keystore_path: Option<PathBuf>,
    /// From the file name (UTC).
    pub created_at: DateTime<Utc>,
    /// The file's size now; 0 when it cannot be read.
    #[ts(type = "number")]
    pub bytes: u64,
    pub check: BackupCheck,
    /// When the stored result was made, if there is one.
    pub verified_at: Option<DateTime<Utc>>,
    /// Rows per table at the last verification.
    #[ts(type = "Record<string, number>")]
    pub table_counts: BTreeMap<String, u64>,
    /// What failed or why there is no result, in words.
    pub problems: Vec<String>,
}

/// The backups of `practice` in `dir` (and older ones whose name does not say whose they
/// are), newest first, each with its stored verification result. Never opens a backup.
pub fn list_recorded(dir: &Path, practice: &PracticeIdentity) -> CoreResult<Vec<ListedBackup>> {
    let mut listed = Vec::new();
    for path in backup_names(dir)? {
        if is_other_practice(&path, practice) {
            continue;
        }
        listed.extend(describe(&path, practice));
    }
    Ok(listed)
}

/// `None` when the stored result says an older, unnamed backup is another practice's.
fn describe(path: &Path, practice: &PracticeIdentity) -> Option<ListedBackup> {
    let keys = sibling(path, ".keys");
    let mut entry = ListedBackup {
        path: path.to_path_buf(),
        keystore_path: keys.is_file().then_some(keys),
        created_at: backup_time(path).unwrap_or_default(),
        bytes: 0,
        check: BackupCheck::Unreadable,
        verified_at: None,
        table_counts: BTreeMap::new(),
        problems: Vec::new(),
    };
    let readable = fs::metadata(path).and_then(|m| fs::File::open(path).map(|_| m.len()));
    match readable {
        Ok(bytes) => entry.bytes = bytes,
        Err(e) => {
            entry.problems.push(format!("the file cannot be read: {e}"));
            return Some(entry);
        }
    }
    entry.check = BackupCheck::NotVerified;
    let record = match fs::read(record_path(path)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            entry
                .problems
                .push("no verification result is stored for this backup".into());
            return Some(entry);
        }
        Err(e) => Err(e.to_string()),
        Ok(bytes) => {
            serde_json::from_slice::<VerificationRecord>(&bytes).map_err(|e| e.to_string())
        }
    };
    let record = match record {
        Ok(r) => r,
        Err(e) => {
            entry.problems.push(format!(
                "its stored verification result cannot be read: {e}"
            ));
            return Some(entry);
        }
    };
    if record.practice != *practice {
        if backup_practice(path) == Some(None) {
            return None;
        }
        entry
            .problems
            .push("its stored verification result is another practice's".into());
        return Some(entry);
    }
    entry.verified_at = Some(record.verified_at);
    entry.table_counts = record.table_counts;
    if record.bytes != entry.bytes {
        entry.problems.push(format!(
            "the file changed since it was verified ({} bytes then, {} now)",
            record.bytes, entry.bytes
        ));
        return Some(entry);
    }
    entry.problems = record.problems;
    entry.check = if record.verified {
        BackupCheck::Verified
    } else {
        BackupCheck::Failed
    };
    Some(entry)
}

//! One pass over the admin's results folder: each file in it read through `import_hl7`, then
//! moved — to `done/` when imported, held or a duplicate, to `refused/` when malformed — so a
//! file is read once and never deleted. A file that cannot be read or moved stays put and is
//! reported (the next pass tries again).

use super::build::derived;
use super::Hl7ImportOutcome;
use crate::access::AsUser;
use crate::error::{CoreError, CoreResult};
use crate::ids::Hl7ImportId;
use crate::permissions::Operation;
use crate::store;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Files read by one pass.
const FILES_PER_PASS: usize = 50;

/// What one pass over the folder did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FolderRun {
    pub folder: Option<String>,
    pub matched: u32,
    pub held: u32,
    pub duplicates: u32,
    pub refused: u32,
    /// Files left in place, with why ("cannot read …").
    pub problems: Vec<String>,
}

fn move_into(file: &Path, sub: &str) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new(".")).join(sub);
    std::fs::create_dir_all(&dir)?;
    let name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    let mut target = dir.join(&name);
    let mut n = 1;
    while target.exists() {
        let mut renamed = name.clone();
        renamed.push(format!(".{n}"));
        target = dir.join(renamed);
        n += 1;
    }
    std::fs::rename(file, target)
}

fn waiting_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                !n.starts_with('.') && !n.ends_with(".part") && !n.ends_with(".tmp")
            })
        })
        .collect();
    files.sort();
    files.truncate(FILES_PER_PASS);
    Ok(files)
}

impl AsUser<'_> {
    /// Reads what waits in the results folder (`ImportResults`); ids derive from `run`.
    pub fn import_results_folder(
        &mut self,
        run: Hl7ImportId,
        now: DateTime<Utc>,
    ) -> CoreResult<FolderRun> {
        self.require(Operation::ImportResults, "import_result_file", now)?;
        let Some(folder) = self
            .db
            .read(store::hl7_imports::folder)?
            .filter(|f| !f.is_empty())
        else {
            return Ok(FolderRun::default());
        };
        let mut out = FolderRun {
            folder: Some(folder.clone()),
            ..FolderRun::default()
        };
        let files = match waiting_files(Path::new(&folder)) {
            Ok(f) => f,
            Err(e) => {
                out.problems
                    .push(format!("cannot read the folder {folder}: {e}"));
                return Ok(out);
            }
        };
        for file in files {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let bytes = match std::fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    out.problems.push(format!("cannot read {name}: {e}"));
                    continue;
                }
            };
            let id = Hl7ImportId::from_u128(derived(run, &format!("file-{name}")));
            let sub = match self.import_hl7(&name, &bytes, id, now) {
                Ok(Hl7ImportOutcome::Matched { .. }) => {
                    out.matched += 1;
                    "done"
                }
                Ok(Hl7ImportOutcome::Held { .. }) => {
                    out.held += 1;
                    "done"
                }
                Ok(Hl7ImportOutcome::Duplicate { .. }) => {
                    out.duplicates += 1;
                    "done"
                }
                Err(CoreError::Invalid(_)) => {
                    out.refused += 1;
                    "refused"
                }
                Err(e) => return Err(e),
            };
            if let Err(e) = move_into(&file, sub) {
                out.problems
                    .push(format!("cannot move {name} into {sub}/: {e}"));
            }
        }
        Ok(out)
    }
}

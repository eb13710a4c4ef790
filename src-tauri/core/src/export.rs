//! Files Charta writes for people to take away (the audit log as CSV): owner-only, and always
//! a new file — never written over an existing file or through a symlink planted in its place.

use crate::error::{CoreError, CoreResult};
use crate::vault::atomic::{create_private, create_private_dir, sync_parent};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Names tried before giving up: `<stem>.<ext>`, `<stem>-2.<ext>` …
const MAX_TRIES: u32 = 100;

/// Writes `bytes` to a new file `<stem>.<extension>` in `dir` (created owner-only if
/// missing), or `<stem>-2.<extension>` and so on when that name is taken; answers its path.
pub fn write_export(dir: &Path, stem: &str, extension: &str, bytes: &[u8]) -> CoreResult<PathBuf> {
    create_private_dir(dir)?;
    for n in 1..=MAX_TRIES {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let path = dir.join(name);
        match create_private(&path) {
            Ok(mut file) => {
                file.write_all(bytes)?;
                file.sync_all()?;
                sync_parent(&path)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(CoreError::Io(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!(
            "{MAX_TRIES} files named {stem}… already exist in {}",
            dir.display()
        ),
    )))
}

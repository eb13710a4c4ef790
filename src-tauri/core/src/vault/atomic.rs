//! Replacing a file so a crash or power cut leaves either the old or the new contents, never
//! half of each, and making renames themselves durable.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` through a temporary file beside it: write, fsync, rename over the
/// old file, fsync the directory (the rename lives in the directory, not in the file).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = sibling(path, ".tmp");
    {
        let mut file = fresh_private_file(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    sync_parent(path)
}

/// Copies `from` to `to` through a temporary file, durably, refusing to replace an existing
/// `to` unless `replace`.
pub(crate) fn copy_durably(from: &Path, to: &Path, replace: bool) -> io::Result<u64> {
    if !replace && to.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already exists", to.display()),
        ));
    }
    let tmp = sibling(to, ".tmp");
    let bytes = {
        let mut source = File::open(from)?;
        let mut target = fresh_private_file(&tmp)?;
        let bytes = io::copy(&mut source, &mut target)?;
        target.sync_all()?;
        bytes
    };
    fs::rename(&tmp, to)?;
    sync_parent(to)?;
    Ok(bytes)
}

/// Renames durably (both names live in directories that are fsynced).
pub(crate) fn rename_durably(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)?;
    sync_parent(to)?;
    sync_parent(from)
}

/// Makes the directory entry of `path` durable.
pub(crate) fn sync_parent(path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Opening a directory read-only and fsyncing it is how POSIX persists a rename; other
    // platforms may refuse, and there the rename is as durable as the OS makes it.
    match File::open(dir).and_then(|d| d.sync_all()) {
        Ok(()) => Ok(()),
        Err(e) if cfg!(unix) => Err(e),
        Err(_) => Ok(()),
    }
}

/// `path` with `suffix` appended to its file name.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A new file readable by the owner only (key files, databases, backups, exports), created
/// where nothing is: an existing file or symlink at `path` is an error, never followed.
pub(crate) fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// A temporary file made afresh: a leftover from a crash (or a symlink planted in its
/// place) is removed first, not written through.
fn fresh_private_file(tmp: &Path) -> io::Result<File> {
    match fs::remove_file(tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    create_private(tmp)
}

/// Creates `dir` (and its parents) for backups or exports, the new folders owner-only.
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

//! The keystore file beside the database (`<db>.keys`): the database key wrapped once per user
//! password and once by the recovery key, failed-login counters, and login events waiting for
//! the audit log.

use super::atomic::{rename_durably, sibling, write_atomically};
use super::key::{burn_like_an_unlock, DbKey, KdfParams, KeyCheck, RecoveryKey, WrappedKey};
use crate::audit::AuditAnchor;
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// Consecutive wrong passwords that lock a user out.
pub const MAX_FAILED_ATTEMPTS: u32 = 5;
/// How long a lock-out lasts.
pub const LOCKOUT_MINUTES: i64 = 15;
/// Pending events kept while the database stays closed; beyond this the oldest are dropped so
/// someone hammering the login screen cannot grow the file without bound.
const MAX_PENDING: usize = 10_000;
const FORMAT: u32 = 1;
const RECOVERY_CONTEXT: &str = "charta-keystore/1/recovery";

/// Where the keystore of the database at `db_path` lives.
pub fn keystore_path_for(db_path: &Path) -> PathBuf {
    sibling(db_path, ".keys")
}

/// A login event that happened while the database was closed (so it could not be audited
/// yet). The app moves these into the audit log after the next successful open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingEvent {
    pub at: DateTime<Utc>,
    pub username: String,
    /// e.g. `login`, `login_recovery`.
    pub action: String,
    /// e.g. `failed`, `denied`.
    pub outcome: String,
}

/// A successful unlock: who, and the key that opens the database.
#[derive(Debug)]
pub struct Unlocked {
    pub user_id: String,
    pub key: DbKey,
}

/// Why an unlock did not give the key.
#[derive(Debug)]
pub enum UnlockError {
    /// No such username in the keystore. Took as long as a wrong password.
    UnknownUser,
    WrongPassword {
        attempts_left: u32,
    },
    /// Too many wrong passwords in a row; try again after `until`.
    LockedOut {
        until: DateTime<Utc>,
    },
    /// The keystore could not be read, written or understood.
    Store(CoreError),
}

impl fmt::Display for UnlockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnlockError::UnknownUser | UnlockError::WrongPassword { .. } => {
                f.write_str("Wrong username or password")
            }
            UnlockError::LockedOut { until } => write!(
                f,
                "Too many wrong passwords; this user is locked out until {} UTC",
                until.format("%H:%M")
            ),
            UnlockError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for UnlockError {}

impl From<CoreError> for UnlockError {
    fn from(e: CoreError) -> Self {
        UnlockError::Store(e)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct UserEntry {
    user_id: String,
    username: String,
    wrapped: WrappedKey,
    failed_attempts: u32,
    locked_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct KeystoreFile {
    format: u32,
    created_at: DateTime<Utc>,
    /// Cost for new wraps; each wrap also records the cost it was made with.
    kdf: KdfParams,
    key_check: KeyCheck,
    recovery: WrappedKey,
    users: Vec<UserEntry>,
    #[serde(default)]
    pending_events: Vec<PendingEvent>,
    /// The audit log's head at the last lock, logout, close or backup (absent in keystores
    /// written before anchors existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    audit_anchor: Option<AuditAnchor>,
}

/// The keystore as it was at one moment, to put back when the database change that went with
/// a keystore change does not commit.
#[derive(Clone)]
pub(crate) struct KeystoreSnapshot(KeystoreFile);

/// The keystore of one chart database. Every change is written to disk before the method
/// returns.
pub struct Keystore {
    path: PathBuf,
    file: KeystoreFile,
}

impl fmt::Debug for Keystore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keystore")
            .field("path", &self.path)
            .field("usernames", &self.usernames())
            .finish_non_exhaustive()
    }
}

fn user_context(user_id: &str) -> String {
    format!("charta-keystore/1/user/{user_id}")
}

/// Usernames are stored and matched in the form `users` validates them to.
fn normalize(username: &str) -> String {
    username.trim().to_lowercase()
}

impl Keystore {
    /// Creates the keystore for a new database with its first user, and returns the recovery
    /// key to show that person once. Refuses to replace an existing keystore (its database
    /// would become unreadable).
    pub fn create(
        path: &Path,
        key: &DbKey,
        user_id: &str,
        username: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<(Keystore, RecoveryKey)> {
        Self::create_with_params(
            path,
            key,
            user_id,
            username,
            password,
            now,
            KdfParams::RECOMMENDED,
        )
    }

    /// [`Keystore::create`] with a chosen KDF cost (tests use a cheap one).
    pub fn create_with_params(
        path: &Path,
        key: &DbKey,
        user_id: &str,
        username: &str,
        password: &str,
        now: DateTime<Utc>,
        kdf: KdfParams,
    ) -> CoreResult<(Keystore, RecoveryKey)> {
        if path.exists() {
            return Err(CoreError::Io(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("a keystore already exists at {}", path.display()),
            )));
        }
        let (recovery, recovery_bytes) = RecoveryKey::generate()?;
        let file = KeystoreFile {
            format: FORMAT,
            created_at: now,
            kdf,
            key_check: KeyCheck::new(key)?,
            recovery: WrappedKey::wrap(key, &recovery_bytes, RECOVERY_CONTEXT, kdf)?,
            users: Vec::new(),
            pending_events: Vec::new(),
            audit_anchor: None,
        };
        let mut keystore = Keystore {
            path: path.to_path_buf(),
            file,
        };
        keystore.set_password(user_id, username, password, key)?;
        Ok((keystore, recovery))
    }

    pub fn exists(path: &Path) -> bool {
        path.is_file()
    }

    pub fn load(path: &Path) -> CoreResult<Keystore> {
        let bytes = std::fs::read(path)?;
        let file: KeystoreFile = serde_json::from_slice(&bytes).map_err(|e| {
            CoreError::Corrupt(format!("the keystore {} is damaged: {e}", path.display()))
        })?;
        if file.format != FORMAT {
            return Err(CoreError::Corrupt(format!(
                "the keystore {} has format {}, this version of Charta reads format {FORMAT}",
                path.display(),
                file.format
            )));
        }
        Ok(Keystore {
            path: path.to_path_buf(),
            file,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Usernames that can unlock, in the order they were added.
    pub fn usernames(&self) -> Vec<String> {
        self.file.users.iter().map(|u| u.username.clone()).collect()
    }

    /// The cost new wraps are made with.
    pub fn kdf_params(&self) -> KdfParams {
        self.file.kdf
    }

    /// Raises (or lowers) the cost for wraps made from now on; existing wraps keep theirs
    /// until that user's password is next set.
    pub fn set_kdf_params(&mut self, kdf: KdfParams) -> CoreResult<()> {
        self.file.kdf = kdf;
        self.save()
    }

    /// Whether `key` is the database key this keystore wraps.
    pub fn holds_key(&self, key: &DbKey) -> bool {
        self.file.key_check.matches(key)
    }

    /// Unwraps the database key with a user's password. Failures are counted per user and
    /// persisted: after [`MAX_FAILED_ATTEMPTS`] in a row the user is locked out for
    /// [`LOCKOUT_MINUTES`]; a success resets the count.
    pub fn unlock(
        &mut self,
        username: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<Unlocked, UnlockError> {
        let wanted = normalize(username);
        let Some(index) = self.file.users.iter().position(|u| u.username == wanted) else {
            burn_like_an_unlock(password.as_bytes(), self.file.kdf);
            return Err(UnlockError::UnknownUser);
        };
        let entry = &mut self.file.users[index];
        if let Some(until) = entry.locked_until {
            if now < until {
                return Err(UnlockError::LockedOut { until });
            }
            entry.locked_until = None;
            entry.failed_attempts = 0;
        }
        let context = user_context(&entry.user_id);
        match entry.wrapped.unwrap(password.as_bytes(), &context)? {
            Some(key) => {
                let user_id = entry.user_id.clone();
                let changed = entry.failed_attempts != 0;
                entry.failed_attempts = 0;
                if changed {
                    self.save()?;
                }
                Ok(Unlocked { user_id, key })
            }
            None => {
                entry.failed_attempts += 1;
                let outcome = if entry.failed_attempts >= MAX_FAILED_ATTEMPTS {
                    let until = now + Duration::minutes(LOCKOUT_MINUTES);
                    entry.locked_until = Some(until);
                    entry.failed_attempts = 0;
                    UnlockError::LockedOut { until }
                } else {
                    UnlockError::WrongPassword {
                        attempts_left: MAX_FAILED_ATTEMPTS - entry.failed_attempts,
                    }
                };
                self.save()?;
                Err(outcome)
            }
        }
    }

    /// Unwraps the database key with the recovery key (case, dashes and spaces do not matter).
    /// Wrong recovery keys answer [`CoreError::WrongKey`]; they are not counted, since 160
    /// random bits cannot be guessed.
    pub fn unlock_with_recovery(&self, recovery: &str) -> CoreResult<DbKey> {
        let Some(bytes) = RecoveryKey::parse(recovery) else {
            return Err(CoreError::WrongKey);
        };
        self.file
            .recovery
            .unwrap(&bytes, RECOVERY_CONTEXT)?
            .ok_or(CoreError::WrongKey)
    }

    /// Wraps the database key under a user's new password, adding the user or replacing their
    /// wrap (and clearing their failed-login count). Refuses a key this keystore does not
    /// hold, so a mix-up can never leave a user with a key that opens nothing.
    pub fn set_password(
        &mut self,
        user_id: &str,
        username: &str,
        new_password: &str,
        key: &DbKey,
    ) -> CoreResult<()> {
        if !self.holds_key(key) {
            return Err(CoreError::WrongKey);
        }
        let username = normalize(username);
        self.refuse_taken_username(&username, user_id)?;
        let wrapped = WrappedKey::wrap(
            key,
            new_password.as_bytes(),
            &user_context(user_id),
            self.file.kdf,
        )?;
        let entry = UserEntry {
            user_id: user_id.to_string(),
            username,
            wrapped,
            failed_attempts: 0,
            locked_until: None,
        };
        self.save_with(|file| {
            match file.users.iter_mut().find(|u| u.user_id == user_id) {
                Some(existing) => *existing = entry,
                None => file.users.push(entry),
            }
            true
        })
        .map(drop)
    }

    /// Refuses `username` when another user's wrap already carries it.
    fn refuse_taken_username(&self, username: &str, user_id: &str) -> CoreResult<()> {
        if self
            .file
            .users
            .iter()
            .any(|u| u.username == username && u.user_id != user_id)
        {
            return Err(CoreError::invalid(
                "username",
                "Another user already has this username",
            ));
        }
        Ok(())
    }

    /// Gives a user's wrap a new username (the wrap is bound to the user id, so it still
    /// opens). `false` when the user has no wrap (a deactivated account).
    pub fn rename_user(&mut self, user_id: &str, new_username: &str) -> CoreResult<bool> {
        let username = normalize(new_username);
        self.refuse_taken_username(&username, user_id)?;
        self.save_with(
            |file| match file.users.iter_mut().find(|u| u.user_id == user_id) {
                Some(entry) => {
                    entry.username = username;
                    true
                }
                None => false,
            },
        )
    }

    /// Takes a user's wrap out, so their password no longer unlocks. `false` when there was
    /// none. (A copy of the old keystore still holds the wrap; see the vault README.)
    pub fn remove_user(&mut self, user_id: &str) -> CoreResult<bool> {
        self.save_with(|file| {
            let before = file.users.len();
            file.users.retain(|u| u.user_id != user_id);
            file.users.len() != before
        })
    }

    /// Replaces the recovery key (when the printed one is lost or was used) and returns the
    /// new one to show once. The old one stops working.
    pub fn new_recovery_key(&mut self, key: &DbKey) -> CoreResult<RecoveryKey> {
        if !self.holds_key(key) {
            return Err(CoreError::WrongKey);
        }
        let (recovery, bytes) = RecoveryKey::generate()?;
        self.file.recovery = WrappedKey::wrap(key, &bytes, RECOVERY_CONTEXT, self.file.kdf)?;
        self.save()?;
        Ok(recovery)
    }

    /// Keeps an event for the audit log until the database is open.
    pub fn record_pending(&mut self, event: PendingEvent) -> CoreResult<()> {
        self.file.pending_events.push(event);
        let excess = self.file.pending_events.len().saturating_sub(MAX_PENDING);
        self.file.pending_events.drain(..excess);
        self.save()
    }

    /// The events kept so far, oldest first, emptying the list on disk. Append them to the
    /// audit log first (read them with [`Keystore::pending`]) and take them after that commit,
    /// so a crash in between duplicates events rather than losing them.
    pub fn take_pending(&mut self) -> CoreResult<Vec<PendingEvent>> {
        if self.file.pending_events.is_empty() {
            return Ok(Vec::new());
        }
        let events = std::mem::take(&mut self.file.pending_events);
        self.save()?;
        Ok(events)
    }

    /// The events kept so far, without taking them.
    pub fn pending(&self) -> &[PendingEvent] {
        &self.file.pending_events
    }

    /// The cost each user's current wrap was made with, to find wraps older than the
    /// keystore's cost.
    pub fn user_kdf_params(&self, user_id: &str) -> Option<KdfParams> {
        self.file
            .users
            .iter()
            .find(|u| u.user_id == user_id)
            .map(|u| u.wrapped.kdf())
    }

    /// The keystore as it is now, for [`Keystore::restore`].
    pub(crate) fn snapshot(&self) -> KeystoreSnapshot {
        KeystoreSnapshot(self.file.clone())
    }

    /// Puts the keystore back as it was at `snapshot` (writing only if it changed since).
    pub(crate) fn restore(&mut self, snapshot: KeystoreSnapshot) -> CoreResult<()> {
        if self.file == snapshot.0 {
            return Ok(());
        }
        self.save_with(|file| {
            *file = snapshot.0;
            true
        })
        .map(drop)
    }

    /// Moves the keystore file to `path` (durably), refusing to replace a keystore there.
    pub fn move_to(&mut self, path: &Path) -> CoreResult<()> {
        if path.exists() {
            return Err(CoreError::Io(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("a keystore already exists at {}", path.display()),
            )));
        }
        rename_durably(&self.path, path)?;
        self.path = path.to_path_buf();
        Ok(())
    }

    /// The audit head this keystore last recorded.
    pub fn audit_anchor(&self) -> Option<&AuditAnchor> {
        self.file.audit_anchor.as_ref()
    }

    /// Records the audit log's head (after a lock, logout, close, backup or restore).
    pub fn set_audit_anchor(&mut self, anchor: AuditAnchor) -> CoreResult<()> {
        self.save_with(|file| {
            file.audit_anchor = Some(anchor);
            true
        })
        .map(drop)
    }

    /// Writes this keystore to `path` (a backup's companion) with `anchor` — the backup's own
    /// audit head — in place of this one's, atomically; this keystore is unchanged.
    pub fn save_copy_anchored(&self, path: &Path, anchor: Option<AuditAnchor>) -> CoreResult<()> {
        let mut file = self.file.clone();
        file.audit_anchor = anchor;
        let bytes = serde_json::to_vec_pretty(&file)
            .map_err(|e| CoreError::Corrupt(format!("the keystore could not be encoded: {e}")))?;
        write_atomically(path, &bytes)?;
        Ok(())
    }

    /// Writes this keystore to another file (a backup's companion), atomically.
    pub fn save_copy(&self, path: &Path) -> CoreResult<()> {
        write_atomically(path, &self.to_json()?)?;
        Ok(())
    }

    fn to_json(&self) -> CoreResult<Vec<u8>> {
        serde_json::to_vec_pretty(&self.file)
            .map_err(|e| CoreError::Corrupt(format!("the keystore could not be encoded: {e}")))
    }

    /// Applies `change` and writes the result; the keystore in memory changes only once the
    /// file did, so a failed write leaves both as they were. `change` answers whether it
    /// changed anything (nothing is written when it did not).
    fn save_with(&mut self, change: impl FnOnce(&mut KeystoreFile) -> bool) -> CoreResult<bool> {
        let mut next = self.file.clone();
        if !change(&mut next) {
            return Ok(false);
        }
        let bytes = serde_json::to_vec_pretty(&next)
            .map_err(|e| CoreError::Corrupt(format!("the keystore could not be encoded: {e}")))?;
        write_atomically(&self.path, &bytes)?;
        self.file = next;
        Ok(true)
    }

    fn save(&self) -> CoreResult<()> {
        write_atomically(&self.path, &self.to_json()?)?;
        Ok(())
    }
}

//! Encryption at rest: the database key, the keystore that wraps it per user and by the
//! recovery key, and durable file replacement. The design is in `vault/README.md`.

pub(crate) mod atomic;
mod key;
mod keystore;

pub use key::{DbKey, KdfParams, RecoveryKey};
pub use keystore::{
    keystore_path_for, Keystore, PendingEvent, UnlockError, Unlocked, LOCKOUT_MINUTES,
    MAX_FAILED_ATTEMPTS,
};

#[cfg(test)]
mod tests;

//! Key material — the database key and the recovery key — and wrapping the database key under
//! a key derived with argon2id from a password or the recovery key.

use crate::error::{CoreError, CoreResult};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use data_encoding::{BASE32_NOPAD, BASE64, HEXLOWER};
use serde::{Deserialize, Serialize};
use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

const KEY_LEN: usize = 32;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
/// 160 bits: far beyond guessing even with a cheap KDF, and 32 base32 characters.
const RECOVERY_LEN: usize = 20;

/// Fills `buf` from the operating system's random source.
pub(crate) fn random_bytes(buf: &mut [u8]) -> CoreResult<()> {
    getrandom::fill(buf).map_err(|e| {
        CoreError::Io(std::io::Error::other(format!(
            "the system random source failed: {e}"
        )))
    })
}

/// The 256-bit key SQLCipher encrypts the chart database with. It never leaves memory in the
/// clear: it is stored only wrapped, is wiped when dropped, and `Debug` does not show it.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct DbKey([u8; KEY_LEN]);

impl DbKey {
    /// A fresh random key from the OS random source.
    pub fn generate() -> CoreResult<Self> {
        let mut bytes = [0u8; KEY_LEN];
        random_bytes(&mut bytes)?;
        let key = DbKey(bytes);
        bytes.zeroize();
        Ok(key)
    }

    pub(crate) fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    fn from_slice(bytes: &[u8]) -> Option<Self> {
        let array: [u8; KEY_LEN] = bytes.try_into().ok()?;
        Some(DbKey(array))
    }

    /// The value for `PRAGMA key = "…"`: a raw key, so SQLCipher skips its own passphrase KDF.
    pub(crate) fn sqlcipher_key_literal(&self) -> Zeroizing<String> {
        let mut hex = Zeroizing::new(HEXLOWER.encode(&self.0));
        let literal = Zeroizing::new(format!("x'{}'", hex.as_str()));
        hex.zeroize();
        literal
    }
}

impl fmt::Debug for DbKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DbKey(<secret>)")
    }
}

/// The practice's recovery key: unwraps the database key when every password is lost. Shown
/// to a person once, as 8 groups of 4 base32 characters (`ABCD-EFGH-…`).
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct RecoveryKey(String);

impl RecoveryKey {
    pub(crate) fn generate() -> CoreResult<(Self, Zeroizing<Vec<u8>>)> {
        let mut bytes = Zeroizing::new(vec![0u8; RECOVERY_LEN]);
        random_bytes(&mut bytes)?;
        let plain = Zeroizing::new(BASE32_NOPAD.encode(&bytes));
        let grouped = plain
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-");
        Ok((RecoveryKey(grouped), bytes))
    }

    /// The key as shown to a person, e.g. `K7QX-…`.
    pub fn display(&self) -> &str {
        &self.0
    }

    /// The key's bytes from what a person typed: case, dashes and spaces do not matter, and
    /// the digits 0, 1 and 8 are read as the letters O, I and B they are easily mistaken for.
    pub(crate) fn parse(typed: &str) -> Option<Zeroizing<Vec<u8>>> {
        let normalized: Zeroizing<String> = Zeroizing::new(
            typed
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    '0' => 'O',
                    '1' => 'I',
                    '8' => 'B',
                    other => other,
                })
                .collect(),
        );
        let bytes = Zeroizing::new(BASE32_NOPAD.decode(normalized.as_bytes()).ok()?);
        (bytes.len() == RECOVERY_LEN).then_some(bytes)
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(<secret>)")
    }
}

/// argon2id cost, stored with every wrapped key so it can be raised for new wraps while old
/// ones still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over the memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// What Charta wraps with: 128 MiB, 4 passes, 1 lane — about 0.3 s per unlock on a
    /// 2-core workstation (measured, see `vault/README.md`), which makes each offline guess
    /// against a copied keystore cost the same memory and time.
    pub const RECOMMENDED: KdfParams = KdfParams {
        m_kib: 128 * 1024,
        t: 4,
        p: 1,
    };

    /// Almost free. Only for tests, which would otherwise spend seconds in the KDF; a real
    /// keystore must never use it.
    pub const INSECURE_FAST_FOR_TESTS: KdfParams = KdfParams {
        m_kib: 64,
        t: 1,
        p: 1,
    };

    fn argon2(&self) -> CoreResult<Argon2<'static>> {
        let params = Params::new(self.m_kib, self.t, self.p, Some(KEY_LEN)).map_err(|e| {
            CoreError::Corrupt(format!(
                "the keystore's key-derivation settings are invalid: {e}"
            ))
        })?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

/// The database key encrypted under a key-encryption key derived from a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WrappedKey {
    /// Always "argon2id-xchacha20poly1305"; a future scheme gets a new name.
    scheme: String,
    kdf: KdfParams,
    /// Base64.
    salt: String,
    /// Base64.
    nonce: String,
    /// Base64: the 32-byte key plus the 16-byte tag.
    ciphertext: String,
}

const SCHEME: &str = "argon2id-xchacha20poly1305";

impl WrappedKey {
    /// Wraps `key` under `secret`. `context` is bound into the ciphertext (AEAD associated
    /// data) so a wrap cannot be moved to another user's entry.
    pub(crate) fn wrap(
        key: &DbKey,
        secret: &[u8],
        context: &str,
        kdf: KdfParams,
    ) -> CoreResult<Self> {
        let mut salt = [0u8; SALT_LEN];
        random_bytes(&mut salt)?;
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce)?;
        let kek = derive(secret, &salt, kdf)?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(kek.as_slice()));
        let ciphertext = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: key.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| CoreError::Corrupt("the database key could not be wrapped".into()))?;
        Ok(WrappedKey {
            scheme: SCHEME.into(),
            kdf,
            salt: BASE64.encode(&salt),
            nonce: BASE64.encode(&nonce),
            ciphertext: BASE64.encode(&ciphertext),
        })
    }

    /// The database key when `secret` is right; `Ok(None)` when it is wrong (or the wrap was
    /// tampered with — the two cannot be told apart, by design).
    pub(crate) fn unwrap(&self, secret: &[u8], context: &str) -> CoreResult<Option<DbKey>> {
        if self.scheme != SCHEME {
            return Err(CoreError::Corrupt(format!(
                "the keystore uses an unknown scheme {:?}",
                self.scheme
            )));
        }
        let bad = |what: &str| CoreError::Corrupt(format!("the keystore's {what} is damaged"));
        let salt = BASE64
            .decode(self.salt.as_bytes())
            .map_err(|_| bad("salt"))?;
        let nonce = BASE64
            .decode(self.nonce.as_bytes())
            .map_err(|_| bad("nonce"))?;
        let ciphertext = BASE64
            .decode(self.ciphertext.as_bytes())
            .map_err(|_| bad("wrapped key"))?;
        if nonce.len() != NONCE_LEN || salt.len() < 8 {
            return Err(bad("wrapped key"));
        }
        let kek = derive(secret, &salt, self.kdf)?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(kek.as_slice()));
        let plain = cipher.decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &ciphertext,
                aad: context.as_bytes(),
            },
        );
        match plain {
            Ok(plain) => {
                let plain = Zeroizing::new(plain);
                DbKey::from_slice(&plain)
                    .map(Some)
                    .ok_or_else(|| bad("wrapped key"))
            }
            Err(_) => Ok(None),
        }
    }

    pub(crate) fn kdf(&self) -> KdfParams {
        self.kdf
    }
}

#[cfg(test)]
thread_local! {
    /// The cost of every key derivation on this thread, so tests can see how much work an
    /// answer took without timing it.
    pub(crate) static DERIVATIONS: std::cell::RefCell<Vec<KdfParams>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The key-encryption key for `secret`.
fn derive(secret: &[u8], salt: &[u8], kdf: KdfParams) -> CoreResult<Zeroizing<[u8; KEY_LEN]>> {
    #[cfg(test)]
    DERIVATIONS.with(|d| d.borrow_mut().push(kdf));
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    kdf.argon2()?
        .hash_password_into(secret, salt, out.as_mut_slice())
        .map_err(|e| CoreError::Corrupt(format!("key derivation failed: {e}")))?;
    Ok(out)
}

/// Spends what one real unlock spends, for a username that does not exist, so the answer's
/// timing does not tell which usernames are real.
pub(crate) fn burn_like_an_unlock(secret: &[u8], kdf: KdfParams) {
    let _ = derive(secret, b"charta-no-such-user", kdf);
}

/// A value that proves, without revealing it, which database key a keystore belongs to: the
/// key encrypts a fixed text, and only the same key decrypts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct KeyCheck {
    nonce: String,
    ciphertext: String,
}

const KEY_CHECK_TEXT: &[u8] = b"charta database key check v1";

impl KeyCheck {
    pub(crate) fn new(key: &DbKey) -> CoreResult<Self> {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce)?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(key.as_bytes()));
        let ciphertext = cipher
            .encrypt(XNonce::from_slice(&nonce), KEY_CHECK_TEXT)
            .map_err(|_| CoreError::Corrupt("the key check could not be made".into()))?;
        Ok(KeyCheck {
            nonce: BASE64.encode(&nonce),
            ciphertext: BASE64.encode(&ciphertext),
        })
    }

    pub(crate) fn matches(&self, key: &DbKey) -> bool {
        let (Ok(nonce), Ok(ciphertext)) = (
            BASE64.decode(self.nonce.as_bytes()),
            BASE64.decode(self.ciphertext.as_bytes()),
        ) else {
            return false;
        };
        if nonce.len() != NONCE_LEN {
            return false;
        }
        let cipher = XChaCha20Poly1305::new(Key::from_slice(key.as_bytes()));
        cipher
            .decrypt(XNonce::from_slice(&nonce), ciphertext.as_slice())
            .is_ok_and(|plain| plain == KEY_CHECK_TEXT)
    }
}

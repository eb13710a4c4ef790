//! The login screen's cost in `charta-bench`: unlocking the keystore at the app's
//! password-hashing cost, for a real user and for an unknown one (moved out of
//! `charta-bench.rs` unchanged, to keep that file short).

use super::Report;
use charta_core::vault::{DbKey, KdfParams, Keystore};
use charta_core::CoreError;
use chrono::{DateTime, Utc};
use std::time::Instant;

/// Unlocks per keystore operation: each runs argon2id at the app's cost (about 0.3 s).
const UNLOCK_SAMPLES: usize = 10;

/// The login screen's cost: one keystore unlock at [`KdfParams::RECOMMENDED`], for a real
/// user and for a username that does not exist (the two should match).
pub fn unlock_keystore(
    report: &mut Report<'_>,
    dir: &std::path::Path,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let password = "bench password 2026";
    let (mut keystore, _) = Keystore::create_with_params(
        &dir.join("bench.db.keys"),
        &DbKey::generate()?,
        "00000000-0000-0000-0000-000000000001",
        "bench",
        password,
        now,
        KdfParams::RECOMMENDED,
    )?;
    let samples = report.options.samples.min(UNLOCK_SAMPLES);
    // The two paths alternate sample by sample, so whatever the machine is doing at the time
    // (page cache, other work) falls on both alike and a gap between them is the code's.
    let paths = [
        ("unlock_keystore", "bench"),
        ("unlock_keystore_unknown_user", "nobody"),
    ];
    let mut micros: [Vec<f64>; 2] = [Vec::with_capacity(samples), Vec::with_capacity(samples)];
    for _ in 0..samples {
        for (i, (_, username)) in paths.iter().enumerate() {
            let start = Instant::now();
            // A wrong answer for the unknown user is the point; only the time is kept.
            let _ = keystore.unlock(username, password, now);
            micros[i].push(start.elapsed().as_secs_f64() * 1e6);
        }
    }
    let [known, unknown] = micros;
    report.print(paths[0].0, known);
    report.print(paths[1].0, unknown);
    Ok(())
}

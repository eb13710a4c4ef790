//! Property tests for files Charta reads back: a keystore or a backup that is damaged in any
//! byte, cut short or replaced by junk is refused with a clear error, never a panic and never
//! a wrong key. Few cases: each one reads a real file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::backup::{backup_now, verify_backup};
use charta_core::testing::{person, staffed_practice, test_now};
use charta_core::vault::{keystore_path_for, DbKey, KdfParams, Keystore};
use charta_core::{ChartDb, CoreError, PatientId};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::path::Path;

const PASSWORD: &str = "a long password";

/// A damage to a file: flip some bits of one byte, cut it short, or replace it with junk.
#[derive(Debug, Clone)]
enum Damage {
    Flip { at: usize, mask: u8 },
    Truncate { to: usize },
    Junk(Vec<u8>),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        6 => (any::<usize>(), 1u8..=255).prop_map(|(at, mask)| Damage::Flip { at, mask }),
        2 => any::<usize>().prop_map(|to| Damage::Truncate { to }),
        1 => prop::collection::vec(any::<u8>(), 0..600).prop_map(Damage::Junk),
    ]
}

fn damaged(original: &[u8], damage: &Damage) -> Vec<u8> {
    let mut bytes = original.to_vec();
    match damage {
        Damage::Flip { at, mask } => {
            let at = at % bytes.len();
            bytes[at] ^= mask;
        }
        Damage::Truncate { to } => bytes.truncate(to % bytes.len()),
        Damage::Junk(junk) => bytes.clone_from(junk),
    }
    bytes
}

fn is_clear(e: &CoreError) -> bool {
    !e.to_string().trim().is_empty()
}

#[test]
fn a_damaged_keystore_is_refused_or_still_gives_the_right_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.db.keys");
    let key = DbKey::generate().unwrap();
    Keystore::create_with_params(
        &path,
        &key,
        "u1",
        "admin",
        PASSWORD,
        test_now(),
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    let original = std::fs::read(&path).unwrap();
    let mut runner = TestRunner::new(Config::with_cases(64));
    runner
        .run(&damage(), |d| {
            let bytes = damaged(&original, &d);
            std::fs::write(&path, &bytes).unwrap();
            match Keystore::load(&path) {
                Err(e) => prop_assert!(
                    is_clear(&e) && matches!(e, CoreError::Corrupt(_)),
                    "{:?}",
                    e
                ),
                Ok(mut store) => {
                    // A change the file's format tolerates: the key it gives must still be
                    // the right one, or none at all.
                    match store.unlock("admin", PASSWORD, test_now()) {
                        Ok(unlocked) => {
                            prop_assert!(unlocked.key == key, "a damaged keystore gave a wrong key")
                        }
                        Err(e) => prop_assert!(!e.to_string().trim().is_empty()),
                    }
                    if let Ok(found) = store.unlock_with_recovery("not-the-recovery-key") {
                        prop_assert!(found == key, "a damaged keystore gave a wrong key");
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_keystore_of_random_bytes_is_refused_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.db.keys");
    let mut runner = TestRunner::new(Config::with_cases(128));
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..2000), |bytes| {
            std::fs::write(&path, &bytes).unwrap();
            let err = Keystore::load(&path).unwrap_err();
            prop_assert!(
                matches!(err, CoreError::Corrupt(_)) && is_clear(&err),
                "{:?}",
                err
            );
            prop_assert!(err.to_string().contains("keystore"), "{}", err);
            Ok(())
        })
        .unwrap();
}

fn backup_fixture(dir: &Path) -> (std::path::PathBuf, DbKey) {
    let db_path = dir.join("live").join("charta.db");
    let key = DbKey::generate().unwrap();
    let mut db = ChartDb::open_encrypted(&db_path, &key).unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    for n in 0..20u128 {
        db.as_user(&staff.front_desk)
            .register_patient(
                &person(
                    "Smith",
                    &format!("Pat{}", char::from(b'a' + n as u8)),
                    "1980-03-14",
                    "",
                ),
                true,
                PatientId::from_u128(n + 1),
                test_now(),
            )
            .unwrap();
    }
    Keystore::create_with_params(
        &keystore_path_for(&db_path),
        &key,
        "1",
        "admin",
        PASSWORD,
        test_now(),
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    let report = backup_now(&db, &key, &dir.join("backups"), test_now()).unwrap();
    assert!(
        report.verified,
        "the undamaged backup verifies: {:?}",
        report.problems
    );
    (report.path, key)
}

#[test]
fn a_backup_damaged_anywhere_fails_verification_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key) = backup_fixture(dir.path());
    let original = std::fs::read(&path).unwrap();
    let mut runner = TestRunner::new(Config::with_cases(48));
    runner
        .run(&damage(), |d| {
            let bytes = damaged(&original, &d);
            prop_assume!(bytes != original);
            std::fs::write(&path, &bytes).unwrap();
            match verify_backup(&path, &key) {
                Ok(report) => {
                    prop_assert!(!report.verified, "a damaged backup ({:?}) verified", d);
                    prop_assert!(!report.problems.is_empty());
                    prop_assert!(
                        report.problems.iter().all(|p| !p.trim().is_empty()),
                        "{:?}",
                        report.problems
                    );
                }
                Err(e) => prop_assert!(is_clear(&e), "{:?}", e),
            }
            Ok(())
        })
        .unwrap();
    std::fs::write(&path, &original).unwrap();
    assert!(
        verify_backup(&path, &key).unwrap().verified,
        "the test put the file back"
    );
}

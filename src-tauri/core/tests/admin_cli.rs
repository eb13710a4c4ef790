//! `charta-admin` end to end: back up, verify and restore from the command line with a
//! password or the recovery key, and the exit codes scripts rely on; the records' way out and
//! in (`records`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test

use charta_core::testing::{staffed_practice, test_now};
use charta_core::vault::{keystore_path_for, DbKey, KdfParams, Keystore};
use charta_core::{ChartDb, UserId};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

#[path = "admin_cli/records.rs"]
mod records;

const PASSWORD: &str = "admin long password";

fn admin(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_charta-admin"))
        .args(args)
        .env_remove("CHARTA_PASSWORD")
        .env_remove("CHARTA_RECOVERY_KEY")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn practice(dir: &Path) -> (PathBuf, String) {
    let db_path = dir.join("charta.db");
    let key = DbKey::generate().unwrap();
    let mut db = ChartDb::open_encrypted(&db_path, &key).unwrap();
    staffed_practice(&mut db, test_now()).unwrap();
    let (_, recovery) = Keystore::create_with_params(
        &keystore_path_for(&db_path),
        &key,
        &UserId::from_u128(1).to_string(),
        "admin",
        PASSWORD,
        test_now(),
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    (db_path, recovery.display().to_string())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_backup_made_from_the_command_line_verifies_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let (db, recovery) = practice(dir.path());
    let to = dir.path().join("nightly");
    let password = [("CHARTA_PASSWORD", PASSWORD)];

    let out = admin(
        &[
            "backup",
            "--db",
            db.to_str().unwrap(),
            "--to",
            to.to_str().unwrap(),
            "--user",
            "admin",
        ],
        &password,
        "",
    );
    assert!(out.status.success(), "backup failed: {}", text(&out.stderr));
    let backup = text(&out.stdout).trim().to_string();
    assert!(
        Path::new(&backup).is_file(),
        "stdout names the backup: {backup:?}"
    );

    let out = admin(&["verify", &backup, "--user", "admin"], &password, "");
    assert!(out.status.success(), "verify failed: {}", text(&out.stderr));
    assert!(text(&out.stderr).contains("verified"));

    // The recovery key, typed sloppily on stdin.
    let typed = format!("{}\n", recovery.to_lowercase().replace('-', ""));
    let out = admin(
        &[
            "restore",
            &backup,
            "--db",
            db.to_str().unwrap(),
            "--recovery-key",
        ],
        &[],
        &typed,
    );
    assert!(
        out.status.success(),
        "restore failed: {}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("kept the previous file"));
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy()
                .starts_with("charta.db.before-restore-")
        })
        .count();
    assert!(kept >= 1, "the replaced database is kept");
    assert!(
        text(&out.stderr).contains("carried"),
        "{}",
        text(&out.stderr)
    );

    // The live database, restored, verifies against the head the restore recorded.
    let recorded = Keystore::load(&keystore_path_for(&db))
        .unwrap()
        .audit_anchor()
        .cloned()
        .expect("the restore records the restored log's head");
    let out = admin(
        &["verify", db.to_str().unwrap(), "--user", "admin"],
        &password,
        "",
    );
    assert!(
        out.status.success(),
        "the restored database verifies: {}",
        text(&out.stderr)
    );
    assert!(recorded.seq > 0);
}

#[test]
fn a_wrong_password_exits_1_and_is_kept_for_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = practice(dir.path());
    let out = admin(
        &[
            "backup",
            "--db",
            db.to_str().unwrap(),
            "--to",
            "/tmp/unused",
            "--user",
            "admin",
        ],
        &[],
        "not the password\n",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("Wrong username or password"));
    let keystore = Keystore::load(&keystore_path_for(&db)).unwrap();
    assert_eq!(keystore.pending().len(), 1);
    assert_eq!(keystore.pending()[0].outcome, "failed");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(
        admin(&["frobnicate", "--user", "x"], &[], "").status.code(),
        Some(2)
    );
    assert_eq!(
        admin(&["verify", "file.db"], &[], "").status.code(),
        Some(2)
    );
    assert_eq!(admin(&[], &[], "").status.code(), Some(2));
    let help = admin(&["--help"], &[], "");
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stderr).contains("charta-admin backup"));
}

#[test]
fn a_damaged_backup_fails_verify_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = practice(dir.path());
    let to = dir.path().join("b");
    let password = [("CHARTA_PASSWORD", PASSWORD)];
    let out = admin(
        &[
            "backup",
            "--db",
            db.to_str().unwrap(),
            "--to",
            to.to_str().unwrap(),
            "--user",
            "admin",
        ],
        &password,
        "",
    );
    let backup = text(&out.stdout).trim().to_string();
    let mut bytes = std::fs::read(&backup).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&backup, bytes).unwrap();
    let out = admin(&["verify", &backup, "--user", "admin"], &password, "");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("FAILED"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn verify_fails_a_backup_whose_newest_audit_rows_were_cut_naming_the_recorded_head() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = practice(dir.path());
    let to = dir.path().join("b");
    let password = [("CHARTA_PASSWORD", PASSWORD)];
    let out = admin(
        &[
            "backup",
            "--db",
            db.to_str().unwrap(),
            "--to",
            to.to_str().unwrap(),
            "--user",
            "admin",
        ],
        &password,
        "",
    );
    assert!(out.status.success(), "backup failed: {}", text(&out.stderr));
    let backup = PathBuf::from(text(&out.stdout).trim());
    let recorded = Keystore::load(&keystore_path_for(&backup))
        .unwrap()
        .audit_anchor()
        .cloned()
        .expect("the backup's keystore copy records its audit head");

    // With the key, the append-only triggers dropped and the newest rows deleted.
    let key = Keystore::load(&keystore_path_for(&db))
        .unwrap()
        .unlock("admin", PASSWORD, charta_core::testing::test_now())
        .unwrap()
        .key;
    let mut chart = ChartDb::open_encrypted(&backup, &key).unwrap();
    charta_core::testing::cut_audit_tail(&mut chart, recorded.seq - 1).unwrap();
    drop(chart);

    let out = admin(
        &["verify", backup.to_str().unwrap(), "--user", "admin"],
        &password,
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let expected = format!("recorded row {}", recorded.seq);
    assert!(
        text(&out.stderr).contains(&expected),
        "the failure names the recorded head: {}",
        text(&out.stderr)
    );
}

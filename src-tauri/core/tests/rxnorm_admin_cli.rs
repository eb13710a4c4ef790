//! `charta-admin import-rxnorm` end to end: the admin imports a release from the command line,
//! a malformed file exits 1 naming its line with nothing imported, a physician is refused
//! (and the refusal audited), and usage errors exit 2.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test

use charta_core::audit::AuditQuery;
use charta_core::testing::{staffed_practice, test_now};
use charta_core::vault::{keystore_path_for, DbKey, KdfParams, Keystore};
use charta_core::{ChartDb, UserId};
use chrono::Duration;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PASSWORD: &str = "admin long password";
const DOC_PASSWORD: &str = "doctor long password";

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rxnorm")
        .join(name)
        .display()
        .to_string()
}

fn admin(args: &[&str], password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_charta-admin"))
        .args(args)
        .env_remove("CHARTA_RECOVERY_KEY")
        .env("CHARTA_PASSWORD", password)
        .output()
        .unwrap()
}

/// A practice whose keystore lets the admin and the physician in.
fn practice(dir: &Path) -> (PathBuf, DbKey) {
    let db_path = dir.join("charta.db");
    let key = DbKey::generate().unwrap();
    let mut db = ChartDb::open_encrypted(&db_path, &key).unwrap();
    staffed_practice(&mut db, test_now()).unwrap();
    let (mut keys, _) = Keystore::create_with_params(
        &keystore_path_for(&db_path),
        &key,
        &UserId::from_u128(1).to_string(),
        "admin",
        PASSWORD,
        test_now(),
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    keys.set_password(&UserId::from_u128(2).to_string(), "doc", DOC_PASSWORD, &key)
        .unwrap();
    (db_path, key)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn import_args<'a>(db: &'a str, user: &'a str, dir: &'a str) -> Vec<&'a str> {
    vec!["import-rxnorm", "--db", db, "--user", user, "--dir", dir]
}

/// What the admin sees of the drug imports and the audit, by opening the file again.
fn imports_and_audit(db_path: &Path, key: &DbKey) -> (usize, Vec<(String, String)>) {
    let mut db = ChartDb::open_encrypted(db_path, key).unwrap();
    let admin = db.actor(UserId::from_u128(1)).unwrap();
    let now = test_now() + Duration::days(3650);
    let imports = db.as_user(&admin).drug_imports(now).unwrap().len();
    let q = AuditQuery {
        limit: Some(500),
        ..Default::default()
    };
    let entries = db
        .as_user(&admin)
        .audit_report(&q, now)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.action, e.outcome.as_str().to_string()))
        .collect();
    (imports, entries)
}

#[test]
fn the_admin_imports_a_release_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = practice(dir.path());
    let small = fixture("small");
    let out = admin(
        &import_args(db.to_str().unwrap(), "admin", &small),
        PASSWORD,
    );
    assert!(out.status.success(), "import failed: {}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("imported 10 products (0 updated, 2 skipped)"),
        "{}",
        text(&out.stderr)
    );
    let id = text(&out.stdout).trim().to_string();
    assert_eq!(id.len(), 36, "stdout names the import: {id:?}");

    let mut chart = ChartDb::open_encrypted(&db, &key).unwrap();
    let doc = chart.actor(UserId::from_u128(2)).unwrap();
    // The formulary has this product too and wins on lookup; the imported row is there as well.
    let p = chart
        .as_user(&doc)
        .drug_product("rx:314076", test_now())
        .unwrap();
    assert_eq!(p.rxcui.as_deref(), Some("314076"));
    let imported = charta_core::testing::imported_drug_search(&chart, "lisinopril 10", 5).unwrap();
    assert!(
        imported
            .iter()
            .any(|p| p.code == "rx:314076" && p.name == "lisinopril 10 mg oral tablet"),
        "{imported:?}"
    );
    drop(chart);
    let (imports, audit) = imports_and_audit(&db, &key);
    assert_eq!(imports, 1);
    assert!(audit.contains(&("import_drug_catalogue".into(), "ok".into())));
}

#[test]
fn a_malformed_release_exits_1_naming_the_line_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = practice(dir.path());
    let bad = format!("{}/field_count", fixture("malformed"));
    let out = admin(&import_args(db.to_str().unwrap(), "admin", &bad), PASSWORD);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("RXNREL.RRF line 12: expected 16 fields, found 12"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(imports_and_audit(&db, &key).0, 0);
}

#[test]
fn a_physician_is_refused_and_the_refusal_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = practice(dir.path());
    let small = fixture("small");
    let out = admin(
        &import_args(db.to_str().unwrap(), "doc", &small),
        DOC_PASSWORD,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Only a"),
        "the refusal says who may: {}",
        text(&out.stderr)
    );
    let (imports, audit) = imports_and_audit(&db, &key);
    assert_eq!(imports, 0);
    assert!(audit.contains(&("import_drug_catalogue".into(), "denied".into())));
}

#[test]
fn an_incomplete_import_command_is_a_usage_error() {
    let out = admin(&["import-rxnorm", "--db", "/tmp/x.db"], PASSWORD);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("import-rxnorm needs --db PATH, --user NAME and --dir DIR"));
    let out = admin(
        &[
            "import-rxnorm",
            "--db",
            "a",
            "--user",
            "b",
            "--dir",
            "c",
            "--to",
            "d",
        ],
        PASSWORD,
    );
    assert_eq!(out.status.code(), Some(2));
}

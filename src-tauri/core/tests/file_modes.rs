//! Every file Charta creates is readable by its owner only: the database with its -wal and
//! -shm, the keystore, backups with their keystore copies, and audit exports (which are also
//! never written through a symlink).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic
#![cfg(unix)]

use charta_core::audit::AuditQuery;
use charta_core::export::write_export;
use charta_core::permissions::Role;
use charta_core::practice::PracticeDraft;
use charta_core::testing::{test_now, user_draft};
use charta_core::vault::{keystore_path_for, KdfParams};
use charta_core::workstation::{SetupRequest, Workstation};
use charta_core::UserId;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn assert_private(path: &Path) {
    assert_eq!(
        mode(path),
        0o600,
        "{} must be readable by its owner only",
        path.display()
    );
}

#[test]
fn every_file_charta_creates_is_readable_by_its_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("charta.db");
    let request = SetupRequest {
        practice: PracticeDraft::new("Riverside Clinic", "", "", "America/Chicago"),
        admin: user_draft("boss", &[Role::Admin]),
        password: "correct horse battery".into(),
    };
    let now = test_now();
    let (mut ws, _) = Workstation::set_up_with(
        &db,
        &request,
        UserId::from_u128(1),
        now,
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    let csv = ws
        .run(now, |u| u.export_audit_csv(&AuditQuery::default(), now))
        .unwrap();

    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        assert_private(Path::new(&name));
    }
    assert_private(&keystore_path_for(&db));

    let backups = dir.path().join("backups");
    let report = ws.back_up_now(Some(&backups), now).unwrap();
    assert_private(&report.path);
    assert_private(&report.keystore_path.unwrap());
    assert_eq!(
        mode(&backups) & 0o077,
        0,
        "the backup folder is the owner's"
    );

    let exports = dir.path().join("exports");
    let exported = write_export(&exports, "audit-20261126-150000", "csv", csv.as_bytes()).unwrap();
    assert_private(&exported);
    assert_eq!(std::fs::read_to_string(&exported).unwrap(), csv);
}

#[test]
fn an_export_never_writes_through_a_symlink_or_over_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, "not yours").unwrap();
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    std::os::unix::fs::symlink(&elsewhere, exports.join("audit.csv")).unwrap();

    let path = write_export(&exports, "audit", "csv", b"seq\r\n").unwrap();
    assert_eq!(path, exports.join("audit-2.csv"));
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "not yours");
    let again = write_export(&exports, "audit", "csv", b"seq\r\n").unwrap();
    assert_eq!(
        again,
        exports.join("audit-3.csv"),
        "an earlier export is kept"
    );
}

#[test]
fn a_database_an_older_version_left_world_readable_is_made_owner_only_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("charta.db");
    let key = charta_core::vault::DbKey::generate().unwrap();
    drop(charta_core::ChartDb::open_encrypted(&db, &key).unwrap());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let _open = charta_core::ChartDb::open_encrypted(&db, &key).unwrap();
    assert_private(&db);
}

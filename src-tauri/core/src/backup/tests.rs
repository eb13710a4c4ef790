use super::*;
use crate::ids::PatientId;
use crate::synth::PracticeGenerator;
use crate::testing::{staffed_practice, test_now};
use crate::vault::KdfParams;
use chrono::Duration;

struct Fixture {
    _dir: tempfile::TempDir,
    db_path: PathBuf,
    backups: PathBuf,
    key: DbKey,
    db: ChartDb,
}

fn fixture(patients: u32) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("live").join("charta.db");
    let key = DbKey::generate().unwrap();
    let mut db = ChartDb::open_encrypted(&db_path, &key).unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let mut generator = PracticeGenerator::new(3);
    for i in 0..patients {
        db.as_user(&staff.front_desk)
            .register_patient(
                &generator.patient_draft(),
                true,
                PatientId::from_u128(1000 + u128::from(i)),
                test_now(),
            )
            .unwrap();
    }
    Keystore::create_with_params(
        &keystore_path_for(&db_path),
        &key,
        "1",
        "admin",
        "a long password",
        test_now(),
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    let backups = dir.path().join("backups");
    Fixture {
        _dir: dir,
        db_path,
        backups,
        key,
        db,
    }
}

#[test]
fn a_backup_is_named_by_utc_time_verified_and_carries_the_keystore() {
    let f = fixture(5);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    assert!(report.verified, "{:?}", report.problems);
    assert_eq!(
        report.path.file_name().unwrap().to_string_lossy(),
        format!(
            "charta-20261126-150000-{}.db",
            PracticeIdentity::of_key(&f.key)
        )
    );
    assert_eq!(report.created_at, test_now());
    assert_eq!(report.table_counts["patients"], 5);
    assert!(report.table_counts["audit_log"] > 5);
    let keys = report.keystore_path.clone().unwrap();
    assert!(Keystore::load(&keys).unwrap().holds_key(&f.key));
    assert!(report.bytes > 0);
    assert!(
        !f.backups.join("charta-20261126-150000.db-wal").exists(),
        "a backup is one file"
    );
}

#[test]
fn a_backup_to_a_folder_that_cannot_be_made_names_the_folder() {
    let f = fixture(0);
    // A file where a folder should be: nothing can be created below it.
    let blocker = f.backups.with_file_name("a-file");
    std::fs::write(&blocker, b"x").unwrap();
    let target = blocker.join("backups");
    let err = backup_now(&f.db, &f.key, &target, test_now()).unwrap_err();
    assert!(
        err.to_string().contains(&target.display().to_string()),
        "the error names the folder: {err}"
    );
}

#[test]
fn a_backup_is_encrypted_and_does_not_open_with_another_key() {
    let f = fixture(1);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    let bytes = std::fs::read(&report.path).unwrap();
    assert!(!bytes.windows(15).any(|w| w == b"SQLite format 3"));
    let other = DbKey::generate().unwrap();
    assert!(matches!(
        verify_backup(&report.path, &other),
        Err(CoreError::WrongKey)
    ));
}

#[test]
fn a_backup_with_flipped_bytes_fails_verification() {
    let f = fixture(30);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    let mut bytes = std::fs::read(&report.path).unwrap();
    // A byte in the middle of a later page: the page's authentication tag no longer matches.
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&report.path, &bytes).unwrap();
    let checked = verify_backup(&report.path, &f.key).unwrap();
    assert!(!checked.verified, "a damaged backup passed");
    assert!(!checked.problems.is_empty());
}

#[test]
fn a_backup_with_a_damaged_first_page_is_reported_damaged_not_wrong_key() {
    let f = fixture(1);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    let mut bytes = std::fs::read(&report.path).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(&report.path, &bytes).unwrap();
    let checked = verify_backup(&report.path, &f.key).unwrap();
    assert!(!checked.verified);
    assert!(
        checked.problems[0].contains("damaged"),
        "{:?}",
        checked.problems
    );
}

#[test]
fn the_daily_backup_runs_once_a_day_and_keeps_the_newest_n() {
    let f = fixture(1);
    for day in 0..5 {
        let now = test_now() + Duration::days(day);
        let made = daily_backup_if_due(&f.db, &f.key, &f.backups, 3, now).unwrap();
        assert!(made.is_some(), "day {day} should get a backup");
        let again = daily_backup_if_due(&f.db, &f.key, &f.backups, 3, now + Duration::hours(1));
        assert!(again.unwrap().is_none(), "a second backup on day {day}");
    }
    let kept = list_backups(&f.backups).unwrap();
    let names: Vec<_> = kept
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let id = PracticeIdentity::of_key(&f.key);
    assert_eq!(
        names,
        [
            format!("charta-20261130-150000-{id}.db"),
            format!("charta-20261129-150000-{id}.db"),
            format!("charta-20261128-150000-{id}.db"),
        ]
    );
    let key_copies = std::fs::read_dir(&f.backups)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .to_string_lossy()
                .ends_with(".keys")
        })
        .count();
    assert_eq!(
        key_copies, 3,
        "pruned backups take their keystore copies along"
    );
    let records = std::fs::read_dir(&f.backups)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .to_string_lossy()
                .ends_with(".verified.json")
        })
        .count();
    assert_eq!(records, 3, "and their stored verification results");
}

#[test]
fn a_restore_brings_back_the_backup_and_keeps_the_replaced_database_aside() {
    let mut f = fixture(3);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    // Work after the backup, which the restore rolls back.
    let desk = f.db.actor(crate::ids::UserId::from_u128(4)).unwrap();
    f.db.as_user(&desk)
        .register_patient(
            &PracticeGenerator::new(9).patient_draft(),
            true,
            PatientId::from_u128(9),
            test_now(),
        )
        .unwrap();
    assert_eq!(f.db.patient_count().unwrap(), 4);
    drop(f.db);

    let later = test_now() + Duration::hours(2);
    let restored = restore(&report.path, &f.db_path, &f.key, later).unwrap();
    assert!(restored.restored.verified);
    assert!(
        !restored.keystore_replaced,
        "the live keystore holds the same key"
    );
    let aside = sibling(&f.db_path, ".before-restore-20261126-170000");
    assert!(restored.set_aside.contains(&aside));
    assert!(aside.is_file());

    let db = ChartDb::open_encrypted(&f.db_path, &f.key).unwrap();
    assert_eq!(db.patient_count().unwrap(), 3);
    let old = ChartDb::open_encrypted(&aside, &f.key).unwrap();
    assert_eq!(
        old.patient_count().unwrap(),
        4,
        "the replaced database is intact"
    );
}

#[test]
fn a_restore_of_a_damaged_backup_changes_nothing() {
    let f = fixture(30);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    drop(f.db);
    let mut bytes = std::fs::read(&report.path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&report.path, &bytes).unwrap();
    let listing = || {
        let mut names: Vec<_> = std::fs::read_dir(f.db_path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let (before, files_before) = (std::fs::read(&f.db_path).unwrap(), listing());
    assert!(restore(&report.path, &f.db_path, &f.key, test_now()).is_err());
    assert_eq!(std::fs::read(&f.db_path).unwrap(), before);
    assert_eq!(listing(), files_before);
}

#[test]
fn a_restore_onto_a_machine_with_another_key_brings_the_backups_keystore() {
    let f = fixture(2);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    drop(f.db);
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("charta.db");
    let restored = restore(&report.path, &fresh, &f.key, test_now()).unwrap();
    assert!(restored.keystore_replaced);
    let mut keys = Keystore::load(&keystore_path_for(&fresh)).unwrap();
    let unlocked = keys.unlock("admin", "a long password", test_now()).unwrap();
    let db = ChartDb::open_encrypted(&fresh, &unlocked.key).unwrap();
    assert_eq!(db.patient_count().unwrap(), 2);
}

#[test]
fn backup_names_are_read_back_as_times_and_other_files_are_ignored() {
    assert_eq!(
        backup_time(Path::new("/b/charta-20261126-150000.db")),
        Some(test_now())
    );
    assert_eq!(
        backup_time(Path::new("/b/charta-20261126-150000.db.keys")),
        None
    );
    assert_eq!(backup_time(Path::new("/b/notes.db")), None);
    let named = Path::new("/b/charta-20261126-150000-0123456789abcdef.db");
    assert_eq!(backup_time(named), Some(test_now()));
    assert_eq!(backup_practice(named), Some(Some("0123456789abcdef")));
    assert_eq!(
        backup_practice(Path::new("/b/charta-20261126-150000.db")),
        Some(None)
    );
    assert_eq!(
        backup_time(Path::new("/b/charta-20261126-150000-not-hex.db")),
        None
    );
}

#[test]
fn a_restore_that_fails_after_the_swap_puts_the_previous_database_back() {
    let f = fixture(2);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    drop(f.db);
    // A backup from a newer Charta passes the file checks but is refused at open.
    let conn = crate::db::open_keyed_connection(&report.path, &f.key).unwrap();
    conn.execute_batch("PRAGMA user_version = 999").unwrap();
    drop(conn);
    let before = std::fs::read(&f.db_path).unwrap();
    let err = restore(&report.path, &f.db_path, &f.key, test_now()).unwrap_err();
    assert_eq!(err.code(), "schema_too_new", "{err}");
    assert_eq!(
        std::fs::read(&f.db_path).unwrap(),
        before,
        "the previous database is back"
    );
    let aside = sibling(&f.db_path, ".before-restore-20261126-150000");
    assert!(!aside.exists());
    let db = ChartDb::open_encrypted(&f.db_path, &f.key).unwrap();
    assert_eq!(db.patient_count().unwrap(), 2);
}

/// Someone with the key drops the append-only triggers and deletes a file's newest audit rows.
fn cut_audit_tail(path: &Path, key: &DbKey, rows: i64) {
    let conn = crate::db::open_keyed_connection(path, key).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_log_is_append_only_u; DROP TRIGGER audit_log_is_append_only_d;",
    )
    .unwrap();
    conn.execute(
        "DELETE FROM audit_log WHERE seq > (SELECT max(seq) FROM audit_log) - ?1",
        [rows],
    )
    .unwrap();
}

#[test]
fn a_backup_whose_newest_audit_rows_were_cut_fails_verification_naming_its_keystore_copy() {
    let f = fixture(3);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    let head = f.db.audit_head(test_now()).unwrap().unwrap();
    let keys = Keystore::load(&report.keystore_path.clone().unwrap()).unwrap();
    assert_eq!(
        keys.audit_anchor().map(|a| (a.seq, a.hash.clone())),
        Some((head.seq, head.hash.clone())),
        "the keystore copy records the backup's own head"
    );
    cut_audit_tail(&report.path, &f.key, 2);

    let checked = verify_backup(&report.path, &f.key).unwrap();
    assert!(!checked.verified, "a cut-off tail must not verify");
    let expected = format!(
        "ends at row {} but the keystore beside it recorded row {}",
        head.seq - 2,
        head.seq
    );
    assert!(
        checked.problems.iter().any(|p| p.contains(&expected)),
        "{:?}",
        checked.problems
    );
}

#[test]
fn a_backup_whose_keystore_copy_is_damaged_fails_verification_saying_so() {
    let f = fixture(1);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    std::fs::write(report.keystore_path.clone().unwrap(), b"{ not json").unwrap();
    let checked = verify_backup(&report.path, &f.key).unwrap();
    assert!(!checked.verified);
    assert!(
        checked
            .problems
            .iter()
            .any(|p| p.contains("keystore beside it")),
        "{:?}",
        checked.problems
    );
}

#[test]
fn a_restore_carries_the_replaced_logs_newer_rows_marked_and_the_chain_verifies() {
    let mut f = fixture(2);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    let backup_head = f.db.audit_head(test_now()).unwrap().unwrap().seq;
    let desk = f.db.actor(crate::ids::UserId::from_u128(4)).unwrap();
    f.db.as_user(&desk)
        .register_patient(
            &PracticeGenerator::new(9).patient_draft(),
            true,
            PatientId::from_u128(9),
            test_now(),
        )
        .unwrap();
    let replaced_head = f.db.audit_head(test_now()).unwrap().unwrap().seq;
    drop(f.db);

    let restored = restore(&report.path, &f.db_path, &f.key, test_now()).unwrap();
    assert_eq!(restored.carried_rows as i64, replaced_head - backup_head);
    let db = ChartDb::open_encrypted(&f.db_path, &f.key).unwrap();
    let carried = db
        .read(|c| crate::store::audit::events_after(c, backup_head))
        .unwrap();
    assert_eq!(carried.len() as i64, replaced_head - backup_head);
    assert!(carried
        .iter()
        .all(|(_, e)| e.detail.starts_with(CARRIED_PREFIX)));
    assert!(carried.iter().any(|(_, e)| e.action == "register_patient"));
    let anchor = Keystore::load(&keystore_path_for(&f.db_path))
        .unwrap()
        .audit_anchor()
        .cloned();
    let check = db
        .read(|c| crate::audit::verify_chain_against(c, anchor.as_ref(), "the keystore"))
        .unwrap();
    assert!(check.ok(), "{check:?}");
    assert_eq!(anchor.map(|a| a.seq), Some(replaced_head));
}

#[test]
fn a_restore_over_an_unreadable_database_still_restores_and_says_nothing_was_carried() {
    let f = fixture(2);
    let report = backup_now(&f.db, &f.key, &f.backups, test_now()).unwrap();
    drop(f.db);
    std::fs::write(&f.db_path, b"damaged beyond reading").unwrap();
    let restored = restore(&report.path, &f.db_path, &f.key, test_now()).unwrap();
    assert_eq!(restored.carried_rows, 0);
    assert!(
        restored
            .audit_notes
            .iter()
            .any(|n| n.contains("could not be read")),
        "{:?}",
        restored.audit_notes
    );
    let db = ChartDb::open_encrypted(&f.db_path, &f.key).unwrap();
    assert_eq!(db.patient_count().unwrap(), 2);
}

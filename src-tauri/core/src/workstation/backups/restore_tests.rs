//! The audit anchor through the workstation (lock, close, log in again, restore) and restores
//! that fail: audited, and never writing anywhere but the practice file.

use crate::audit::{AuditQuery, AuditSort, Outcome};
use crate::backup::CARRIED_PREFIX;
use crate::db::ChartDb;
use crate::fault;
use crate::ids::UserId;
use crate::permissions::Role;
use crate::practice::PracticeDraft;
use crate::testing::{test_now, user_draft};
use crate::vault::{keystore_path_for, KdfParams, Keystore};
use crate::workstation::{SetupRequest, Workstation};
use chrono::{DateTime, Duration, Utc};
use std::path::{Path, PathBuf};

const PASSWORD: &str = "correct horse battery";

fn setup(dir: &Path) -> (Workstation, PathBuf) {
    let path = dir.join("charta.db");
    let request = SetupRequest {
        practice: PracticeDraft::new("Riverside Clinic", "", "", "America/Chicago"),
        admin: user_draft("boss", &[Role::Admin]),
        password: PASSWORD.into(),
    };
    let (ws, _) = Workstation::set_up_with(
        &path,
        &request,
        UserId::from_u128(1),
        test_now(),
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    (ws, path)
}

/// Audited work: an admin reads the audit report (one audit row each time).
fn audited_work(ws: &mut Workstation, now: DateTime<Utc>, times: usize) {
    for _ in 0..times {
        ws.run(now, |u| u.audit_report(&AuditQuery::default(), now))
            .unwrap();
    }
}

/// A write of data: a new user account.
fn add_user(
    ws: &mut Workstation,
    name: &str,
    id: u128,
    now: DateTime<Utc>,
) -> crate::CoreResult<()> {
    ws.run(now, |u| {
        u.create_user(
            &user_draft(name, &[Role::Nurse]),
            UserId::from_u128(id),
            now,
        )
    })
    .map(drop)
}

fn cut_tail(db: &mut ChartDb, from_seq: i64) {
    crate::testing::cut_audit_tail(db, from_seq).unwrap();
}

fn head_seq(db: &ChartDb) -> i64 {
    db.audit_head(test_now()).unwrap().unwrap().seq
}

#[test]
fn cutting_the_newest_audit_rows_is_reported_naming_the_anchor_the_lock_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = setup(dir.path());
    let now = test_now();
    audited_work(&mut ws, now, 3);
    ws.lock(now).unwrap();
    let anchored = head_seq(&ws.db);
    ws.unlock(PASSWORD, now).unwrap();
    cut_tail(&mut ws.db, anchored - 1);

    let check = ws.run(now, |u| u.verify_audit_chain(now)).unwrap();
    assert!(!check.ok(), "a cut-off tail must not verify: {check:?}");
    assert_eq!(check.first_broken_seq, Some(anchored - 1));
    assert!(
        check.message.contains(&format!(
            "ends at row {} but the keystore recorded row {anchored}",
            anchored - 2
        )),
        "the message names the anchor: {}",
        check.message
    );
}

#[test]
fn the_anchor_written_at_close_catches_a_tail_cut_while_charta_was_closed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, path) = setup(dir.path());
    let now = test_now();
    audited_work(&mut ws, now, 4);
    ws.close(now).unwrap();
    let anchored = head_seq(&ws.db);
    let key = ws.key.clone();
    drop(ws);
    let recorded = Keystore::load(&keystore_path_for(&path)).unwrap();
    assert_eq!(recorded.audit_anchor().map(|a| a.seq), Some(anchored));

    let mut file = ChartDb::open_encrypted(&path, &key).unwrap();
    cut_tail(&mut file, anchored - 2);
    drop(file);

    let later = now + Duration::minutes(5);
    let mut ws = Workstation::log_in(&path, "boss", PASSWORD, later).unwrap();
    let check = ws.run(later, |u| u.verify_audit_chain(later)).unwrap();
    assert!(!check.ok(), "{check:?}");
    assert!(
        check
            .message
            .contains(&format!("the keystore recorded row {anchored}")),
        "{}",
        check.message
    );
}

#[test]
fn an_untouched_log_verifies_against_the_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = setup(dir.path());
    let now = test_now();
    audited_work(&mut ws, now, 2);
    ws.lock(now).unwrap();
    ws.unlock(PASSWORD, now).unwrap();
    let check = ws.run(now, |u| u.verify_audit_chain(now)).unwrap();
    assert!(check.ok(), "{check:?}");
    assert!(
        check.message.contains("the keystore recorded"),
        "{}",
        check.message
    );
}

#[test]
fn a_restore_keeps_the_audit_rows_logged_after_the_backup_and_audits_itself_after_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, path) = setup(dir.path());
    let now = test_now();
    let report = ws.back_up_now(Some(&dir.path().join("b")), now).unwrap();
    let backup_head = {
        let keys = Keystore::load(&report.keystore_path.clone().unwrap()).unwrap();
        keys.audit_anchor().unwrap().seq
    };
    let later = now + Duration::minutes(2);
    add_user(&mut ws, "nurse", 7, later).unwrap();
    audited_work(&mut ws, later, 2);
    let head_before = head_seq(&ws.db);
    assert!(head_before > backup_head + 2);

    let at = later + Duration::minutes(1);
    let restored = ws.restore(&report.path, at).unwrap();
    assert!(restored.carried_rows > 0, "{restored:?}");
    assert!(
        restored.audit_notes.is_empty(),
        "{:?}",
        restored.audit_notes
    );

    let rows = ws
        .run(at, |u| {
            u.audit_report(
                &AuditQuery {
                    sort: AuditSort::OldestFirst,
                    limit: Some(500),
                    ..Default::default()
                },
                at,
            )
        })
        .unwrap()
        .entries;
    let carried: Vec<_> = rows
        .iter()
        .filter(|e| e.detail.starts_with(CARRIED_PREFIX))
        .collect();
    assert_eq!(
        carried.len() as i64,
        head_before - backup_head,
        "every row after the backup's head is carried: {rows:#?}"
    );
    assert!(
        carried.iter().any(|e| e.action == "create_user"),
        "the creation of the user the restore rolled back is still on record"
    );
    assert!(carried.iter().all(|e| e.seq > backup_head));
    let restore_row = rows.iter().find(|e| e.action == "restore").unwrap();
    assert!(
        restore_row.seq > carried.last().unwrap().seq,
        "the restore row goes in after the carried ones"
    );
    assert_eq!(restore_row.outcome, Outcome::Ok);
    assert!(
        ws.db.actor(UserId::from_u128(7)).is_err(),
        "the data is the backup's"
    );

    let check = ws.run(at, |u| u.verify_audit_chain(at)).unwrap();
    assert!(check.ok(), "{check:?}");
    drop(ws);
    // After a restart too: the keystore's anchor moved to the restored log.
    let mut ws = Workstation::log_in(&path, "boss", PASSWORD, at).unwrap();
    assert!(ws.run(at, |u| u.verify_audit_chain(at)).unwrap().ok());
}

#[test]
fn a_restore_that_fails_in_the_swap_is_audited_and_later_writes_land_in_the_practice_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, path) = setup(dir.path());
    let now = test_now();
    let report = ws.back_up_now(Some(&dir.path().join("b")), now).unwrap();
    // A backup from a newer Charta passes the file checks but is refused at open.
    let conn = crate::db::open_keyed_connection(&report.path, &ws.key).unwrap();
    conn.execute_batch("PRAGMA user_version = 999").unwrap();
    drop(conn);

    let err = ws.restore(&report.path, now).unwrap_err();
    assert_eq!(err.code(), "schema_too_new", "{err}");
    add_user(&mut ws, "nurse", 7, now).unwrap();

    let file = ChartDb::open_encrypted(&path, &ws.key).unwrap();
    assert!(
        file.actor(UserId::from_u128(7)).is_ok(),
        "the write after the failed restore is in the practice file"
    );
    let failed = file
        .read(|c| {
            crate::store::audit::query(
                c,
                &crate::store::audit::Filter {
                    action: Some("restore".into()),
                    ..Default::default()
                },
                AuditSort::NewestFirst,
                10,
                0,
            )
        })
        .unwrap();
    assert_eq!(failed.len(), 1, "the failed restore is audited: {failed:?}");
    assert_eq!(failed[0].outcome, Outcome::Failed);
    assert!(
        failed[0].detail.contains("newer version"),
        "{}",
        failed[0].detail
    );
}

#[test]
fn when_the_previous_file_cannot_be_put_back_every_command_asks_for_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, path) = setup(dir.path());
    let now = test_now();
    let report = ws.back_up_now(Some(&dir.path().join("b")), now).unwrap();
    fault::arm_always("restore.swap");
    fault::arm_always("restore.undo");
    let err = ws.restore(&report.path, now).unwrap_err();
    fault::clear();
    assert_eq!(err.code(), "restart_required", "{err}");
    assert!(err.to_string().contains("restart Charta"), "{err}");

    let write = add_user(&mut ws, "nurse", 7, now).unwrap_err();
    assert_eq!(write.code(), "restart_required", "{write}");
    assert_eq!(ws.lock(now).unwrap_err().code(), "restart_required");
    assert_eq!(ws.log_out(now).unwrap_err().code(), "restart_required");
    assert_eq!(
        ws.switch_user("boss", PASSWORD, now).unwrap_err().code(),
        "restart_required"
    );
    assert!(
        !path.exists(),
        "no empty practice is created where the file was moved away"
    );
    let keys = Keystore::load(&keystore_path_for(&path)).unwrap();
    assert!(
        keys.pending()
            .iter()
            .any(|p| p.action == "restore" && p.outcome == "failed"),
        "the failure waits in the keystore for the audit log: {:?}",
        keys.pending()
    );
}

#[test]
fn when_the_restored_file_cannot_be_reopened_nothing_is_written_to_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, path) = setup(dir.path());
    let now = test_now();
    let report = ws.back_up_now(Some(&dir.path().join("b")), now).unwrap();
    fault::arm_always("restore.reopen");
    let err = ws.restore(&report.path, now).unwrap_err();
    fault::clear();
    assert_eq!(err.code(), "restart_required", "{err}");

    let write = add_user(&mut ws, "nurse", 7, now);
    assert_eq!(
        write.map_err(|e| e.code().as_str()),
        Err("restart_required"),
        "a write after a lost practice file must be refused, not kept in memory"
    );
    let key = ws.key.clone();
    drop(ws);
    let file = ChartDb::open_encrypted(&path, &key).unwrap();
    assert!(file.actor(UserId::from_u128(7)).is_err());
}

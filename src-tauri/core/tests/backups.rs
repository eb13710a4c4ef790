//! Backups away from the workstation: the daily backup is a job started after login, not part
//! of it; the practice takes writes while a job copies; the list reads stored verification
//! results and lists unreadable files; the daily backup is due per practice.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditQuery, AuditSort, Outcome};
use charta_core::backup::{
    list_backups, record_path, BackupCheck, BackupKind, BackupPhase, BackupRunner,
};
use charta_core::permissions::Role;
use charta_core::practice::PracticeDraft;
use charta_core::testing::{test_now, user_draft};
use charta_core::vault::KdfParams;
use charta_core::workstation::{SetupRequest, Workstation};
use charta_core::UserId;
use chrono::{DateTime, Duration, Utc};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};

const FAST: KdfParams = KdfParams::INSECURE_FAST_FOR_TESTS;
const PASSWORD: &str = "correct horse battery";

/// A practice at `db`, its backups in `backups`; the admin `boss` is logged in.
fn practice(db: &Path, backups: &Path, name: &str) -> Workstation {
    let mut draft = PracticeDraft::new(name, "", "", "America/Chicago");
    draft.backup_dir = backups.display().to_string();
    let request = SetupRequest {
        practice: draft,
        admin: user_draft("boss", &[Role::Admin]),
        password: PASSWORD.into(),
    };
    Workstation::set_up_with(db, &request, UserId::from_u128(1), test_now(), FAST)
        .unwrap()
        .0
}

fn backup_actions(ws: &mut Workstation, now: DateTime<Utc>) -> Vec<(String, String, Outcome)> {
    let q = AuditQuery {
        sort: AuditSort::OldestFirst,
        limit: Some(500),
        ..Default::default()
    };
    ws.run(now, |u| u.audit_report(&q, now))
        .unwrap()
        .entries
        .into_iter()
        .filter(|e| e.action.contains("backup"))
        .map(|e| (e.username, e.action, e.outcome))
        .collect()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    list_backups(dir).unwrap()
}

#[test]
fn logging_in_writes_no_backup_and_the_daily_job_then_writes_and_audits_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backups) = (dir.path().join("charta.db"), dir.path().join("backups"));
    drop(practice(&db, &backups, "Riverside"));
    let morning = test_now() + Duration::days(1);

    let mut ws = Workstation::log_in(&db, "boss", PASSWORD, morning).unwrap();
    assert!(files(&backups).is_empty(), "login itself backs nothing up");

    let job = ws.daily_backup_job(morning).unwrap();
    assert_eq!(job.kind(), BackupKind::Daily);
    let outcome = job.run(&mut |_| {});
    let report = outcome.result.as_ref().unwrap().as_ref().unwrap();
    assert!(report.verified, "{:?}", report.problems);
    assert_eq!(files(&backups), std::slice::from_ref(&report.path));
    ws.record_backup(&outcome, morning).unwrap();
    assert_eq!(
        backup_actions(&mut ws, morning),
        [("system".into(), "backup".into(), Outcome::Ok)]
    );

    // The second opening of the day finds today's backup and leaves no row.
    let later = morning + Duration::minutes(5);
    let outcome = ws.daily_backup_job(later).unwrap().run(&mut |_| {});
    assert!(outcome.result.as_ref().unwrap().is_none());
    ws.record_backup(&outcome, later).unwrap();
    assert_eq!(files(&backups).len(), 1);
    assert_eq!(backup_actions(&mut ws, later).len(), 1);
}

#[test]
fn the_practice_takes_writes_while_a_backup_job_is_copying() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backups) = (dir.path().join("charta.db"), dir.path().join("backups"));
    let mut ws = practice(&db, &backups, "Riverside");
    let now = test_now();
    let job = ws.back_up_job(None, now).unwrap();

    let (copying_tx, copying) = mpsc::channel();
    let (go, go_rx) = mpsc::channel::<()>();
    let outcome = std::thread::scope(|scope| {
        let running = scope.spawn(move || {
            let mut first = true;
            job.run(&mut |p| {
                if first && p.phase == BackupPhase::Copying {
                    first = false;
                    copying_tx.send(p).unwrap();
                    // The job holds its read snapshot here until the writes below are done.
                    go_rx.recv().unwrap();
                }
            })
        });
        let progress = copying.recv().unwrap();
        assert!(progress.pages_total > 0 && progress.pages_done <= progress.pages_total);
        ws.create_user(
            &user_draft("doc", &[Role::Physician]),
            "clinic hours 99",
            UserId::from_u128(5),
            now,
        )
        .unwrap();
        go.send(()).unwrap();
        running.join().unwrap()
    });
    let report = outcome.result.as_ref().unwrap().as_ref().unwrap();
    assert!(report.verified, "{:?}", report.problems);
    assert_eq!(
        report.table_counts["users"], 1,
        "the copy is the snapshot from before"
    );
    assert_eq!(ws.run(now, |u| u.list_users(now)).unwrap().len(), 2);
    ws.record_backup(&outcome, now).unwrap();
    assert_eq!(
        backup_actions(&mut ws, now),
        [("boss".into(), "backup".into(), Outcome::Ok)]
    );
}

#[test]
fn the_list_shows_stored_results_without_verifying_again_until_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backups) = (dir.path().join("charta.db"), dir.path().join("backups"));
    let mut ws = practice(&db, &backups, "Riverside");
    let now = test_now();
    let report = ws.back_up_now(None, now).unwrap();
    assert!(record_path(&report.path).is_file());

    // Damage the file after its verification; the size stays the same.
    let mut bytes = std::fs::read(&report.path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&report.path, &bytes).unwrap();

    let listed = ws.list_backups(now).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].check, BackupCheck::Verified, "{:?}", listed[0]);
    assert_eq!(listed[0].verified_at, Some(now));
    assert_eq!(listed[0].table_counts, report.table_counts);

    let later = now + Duration::minutes(5);
    let outcome = ws
        .verify_backup_job(&report.path, later)
        .unwrap()
        .run(&mut |_| {});
    let checked = outcome.result.as_ref().unwrap().as_ref().unwrap();
    assert!(!checked.verified);
    ws.record_backup(&outcome, later).unwrap();
    let listed = ws.list_backups(later).unwrap();
    assert_eq!(listed[0].check, BackupCheck::Failed);
    assert_eq!(listed[0].verified_at, Some(later));
    assert!(!listed[0].problems.is_empty());
    assert!(backup_actions(&mut ws, later).contains(&(
        "boss".into(),
        "verify_backup".into(),
        Outcome::Failed
    )));
}

#[test]
fn verifying_again_is_only_for_backups_in_the_practices_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backups) = (dir.path().join("charta.db"), dir.path().join("backups"));
    let mut ws = practice(&db, &backups, "Riverside");
    let err = ws.verify_backup_job(&db, test_now()).unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
}

#[test]
fn the_list_names_unreadable_and_unverified_files_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backups) = (dir.path().join("charta.db"), dir.path().join("backups"));
    let mut ws = practice(&db, &backups, "Riverside");
    let now = test_now();
    let good = ws.back_up_now(None, now).unwrap();
    // An older-style name holding no database at all, and a name whose file is gone.
    let junk = backups.join("charta-20261120-080000.db");
    std::fs::write(&junk, b"not a database").unwrap();
    let gone = backups.join("charta-20261121-080000.db");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &gone).unwrap();
    // A damaged stored result.
    let stale = backups.join("charta-20261122-080000.db");
    std::fs::copy(&good.path, &stale).unwrap();
    std::fs::write(record_path(&stale), b"{ half").unwrap();

    let listed = ws.list_backups(now).unwrap();
    let checks: Vec<(PathBuf, BackupCheck)> =
        listed.iter().map(|b| (b.path.clone(), b.check)).collect();
    assert_eq!(
        checks,
        [
            (good.path.clone(), BackupCheck::Verified),
            (stale, BackupCheck::NotVerified),
            (gone, BackupCheck::Unreadable),
            (junk, BackupCheck::NotVerified),
        ]
    );
    assert!(
        listed[2].problems[0].contains("cannot be read"),
        "{:?}",
        listed[2]
    );
    assert!(
        listed[1].problems[0].contains("cannot be read"),
        "{:?}",
        listed[1]
    );
}

#[test]
fn two_practices_sharing_a_folder_each_get_their_daily_backup_and_keep_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("usb");
    let mut north = practice(&dir.path().join("north.db"), &shared, "North");
    let mut south = practice(&dir.path().join("south.db"), &shared, "South");
    let now = test_now();
    let a = north
        .daily_backup(now)
        .unwrap()
        .expect("north's first backup");
    let b = south
        .daily_backup(now)
        .unwrap()
        .expect("south is due although north backed up today");
    assert_ne!(a.path, b.path);
    assert!(north.daily_backup(now).unwrap().is_none());
    assert!(south.daily_backup(now).unwrap().is_none());

    // Many days of south's backups never prune north's, whatever south keeps.
    for day in 1..=20 {
        south.daily_backup(now + Duration::days(day)).unwrap();
    }
    assert!(a.path.is_file(), "north's backup survived south's pruning");
    let north_list = north.list_backups(now).unwrap();
    assert_eq!(north_list.len(), 1, "only north's own backups are listed");
    assert_eq!(north_list[0].path, a.path);
    assert_eq!(south.list_backups(now).unwrap().len(), 14);
    let key_names = |ws: &Workstation| {
        files(&shared)
            .into_iter()
            .filter(|p| {
                p.to_string_lossy()
                    .contains(&ws.practice_identity().to_string())
            })
            .count()
    };
    assert_eq!(key_names(&north), 1);
}

#[test]
fn a_background_backup_reports_its_result_and_refuses_a_second_while_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backups) = (dir.path().join("charta.db"), dir.path().join("backups"));
    let ws = Arc::new(Mutex::new(practice(&db, &backups, "Riverside")));
    let now = test_now();
    let runner = BackupRunner::default();
    let (release, wait) = mpsc::channel::<()>();
    let job = ws.lock().unwrap().back_up_job(None, now).unwrap();
    let shared = Arc::clone(&ws);
    let handle = runner
        .start(job, move |outcome| {
            wait.recv().unwrap();
            shared.lock().unwrap().record_backup(outcome, now)
        })
        .unwrap();
    assert!(runner.status().running);
    let second = ws.lock().unwrap().back_up_job(None, now).unwrap();
    assert_eq!(
        runner.start(second, |_| Ok(())).unwrap_err().code(),
        "forbidden"
    );
    assert!(runner.refuse_if_running("restore").is_err());
    release.send(()).unwrap();
    handle.join().unwrap();

    let status = runner.status();
    assert!(!status.running);
    let last = status.last_result.unwrap();
    assert!(last.ok, "{last:?}");
    assert_eq!(last.kind, BackupKind::Manual);
    assert!(last.report.unwrap().path.is_file());
    assert_eq!(
        backup_actions(&mut ws.lock().unwrap(), now),
        [("boss".into(), "backup".into(), Outcome::Ok)]
    );
}

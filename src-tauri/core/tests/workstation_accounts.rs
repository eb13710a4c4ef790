//! Accounts on real encrypted files, where the database and the keystore must change together:
//! renaming, creating, (de)activating and resetting, each all or nothing; an interrupted
//! setup; the lock-timeout override; denied resets in the audit log.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditQuery, AuditSort, Outcome};
use charta_core::permissions::Role;
use charta_core::practice::PracticeDraft;
use charta_core::session::SessionView;
use charta_core::testing::{test_now, user_draft};
use charta_core::vault::KdfParams;
use charta_core::workstation::{keystore_path, startup, SetupRequest, Startup, Workstation};
use charta_core::UserId;
use chrono::{DateTime, Duration, Utc};
use std::path::{Path, PathBuf};

const FAST: KdfParams = KdfParams::INSECURE_FAST_FOR_TESTS;
const ADMIN_PASSWORD: &str = "correct horse battery";
const NURSE_PASSWORD: &str = "ward round one";

fn setup(path: &Path) -> Workstation {
    let request = SetupRequest {
        practice: PracticeDraft::new("Riverside Clinic", "", "", "America/Chicago"),
        admin: user_draft("boss", &[Role::Admin]),
        password: ADMIN_PASSWORD.into(),
    };
    Workstation::set_up_with(path, &request, UserId::from_u128(1), test_now(), FAST)
        .unwrap()
        .0
}

fn rows(ws: &mut Workstation, action: &str, now: DateTime<Utc>) -> Vec<(String, Outcome)> {
    let q = AuditQuery {
        action: Some(action.into()),
        sort: AuditSort::OldestFirst,
        limit: Some(500),
        ..Default::default()
    };
    ws.run(now, |u| u.audit_report(&q, now))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.username, e.outcome))
        .collect()
}

/// While this directory sits where the keystore writes its temporary file, every keystore
/// write fails (as on a full or read-only disk); reads still work.
struct KeystoreWritesFail(PathBuf);

impl KeystoreWritesFail {
    fn on(db: &Path) -> Self {
        let mut tmp = keystore_path(db).into_os_string();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        std::fs::create_dir(&tmp).unwrap();
        KeystoreWritesFail(tmp)
    }
}

impl Drop for KeystoreWritesFail {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir(&self.0);
    }
}

fn with_nurse(path: &Path) -> (Workstation, charta_core::users::User) {
    let mut ws = setup(path);
    let nurse = ws
        .create_user(
            &user_draft("nurse", &[Role::Nurse]),
            NURSE_PASSWORD,
            UserId::from_u128(3),
            test_now(),
        )
        .unwrap();
    (ws, nurse)
}

#[test]
fn a_renamed_user_logs_in_with_the_new_name_only_also_after_a_lock_and_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, nurse) = with_nurse(&path);
    let now = test_now();
    let mut draft = user_draft("nurse", &[Role::Nurse]);
    draft.username = "Nurse.Okoro".into();
    let renamed = ws
        .update_user(nurse.id, nurse.version, &draft, now)
        .unwrap();
    assert_eq!(renamed.username, "nurse.okoro");

    assert!(
        ws.switch_user("nurse", NURSE_PASSWORD, now).is_err(),
        "the old name is refused"
    );
    let actor = ws.switch_user("nurse.okoro", NURSE_PASSWORD, now).unwrap();
    assert_eq!(actor.username(), "nurse.okoro");
    ws.lock(now).unwrap();
    ws.unlock(NURSE_PASSWORD, now)
        .expect("unlock after a rename works");
    drop(ws);
    assert!(Workstation::log_in(&path, "nurse", NURSE_PASSWORD, now).is_err());
    let ws = Workstation::log_in(&path, "nurse.okoro", NURSE_PASSWORD, now)
        .expect("the new name opens the practice after a restart");
    drop(ws);
}

#[test]
fn an_admin_who_renames_themselves_can_still_unlock_and_is_audited_under_the_new_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let mut ws = setup(&path);
    let now = test_now();
    let me = ws.run(now, |u| u.list_users(now)).unwrap().remove(0);
    let mut draft = user_draft("chief", &[Role::Admin]);
    draft.display_name = me.display_name.clone();
    ws.update_user(me.id, me.version, &draft, now).unwrap();
    ws.lock(now).unwrap();
    ws.unlock(ADMIN_PASSWORD, now).unwrap();
    match ws.session(now).unwrap() {
        SessionView::Active { actor, .. } => assert_eq!(actor.username(), "chief"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        rows(&mut ws, "unlock", now),
        [("chief".to_string(), Outcome::Ok)]
    );
}

#[test]
fn a_rename_the_keystore_cannot_take_changes_neither_the_account_nor_the_keystore() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, nurse) = with_nurse(&path);
    let now = test_now();
    let draft = user_draft("sam", &[Role::Nurse]);
    {
        let _fail = KeystoreWritesFail::on(&path);
        assert!(ws
            .update_user(nurse.id, nurse.version, &draft, now)
            .is_err());
    }
    let users = ws.run(now, |u| u.list_users(now)).unwrap();
    let unchanged = users.iter().find(|u| u.id == nurse.id).unwrap();
    assert_eq!(
        (unchanged.username.as_str(), unchanged.version),
        ("nurse", nurse.version)
    );
    ws.switch_user("nurse", NURSE_PASSWORD, now)
        .expect("the old name still logs in");
    assert!(ws.switch_user("sam", NURSE_PASSWORD, now).is_err());
}

#[test]
fn a_new_account_whose_password_cannot_be_stored_is_not_created_and_can_be_added_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let mut ws = setup(&path);
    let now = test_now();
    let draft = user_draft("nurse", &[Role::Nurse]);
    {
        let _fail = KeystoreWritesFail::on(&path);
        assert!(ws
            .create_user(&draft, NURSE_PASSWORD, UserId::from_u128(3), now)
            .is_err());
    }
    let users = ws.run(now, |u| u.list_users(now)).unwrap();
    assert!(
        users.iter().all(|u| u.username != "nurse"),
        "no account without a password: {users:?}"
    );
    ws.create_user(&draft, NURSE_PASSWORD, UserId::from_u128(3), now)
        .expect("the same account can be added once the disk is writable");
    ws.switch_user("nurse", NURSE_PASSWORD, now).unwrap();
}

#[test]
fn a_deactivation_or_reactivation_the_keystore_cannot_take_leaves_the_account_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, nurse) = with_nurse(&path);
    let now = test_now();
    {
        let _fail = KeystoreWritesFail::on(&path);
        assert!(ws.set_user_active(nurse.id, false, "", now).is_err());
    }
    let active = |ws: &mut Workstation| {
        ws.run(now, |u| u.list_users(now))
            .unwrap()
            .into_iter()
            .find(|u| u.id == nurse.id)
            .unwrap()
            .active
    };
    assert!(active(&mut ws), "still active, and still has a key");
    ws.set_user_active(nurse.id, false, "", now).unwrap();
    {
        let _fail = KeystoreWritesFail::on(&path);
        assert!(ws
            .set_user_active(nurse.id, true, "ward round two", now)
            .is_err());
    }
    assert!(!active(&mut ws), "not active without a password");
    ws.set_user_active(nurse.id, true, "ward round two", now)
        .unwrap();
    ws.switch_user("nurse", "ward round two", now).unwrap();
}

#[test]
fn a_setup_interrupted_before_its_keystore_was_in_place_starts_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    drop(setup(&path));
    // What a power cut leaves just before the last step of setup: the database, practice
    // and admin written, the keystore not yet under its name.
    let keys = keystore_path(&path);
    let mut pending = keys.clone().into_os_string();
    pending.push(".setup");
    std::fs::rename(&keys, PathBuf::from(pending)).unwrap();

    assert_eq!(
        startup(&path).unwrap(),
        Startup::NeedsSetup,
        "a setup that never finished is offered again, not a login nobody has"
    );
    let mut ws = setup(&path);
    assert_eq!(
        ws.run(test_now(), |u| u.list_users(test_now()))
            .unwrap()
            .len(),
        1
    );
    drop(ws);
    Workstation::log_in(&path, "boss", ADMIN_PASSWORD, test_now()).unwrap();
}

#[test]
fn the_lock_after_seconds_override_only_shortens_the_practices_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let mut ws = setup(&path);
    let t0 = test_now();
    // The practice locks after 10 minutes; a day-long override must not keep it open.
    ws.set_lock_after_seconds(Some(86_400));
    assert_eq!(ws.lock_after_seconds().unwrap(), 600);
    ws.run(t0, |u| u.list_users(t0)).unwrap();
    let t1 = t0 + Duration::minutes(11);
    assert_eq!(
        ws.run(t1, |u| u.list_users(t1)).unwrap_err().code(),
        "session_locked",
        "the practice's 10 minutes still apply"
    );
    ws.unlock(ADMIN_PASSWORD, t1).unwrap();
    ws.set_lock_after_seconds(Some(30));
    assert_eq!(ws.lock_after_seconds().unwrap(), 30);
    ws.run(t1, |u| u.list_users(t1)).unwrap();
    let t2 = t1 + Duration::seconds(31);
    assert_eq!(
        ws.run(t2, |u| u.list_users(t2)).unwrap_err().code(),
        "session_locked",
        "a shorter override applies"
    );
}

#[test]
fn a_denied_password_reset_is_audited_as_a_reset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, nurse) = with_nurse(&path);
    let now = test_now();
    ws.switch_user("nurse", NURSE_PASSWORD, now).unwrap();
    let err = ws
        .reset_password(UserId::from_u128(1), "taken over now", now)
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    ws.switch_user("boss", ADMIN_PASSWORD, now).unwrap();
    assert_eq!(
        rows(&mut ws, "reset_password", now),
        [("nurse".to_string(), Outcome::Denied)]
    );
    assert!(
        rows(&mut ws, "list_users", now).is_empty(),
        "the reset is not disguised as a listing"
    );
    let _ = nurse;
}

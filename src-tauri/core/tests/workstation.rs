//! The workstation end to end on real encrypted files: setup, log in, wrong passwords and
//! lock-out, switch user, inactivity lock, user accounts and their keys, backups.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditQuery, AuditSort, Outcome};
use charta_core::patient::SearchRequest;
use charta_core::permissions::Role;
use charta_core::practice::PracticeDraft;
use charta_core::session::SessionView;
use charta_core::testing::{test_now, user_draft};
use charta_core::vault::KdfParams;
use charta_core::workstation::{startup, SetupRequest, Startup, Workstation, DEMO_PASSWORD};
use charta_core::UserId;
use chrono::Duration;
use std::path::Path;

const FAST: KdfParams = KdfParams::INSECURE_FAST_FOR_TESTS;
const ADMIN_PASSWORD: &str = "correct horse battery";

fn setup(path: &Path) -> (Workstation, String) {
    let request = SetupRequest {
        practice: PracticeDraft::new("Riverside Clinic", "", "", "America/Chicago"),
        admin: user_draft("boss", &[Role::Admin]),
        password: ADMIN_PASSWORD.into(),
    };
    Workstation::set_up_with(path, &request, UserId::from_u128(1), test_now(), FAST).unwrap()
}

fn actions(
    ws: &mut Workstation,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<(String, String, Outcome)> {
    let q = AuditQuery {
        sort: AuditSort::OldestFirst,
        limit: Some(500),
        ..Default::default()
    };
    ws.run(now, |u| u.audit_report(&q, now))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.username, e.action, e.outcome))
        .collect()
}

#[test]
fn setup_refuses_bad_fields_by_section_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let request = SetupRequest {
        practice: PracticeDraft::new("", "", "", "Nowhere/Else"),
        admin: user_draft("x", &[]),
        password: "short".into(),
    };
    let err = Workstation::set_up_with(&path, &request, UserId::from_u128(1), test_now(), FAST)
        .unwrap_err();
    let fields: Vec<_> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "practice.name",
            "practice.timeZone",
            "admin.username",
            "admin.roles",
            "password"
        ]
    );
    assert_eq!(
        startup(&path).unwrap(),
        Startup::NeedsSetup,
        "a refused setup creates no files"
    );
}

#[test]
fn the_first_admin_sets_up_logs_in_again_and_a_recovery_key_is_given_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (ws, recovery) = setup(&path);
    assert!(recovery.len() >= 26, "recovery key {recovery:?}");
    drop(ws);
    assert_eq!(startup(&path).unwrap(), Startup::NeedsLogin);
    let mut ws = Workstation::log_in(&path, "BOSS", ADMIN_PASSWORD, test_now()).unwrap();
    match ws.session(test_now()).unwrap() {
        SessionView::Active { actor, .. } => assert_eq!(actor.username(), "boss"),
        other => panic!("{other:?}"),
    }
    assert_eq!(ws.practice().unwrap().unwrap().name, "Riverside Clinic");
}

#[test]
fn wrong_passwords_are_refused_alike_audited_later_and_lock_the_account() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    drop(setup(&path));
    let unknown = Workstation::log_in(&path, "nobody", "whatever it is", test_now()).unwrap_err();
    let wrong = Workstation::log_in(&path, "boss", "not the password", test_now()).unwrap_err();
    assert_eq!(
        unknown.to_string(),
        wrong.to_string(),
        "usernames cannot be probed"
    );
    for _ in 0..4 {
        let _ = Workstation::log_in(&path, "boss", "not the password", test_now());
    }
    let locked = Workstation::log_in(&path, "boss", ADMIN_PASSWORD, test_now()).unwrap_err();
    assert!(locked.to_string().contains("locked"), "{locked}");
    let later = test_now() + Duration::minutes(16);
    let mut ws = Workstation::log_in(&path, "boss", ADMIN_PASSWORD, later).unwrap();
    let log = actions(&mut ws, later);
    let failed = log
        .iter()
        .filter(|(_, a, o)| a == "login" && *o == Outcome::Failed)
        .count();
    assert_eq!(
        failed, 7,
        "every failed attempt made while closed reaches the audit log: {log:?}"
    );
    assert!(log.contains(&("nobody".into(), "login".into(), Outcome::Failed)));
}

#[test]
fn an_idle_session_locks_is_audited_and_unlocks_for_the_same_user_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, _) = setup(&path);
    let t0 = test_now();
    ws.create_user(
        &user_draft("desk", &[Role::FrontDesk]),
        "counter shift 2026",
        UserId::from_u128(2),
        t0,
    )
    .unwrap();
    ws.switch_user("desk", "counter shift 2026", t0).unwrap();
    ws.run(t0, |u| u.search_patients(&SearchRequest::new("smith"), t0))
        .unwrap();
    // Ten idle minutes later the session is locked.
    let t1 = t0 + Duration::minutes(11);
    let err = ws
        .run(t1, |u| u.search_patients(&SearchRequest::new("smith"), t1))
        .unwrap_err();
    assert_eq!(err.code(), "session_locked");
    assert!(matches!(
        ws.session(t1).unwrap(),
        SessionView::Locked { .. }
    ));
    assert_eq!(
        ws.unlock("wrong password!", t1).unwrap_err().code(),
        "unauthenticated"
    );
    ws.unlock("counter shift 2026", t1).unwrap();
    // The front desk cannot read the audit log; the admin sees the lock, dated when it fired.
    assert_eq!(
        ws.run(t1, |u| u.audit_report(&AuditQuery::default(), t1))
            .unwrap_err()
            .code(),
        "forbidden"
    );
    ws.switch_user("boss", ADMIN_PASSWORD, t1).unwrap();
    let q = AuditQuery {
        action: Some("lock".into()),
        ..Default::default()
    };
    let locks = ws.run(t1, |u| u.audit_report(&q, t1)).unwrap().entries;
    assert_eq!(locks.len(), 1);
    assert_eq!(
        (locks[0].username.as_str(), locks[0].at),
        ("desk", t0 + Duration::minutes(10))
    );
    let log = actions(&mut ws, t1);
    for expected in ["unlock", "logout", "search_patients", "view_audit_log"] {
        assert!(
            log.iter().any(|(_, a, _)| a == expected),
            "{expected} missing from {log:?}"
        );
    }
    assert!(log.contains(&("desk".into(), "view_audit_log".into(), Outcome::Denied)));
}

#[test]
fn deactivating_a_user_removes_their_key_and_passwords_can_be_reset_and_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, _) = setup(&path);
    let now = test_now();
    let nurse = ws
        .create_user(
            &user_draft("nurse", &[Role::Nurse]),
            "ward round one",
            UserId::from_u128(3),
            now,
        )
        .unwrap();
    let weak = ws
        .create_user(
            &user_draft("weak", &[Role::Nurse]),
            "weak",
            UserId::from_u128(4),
            now,
        )
        .unwrap_err();
    assert_eq!(weak.field_errors()[0].field, "password");
    ws.reset_password(nurse.id, "ward round two", now).unwrap();
    ws.set_user_active(nurse.id, false, "", now).unwrap();
    drop(ws);
    assert!(
        Workstation::log_in(&path, "nurse", "ward round two", now).is_err(),
        "a deactivated user cannot open the file"
    );
    let mut ws = Workstation::log_in(&path, "boss", ADMIN_PASSWORD, now).unwrap();
    ws.set_user_active(nurse.id, true, "ward round three", now)
        .unwrap();
    ws.switch_user("nurse", "ward round three", now).unwrap();
    assert_eq!(
        ws.change_own_password("wrong one!!", "ward round four", now)
            .unwrap_err()
            .field_errors()[0]
            .field,
        "currentPassword"
    );
    ws.change_own_password("ward round three", "ward round four", now)
        .unwrap();
    drop(ws);
    assert!(Workstation::log_in(&path, "nurse", "ward round four", now).is_ok());
}

#[test]
fn the_demo_practice_has_one_user_per_role_with_the_demo_password() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    drop(Workstation::set_up_demo_with(&path, 50, test_now(), FAST).unwrap());
    for user in ["admin", "drreyes", "nurse", "desk"] {
        let ws = Workstation::log_in(&path, user, DEMO_PASSWORD, test_now()).unwrap();
        assert!(ws.practice().unwrap().unwrap().is_demo);
        assert_eq!(ws.db().patient_count().unwrap(), 50);
    }
}

/// A demo of no patients is a practice ready to book (or to take another practice's book
/// in): the schedule's providers, hours and rooms, and no appointments.
#[test]
fn a_demo_practice_of_no_patients_has_its_schedule_set_up_and_an_empty_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    drop(Workstation::set_up_demo_with(&path, 0, test_now(), FAST).unwrap());
    let mut ws = Workstation::log_in(&path, "admin", DEMO_PASSWORD, test_now()).unwrap();
    let setup = ws
        .run(test_now(), |u| u.schedule_setup(test_now()))
        .unwrap();
    let names: Vec<&str> = setup
        .providers
        .iter()
        .map(|p| p.display_name.as_str())
        .collect();
    assert!(names.contains(&"Dr Maria Reyes"), "{names:?}");
    assert!(!setup.rooms.is_empty());
    assert_eq!(ws.db().patient_count().unwrap(), 0);
    drop(ws);
    let mut desk = Workstation::log_in(&path, "desk", DEMO_PASSWORD, test_now()).unwrap();
    let today = desk.run(test_now(), |u| u.flow_board(test_now())).unwrap();
    assert!(today.rows.is_empty(), "no appointments: {today:?}");
}

#[test]
fn back_up_now_is_for_the_admin_verified_and_restores_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, _) = setup(&path);
    let now = test_now();
    ws.create_user(
        &user_draft("doc", &[Role::Physician]),
        "clinic hours 99",
        UserId::from_u128(5),
        now,
    )
    .unwrap();
    let report = ws.back_up_now(Some(&dir.path().join("b")), now).unwrap();
    assert!(report.verified, "{report:?}");
    // A user added after the backup disappears again on restore; the replaced file is kept.
    ws.create_user(
        &user_draft("late", &[Role::Nurse]),
        "evening shift 7",
        UserId::from_u128(6),
        now,
    )
    .unwrap();
    ws.switch_user("doc", "clinic hours 99", now).unwrap();
    assert_eq!(
        ws.back_up_now(Some(&dir.path().join("b")), now)
            .unwrap_err()
            .code(),
        "forbidden"
    );
    ws.switch_user("boss", ADMIN_PASSWORD, now).unwrap();
    let restored = ws
        .restore(&report.path, now + Duration::minutes(1))
        .unwrap();
    assert!(!restored.set_aside.is_empty());
    let users: Vec<String> = ws
        .run(now, |u| u.list_users(now))
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(users.len(), 2, "{users:?}");
    assert!(ws.run(now, |u| u.verify_audit_chain(now)).unwrap().ok());
    assert!(actions(&mut ws, now).iter().any(|(_, a, _)| a == "restore"));
}

#[test]
fn a_practice_is_set_up_in_a_data_folder_that_does_not_exist_yet() {
    // A new user's first start: ~/.local/share/charta is not there until Charta makes it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not").join("yet").join("charta.db");
    let ws = Workstation::set_up_demo_with(&path, 3, test_now(), FAST)
        .unwrap_or_else(|e| panic!("the demo practice is set up in a new folder: {e}"));
    drop(ws);
    assert!(path.is_file());
    Workstation::log_in(&path, "desk", DEMO_PASSWORD, test_now()).unwrap();
}

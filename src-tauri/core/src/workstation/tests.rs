//! Failures injected between the steps of the workstation's multi-step writes: each write is
//! all or nothing, and a committed write is reported as committed.

use super::*;
use crate::audit::{AuditQuery, AuditSort};
use crate::fault;
use crate::testing::{person, test_now, user_draft};
use crate::PatientId;

const FAST: KdfParams = KdfParams::INSECURE_FAST_FOR_TESTS;
const ADMIN_PASSWORD: &str = "correct horse battery";
const DESK_PASSWORD: &str = "counter shift 2026";

fn request() -> SetupRequest {
    SetupRequest {
        practice: PracticeDraft::new("Riverside Clinic", "", "", "America/Chicago"),
        admin: user_draft("boss", &[Role::Admin]),
        password: ADMIN_PASSWORD.into(),
    }
}

fn setup(path: &Path) -> Workstation {
    Workstation::set_up_with(path, &request(), UserId::from_u128(1), test_now(), FAST)
        .unwrap()
        .0
}

/// Fails the named step of whatever `f` does, and checks the step was reached.
fn failing_at<T>(name: &'static str, f: impl FnOnce() -> CoreResult<T>) -> CoreResult<T> {
    fault::arm(name);
    let result = f();
    assert!(
        !fault::still_armed(name),
        "the failure point {name} was never reached"
    );
    result
}

fn audited(ws: &mut Workstation, action: &str) -> Vec<Outcome> {
    let now = test_now();
    let q = AuditQuery {
        action: Some(action.into()),
        sort: AuditSort::OldestFirst,
        ..Default::default()
    };
    ws.run(now, |u| u.audit_report(&q, now))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.outcome)
        .collect()
}

fn with_desk(path: &Path) -> (Workstation, UserId) {
    let mut ws = setup(path);
    let desk = ws
        .create_user(
            &user_draft("desk", &[Role::FrontDesk]),
            DESK_PASSWORD,
            UserId::from_u128(2),
            test_now(),
        )
        .unwrap();
    (ws, desk.id)
}

#[test]
fn a_setup_that_fails_before_the_admin_exists_leaves_nothing_and_can_be_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let err = failing_at("setup:before_admin", || {
        Workstation::set_up_with(&path, &request(), UserId::from_u128(1), test_now(), FAST)
    })
    .unwrap_err();
    assert_eq!(err.code(), "io");
    assert_eq!(
        startup(&path).unwrap(),
        Startup::NeedsSetup,
        "not a practice that asks for a login nobody has"
    );
    assert!(!path.exists(), "the half-made database is gone");
    drop(setup(&path));
    Workstation::log_in(&path, "boss", ADMIN_PASSWORD, test_now()).unwrap();
}

#[test]
fn a_demo_setup_that_fails_midway_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    assert!(failing_at("setup:before_admin", || {
        Workstation::set_up_demo_with(&path, 5, test_now(), FAST)
    })
    .is_err());
    assert_eq!(startup(&path).unwrap(), Startup::NeedsSetup);
    drop(Workstation::set_up_demo_with(&path, 5, test_now(), FAST).unwrap());
    Workstation::log_in(&path, "nurse", DEMO_PASSWORD, test_now()).unwrap();
}

#[test]
fn a_new_account_whose_commit_fails_leaves_no_key_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let mut ws = setup(&path);
    let now = test_now();
    let draft = user_draft("desk", &[Role::FrontDesk]);
    assert!(failing_at("create_user:before_commit", || {
        ws.create_user(&draft, DESK_PASSWORD, UserId::from_u128(2), now)
    })
    .is_err());
    assert!(
        !ws.keystore.usernames().contains(&"desk".to_string()),
        "no key for an account that does not exist"
    );
    assert_eq!(ws.run(now, |u| u.list_users(now)).unwrap().len(), 1);
    ws.create_user(&draft, DESK_PASSWORD, UserId::from_u128(2), now)
        .unwrap();
    ws.switch_user("desk", DESK_PASSWORD, now).unwrap();
}

#[test]
fn a_password_reset_whose_audit_row_fails_keeps_the_old_password() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, desk) = with_desk(&path);
    let now = test_now();
    assert!(failing_at("reset_password:before_commit", || {
        ws.reset_password(desk, "a brand new one", now)
    })
    .is_err());
    assert!(audited(&mut ws, "reset_password").is_empty());
    drop(ws);
    assert!(Workstation::log_in(&path, "desk", "a brand new one", now).is_err());
    let mut ws = Workstation::log_in(&path, "desk", DESK_PASSWORD, now)
        .expect("an unaudited reset never took effect");
    ws.switch_user("boss", ADMIN_PASSWORD, now).unwrap();
    ws.reset_password(desk, "a brand new one", now).unwrap();
    assert_eq!(audited(&mut ws, "reset_password"), [Outcome::Ok]);
}

#[test]
fn a_password_change_whose_audit_row_fails_keeps_the_old_password() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, _) = with_desk(&path);
    let now = test_now();
    ws.switch_user("desk", DESK_PASSWORD, now).unwrap();
    assert!(failing_at("change_password:before_commit", || {
        ws.change_own_password(DESK_PASSWORD, "a brand new one", now)
    })
    .is_err());
    drop(ws);
    assert!(Workstation::log_in(&path, "desk", "a brand new one", now).is_err());
    Workstation::log_in(&path, "desk", DESK_PASSWORD, now).unwrap();
}

#[test]
fn a_rename_whose_commit_fails_puts_the_keystore_name_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, desk) = with_desk(&path);
    let now = test_now();
    let draft = user_draft("frontdesk", &[Role::FrontDesk]);
    assert!(failing_at("update_user:before_commit", || {
        ws.update_user(desk, 1, &draft, now)
    })
    .is_err());
    assert!(ws.keystore.usernames().contains(&"desk".to_string()));
    ws.switch_user("desk", DESK_PASSWORD, now).unwrap();
}

#[test]
fn a_deactivation_whose_commit_fails_keeps_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, desk) = with_desk(&path);
    let now = test_now();
    assert!(failing_at("set_user_active:before_commit", || {
        ws.set_user_active(desk, false, "", now)
    })
    .is_err());
    ws.switch_user("desk", DESK_PASSWORD, now)
        .expect("still active, still has its key");
}

#[test]
fn a_registration_is_reported_saved_even_when_the_timeout_refresh_after_it_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let (mut ws, _) = with_desk(&path);
    let now = test_now();
    ws.switch_user("desk", DESK_PASSWORD, now).unwrap();
    let draft = person("Smith", "Jane", "1980-04-02", "");
    let saved = failing_at("run:refresh_timeout", || {
        ws.run(now, |u| {
            u.register_patient(&draft, true, PatientId::from_u128(7), now)
        })
    });
    assert!(
        saved.is_ok(),
        "a committed registration is reported as committed: {saved:?}"
    );
    assert_eq!(ws.db().patient_count().unwrap(), 1);
}

#[test]
fn the_demo_practice_has_four_physicians_and_a_nurse_with_a_day_of_appointments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    // A Tuesday, 10:30 in Chicago.
    let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 24, 16, 30, 0).unwrap();
    drop(Workstation::set_up_demo_with(&path, 40, now, FAST).unwrap());
    let names: Vec<&str> = DEMO_USERS.iter().map(|u| u.0).collect();
    assert_eq!(names[..4], ["admin", "drreyes", "nurse", "desk"]);
    for user in ["drchen", "drpatel", "drokafor"] {
        let ws = Workstation::log_in(&path, user, DEMO_PASSWORD, now).unwrap();
        assert!(ws.practice().unwrap().unwrap().is_demo);
    }
    let ws = Workstation::log_in(&path, "desk", DEMO_PASSWORD, now).unwrap();
    let count = |sql: &str| {
        ws.db()
            .read(|c| Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))?))
            .unwrap()
    };
    assert_eq!(
        count("SELECT count(*) FROM user_roles WHERE role = 'physician'"),
        4
    );
    assert_eq!(count("SELECT count(*) FROM schedule_providers"), 5);
    // Today's appointments are spread over all five providers.
    assert_eq!(
        count(
            "SELECT count(DISTINCT provider_id) FROM appointments
             WHERE starts_at >= '2026-11-24T06:00:00Z' AND starts_at < '2026-11-25T06:00:00Z'"
        ),
        5
    );
}

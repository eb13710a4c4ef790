use super::*;
use crate::error::CoreError;
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::path::PathBuf;

const FAST: KdfParams = KdfParams::INSECURE_FAST_FOR_TESTS;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn new_store(dir: &tempfile::TempDir) -> (PathBuf, DbKey, Keystore, RecoveryKey) {
    let path = dir.path().join("chart.db.keys");
    let key = DbKey::generate().unwrap();
    let (store, recovery) = Keystore::create_with_params(
        &path,
        &key,
        "u-admin",
        "Admin",
        "correct horse battery",
        now(),
        FAST,
    )
    .unwrap();
    (path, key, store, recovery)
}

#[test]
fn the_right_password_unwraps_the_same_key_after_a_reload() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key, _, _) = new_store(&dir);
    let mut store = Keystore::load(&path).unwrap();
    let unlocked = store
        .unlock("admin", "correct horse battery", now())
        .unwrap();
    assert_eq!(unlocked.user_id, "u-admin");
    assert!(
        unlocked.key == key,
        "unwrapped key differs from the one wrapped"
    );
    assert_eq!(store.usernames(), vec!["admin".to_string()]);
}

#[test]
fn debug_output_never_shows_key_material() {
    let dir = tempfile::tempdir().unwrap();
    let (_, key, store, recovery) = new_store(&dir);
    assert_eq!(format!("{key:?}"), "DbKey(<secret>)");
    assert_eq!(format!("{recovery:?}"), "RecoveryKey(<secret>)");
    assert!(!format!("{store:?}").contains("ciphertext"));
}

#[test]
fn the_keystore_file_holds_neither_password_nor_key() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key, _, recovery) = new_store(&dir);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("correct horse battery"));
    assert!(!text.contains(recovery.display()));
    let hex: String = key.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    assert!(!text.contains(&hex));
    assert!(text.contains("\"m_kib\": 64"), "KDF cost is stored: {text}");
}

#[test]
fn five_wrong_passwords_lock_the_user_out_for_fifteen_minutes_even_across_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, mut store, _) = new_store(&dir);
    for left in (1..=4).rev() {
        match store.unlock("admin", "wrong", now()) {
            Err(UnlockError::WrongPassword { attempts_left }) => assert_eq!(attempts_left, left),
            other => panic!("expected a wrong password, got {other:?}"),
        }
    }
    let mut store = Keystore::load(&path).unwrap();
    let until = match store.unlock("admin", "wrong", now()) {
        Err(UnlockError::LockedOut { until }) => until,
        other => panic!("the fifth failure should lock out, got {other:?}"),
    };
    assert_eq!(until, now() + Duration::minutes(15));
    let mut store = Keystore::load(&path).unwrap();
    assert!(
        matches!(
            store.unlock(
                "admin",
                "correct horse battery",
                now() + Duration::minutes(14)
            ),
            Err(UnlockError::LockedOut { .. })
        ),
        "even the right password is refused while locked out"
    );
    store
        .unlock(
            "admin",
            "correct horse battery",
            now() + Duration::minutes(15),
        )
        .unwrap();
}

#[test]
fn a_success_resets_the_failure_count() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut store, _) = new_store(&dir);
    for _ in 0..4 {
        assert!(store.unlock("admin", "wrong", now()).is_err());
    }
    store
        .unlock("admin", "correct horse battery", now())
        .unwrap();
    match store.unlock("admin", "wrong", now()) {
        Err(UnlockError::WrongPassword { attempts_left }) => assert_eq!(attempts_left, 4),
        other => panic!("expected a fresh count, got {other:?}"),
    }
}

#[test]
fn an_unknown_user_is_told_apart_only_in_the_result_not_in_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut store, _) = new_store(&dir);
    let unknown = store.unlock("nobody", "x", now()).unwrap_err();
    let wrong = store.unlock("admin", "x", now()).unwrap_err();
    assert!(matches!(unknown, UnlockError::UnknownUser));
    assert_eq!(unknown.to_string(), wrong.to_string());
}

#[test]
fn an_unknown_user_costs_the_same_key_derivation_as_a_wrong_password() {
    // The work, not the clock: an unknown username runs one derivation at the cost a real
    // user's wrap was made with, so its answer cannot come back sooner. (The time itself is
    // a figure of `charta-bench`: `unlock_keystore`, `unlock_keystore_unknown_user`.)
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k");
    let key = DbKey::generate().unwrap();
    let slow = KdfParams {
        m_kib: 8 * 1024,
        t: 2,
        p: 1,
    };
    let (mut store, _) =
        Keystore::create_with_params(&path, &key, "u1", "admin", "pw-pw-pw-pw", now(), slow)
            .unwrap();
    let derivations = |store: &mut Keystore, user: &str| {
        super::key::DERIVATIONS.with(|d| d.borrow_mut().clear());
        let _ = store.unlock(user, "guess", now());
        super::key::DERIVATIONS.with(|d| d.borrow().clone())
    };
    let unknown = derivations(&mut store, "nobody");
    let known = derivations(&mut store, "admin");
    assert_eq!(
        known,
        [slow],
        "a wrong password derives once at the wrap's cost"
    );
    assert_eq!(
        unknown, known,
        "an unknown user does the same work as a wrong password"
    );
}

#[test]
fn the_recovery_key_unwraps_the_key_however_it_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let (_, key, store, recovery) = new_store(&dir);
    let shown = recovery.display().to_string();
    assert_eq!(shown.len(), 39, "8 groups of 4 with dashes: {shown}");
    assert!(shown.split('-').all(|g| g.len() == 4));
    let sloppy = shown.replace('-', "").to_lowercase();
    assert!(store.unlock_with_recovery(&shown).unwrap() == key);
    assert!(store.unlock_with_recovery(&sloppy).unwrap() == key);
    let spaced = shown.replace('-', " ");
    assert!(store.unlock_with_recovery(&spaced).unwrap() == key);
}

#[test]
fn a_wrong_recovery_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, store, recovery) = new_store(&dir);
    let mut wrong = recovery.display().to_string();
    let flipped = if wrong.starts_with('A') { "B" } else { "A" };
    wrong.replace_range(0..1, flipped);
    assert!(matches!(
        store.unlock_with_recovery(&wrong),
        Err(CoreError::WrongKey)
    ));
    assert!(matches!(
        store.unlock_with_recovery("not a key"),
        Err(CoreError::WrongKey)
    ));
}

#[test]
fn a_new_recovery_key_replaces_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let (_, key, mut store, old) = new_store(&dir);
    let new = store.new_recovery_key(&key).unwrap();
    assert!(store.unlock_with_recovery(new.display()).unwrap() == key);
    assert!(store.unlock_with_recovery(old.display()).is_err());
}

#[test]
fn a_changed_password_rewraps_and_the_old_password_stops_working() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key, mut store, _) = new_store(&dir);
    store
        .set_password("u-admin", "admin", "a new long password", &key)
        .unwrap();
    let mut store = Keystore::load(&path).unwrap();
    assert!(store
        .unlock("admin", "correct horse battery", now())
        .is_err());
    assert!(
        store
            .unlock("admin", "a new long password", now())
            .unwrap()
            .key
            == key
    );
}

#[test]
fn a_second_user_gets_their_own_wrap_and_can_be_removed() {
    let dir = tempfile::tempdir().unwrap();
    let (_, key, mut store, _) = new_store(&dir);
    store
        .set_password("u-desk", "frontdesk", "desk password 1", &key)
        .unwrap();
    assert_eq!(store.usernames(), vec!["admin", "frontdesk"]);
    assert!(
        store
            .unlock("frontdesk", "desk password 1", now())
            .unwrap()
            .key
            == key
    );
    assert!(store.remove_user("u-desk").unwrap());
    assert!(!store.remove_user("u-desk").unwrap());
    assert!(matches!(
        store.unlock("frontdesk", "desk password 1", now()),
        Err(UnlockError::UnknownUser)
    ));
    store
        .unlock("admin", "correct horse battery", now())
        .unwrap();
}

#[test]
fn a_password_is_never_wrapped_around_a_key_the_keystore_does_not_hold() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut store, _) = new_store(&dir);
    let other = DbKey::generate().unwrap();
    assert!(matches!(
        store.set_password("u-x", "x", "whatever pw", &other),
        Err(CoreError::WrongKey)
    ));
}

#[test]
fn a_username_taken_by_another_user_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, key, mut store, _) = new_store(&dir);
    let err = store
        .set_password("u-other", "ADMIN", "whatever pw", &key)
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

#[test]
fn an_existing_keystore_is_never_overwritten_by_create() {
    let dir = tempfile::tempdir().unwrap();
    let (path, key, _, _) = new_store(&dir);
    let err = Keystore::create_with_params(&path, &key, "u2", "b", "pwpwpwpwpw", now(), FAST)
        .unwrap_err();
    assert_eq!(err.code(), "io");
}

#[test]
fn pending_events_survive_a_reload_and_are_taken_once() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, mut store, _) = new_store(&dir);
    let event = PendingEvent {
        at: now(),
        username: "admin".into(),
        action: "login".into(),
        outcome: "failed".into(),
    };
    store.record_pending(event.clone()).unwrap();
    let mut store = Keystore::load(&path).unwrap();
    assert_eq!(store.pending(), std::slice::from_ref(&event));
    assert_eq!(store.take_pending().unwrap(), vec![event]);
    let mut store = Keystore::load(&path).unwrap();
    assert!(store.take_pending().unwrap().is_empty());
}

#[test]
fn a_damaged_keystore_is_reported_not_guessed_at() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _, _) = new_store(&dir);
    std::fs::write(&path, b"{ not json").unwrap();
    assert_eq!(Keystore::load(&path).unwrap_err().code(), "corrupt_data");
}

#[test]
fn the_keystore_lives_beside_the_database() {
    assert_eq!(
        keystore_path_for(std::path::Path::new("/data/charta.db")),
        PathBuf::from("/data/charta.db.keys")
    );
}

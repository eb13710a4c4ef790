use super::*;
use crate::audit::tests::{db_with_events, tamper};
use crate::audit::{AuditEvent, Outcome};
use crate::testing::test_now;
use crate::vault::{DbKey, KdfParams, Keystore};

#[test]
fn a_log_cut_below_its_anchor_links_but_is_reported_broken_at_the_first_missing_row() {
    let mut db = db_with_events(6);
    let anchor = db.audit_head(test_now()).unwrap().unwrap();
    tamper(&mut db, "DELETE FROM audit_log WHERE seq >= 5");
    assert!(
        db.read(verify_chain).unwrap().ok(),
        "without the anchor the cut cannot be seen"
    );
    let check = db
        .read(|c| verify_chain_against(c, Some(&anchor), "the keystore"))
        .unwrap();
    assert_eq!(check.first_broken_seq, Some(5), "{check:?}");
    assert_eq!(
        check.message,
        "The audit log ends at row 4 but the keystore recorded row 6 at 2026-11-26 15:00:00 UTC; \
         newer rows were removed"
    );
}

#[test]
fn a_log_rewritten_from_a_row_up_to_the_anchor_is_reported_as_diverging() {
    let mut db = db_with_events(4);
    let anchor = db.audit_head(test_now()).unwrap().unwrap();
    // Delete the tail and append other rows in its place: the chain links again.
    tamper(&mut db, "DELETE FROM audit_log WHERE seq >= 3");
    for i in 0..2 {
        let e = AuditEvent::new(test_now(), None, "mallory", "login", Outcome::Ok)
            .detail(format!("replacement {i}"));
        db.audit(&e).unwrap();
    }
    assert!(db.read(verify_chain).unwrap().ok());
    let check = db
        .read(|c| verify_chain_against(c, Some(&anchor), "the keystore"))
        .unwrap();
    assert_eq!(check.first_broken_seq, Some(4), "{check:?}");
    assert!(check
        .message
        .contains("differs from the one the keystore recorded"));
}

#[test]
fn a_log_that_grew_past_its_anchor_verifies() {
    let mut db = db_with_events(3);
    let anchor = db.audit_head(test_now()).unwrap().unwrap();
    db.audit(&AuditEvent::new(
        test_now(),
        None,
        "bob",
        "login",
        Outcome::Ok,
    ))
    .unwrap();
    let check = db
        .read(|c| verify_chain_against(c, Some(&anchor), "the keystore"))
        .unwrap();
    assert!(check.ok(), "{check:?}");
    assert_eq!(check.rows, 4);
}

#[test]
fn a_keystore_without_an_anchor_still_loads_and_an_anchor_survives_a_reload() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db.keys");
    let key = DbKey::generate().unwrap();
    let (mut keys, _) = Keystore::create_with_params(
        &path,
        &key,
        "1",
        "admin",
        "a long password",
        test_now(),
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        !written.contains("audit_anchor"),
        "a keystore with no anchor is written as before anchors existed"
    );
    assert_eq!(Keystore::load(&path).unwrap().audit_anchor(), None);

    let anchor = db_with_events(2).audit_head(test_now()).unwrap().unwrap();
    keys.set_audit_anchor(anchor.clone()).unwrap();
    assert_eq!(Keystore::load(&path).unwrap().audit_anchor(), Some(&anchor));
}

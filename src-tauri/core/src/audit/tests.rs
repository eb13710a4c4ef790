use super::*;
use crate::db::ChartDb;
use crate::testing::test_now;
use chrono::Duration;

/// A memory database whose log holds `n` logins a second apart.
pub(crate) fn db_with_events(n: i64) -> ChartDb {
    let mut db = ChartDb::open_in_memory().unwrap();
    for i in 0..n {
        let e = AuditEvent::new(
            test_now() + Duration::seconds(i),
            None,
            "alice",
            "login",
            Outcome::Ok,
        )
        .detail(format!("event {i}"));
        db.audit(&e).unwrap();
    }
    db
}

/// Runs raw SQL the way an attacker with the file (and the key) could: triggers dropped.
pub(crate) fn tamper(db: &mut ChartDb, sql: &str) {
    db.write(|tx| {
        tx.execute_batch(&format!(
            "DROP TRIGGER audit_log_is_append_only_u; DROP TRIGGER audit_log_is_append_only_d; {sql}"
        ))?;
        Ok(())
    })
    .unwrap();
}

#[test]
fn an_untouched_log_verifies_and_counts_its_rows() {
    let db = db_with_events(5);
    let check = db.read(verify_chain).unwrap();
    assert!(check.ok(), "{check:?}");
    assert_eq!(check.rows, 5);
}

#[test]
fn the_database_refuses_to_change_or_delete_audit_rows() {
    let mut db = db_with_events(2);
    let update = db.write(|tx| Ok(tx.execute("UPDATE audit_log SET username = 'mallory'", [])?));
    assert!(update
        .unwrap_err()
        .to_string()
        .contains("cannot be changed"));
    let delete = db.write(|tx| Ok(tx.execute("DELETE FROM audit_log", [])?));
    assert!(delete
        .unwrap_err()
        .to_string()
        .contains("cannot be deleted"));
}

#[test]
fn a_changed_row_is_named_as_the_first_broken_one() {
    let mut db = db_with_events(5);
    tamper(
        &mut db,
        "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 3",
    );
    let check = db.read(verify_chain).unwrap();
    assert_eq!(check.first_broken_seq, Some(3), "{check:?}");
    assert!(check.message.contains("row 3"));
}

#[test]
fn a_removed_row_breaks_the_chain_at_the_gap() {
    let mut db = db_with_events(5);
    tamper(&mut db, "DELETE FROM audit_log WHERE seq = 2");
    assert_eq!(db.read(verify_chain).unwrap().first_broken_seq, Some(3));
}

#[test]
fn a_rehashed_row_still_breaks_the_link_to_the_next() {
    let mut db = db_with_events(4);
    // Rewrite row 2 with a self-consistent hash: row 3 no longer links to it.
    let (prev, at): (String, String) = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT prev_hash, at FROM audit_log WHERE seq = 2",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    let forged = AuditEvent::new(
        crate::store::instant_from_sql(&at).unwrap(),
        None,
        "alice",
        "login",
        Outcome::Ok,
    )
    .detail("forged");
    let hash = row_hash(&prev, 2, &forged, &at);
    tamper(
        &mut db,
        &format!("UPDATE audit_log SET detail = 'forged', hash = '{hash}' WHERE seq = 2"),
    );
    assert_eq!(db.read(verify_chain).unwrap().first_broken_seq, Some(3));
}

#[test]
fn csv_quotes_what_needs_quoting_and_defuses_formulas() {
    let entry = AuditEntry {
        seq: 7,
        at: test_now(),
        user_id: None,
        username: "bob".into(),
        action: "search_patients".into(),
        entity: String::new(),
        entity_id: String::new(),
        patient_id: None,
        patient_label: Some("SMITH, John (Chart #1001)".into()),
        action_label: "searched patients".into(),
        outcome: Outcome::Denied,
        emergency: false,
        detail: "=HYPERLINK(\"x\")".into(),
    };
    let csv = to_csv(&[entry]);
    let line = csv.lines().nth(1).unwrap();
    assert!(
        line.starts_with("7,2026-11-26T15:00:00Z,bob,,search_patients"),
        "{line}"
    );
    assert!(line.contains("\"SMITH, John (Chart #1001)\""), "{line}");
    assert!(line.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{line}");
    assert!(line.contains(",denied,no,"), "{line}");
}

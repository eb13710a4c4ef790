//! Every old schema upgrades to exactly the schema a new database gets, keeping its data.
//!
//! `schemas/vN.sql` is the schema a database at version N has (checked below for the current
//! version, so adding a migration forces committing the new snapshot: run with
//! `CHARTA_WRITE_SCHEMA_SNAPSHOT=1` once). `schemas/vN-data.sql` holds rows in that version's
//! shape.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::db::SCHEMA_VERSION;
use charta_core::patient::{MatchKind, SearchRequest};
use charta_core::permissions::Role;
use charta_core::testing::user_draft;
use charta_core::{Actor, ChartDb, PatientId, UserId};
use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

fn schemas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas")
}

/// The schema as text, in a stable order, without SQLite's own objects.
fn schema_of(conn: &Connection) -> String {
    let mut stmt = conn
        .prepare(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
             ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name",
        )
        .unwrap();
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.iter().map(|s| format!("{s};\n")).collect()
}

fn current_schema() -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    drop(ChartDb::open_unencrypted(&path).unwrap());
    schema_of(&Connection::open(&path).unwrap())
}

#[test]
fn the_snapshot_of_the_current_schema_is_committed() {
    let path = schemas_dir().join(format!("v{SCHEMA_VERSION}.sql"));
    let fresh = current_schema();
    if std::env::var_os("CHARTA_WRITE_SCHEMA_SNAPSHOT").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is missing or stale: a migration changed the schema. Commit its snapshot with \
         CHARTA_WRITE_SCHEMA_SNAPSHOT=1 cargo test -p charta-core --test migrations",
        path.display()
    );
}

#[test]
fn every_old_schema_upgrades_to_the_current_one_and_keeps_its_data() {
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 15, 0, 0).unwrap();
    for version in 1..SCHEMA_VERSION {
        let schema = std::fs::read_to_string(schemas_dir().join(format!("v{version}.sql")))
            .unwrap_or_else(|_| panic!("no committed snapshot of schema v{version}"));
        let data = std::fs::read_to_string(schemas_dir().join(format!("v{version}-data.sql")))
            .unwrap_or_else(|_| panic!("no sample rows for schema v{version}"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("v{version}.db"));
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&schema).unwrap();
            conn.execute_batch(&data).unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
        }

        let db = ChartDb::open_unencrypted(&path)
            .unwrap_or_else(|e| panic!("upgrade from v{version} failed: {e}"));
        assert!(db.integrity_ok().unwrap());
        drop(db);
        let upgraded = Connection::open(&path).unwrap();
        assert_eq!(
            schema_of(&upgraded),
            current_schema(),
            "v{version} upgraded differs from a new database"
        );
        let v: i64 = upgraded
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        drop(upgraded);

        // The old rows are all there, and the keys later migrations added work on them.
        let mut db = ChartDb::open_unencrypted(&path).unwrap();
        assert_eq!(db.patient_count().unwrap(), 3, "v{version}: rows lost");
        // Old databases have no users; the first admin and a physician read the old rows.
        let doc = first_physician(&mut db, now);
        let mut db = db.as_user(&doc);
        let smyth = db
            .search_patients(&SearchRequest::new("Smyth"), now)
            .unwrap();
        assert!(
            smyth
                .hits
                .iter()
                .any(|h| h.patient.family_name == "Smith" && h.matched_by == MatchKind::SoundsLike),
            "v{version}: sound-alike keys were not filled for old rows: {smyth:?}"
        );
        let by_phone = db
            .search_patients(&SearchRequest::new("201-3344"), now)
            .unwrap();
        assert_eq!(
            by_phone.hits.len(),
            1,
            "v{version}: phone-suffix keys were not filled"
        );
        let id = PatientId::parse("00000000-0000-0000-0000-000000000001").unwrap();
        assert_eq!(db.patient(id, now).unwrap().given_name, "John");
    }
}

/// An upgraded database has no users yet: its first admin adds a physician, who reads.
fn first_physician(db: &mut ChartDb, now: DateTime<Utc>) -> Actor {
    let admin = db
        .create_first_admin(
            &user_draft("admin", &[Role::Admin]),
            UserId::from_u128(1),
            now,
        )
        .unwrap();
    let doc = db
        .as_user(&admin)
        .create_user(
            &user_draft("doc", &[Role::Physician]),
            UserId::from_u128(2),
            now,
        )
        .unwrap();
    db.actor(doc.id).unwrap()
}

#[test]
fn names_keyed_by_the_latin_only_folding_are_found_after_the_upgrade() {
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 15, 0, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&std::fs::read_to_string(schemas_dir().join("v3.sql")).unwrap())
            .unwrap();
        conn.execute_batch(&std::fs::read_to_string(schemas_dir().join("v3-data.sql")).unwrap())
            .unwrap();
        // As schema v3 stored them: names outside Latin letters folded to empty keys.
        conn.execute_batch(
            "INSERT INTO patients (id, mrn, family_name, given_name, date_of_birth, sex_at_birth,
                 status, version, created_at, updated_at, family_fold, given_fold)
             VALUES ('00000000-0000-0000-0000-000000000004', 1004, 'Иванов', 'Пётр', '1980-03-14',
                 'male', 'active', 1, '2026-01-02T03:04:05.000000Z', '2026-01-02T03:04:05.000000Z',
                 '', ''),
                    ('00000000-0000-0000-0000-000000000005', 1005, '王', '芳', '1980-03-14',
                 'female', 'active', 1, '2026-01-02T03:04:05.000000Z', '2026-01-02T03:04:05.000000Z',
                 '', '');",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let mut db = ChartDb::open_unencrypted(&path).unwrap();
    let doc = first_physician(&mut db, now);
    let mut db = db.as_user(&doc);
    for (query, family) in [("иван", "Иванов"), ("王", "王"), ("smi", "Smith")] {
        let page = db.search_patients(&SearchRequest::new(query), now).unwrap();
        let found: Vec<&str> = page
            .hits
            .iter()
            .map(|h| h.patient.family_name.as_str())
            .collect();
        assert_eq!(found, [family], "{query:?} after the upgrade");
    }
}

#[test]
fn a_v11_reply_in_a_done_thread_takes_its_threads_status_on_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&std::fs::read_to_string(schemas_dir().join("v11.sql")).unwrap())
            .unwrap();
        conn.execute_batch(&std::fs::read_to_string(schemas_dir().join("v11-data.sql")).unwrap())
            .unwrap();
        // As v11 stored them: the status on the thread's first message only.
        conn.execute_batch(
            "INSERT INTO users (id, username, display_name, active, version, created_at, updated_at)
             VALUES ('00000000-0000-0000-0000-0000000000a1', 'deskone', 'Desk One', 1, 1,
                     '2026-01-02T03:04:05.000000Z', '2026-01-02T03:04:05.000000Z');
             INSERT INTO messages (id, thread_id, kind, from_user, to_role, subject, body, clinical,
                     priority, created_at, status, status_by, status_at)
             VALUES ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000b1',
                     'message', '00000000-0000-0000-0000-0000000000a1', 'physician', 'Meeting', '',
                     0, 'routine', '2026-01-02T03:04:05.000000Z', 'done',
                     '00000000-0000-0000-0000-0000000000a1', '2026-01-03T03:04:05.000000Z'),
                    ('00000000-0000-0000-0000-0000000000b2', '00000000-0000-0000-0000-0000000000b1',
                     'message', '00000000-0000-0000-0000-0000000000a1', 'physician', 'Re: Meeting', 'x',
                     0, 'routine', '2026-01-02T04:04:05.000000Z', 'open', NULL, NULL);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 11).unwrap();
    }
    drop(ChartDb::open_unencrypted(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let statuses: Vec<String> = conn
        .prepare("SELECT status FROM messages ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(statuses, ["done", "done"]);
}

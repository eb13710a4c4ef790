//! Encryption at rest: the database file holds no readable patient data and opens only with
//! its key. `cargo test --release -p charta-core --test encryption -- --ignored --nocapture`
//! prints what one unlock costs at the recommended KDF settings.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::patient::{PatientDraft, RegisterOutcome};
use charta_core::synth::PracticeGenerator;
use charta_core::testing::staffed_practice;
use charta_core::vault::{DbKey, KdfParams, Keystore};
use charta_core::{ChartDb, PatientId, UserId};
use chrono::{DateTime, TimeZone, Utc};
use std::path::Path;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

const NAME: &str = "Quixotrembla";

fn register_distinctive_patient(db: &mut ChartDb) -> PatientId {
    let staff = staffed_practice(db, now()).unwrap();
    let mut draft: PatientDraft = PracticeGenerator::new(7).patient_draft();
    draft.family_name = NAME.into();
    let id = PatientId::from_u128(42);
    let outcome = db
        .as_user(&staff.front_desk)
        .register_patient(&draft, true, id, now())
        .unwrap();
    assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    id
}

fn family_name(db: &mut ChartDb, id: PatientId) -> String {
    let desk = db.actor(UserId::from_u128(4)).unwrap();
    db.as_user(&desk).patient(id, now()).unwrap().family_name
}

/// Every byte of the database and its WAL and shared-memory files.
fn file_bytes(db: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        if let Ok(bytes) = std::fs::read(&name) {
            all.extend(bytes);
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn the_encrypted_database_file_holds_no_patient_name_in_plain_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.db");
    let key = DbKey::generate().unwrap();
    let mut db = ChartDb::open_encrypted(&path, &key).unwrap();
    let id = register_distinctive_patient(&mut db);
    // While open, the newest pages are in the WAL; check them there too.
    let open_bytes = file_bytes(&path);
    assert!(!open_bytes.is_empty());
    assert!(
        !contains(&open_bytes, NAME),
        "patient name readable in the open files"
    );
    drop(db);
    let closed_bytes = file_bytes(&path);
    assert!(
        !contains(&closed_bytes, NAME),
        "patient name readable in the closed file"
    );
    assert!(
        !contains(&closed_bytes, "SQLite format 3"),
        "the header is plaintext"
    );

    let mut db = ChartDb::open_encrypted(&path, &key).unwrap();
    assert_eq!(family_name(&mut db, id), NAME);
}

#[test]
fn the_plain_bytes_check_would_catch_an_unencrypted_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    let mut db = ChartDb::open_unencrypted(&path).unwrap();
    register_distinctive_patient(&mut db);
    drop(db);
    assert!(contains(&file_bytes(&path), NAME));
}

#[test]
fn the_database_does_not_open_with_a_wrong_key_or_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.db");
    let key = DbKey::generate().unwrap();
    let mut db = ChartDb::open_encrypted(&path, &key).unwrap();
    register_distinctive_patient(&mut db);
    drop(db);

    let wrong = DbKey::generate().unwrap();
    let err = ChartDb::open_encrypted(&path, &wrong).unwrap_err();
    assert_eq!(err.code(), "wrong_key", "{err}");
    let err = ChartDb::open_unencrypted(&path).unwrap_err();
    assert!(
        err.to_string().contains("not a database"),
        "opening without a key should fail, got {err}"
    );
    // A failed attempt must not have damaged anything.
    let db = ChartDb::open_encrypted(&path, &key).unwrap();
    assert!(db.integrity_ok().unwrap());
}

#[test]
fn a_plaintext_database_is_refused_by_the_encrypted_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    drop(ChartDb::open_unencrypted(&path).unwrap());
    let err = ChartDb::open_encrypted(&path, &DbKey::generate().unwrap()).unwrap_err();
    assert_eq!(err.code(), "wrong_key");
}

#[test]
fn a_password_from_the_keystore_opens_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.db");
    let keys = charta_core::vault::keystore_path_for(&path);
    let key = DbKey::generate().unwrap();
    let (mut store, _) = Keystore::create_with_params(
        &keys,
        &key,
        "u1",
        "admin",
        "long enough password",
        now(),
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    let mut db = ChartDb::open_encrypted(&path, &key).unwrap();
    let id = register_distinctive_patient(&mut db);
    drop((db, key));
    let unlocked = store
        .unlock("admin", "long enough password", now())
        .unwrap();
    let mut db = ChartDb::open_encrypted(&path, &unlocked.key).unwrap();
    assert_eq!(family_name(&mut db, id), NAME);
}

#[test]
#[ignore = "a measurement, not a check: run in release with --nocapture"]
fn measure_one_unlock_at_the_recommended_cost() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("k");
    let key = DbKey::generate().unwrap();
    let (mut store, _) =
        Keystore::create(&keys, &key, "u1", "admin", "long enough password", now()).unwrap();
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = std::time::Instant::now();
        store
            .unlock("admin", "long enough password", now())
            .unwrap();
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    eprintln!(
        "unlock at {:?}: min {:.3}s median {:.3}s max {:.3}s",
        KdfParams::RECOMMENDED,
        times[0],
        times[2],
        times[4]
    );
}

/// A scanned document's bytes: a PDF whose text (repeated, so it spans many pages of the
/// database) would be found by any scan of a plain file.
fn scanned_pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    for _ in 0..4000 {
        bytes.extend_from_slice(b"(Zorblatt discharge summary: community-acquired pneumonia) Tj\n");
    }
    bytes.extend_from_slice(b"%%EOF\n");
    bytes
}

fn file_scanned_document(db: &mut ChartDb) -> (charta_core::ids::DocumentId, Vec<u8>) {
    use charta_core::documents::{DocumentCategory, DocumentDraft};
    let staff = staffed_practice(db, now()).unwrap();
    let mut draft: PatientDraft = PracticeGenerator::new(9).patient_draft();
    draft.family_name = "Plainly".into();
    let patient = PatientId::from_u128(43);
    db.as_user(&staff.front_desk)
        .register_patient(&draft, true, patient, now())
        .unwrap();
    let bytes = scanned_pdf();
    let id = charta_core::ids::DocumentId::from_u128(1);
    db.as_user(&staff.front_desk)
        .file_document(
            &DocumentDraft {
                patient_id: patient,
                category: DocumentCategory::OutsideRecord,
                title: "Zorblatt Hospital records".into(),
                document_date: now().date_naive(),
                file_name: "zorblatt.pdf".into(),
                declared_type: "application/pdf".into(),
                note: String::new(),
                task: None,
            },
            &bytes,
            id,
            charta_core::ids::MessageId::from_u128(1),
            now(),
        )
        .unwrap();
    (id, bytes)
}

#[test]
fn a_scanned_document_is_never_readable_in_the_database_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.db");
    let key = DbKey::generate().unwrap();
    let mut db = ChartDb::open_encrypted(&path, &key).unwrap();
    let (id, bytes) = file_scanned_document(&mut db);
    for (when, files) in [
        ("open", file_bytes(&path)),
        ("closed", {
            drop(db);
            file_bytes(&path)
        }),
    ] {
        assert!(
            files.len() > bytes.len(),
            "the document is in the files ({when})"
        );
        for plain in ["Zorblatt", "%PDF-", "pneumonia"] {
            assert!(
                !contains(&files, plain),
                "{plain:?} readable in the {when} files"
            );
        }
    }
    // No other file beside the database holds it either (no temporary copy on disk).
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        assert!(
            !contains(&bytes, "Zorblatt"),
            "{:?} holds the document",
            entry.path()
        );
    }
    let mut db = ChartDb::open_encrypted(&path, &key).unwrap();
    let doc = db.actor(UserId::from_u128(2)).unwrap();
    assert_eq!(db.as_user(&doc).open_document(id, now()).unwrap(), bytes);
}

#[test]
fn the_document_scan_would_catch_an_unencrypted_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    let mut db = ChartDb::open_unencrypted(&path).unwrap();
    file_scanned_document(&mut db);
    drop(db);
    assert!(contains(&file_bytes(&path), "Zorblatt discharge summary"));
}

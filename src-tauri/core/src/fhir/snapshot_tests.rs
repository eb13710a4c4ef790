//! A byte-level snapshot of the export, for checking that a change to the mappers leaves
//! the output alone: every chart of a generated practice as a Bundle, and the practice's
//! NDJSON files, written under `$CHARTA_FHIR_SNAPSHOT` (run it before and after, then `diff -r`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use crate::testing::{fully_generated_practice, staffed_practice, test_now};
use crate::ChartDb;
use std::io::Write;

#[test]
#[ignore = "writes files; run with CHARTA_FHIR_SNAPSHOT=DIR -- --ignored"]
fn snapshot_of_a_generated_practice() {
    let Ok(dir) = std::env::var("CHARTA_FHIR_SNAPSHOT") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let (ids, heavy) = fully_generated_practice(&mut db, &staff, 150, 12, test_now()).unwrap();
    let mut bundles = std::fs::File::create(dir.join("bundles.jsonl")).unwrap();
    for patient in ids.iter().chain(&heavy) {
        let text = db
            .as_user(&staff.admin)
            .export_patient_fhir(*patient, test_now())
            .unwrap();
        bundles.write_all(text.as_bytes()).unwrap();
        bundles.write_all(b"\n").unwrap();
    }
    db.as_user(&staff.admin)
        .export_practice_fhir(&dir.join("ndjson"), test_now(), &mut |_, _| {})
        .unwrap();
}

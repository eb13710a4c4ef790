//! FHIR R4 import: Synthea bundles after a dry run (which changes nothing), the records they
//! become in the chart, a second run that finds them imported, the duplicate rules, malformed
//! files and resources (named by resource and path, nothing of that patient imported), who
//! may import, and the round trip export → import into an empty practice → export.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::fhir::import::{ChartOutcome, ImportReport};
use charta_core::testing::{staffed_practice, test_now, Staff};
use charta_core::ChartDb;
use std::io::Read;
use std::path::{Path, PathBuf};
use uuid::Uuid;

const NAMESPACE: Uuid = Uuid::from_u128(0x5eed);

fn synthea(n: u32, dir: &Path) -> PathBuf {
    let gz = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../tests/fhir/synthea/patient-{n}.json.gz"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(gz).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    let path = dir.join(format!("synthea-{n}.json"));
    std::fs::write(&path, text).unwrap();
    path
}

fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    (db, staff)
}

fn import(db: &mut ChartDb, staff: &Staff, files: &[PathBuf], dry_run: bool) -> ImportReport {
    db.as_user(&staff.admin)
        .import_fhir(files, dry_run, NAMESPACE, test_now(), &mut |_| {})
        .unwrap()
}

#[test]
fn synthea_bundles_import_after_a_dry_run_that_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![synthea(1, dir.path()), synthea(2, dir.path())];
    let (mut db, staff) = practice();
    let before = db.patient_count().unwrap();
    let dry = import(&mut db, &staff, &files, true);
    eprintln!("{dry:#?}");
    assert_eq!(db.patient_count().unwrap(), before);
    assert_eq!(dry.created, 2, "{dry:#?}");
    let real = import(&mut db, &staff, &files, false);
    assert_eq!(real.created, 2);
    assert_eq!(db.patient_count().unwrap(), before + 2);
}

//! Every resource of Charta's FHIR export validates against the FHIR R4 definitions with
//! npm `@medplum/core` 4.5.2 (`validateResource`, run by `tests/fhir/validate-fhir.mjs`): the
//! whole NDJSON export of a generated practice with every kind of record, one 700-visit
//! chart's Bundle, and the charts a Synthea import made (their outside visits).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::testing::{fully_generated_practice, staffed_practice, test_now};
use charta_core::ChartDb;
use std::path::Path;

fn validate(paths: &[&Path]) -> (bool, String) {
    charta_tests::validate_fhir(paths).expect("node runs the validator")
}

#[test]
fn the_practice_export_and_a_heavy_chart_bundle_validate_as_fhir_r4() {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let (_, heavy) = fully_generated_practice(&mut db, &staff, 150, 21, test_now()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let practice = dir.path().join("practice");
    let export = db
        .as_user(&staff.admin)
        .export_practice_fhir(&practice, test_now(), &mut |_, _| {})
        .unwrap();
    let bundle = dir.path().join("heavy.json");
    let text = db
        .as_user(&staff.admin)
        .export_patient_fhir(heavy[0], test_now())
        .unwrap();
    std::fs::write(&bundle, text).unwrap();

    let (ok, report) = validate(&[&practice, &bundle]);
    for line in report.lines().filter(|l| l.starts_with("fhir-validate:")) {
        eprintln!("{line}");
    }
    assert!(
        ok,
        "the export does not validate:\n{}",
        report.lines().take(60).collect::<Vec<_>>().join("\n")
    );
    let summary = report
        .lines()
        .find(|l| l.ends_with(" invalid") && l.starts_with("fhir-validate:"))
        .unwrap();
    let checked: u64 = summary.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(
        checked > export.resources,
        "every exported resource (and the Bundle) was checked: {summary}"
    );
}

/// Outside visits exist only by import: Synthea's two patients brought in, then the practice
/// exported (every Encounter, note and diagnosis of theirs an outside visit's).
#[test]
fn outside_visits_imported_from_synthea_export_as_valid_fhir_r4() {
    use std::io::Read;
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<std::path::PathBuf> = [1, 2]
        .iter()
        .map(|n| {
            let gz = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("fhir/synthea/patient-{n}.json.gz"));
            let mut text = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(gz).unwrap())
                .read_to_string(&mut text)
                .unwrap();
            let path = dir.path().join(format!("synthea-{n}.json"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let report = db
        .as_user(&staff.admin)
        .import_fhir(
            &files,
            false,
            uuid::Uuid::from_u128(7),
            test_now(),
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(report.created, 2, "{report:#?}");
    let practice = dir.path().join("practice");
    db.as_user(&staff.admin)
        .export_practice_fhir(&practice, test_now(), &mut |_, _| {})
        .unwrap();
    let encounters = std::fs::read_to_string(practice.join("Encounter.ndjson")).unwrap();
    assert!(
        encounters.lines().count() > 40
            && encounters.lines().all(|l| l.contains("recordedElsewhere")),
        "every encounter is an outside visit's"
    );
    let (ok, report) = validate(&[&practice]);
    assert!(
        ok,
        "the export does not validate:\n{}",
        report.lines().take(60).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_validator_rejects_a_broken_resource() {
    // The check above can fail: a resource with a missing required element and an unknown one.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("Observation.ndjson");
    std::fs::write(
        &bad,
        "{\"resourceType\":\"Observation\",\"id\":\"x\",\"status\":\"final\",\"foo\":1}\n",
    )
    .unwrap();
    let (ok, report) = validate(&[&bad]);
    assert!(!ok, "{report}");
    assert!(report.contains("Observation.code"), "{report}");
}

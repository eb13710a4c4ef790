//! FHIR R4 import: Synthea bundles after a dry run (which changes nothing), the records they
//! become in the chart (screening procedures in `fhir_import/screenings.rs`, encounters as
//! outside visits in `fhir_import/outside_visits.rs`, files as the chart's documents in
//! `fhir_import/documents.rs`), a second run that
//! finds them imported, the duplicate rules, malformed files and resources (named by resource
//! and path, nothing of that patient imported), who may import, and the round trip export →
//! import into an empty practice → export.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::AuditQuery;
use charta_core::fhir::import::{ChartOutcome, ImportReport};
use charta_core::patient::SearchRequest;
use charta_core::testing::{staffed_practice, test_now, Staff};
use charta_core::{ChartDb, CoreError, PatientId};
use serde_json::{json, Value};
use std::io::Read;
use std::path::{Path, PathBuf};
use uuid::Uuid;

#[path = "fhir_import/documents.rs"]
mod documents;
#[path = "fhir_import/outside_visits.rs"]
mod outside_visits;
#[path = "fhir_import/round_trip.rs"]
mod round_trip;
#[path = "fhir_import/screenings.rs"]
mod screenings;

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

fn try_import(
    db: &mut ChartDb,
    staff: &Staff,
    files: &[PathBuf],
    dry_run: bool,
) -> Result<ImportReport, CoreError> {
    db.as_user(&staff.admin)
        .import_fhir(files, dry_run, NAMESPACE, test_now(), &mut |_| {})
}

fn import(db: &mut ChartDb, staff: &Staff, files: &[PathBuf], dry_run: bool) -> ImportReport {
    try_import(db, staff, files, dry_run).unwrap()
}

fn find(db: &mut ChartDb, staff: &Staff, name: &str) -> PatientId {
    let page = db
        .as_user(&staff.physician)
        .search_patients(&SearchRequest::new(name), test_now())
        .unwrap();
    assert_eq!(page.hits.len(), 1, "one {name}");
    page.hits[0].patient.id
}

#[test]
fn synthea_bundles_import_after_a_dry_run_that_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![synthea(1, dir.path()), synthea(2, dir.path())];
    let (mut db, staff) = practice();
    let before = db.patient_count().unwrap();

    let dry = import(&mut db, &staff, &files, true);
    assert!(dry.dry_run);
    assert_eq!(
        db.patient_count().unwrap(),
        before,
        "a dry run changes nothing"
    );
    assert_eq!(dry.created, 2, "{dry:#?}");
    assert!(dry
        .charts
        .iter()
        .all(|c| c.outcome == ChartOutcome::WouldCreate && c.issues.is_empty()));
    let kinds: Vec<&str> = dry.records.iter().map(|t| t.name.as_str()).collect();
    for kind in [
        "allergies",
        "immunizations",
        "medications",
        "problems",
        "vitals sets",
        "lab reports",
        "outside visits",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert!(
        dry.kept.iter().all(|t| t.name != "Encounter"),
        "the encounters are outside visits (fhir_import/outside_visits.rs): {:?}",
        dry.kept
    );
    assert!(dry.outside.iter().any(|t| t.name == "Practitioner"));

    let real = import(&mut db, &staff, &files, false);
    assert_eq!(real.created, 2);
    assert_eq!(
        real.records, dry.records,
        "the dry run said what the import did"
    );
    assert_eq!(db.patient_count().unwrap(), before + 2);

    let darrell = find(&mut db, &staff, "Erdman");
    let mut doc = db.as_user(&staff.physician);
    let allergies = doc.allergies(darrell, test_now()).unwrap();
    let substances: Vec<String> = allergies
        .active
        .iter()
        .map(|a| a.fields.substance.to_lowercase())
        .collect();
    assert!(
        substances.iter().any(|s| s.contains("latex")),
        "{substances:?}"
    );
    assert!(
        substances.iter().any(|s| s.contains("dander")),
        "{substances:?}"
    );
    let meds = doc.medication_list(darrell, test_now()).unwrap();
    assert!(meds
        .active
        .iter()
        .any(|m| m.name == "Penicillin V Potassium 250 MG Oral Tablet"
            && m.rxcui.as_deref() == Some("834061")));
    assert!(meds.past.iter().any(|m| m.name.starts_with("Ibuprofen")));
    let penicillin = meds
        .active
        .iter()
        .filter(|m| m.name.starts_with("Penicillin"))
        .count();
    assert_eq!(penicillin, 1, "two active orders of one drug are one entry");
    let problems = doc.problems(darrell, test_now()).unwrap();
    assert!(problems.len() > 3, "{problems:?}");
    let distinct: std::collections::BTreeSet<_> =
        problems.iter().map(|p| p.description.clone()).collect();
    assert_eq!(
        distinct.len(),
        problems.len(),
        "a diagnosis made twice is one problem"
    );
    assert!(!doc.vitals(darrell, test_now()).unwrap().is_empty());
    assert!(doc.immunizations(darrell, test_now()).unwrap().len() > 10);
    let documents = doc.patient_documents(darrell, test_now()).unwrap();
    assert!(documents
        .iter()
        .any(|d| d.title == "Imported records not filed in the chart"));

    // Run again (or resume after an interruption): nothing new.
    let again = import(&mut db, &staff, &files, false);
    assert_eq!(again.already_imported, 2);
    assert_eq!(again.created, 0);
    assert_eq!(db.patient_count().unwrap(), before + 2);

    // One audit row per chart made, naming it.
    let q = AuditQuery {
        action: Some("import_fhir_patient".into()),
        ..Default::default()
    };
    let rows = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now() + chrono::Duration::hours(1))
        .unwrap()
        .entries;
    let made: Vec<_> = rows.iter().collect();
    assert_eq!(made.len(), 2);
    assert!(made.iter().any(|r| r.patient_id == Some(darrell)));
}

#[test]
fn a_patient_already_registered_is_matched_by_the_duplicate_rules_not_imported() {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![synthea(1, dir.path())];
    let (mut db, staff) = practice();
    let draft = charta_core::testing::person("Erdman", "Darrell", "2016-07-05", "(555) 201-9876");
    db.as_user(&staff.front_desk)
        .register_patient(&draft, false, PatientId::from_u128(77), test_now())
        .unwrap();
    let report = import(&mut db, &staff, &files, false);
    assert_eq!(report.duplicates, 1, "{report:#?}");
    let chart = &report.charts[0];
    assert_eq!(chart.outcome, ChartOutcome::PossibleDuplicate);
    assert!(chart.detail.contains("Darrell Erdman"), "{}", chart.detail);
    assert_eq!(db.patient_count().unwrap(), 1);
}

/// The issues the report gives the chart whose name starts with `family`.
fn issues_of(report: &ImportReport, family: &str) -> Vec<charta_core::fhir::import::ImportIssue> {
    report
        .charts
        .iter()
        .find(|c| c.name.starts_with(family))
        .unwrap()
        .issues
        .clone()
}

fn bundle(resources: Vec<Value>) -> Value {
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "entry": resources.into_iter().map(|r| json!({ "resource": r })).collect::<Vec<_>>(),
    })
}

fn person(id: &str, family: &str, born: Value) -> Value {
    json!({
        "resourceType": "Patient", "id": id,
        "name": [{ "family": family, "given": ["Test"] }],
        "gender": "female", "birthDate": born,
    })
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec(v).unwrap()).unwrap();
    path
}

#[test]
fn malformed_resources_are_named_by_resource_and_path_and_nothing_of_that_patient_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "mixed.json",
        &bundle(vec![
            person("good", "Goodwin", json!("1970-01-01")),
            json!({ "resourceType": "Condition", "id": "c1", "subject": { "reference": "Patient/good" },
                    "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "E11.9" }],
                              "text": "Type 2 diabetes" } }),
            person("bad-date", "Baddate", json!("1970-13-45")),
            person("bad-type", "Badtype", json!(19700101)),
            person("bad-code", "Badcode", json!("1980-05-05")),
            json!({ "resourceType": "Condition", "id": "c2", "subject": { "reference": "Patient/bad-code" },
                    "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "Q99.999X" }],
                              "text": "Not a code" } }),
            json!({ "resourceType": "AllergyIntolerance", "id": "a1", "patient": { "reference": "Patient/bad-code" },
                    "clinicalStatus": { "coding": [{ "code": "bogus" }] }, "code": { "text": "Peanut" } }),
            json!({ "resourceType": "Immunization", "id": "i1", "patient": { "reference": "Patient/nobody" },
                    "status": "completed" }),
            json!({ "resourceType": "FamilyMemberHistory", "id": "f1", "patient": { "reference": "Patient/bad-code" },
                    "status": "completed", "relationship": { "coding": [{ "code": "MTH" }] },
                    "condition": [{ "code": { "text": "Asthma" }, "onsetAge": { "value": "sixty" } }] }),
        ]),
    );
    let (mut db, staff) = practice();
    let report = import(&mut db, &staff, std::slice::from_ref(&file), false);
    assert_eq!(report.created, 1, "{report:#?}");
    assert_eq!(report.invalid, 3);
    let date = issues_of(&report, "Baddate");
    assert_eq!(date[0].resource, "Patient/bad-date");
    assert!(date[0].path.starts_with("birthDate"), "{date:?}");
    let typed = issues_of(&report, "Badtype");
    assert_eq!(typed[0].path, "birthDate");
    assert!(typed[0].message.contains("must be a string"), "{typed:?}");
    let coded = issues_of(&report, "Badcode");
    assert!(coded
        .iter()
        .any(|i| i.resource == "Condition/c2" && i.path.starts_with("code.coding")));
    assert!(coded.iter().any(|i| i.resource == "AllergyIntolerance/a1"
        && i.path == "clinicalStatus.coding[0].code"
        && i.message.contains("bogus")));
    assert!(
        coded.iter().any(|i| i.resource == "FamilyMemberHistory/f1"
            && i.path == "condition[0].onsetAge.value"
            && i.message.contains("must be a number")),
        "{coded:?}"
    );
    assert_eq!(report.orphans.len(), 1);
    assert_eq!(report.orphans[0].resource, "Immunization/i1");
    // Only the good patient (and their problem) is in the practice.
    assert_eq!(db.patient_count().unwrap(), 1);
    let good = find(&mut db, &staff, "Goodwin");
    let problems = db
        .as_user(&staff.physician)
        .problems(good, test_now())
        .unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code.as_deref(), Some("E11.9"));
}

#[test]
fn family_surgical_and_social_histories_come_in_through_the_histories_checks() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "histories.json",
        &bundle(vec![
            person("p", "Historia", json!("1960-02-02")),
            json!({ "resourceType": "FamilyMemberHistory", "id": "f1", "patient": { "reference": "Patient/p" },
                    "status": "completed",
                    "relationship": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode", "code": "MGRMTH" }] },
                    "condition": [
                        { "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I10" }] },
                          "onsetAge": { "value": 50, "unit": "a" } },
                        { "code": { "text": "Glaucoma (disorder)" } }
                    ] }),
            json!({ "resourceType": "Procedure", "id": "s1", "subject": { "reference": "Patient/p" },
                    "status": "completed",
                    "category": { "coding": [{ "system": "http://snomed.info/sct", "code": "387713003" }] },
                    "code": { "text": "Appendectomy" }, "performedDateTime": "1988-06-01T10:00:00Z" }),
            json!({ "resourceType": "Procedure", "id": "s2", "subject": { "reference": "Patient/p" },
                    "status": "completed", "code": { "text": "Medication reconciliation" },
                    "performedDateTime": "2020-01-01" }),
            json!({ "resourceType": "Observation", "id": "sm1", "subject": { "reference": "Patient/p" },
                    "status": "final", "effectiveDateTime": "2015-03-01T10:00:00Z",
                    "code": { "coding": [{ "system": "http://loinc.org", "code": "72166-2" }] },
                    "valueCodeableConcept": { "coding": [{ "system": "http://snomed.info/sct", "code": "449868002" }] } }),
            json!({ "resourceType": "Observation", "id": "sm2", "subject": { "reference": "Patient/p" },
                    "status": "final", "effectiveDateTime": "2021-03-01T10:00:00Z",
                    "code": { "coding": [{ "system": "http://loinc.org", "code": "72166-2" }] },
                    "valueCodeableConcept": { "coding": [{ "system": "http://snomed.info/sct", "code": "8517006",
                                                          "display": "Ex-smoker (finding)" }] } }),
            json!({ "resourceType": "Appointment", "id": "ap1", "status": "fulfilled",
                    "start": "2020-01-01T10:00:00Z", "end": "2020-01-01T10:15:00Z",
                    "participant": [{ "actor": { "reference": "Practitioner/x" }, "status": "accepted" },
                                    { "actor": { "reference": "Patient/p" }, "status": "accepted" }] }),
        ]),
    );
    let (mut db, staff) = practice();
    let report = import(&mut db, &staff, std::slice::from_ref(&file), false);
    assert_eq!(report.created, 1, "{report:#?}");
    assert!(
        report
            .kept
            .iter()
            .any(|t| t.name == "Procedure" && t.count == 1),
        "a care step stays in the document"
    );
    let id = find(&mut db, &staff, "Historia");
    let h = db
        .as_user(&staff.physician)
        .histories(id, test_now())
        .unwrap();
    let family: Vec<(&str, &str, Option<&str>, Option<u8>)> = h
        .family
        .iter()
        .map(|f| {
            (
                f.relative.as_str(),
                f.condition.as_str(),
                f.code.as_deref(),
                f.onset_age,
            )
        })
        .collect();
    assert!(
        family.contains(&(
            "maternal_grandmother",
            "Essential (primary) hypertension",
            Some("I10"),
            Some(50)
        )),
        "{family:?}"
    );
    assert!(
        family.contains(&("maternal_grandmother", "Glaucoma", None, None)),
        "{family:?}"
    );
    let smoking = h.smoking.as_ref().expect("the latest smoking answer");
    assert_eq!(
        (smoking.status.as_str(), smoking.as_of.as_str()),
        ("former", "2021-03-01")
    );
    assert_eq!(h.surgical.len(), 1);
    assert_eq!(h.surgical[0].procedure, "Appendectomy");
    assert_eq!(h.surgical[0].performed_on.as_deref(), Some("1988-06-01"));
}

#[test]
fn files_that_are_not_fhir_or_too_big_refuse_the_whole_import() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, staff) = practice();
    let refused = |db: &mut ChartDb, path: PathBuf| match try_import(db, &staff, &[path], true) {
        Err(CoreError::Invalid(errors)) => errors[0].message.clone(),
        other => panic!("expected a field error, got {other:?}"),
    };
    let not_json = dir.path().join("notes.json");
    std::fs::write(&not_json, "{ this is not json").unwrap();
    assert!(refused(&mut db, not_json).contains("notes.json: is not valid JSON"));

    let no_type = write(
        dir.path(),
        "x.json",
        &json!({ "resourceType": "Bundle", "entry": [{ "resource": { "id": "1" } }] }),
    );
    assert!(refused(&mut db, no_type).contains("entry 1: the resource has no resourceType"));

    let ndjson = dir.path().join("Patient.ndjson");
    std::fs::write(
        &ndjson,
        "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n{\"resourceType\":\n",
    )
    .unwrap();
    assert!(refused(&mut db, ndjson).contains("line 2 is not valid JSON"));

    // A sparse file over the Bundle limit: refused before it is read.
    let huge = dir.path().join("huge.json");
    let f = std::fs::File::create(&huge).unwrap();
    std::io::Write::write_all(&mut &f, b"{").unwrap();
    f.set_len(charta_core::fhir::import::MAX_BUNDLE_BYTES + 1)
        .unwrap();
    assert!(refused(&mut db, huge).contains("a Bundle may be at most"));
    assert_eq!(db.patient_count().unwrap(), 0);
}

#[test]
fn only_the_administrator_may_import() {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![synthea(1, dir.path())];
    let (mut db, staff) = practice();
    for who in [&staff.physician, &staff.nurse, &staff.front_desk] {
        let answer = db
            .as_user(who)
            .import_fhir(&files, true, NAMESPACE, test_now(), &mut |_| {});
        assert!(matches!(answer, Err(CoreError::Forbidden(_))), "{answer:?}");
    }
}

#[test]
fn a_patient_labelled_restricted_comes_in_as_a_restricted_chart() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (n, code) in [(1, "R"), (2, "N")] {
        let mut bundle: Value =
            serde_json::from_str(&std::fs::read_to_string(synthea(n, dir.path())).unwrap())
                .unwrap();
        let entries = bundle["entry"].as_array_mut().unwrap();
        let patient = entries
            .iter_mut()
            .find(|e| e["resource"]["resourceType"] == "Patient")
            .unwrap();
        patient["resource"]["meta"] = json!({ "security": [{
            "system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
            "code": code,
        }] });
        let path = dir.path().join(format!("labelled-{n}.json"));
        std::fs::write(&path, bundle.to_string()).unwrap();
        files.push(path);
    }
    let (mut db, staff) = practice();
    let report = import(&mut db, &staff, &files, false);
    assert_eq!(report.created, 2, "{report:#?}");
    let opened: Vec<bool> = ["Erdman", "Hammes"]
        .iter()
        .map(|name| {
            let id = find(&mut db, &staff, name);
            match db.as_user(&staff.physician).patient(id, test_now()) {
                Ok(_) => true,
                Err(CoreError::Restricted(_)) => false,
                Err(other) => panic!("{other:?}"),
            }
        })
        .collect();
    assert_eq!(opened, [false, true], "R closes the chart, N does not");
}

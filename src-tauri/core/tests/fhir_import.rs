//! FHIR R4 import: Synthea bundles after a dry run (which changes nothing), the records they
//! become in the chart, a second run that finds them imported, the duplicate rules, malformed
//! files and resources (named by resource and path, nothing of that patient imported), who
//! may import, and the round trip export → import into an empty practice → export.

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
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert!(dry.kept.iter().any(|t| t.name == "Encounter"));
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
    let issues_of = |family: &str| {
        report
            .charts
            .iter()
            .find(|c| c.name.starts_with(family))
            .unwrap()
            .issues
            .clone()
    };
    let date = issues_of("Baddate");
    assert_eq!(date[0].resource, "Patient/bad-date");
    assert!(date[0].path.starts_with("birthDate"), "{date:?}");
    let typed = issues_of("Badtype");
    assert_eq!(typed[0].path, "birthDate");
    assert!(typed[0].message.contains("must be a string"), "{typed:?}");
    let coded = issues_of("Badcode");
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

/// What a resource says clinically, without what only the system that holds it decides:
/// ids, references, who recorded it and when, meta. Imported prescriptions come back as
/// reported medications and doses given here as historical doses (this practice did not
/// sign or give them), so those are compared on what they say, not on their resource type.
fn superseded(r: &Value) -> bool {
    r["extension"].as_array().is_some_and(|x| {
        x.iter().any(|e| {
            e["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/supersededAt"))
        })
    })
}

fn content(r: &Value) -> Option<(String, Value)> {
    let kind = r["resourceType"].as_str()?;
    let text = |v: &Value| v.as_str().map(str::to_string);
    let first_date = |v: &Value| text(v).map(|d| d.chars().take(10).collect::<String>());
    let coding = |v: &Value| {
        json!({
            "codes": v["coding"].as_array().map(|c| c.iter()
                .map(|c| json!([c["system"], c["code"]])).collect::<Vec<_>>()),
            "text": v["text"],
        })
    };
    let status = |v: &Value| v["coding"][0]["code"].clone();
    let erroneous = r["verificationStatus"]["coding"][0]["code"] == "entered-in-error"
        || r["status"] == "entered-in-error";
    if erroneous {
        return None;
    }
    let projected = match kind {
        "Patient" => json!({
            "name": r["name"], "birthDate": r["birthDate"], "gender": r["gender"],
            "telecom": r["telecom"].as_array().map(|t| t.iter()
                .map(|t| json!([t["system"], t["value"], t["use"]])).collect::<Vec<_>>()),
            "address": r["address"], "contact": r["contact"], "communication": r["communication"],
            "deceased": r["deceasedDateTime"], "active": r["active"],
            "extension": r["extension"], "mrn": r["identifier"][0]["value"],
        }),
        "Condition" if r["category"][0]["coding"][0]["code"] == "problem-list-item" => json!({
            "code": coding(&r["code"]), "clinical": status(&r["clinicalStatus"]),
            "onset": r["onsetDateTime"], "abatement": r["abatementDateTime"], "note": r["note"],
        }),
        "AllergyIntolerance" => json!({
            // A coded substance is named by the catalogue; free text as typed.
            "code": if r["code"]["coding"].is_array() { coding(&r["code"])["codes"].clone() } else { r["code"]["text"].clone() }, "clinical": status(&r["clinicalStatus"]),
            // The category comes from the catalogue (the generator also wrote it on free text).
            "type": r["type"], "criticality": r["criticality"],
            "category": if r["code"]["coding"].is_array() { r["category"].clone() } else { Value::Null },
            "onset": r["onsetDateTime"], "note": r["note"], "reaction": r["reaction"],
        }),
        "Immunization" => json!({
            // The name is the catalogue's for the CVX code (the generator wrote its own).
            "vaccine": coding(&r["vaccineCode"])["codes"], "status": r["status"],
            "date": r["occurrenceDateTime"], "lot": r["lotNumber"],
            "expires": r["expirationDate"], "site": r["site"], "route": r["route"],
            "dose": r["protocolApplied"], "education": r["education"],
            "statusReason": r["statusReason"],
        }),
        // BMI is derived: Charta computes it from the set's (or a recent) height, and the
        // generator wrote its own.
        "Observation" if r["code"]["coding"][0]["code"] == "39156-5" => return None,
        // A lab result: its report's grouping and review are the practice's own, and come
        // back as a result from elsewhere; the value, unit and judgement do not change.
        "Observation" if r["category"][0]["coding"][0]["code"] == "laboratory" => json!({
            "lab": coding(&r["code"])["codes"], "at": r["effectiveDateTime"],
            // The catalogue names a UCUM unit its own way (m[IU]/L is its mIU/L).
            "value": r["valueQuantity"]["value"],
            "unit": r["valueQuantity"]["unit"].as_str().map(|u| u.replace(['[', ']'], "")),
            "text": r["valueString"], "interpretation": r["interpretation"],
            "range": [r["referenceRange"][0]["low"]["value"], r["referenceRange"][0]["high"]["value"],
                r["referenceRange"][0]["text"]],
            "note": r["note"],
        }),
        "Observation" if r["category"][0]["coding"][0]["code"] == "social-history" => {
            if superseded(r) {
                return None;
            }
            json!({
                "social": r["code"], "value": r["valueCodeableConcept"],
                "asOf": r["effectiveDateTime"], "note": r["note"],
            })
        }
        "Observation" if r["category"][0]["coding"][0]["code"] == "vital-signs" => json!({
            "code": coding(&r["code"]), "at": r["effectiveDateTime"],
            "value": r["valueQuantity"]["value"].as_f64().map(|v| (v * 10.0).round() / 10.0),
            "unit": r["valueQuantity"]["code"], "component": r["component"],
        }),
        // A version Charta replaced later is not the chart's (its successor is).
        "FamilyMemberHistory" | "Procedure" if superseded(r) => return None,
        "FamilyMemberHistory" => json!({
            "relationship": r["relationship"], "condition": r["condition"],
        }),
        "Procedure" if r["category"]["coding"][0]["code"] == "387713003" => json!({
            "code": r["code"], "performed": r["performedDateTime"], "note": r["note"],
        }),
        "MedicationRequest" | "MedicationStatement" => {
            let stopped = matches!(r["status"].as_str(), Some("stopped"));
            json!({
                "drug": coding(&r["medicationCodeableConcept"]),
                "status": if stopped { "stopped" } else { r["status"].as_str().unwrap_or("") },
                "dosage": r["dosageInstruction"][0]["text"].as_str()
                    .or(r["dosage"][0]["text"].as_str()),
                "start": first_date(&r["dispenseRequest"]["validityPeriod"]["start"])
                    .or_else(|| first_date(&r["effectivePeriod"]["start"])),
            })
        }
        _ => return None,
    };
    let kind = if kind.starts_with("Medication") {
        "Medication"
    } else if projected.get("lab").is_some() {
        "LabResult"
    } else if projected.get("social").is_some() {
        "SocialHistory"
    } else {
        kind
    };
    Some((kind.to_string(), projected))
}

fn contents(bundle: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(bundle).unwrap();
    let mut out: Vec<(String, String)> = v["entry"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| content(&e["resource"]))
        .filter(|(kind, p)| kind != "Medication" || p["status"] != "draft")
        .map(|(k, p)| (k, p.to_string()))
        .collect();
    out.sort();
    out
}

/// Each imported chart, exported again, says what the same chart said before (`before`, in
/// the report's chart order); every kind of record was compared.
fn assert_same_content(
    new: &mut ChartDb,
    new_staff: &Staff,
    report: &ImportReport,
    before: &[Vec<(String, String)>],
) {
    assert_eq!(
        report.created as usize,
        before.len(),
        "{:#?}",
        report
            .charts
            .iter()
            .filter(|c| !c.issues.is_empty())
            .collect::<Vec<_>>()
    );
    let mut compared = std::collections::BTreeMap::<String, usize>::new();
    for (chart, expected) in report.charts.iter().zip(before) {
        let mrn = i64::from(chart.mrn.unwrap());
        let text = new
            .as_user(&new_staff.admin)
            .export_patient_fhir_by_mrn(mrn, test_now())
            .unwrap();
        let after = contents(&text);
        for (kind, _) in expected {
            *compared.entry(kind.clone()).or_default() += 1;
        }
        let missing: Vec<_> = expected.iter().filter(|x| !after.contains(x)).collect();
        let extra: Vec<_> = after.iter().filter(|x| !expected.contains(x)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: lost {missing:#?}\ngained {extra:#?}\nkept {:?}",
            chart.name,
            chart.kept
        );
    }
    eprintln!("round trip compared {compared:?}; kept {:?}", report.kept);
    for kind in [
        "Patient",
        "Condition",
        "AllergyIntolerance",
        "Immunization",
        "Observation",
        "LabResult",
        "Medication",
        "FamilyMemberHistory",
        "Procedure",
        "SocialHistory",
    ] {
        assert!(
            compared.get(kind).copied().unwrap_or(0) > 0,
            "no {kind} compared"
        );
    }
}

#[test]
fn a_practice_exported_and_imported_into_an_empty_practice_exports_the_same_content() {
    let dir = tempfile::tempdir().unwrap();
    let (mut old, old_staff) = practice();
    let (ids, _) =
        charta_core::testing::fully_generated_practice(&mut old, &old_staff, 30, 12, test_now())
            .unwrap();
    let mut files = Vec::new();
    let mut before = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let text = old
            .as_user(&old_staff.admin)
            .export_patient_fhir(*id, test_now())
            .unwrap();
        let path = dir.path().join(format!("chart-{i}.json"));
        std::fs::write(&path, &text).unwrap();
        files.push(path);
        before.push(contents(&text));
    }
    let (mut new, new_staff) = practice();
    let report = import(&mut new, &new_staff, &files, false);
    assert_same_content(&mut new, &new_staff, &report, &before);
}

/// The practice's bulk NDJSON export (each chart's records spread over one file per resource
/// type) comes in chart by chart, each read again from its lines when its turn comes.
#[test]
fn a_bulk_ndjson_export_imports_into_an_empty_practice_with_the_same_content() {
    let dir = tempfile::tempdir().unwrap();
    let (mut old, old_staff) = practice();
    let (ids, _) =
        charta_core::testing::fully_generated_practice(&mut old, &old_staff, 12, 13, test_now())
            .unwrap();
    let out = dir.path().join("bulk");
    old.as_user(&old_staff.admin)
        .export_practice_fhir(&out, test_now(), &mut |_, _| {})
        .unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ndjson"))
        .collect();
    files.sort();
    let (mut new, new_staff) = practice();
    let dry = import(&mut new, &new_staff, &files, true);
    assert_eq!(dry.created as usize, ids.len(), "{dry:#?}");
    let report = import(&mut new, &new_staff, &files, false);
    assert_eq!(
        report.records, dry.records,
        "the dry run said what the import did"
    );
    // Charta's Patient.id is its own patient id: the chart each report line came from.
    let before: Vec<Vec<(String, String)>> = report
        .charts
        .iter()
        .map(|c| {
            let id = c
                .resource
                .strip_prefix("Patient/")
                .and_then(PatientId::parse)
                .unwrap();
            assert!(ids.contains(&id));
            contents(
                &old.as_user(&old_staff.admin)
                    .export_patient_fhir(id, test_now())
                    .unwrap(),
            )
        })
        .collect();
    assert_same_content(&mut new, &new_staff, &report, &before);
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

//! The FHIR R4 export over a generated practice with every kind of record: the patient
//! Bundle holds every resource type Charta maps, each reference resolves inside it, no element
//! is empty, codes carry their systems; who may export; the practice's NDJSON files, manifest,
//! modes and audit rows. (Schema validation with @medplum/core is in charta-tests.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::AuditQuery;
use charta_core::testing::{fully_generated_practice, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, PatientId};
use chrono::Duration;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn practice(patients: u32) -> (ChartDb, Staff, Vec<PatientId>, Vec<PatientId>) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let (ids, heavy) = fully_generated_practice(&mut db, &staff, patients, 12, test_now()).unwrap();
    (db, staff, ids, heavy)
}

/// Every empty element (FHIR forbids "", [], {} and null), by path.
fn empties(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Null => out.push(path.into()),
        Value::String(s) if s.trim().is_empty() => out.push(path.into()),
        Value::Array(a) if a.is_empty() => out.push(path.into()),
        Value::Object(o) if o.is_empty() => out.push(path.into()),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| empties(x, &format!("{path}[{i}]"), out)),
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| empties(x, &format!("{path}.{k}"), out)),
        _ => {}
    }
}

/// Every string under the key `key` anywhere in `v` (references, code systems).
fn strings_at(v: &Value, key: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let Some(Value::String(s)) = o.get(key) {
                out.push(s.clone());
            }
            o.values().for_each(|x| strings_at(x, key, out));
        }
        Value::Array(a) => a.iter().for_each(|x| strings_at(x, key, out)),
        _ => {}
    }
}

fn bundle_of(db: &mut ChartDb, staff: &Staff, patient: PatientId) -> Vec<Value> {
    let text = db
        .as_user(&staff.admin)
        .export_patient_fhir(patient, test_now())
        .unwrap();
    let bundle: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let entries = bundle["entry"].as_array().unwrap().clone();
    for e in &entries {
        let r = &e["resource"];
        let url = format!(
            "https://charta.invalid/fhir/{}/{}",
            r["resourceType"].as_str().unwrap(),
            r["id"].as_str().unwrap()
        );
        assert_eq!(e["fullUrl"], url.as_str());
    }
    entries.into_iter().map(|e| e["resource"].clone()).collect()
}

#[test]
fn a_chart_exports_as_a_self_contained_bundle_of_every_kind_of_record() {
    let (mut db, staff, ids, heavy) = practice(150);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut all_systems = BTreeSet::new();
    let mut charts = ids.iter().take(60).copied().collect::<Vec<_>>();
    charts.extend(heavy.iter().copied());
    for patient in charts {
        let resources = bundle_of(&mut db, &staff, patient);
        let mut present = BTreeSet::new();
        for r in &resources {
            let kind = r["resourceType"].as_str().unwrap().to_string();
            let id = r["id"].as_str().unwrap();
            assert!(
                id.len() <= 64
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
                "bad id {kind}/{id}"
            );
            assert!(present.insert(format!("{kind}/{id}")), "{kind}/{id} twice");
            *kinds.entry(kind).or_default() += 1;
            let mut bad = Vec::new();
            empties(r, "", &mut bad);
            assert!(
                bad.is_empty(),
                "{} has empty elements at {bad:?}",
                present.last().unwrap()
            );
            let mut found = Vec::new();
            strings_at(r, "system", &mut found);
            all_systems.extend(found);
        }
        // Every reference names a resource of the same Bundle.
        for r in &resources {
            let mut refs = Vec::new();
            strings_at(r, "reference", &mut refs);
            for target in refs {
                assert!(
                    present.contains(&target),
                    "{}/{} refers to {target}, which is not in the Bundle",
                    r["resourceType"].as_str().unwrap(),
                    r["id"].as_str().unwrap()
                );
            }
        }
        assert_eq!(
            resources
                .iter()
                .filter(|r| r["resourceType"] == "Patient")
                .count(),
            1
        );
    }
    for kind in [
        "Organization",
        "Practitioner",
        "PractitionerRole",
        "Patient",
        "Encounter",
        "DocumentReference",
        "Provenance",
        "Condition",
        "AllergyIntolerance",
        "Observation",
        "DiagnosticReport",
        "MedicationRequest",
        "MedicationStatement",
        "Immunization",
        "Appointment",
        "Communication",
        "ServiceRequest",
        "FamilyMemberHistory",
        "Procedure",
    ] {
        assert!(kinds.contains_key(kind), "no {kind} in {kinds:?}");
    }
    for system in [
        "http://hl7.org/fhir/sid/icd-10-cm",
        "http://loinc.org",
        "http://www.nlm.nih.gov/research/umls/rxnorm",
        "http://hl7.org/fhir/sid/cvx",
        "http://unitsofmeasure.org",
        "urn:charta:mrn",
    ] {
        assert!(
            all_systems.contains(system),
            "no {system} in {all_systems:?}"
        );
    }
}

#[test]
fn only_the_admin_exports_and_each_export_is_audited() {
    let (mut db, staff, ids, _) = practice(20);
    for who in [&staff.physician, &staff.nurse, &staff.front_desk] {
        let err = db
            .as_user(who)
            .export_patient_fhir(ids[0], test_now())
            .unwrap_err();
        assert_eq!(err.code(), "forbidden");
        let dir = tempfile::tempdir().unwrap();
        let err = db
            .as_user(who)
            .export_practice_fhir(&dir.path().join("x"), test_now(), &mut |_, _| {})
            .unwrap_err();
        assert_eq!(err.code(), "forbidden");
        assert!(
            !dir.path().join("x").exists(),
            "a refused export writes nothing"
        );
    }
    db.as_user(&staff.admin)
        .export_patient_fhir(ids[3], test_now())
        .unwrap();
    let q = AuditQuery {
        action: Some("export_patient_fhir".into()),
        ..Default::default()
    };
    let rows = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(1))
        .unwrap()
        .entries;
    assert_eq!(
        rows.iter()
            .filter(|e| e.outcome == charta_core::audit::Outcome::Ok)
            .count(),
        1
    );
    assert_eq!(
        rows.iter()
            .filter(|e| e.outcome == charta_core::audit::Outcome::Denied)
            .count(),
        3
    );
}

#[test]
fn the_practice_exports_as_owner_only_ndjson_per_type_with_a_manifest() {
    let (mut db, staff, ids, _) = practice(450);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let mut reports = Vec::new();
    let export = db
        .as_user(&staff.admin)
        .export_practice_fhir(&out, test_now(), &mut |done, total| {
            reports.push((done, total))
        })
        .unwrap();
    assert_eq!(export.patients, ids.len() as u64);
    assert_eq!(reports.first(), Some(&(0, 450)));
    assert_eq!(reports.last(), Some(&(450, 450)));
    assert!(reports.len() >= 4, "progress after each batch: {reports:?}");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let mut total = 0;
    let mut patient_ids = BTreeSet::new();
    for item in manifest["output"].as_array().unwrap() {
        let file = out.join(item["url"].as_str().unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", file.display());
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len() as u64, item["count"].as_u64().unwrap());
        for line in &lines {
            let r: Value = serde_json::from_str(line).unwrap();
            assert_eq!(r["resourceType"], item["type"]);
            if r["resourceType"] == "Patient" {
                patient_ids.insert(r["id"].as_str().unwrap().to_string());
            }
        }
        total += lines.len() as u64;
    }
    assert_eq!(total, export.resources);
    assert_eq!(patient_ids.len(), 450, "every chart once");
    // A second export into the same folder is refused and changes nothing there.
    let err = db
        .as_user(&staff.admin)
        .export_practice_fhir(&out, test_now(), &mut |_, _| {})
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "dir");
    let q = AuditQuery {
        action: Some("export_practice_fhir".into()),
        limit: Some(1000),
        ..Default::default()
    };
    let rows = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(1))
        .unwrap()
        .entries;
    let charts: BTreeSet<_> = rows.iter().filter_map(|e| e.patient_id).collect();
    assert_eq!(
        (rows.len(), charts.len()),
        (450, 450),
        "one audit row per chart"
    );
}

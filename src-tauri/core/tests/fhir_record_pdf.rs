//! The human-readable copy of a chart's export: one PDF with every list, reading and visit
//! note, entered-in-error entries marked; admin only, audited, written owner-only.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::testing::{fully_generated_practice, staffed_practice, test_now};
use charta_core::{ChartDb, CoreError};
use serde_json::Value;

fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

fn decode(b64: &str) -> String {
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in b64.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        buf = (buf << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_chart_prints_as_one_readable_pdf_of_its_whole_record() {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let (ids, _) = fully_generated_practice(&mut db, &staff, 12, 12, test_now()).unwrap();
    // The chart with the most kinds of record.
    let (bundle, mrn) = ids
        .iter()
        .map(|id| {
            let text = db
                .as_user(&staff.admin)
                .export_patient_fhir(*id, test_now())
                .unwrap();
            let v: Value = serde_json::from_str(&text).unwrap();
            let mrn = v["entry"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["resource"]["resourceType"] == "Patient")
                .map(|e| {
                    e["resource"]["identifier"][0]["value"]
                        .as_str()
                        .unwrap()
                        .parse::<i64>()
                        .unwrap()
                })
                .unwrap();
            (v, mrn)
        })
        .max_by_key(|(v, _)| v["entry"].as_array().unwrap().len())
        .unwrap();
    let pdf = db
        .as_user(&staff.admin)
        .patient_record_pdf(mrn, test_now())
        .unwrap();
    let text = squash(&pdf_text(&pdf));
    let resources: Vec<&Value> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .collect();
    let patient = resources
        .iter()
        .find(|r| r["resourceType"] == "Patient")
        .unwrap();
    let family = patient["name"][0]["family"].as_str().unwrap();
    assert!(
        text.contains("Health record of"),
        "{}",
        &text[..200.min(text.len())]
    );
    assert!(text.contains(family));
    for kind in [
        "AllergyIntolerance",
        "Condition",
        "Immunization",
        "Observation",
        "Encounter",
        "DocumentReference",
    ] {
        if resources.iter().any(|r| r["resourceType"] == kind) {
            assert!(text.contains(kind), "no {kind} section");
        }
    }
    // Each problem and each medication by name.
    for r in &resources {
        let name = match r["resourceType"].as_str().unwrap() {
            "Condition" => r["code"]["text"].as_str(),
            "MedicationRequest" | "MedicationStatement" => {
                r["medicationCodeableConcept"]["text"].as_str()
            }
            _ => None,
        };
        if let Some(name) = name {
            assert!(text.contains(&squash(name)), "{name} is not in the PDF");
        }
    }
    // The signed notes' words are there.
    let note = resources
        .iter()
        .find(|r| {
            r["resourceType"] == "DocumentReference"
                && r["content"][0]["attachment"]["contentType"]
                    .as_str()
                    .is_some_and(|c| c.starts_with("text/"))
        })
        .expect("a signed note");
    let words = decode(note["content"][0]["attachment"]["data"].as_str().unwrap());
    let first = words.lines().map(str::trim).find(|l| l.len() > 12).unwrap();
    assert!(
        text.contains(&squash(first)),
        "the note's {first:?} is not in the PDF"
    );

    // Written owner-only; only the admin may print it.
    let dir = tempfile::tempdir().unwrap();
    let path = db
        .as_user(&staff.admin)
        .patient_record_pdf_to(mrn, dir.path(), test_now())
        .unwrap();
    assert_eq!(
        path.file_name().unwrap().to_str().unwrap(),
        format!("patient-{mrn}.pdf")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o077,
            0
        );
    }
    let denied = db
        .as_user(&staff.physician)
        .patient_record_pdf(mrn, test_now());
    assert!(matches!(denied, Err(CoreError::Forbidden(_))), "{denied:?}");
}

//! The DocumentReference → chart document mapping on single resources.

use super::{document, ImportedDocument};
use crate::documents::DocumentCategory;
use crate::fhir::import::clinical::Mapped;
use crate::fhir::import::fields::Fields;
use crate::fhir::{base64, EXTENSION_BASE};
use chrono::NaiveDate;
use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

fn map(v: &Value) -> (Mapped, Vec<(String, String)>) {
    let mut f = Fields::new(v, "DocumentReference/d".into());
    let m = document(&mut f);
    let issues = f
        .issues
        .iter()
        .map(|i| (i.resource.clone(), i.path.clone()))
        .collect();
    (m, issues)
}

fn filed(v: &Value) -> ImportedDocument {
    match map(v) {
        (Mapped::Document(d), issues) if issues.is_empty() => *d,
        (Mapped::Kept(r), issues) => panic!("kept ({r}), not filed: {issues:?}"),
        (Mapped::Skipped(r), issues) => panic!("skipped ({r}), not filed: {issues:?}"),
        (_, issues) => panic!("not a document: {issues:?}"),
    }
}

/// What the mapping did, in words: `filed`, `kept: …`, `skipped: …`.
fn outcome(v: &Value) -> String {
    match map(v).0 {
        Mapped::Document(_) => "filed".into(),
        Mapped::Kept(r) => format!("kept: {r}"),
        Mapped::Skipped(r) => format!("skipped: {r}"),
        _ => "something else".into(),
    }
}

/// Another system's scanned consult letter, as Synthea-like exports write one.
fn outside(extra: Value) -> Value {
    let mut v = json!({
        "resourceType": "DocumentReference", "id": "d", "status": "current",
        "type": { "coding": [{ "system": "http://loinc.org", "code": "11488-4",
                               "display": "Consult note" }] },
        "subject": { "reference": "Patient/p" },
        "date": "2019-04-20T08:00:00Z",
        "description": "Cardiology consult, Dr Lee",
        "content": [{ "attachment": {
            "contentType": "application/pdf",
            "data": base64(PDF),
            "title": "consult.pdf",
            "creation": "2019-04-12T10:00:00-05:00",
        } }],
    });
    if let (Some(v), Some(extra)) = (v.as_object_mut(), extra.as_object()) {
        v.extend(extra.clone());
    }
    v
}

fn ext(name: &str, kind: &str, value: &str) -> Value {
    json!({ "url": format!("{EXTENSION_BASE}/{name}"), kind: value })
}

#[test]
fn another_systems_pdf_becomes_a_document_with_its_bytes_intact() {
    let d = filed(&outside(json!({})));
    assert_eq!(d.bytes, PDF, "the bytes as they were sent");
    assert_eq!(d.title, "Cardiology consult, Dr Lee", "the description");
    assert_eq!(d.file_name, "consult.pdf", "the attachment's title");
    assert_eq!(
        d.document_date,
        NaiveDate::from_ymd_opt(2019, 4, 12),
        "the attachment's creation, as its writer dated it"
    );
    assert_eq!(
        d.category,
        DocumentCategory::SpecialistReport,
        "LOINC consult note"
    );
    assert_eq!(d.declared_type, "application/pdf");
    assert_eq!(d.note, "");
}

#[test]
fn chartas_own_scanned_document_keeps_its_category_note_and_date() {
    let v = json!({
        "resourceType": "DocumentReference", "id": "d", "status": "current",
        "extension": [
            ext("documentCategory", "valueCode", "insuranceCard"),
            ext("sha256", "valueString", &crate::results::import::sha256_hex(PNG)),
            ext("note", "valueString", "Front and back"),
        ],
        "type": { "text": "Insurance card" },
        "category": [{ "text": "Scanned document" }],
        "date": "2026-01-05T10:00:00Z",
        "description": "Aetna card",
        "content": [{ "attachment": {
            "contentType": "image/png", "data": base64(PNG), "size": PNG.len(),
            "title": "card.png", "creation": "2025-12-30",
        } }],
    });
    let d = filed(&v);
    assert_eq!(d.category, DocumentCategory::InsuranceCard);
    assert_eq!(d.note, "Front and back");
    assert_eq!(d.document_date, NaiveDate::from_ymd_opt(2025, 12, 30));
    assert_eq!(
        (d.title.as_str(), d.file_name.as_str()),
        ("Aetna card", "card.png")
    );
    assert_eq!(d.bytes, PNG);
}

#[test]
fn a_signed_letter_comes_in_as_correspondence_holding_its_pdf() {
    let v = json!({
        "resourceType": "DocumentReference", "id": "d", "status": "current",
        "extension": [ext("letterKind", "valueCode", "referral")],
        "docStatus": "final",
        "type": { "coding": [{ "system": "http://loinc.org", "code": "57133-1" }],
                  "text": "Referral letter" },
        "category": [{ "text": "Letter" }],
        "date": "2026-02-01T15:30:00Z",
        "description": "Referral",
        "content": [
            { "attachment": { "contentType": "text/plain", "data": base64(b"Dear Dr Lee"),
                              "title": "Letter text" } },
            { "attachment": { "contentType": "application/pdf", "data": base64(PDF),
                              "title": "Referral" } },
        ],
    });
    let d = filed(&v);
    assert_eq!(d.category, DocumentCategory::Correspondence);
    assert_eq!(d.bytes, PDF, "the PDF, not the text");
    assert_eq!(
        d.document_date,
        NaiveDate::from_ymd_opt(2026, 2, 1),
        "signed on"
    );
    assert_eq!(d.title, "Referral");
    let mut text_only = v.clone();
    text_only["content"] = json!([v["content"][0]]);
    assert_eq!(outcome(&text_only), "kept: text only, no file");
}

/// Charta writes a letter's signing instant in UTC: signed at 22:30 in Chicago is the next day
/// in UTC, and the document is dated the practice's day, not tomorrow.
#[test]
fn a_letter_signed_in_the_evening_is_dated_the_practices_day() {
    let mut v = outside(json!({}));
    v["content"][0]["attachment"]
        .as_object_mut()
        .unwrap()
        .remove("creation");
    v["date"] = json!("2026-02-02T04:30:00Z");
    let d = filed(&v);
    let zone: chrono_tz::Tz = "America/Chicago".parse().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
    let id = crate::ids::DocumentId::from_u128(1);
    let patient = crate::ids::PatientId::from_u128(2);
    let valid = super::validate(&d, id, patient, today, zone).unwrap();
    assert_eq!(valid.document_date, today);
    let utc = super::validate(
        &d,
        id,
        patient,
        today + chrono::Duration::days(1),
        chrono_tz::Tz::UTC,
    )
    .unwrap();
    assert_eq!(utc.document_date, today + chrono::Duration::days(1));
}

#[test]
fn bad_base64_is_an_issue_at_the_attachments_data() {
    let mut v = outside(json!({}));
    v["content"][0]["attachment"]["data"] = json!("not*base64");
    let (m, issues) = map(&v);
    assert!(matches!(m, Mapped::Skipped(r) if r.is_empty()));
    assert_eq!(
        issues,
        [(
            "DocumentReference/d".into(),
            "content[0].attachment.data".into()
        )]
    );
}

#[test]
fn bytes_that_are_not_what_the_file_says_are_an_issue() {
    let mut png_as_pdf = outside(json!({}));
    png_as_pdf["content"][0]["attachment"]["data"] = json!(base64(PNG));
    let mut f = Fields::new(&png_as_pdf, "DocumentReference/d".into());
    assert!(matches!(document(&mut f), Mapped::Skipped(_)));
    assert_eq!(f.issues[0].path, "content[0].attachment.data");
    assert!(
        f.issues[0].message.contains("PNG image"),
        "{}",
        f.issues[0].message
    );

    let mut empty = outside(json!({}));
    empty["content"][0]["attachment"]["data"] = json!("");
    assert_eq!(map(&empty).1[0].1, "content[0].attachment.data");

    let mut cut = outside(json!({}));
    cut["content"][0]["attachment"]["size"] = json!(PDF.len() + 10);
    assert_eq!(map(&cut).1[0].1, "content[0].attachment.size");

    let changed = outside(json!({ "extension": [ext("sha256", "valueString", &"ab".repeat(32))] }));
    assert_eq!(map(&changed).1[0].1, "extension (sha256)");
}

#[test]
fn a_file_charta_does_not_keep_stays_in_the_document_with_why() {
    let mut tiff = outside(json!({}));
    tiff["content"][0]["attachment"]["contentType"] = json!("image/tiff");
    assert_eq!(
        outcome(&tiff),
        "kept: a file of type image/tiff (Charta keeps PDF, PNG and JPEG)"
    );
    assert!(
        map(&tiff).1.is_empty(),
        "not an issue: the patient still comes in"
    );
    let mut link = outside(json!({}));
    link["content"] = json!([{ "attachment": { "contentType": "application/pdf",
                                               "url": "https://example.org/x.pdf" } }]);
    assert_eq!(outcome(&link), "kept: a file by link, not its bytes");
    let mut untyped = outside(json!({}));
    untyped["content"][0]["attachment"]["contentType"] = Value::Null;
    untyped["content"][0]["attachment"]["data"] = json!(base64(b"GIF89a...."));
    assert_eq!(
        outcome(&untyped),
        "kept: a file that is not PDF, PNG or JPEG"
    );
    untyped["content"][0]["attachment"]["data"] = json!(base64(PDF));
    assert_eq!(outcome(&untyped), "filed", "its content says it is a PDF");
}

#[test]
fn entered_in_error_and_replaced_documents_are_left_out() {
    let why = |status: &str| outcome(&outside(json!({ "status": status })));
    assert_eq!(why("entered-in-error"), "skipped: entered in error");
    assert_eq!(
        why("superseded"),
        "skipped: a document replaced by a later one"
    );
    let (_, issues) = map(&outside(json!({ "status": "lost" })));
    assert_eq!(issues, [("DocumentReference/d".into(), "status".into())]);
}

#[test]
fn the_category_comes_from_words_that_clearly_name_one_else_outside_record() {
    let by_type = |text: &str| filed(&outside(json!({ "type": { "text": text } }))).category;
    assert_eq!(by_type("Lab report"), DocumentCategory::LabReport);
    assert_eq!(
        by_type("Signed consent for surgery"),
        DocumentCategory::ConsentForm
    );
    assert_eq!(by_type("Radiology report"), DocumentCategory::ImagingReport);
    assert_eq!(
        by_type("Discharge summary"),
        DocumentCategory::OutsideRecord
    );
    let by_category = filed(&outside(json!({
        "type": { "text": "Scan" }, "category": [{ "text": "Correspondence" }],
    })));
    assert_eq!(by_category.category, DocumentCategory::Correspondence);
    let unknown_code = filed(&outside(json!({
        "extension": [ext("documentCategory", "valueCode", "recipe")],
    })));
    assert_eq!(
        unknown_code.category,
        DocumentCategory::SpecialistReport,
        "a code Charta does not have falls back to the type"
    );
}

#[test]
fn titles_and_dates_fall_back_and_an_undated_file_says_so() {
    let mut v = outside(json!({}));
    let o = v.as_object_mut().unwrap();
    o.remove("description");
    o.remove("date");
    v["content"][0]["attachment"]
        .as_object_mut()
        .unwrap()
        .remove("creation");
    let d = filed(&v);
    assert_eq!(d.title, "consult.pdf", "the attachment's title");
    assert_eq!(d.document_date, None);
    assert!(d.note.starts_with("Undated"), "{}", d.note);
    assert!(d.path_of("documentDate").starts_with("date"));
    // A note of the file's as long as the form takes is kept whole, without the notice.
    let full = "n".repeat(2000);
    let mut long = v.clone();
    long["extension"] = json!([{ "url": format!("{EXTENSION_BASE}/note"), "valueString": full }]);
    assert_eq!(filed(&long).note, full);
    v["date"] = json!("2018-07");
    assert_eq!(
        filed(&v).document_date,
        NaiveDate::from_ymd_opt(2018, 7, 1),
        "a month means its first day"
    );
    v["content"][0]["attachment"]["creation"] = json!("yesterday");
    assert_eq!(map(&v).1[0].1, "content[0].attachment.creation");
}

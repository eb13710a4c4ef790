//! The Encounter, note and diagnosis mappings on single resources.

use super::{diagnosis, encounter, note, Diagnosis, Note, Visit};
use crate::chart::outside_visits::{OutsideDiagnosisDraft, VisitClass};
use crate::fhir::import::fields::Fields;
use crate::fhir::import::read::Names;
use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

fn map(v: &Value, from_charta: bool) -> (Visit, Vec<String>) {
    let mut f = Fields::new(v, "Encounter/e".into());
    let m = encounter(&mut f, &Names::default(), from_charta, "urn:old|1");
    (m, f.issues.iter().map(|i| i.path.clone()).collect())
}

fn filed(v: &Value) -> crate::chart::outside_visits::OutsideVisitDraft {
    match map(v, false) {
        (Visit::Filed(g), issues) if issues.is_empty() => g.finish(),
        (_, issues) => panic!("not filed: {v} ({issues:?})"),
    }
}

fn visit(extra: Value) -> Value {
    let mut v = json!({
        "resourceType": "Encounter", "status": "finished",
        "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "EMER" },
        "type": [{ "coding": [{ "system": "http://snomed.info/sct", "code": "50849002",
                                "display": "Emergency room admission (procedure)" }] }],
        "period": { "start": "2019-06-01T09:30:00+02:00", "end": "2019-06-01T11:00:00+02:00" },
        "reasonCode": [{ "text": "Sprain" }, { "coding": [{ "display": "Dizziness (finding)" }] }],
        "participant": [{ "individual": { "display": "Dr. Sarah Rossi" } }],
        "serviceProvider": { "display": "Nantucket Cottage Hospital" },
    });
    if let (Some(v), Some(extra)) = (v.as_object_mut(), extra.as_object()) {
        v.extend(extra.clone());
    }
    v
}

#[test]
fn an_encounter_becomes_an_outside_visit_with_its_date_class_type_reason_and_people() {
    let d = filed(&visit(json!({})));
    assert_eq!(
        d.started_at,
        Utc.with_ymd_and_hms(2019, 6, 1, 7, 30, 0).unwrap()
    );
    assert_eq!(
        d.ended_at,
        Some(Utc.with_ymd_and_hms(2019, 6, 1, 9, 0, 0).unwrap())
    );
    assert_eq!(d.visit_class, VisitClass::Emergency);
    assert_eq!(d.visit_type, "Emergency room admission");
    assert_eq!(d.reason, "Sprain; Dizziness");
    assert_eq!(d.clinician, "Dr. Sarah Rossi");
    assert_eq!(d.place, "Nantucket Cottage Hospital");
    assert_eq!(d.source, "urn:old|1", "the patient's source record");
    let charta = filed(&visit(json!({
        "extension": [{ "url": "https://charta.invalid/fhir/StructureDefinition/recordedElsewhere",
                        "valueString": "urn:first|9" }],
        "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "code": "UNK" },
        "period": { "start": "2019-06" },
    })));
    assert_eq!(charta.source, "urn:first|9", "where it was recorded, kept");
    assert_eq!(charta.visit_class, VisitClass::Other);
    assert_eq!(
        charta.started_at,
        Utc.with_ymd_and_hms(2019, 6, 1, 12, 0, 0).unwrap(),
        "a month means its first day"
    );
}

#[test]
fn encounters_that_did_not_take_place_are_left_out_or_kept_with_the_reason() {
    let why = |status: &str, from_charta: bool| match map(
        &visit(json!({ "status": status })),
        from_charta,
    )
    .0
    {
        Visit::Skipped(r) => format!("skipped: {r}"),
        Visit::Kept(r) => format!("kept: {r}"),
        Visit::Filed(_) => "filed".into(),
    };
    assert_eq!(why("entered-in-error", false), "skipped: entered in error");
    assert_eq!(why("cancelled", false), "skipped: cancelled");
    assert_eq!(why("planned", false), "kept: a visit not yet held");
    assert_eq!(why("in-progress", false), "filed");
    assert_eq!(
        why("in-progress", true),
        "kept: a visit whose note was never signed",
        "Charta's own unsigned visit stays in the document"
    );
    let (_, issues) = map(&visit(json!({ "status": "done" })), false);
    assert_eq!(issues, ["status"]);
    let (undated, _) = map(&visit(json!({ "period": { "end": "2019-01-01" } })), false);
    assert!(matches!(undated, Visit::Kept(_)));
}

#[test]
fn malformed_dates_are_issues_at_their_path() {
    for (period, path) in [
        (json!({ "start": "2019-02-30T10:00:00Z" }), "period.start"),
        (json!({ "start": "2019-02-03T10:00:00" }), "period.start"),
        (json!({ "start": 20190203 }), "period.start"),
        (
            json!({ "start": "2019-02-03", "end": "soon" }),
            "period.end",
        ),
    ] {
        let (m, issues) = map(&visit(json!({ "period": period })), false);
        assert_eq!(issues, [path], "{period}");
        assert!(matches!(m, Visit::Skipped(r) if r.is_empty()));
    }
}

fn note_of(v: Value) -> Note {
    let mut f = Fields::new(&v, "DocumentReference/d".into());
    note(&mut f, 0)
}

fn text_note(text: &str) -> Value {
    json!({
        "resourceType": "DocumentReference", "status": "current",
        "content": [{ "attachment": { "contentType": "text/plain; charset=utf-8",
                                      "data": crate::fhir::base64(text.as_bytes()) } }],
    })
}

#[test]
fn a_plain_text_note_is_read_and_other_notes_stay_in_the_document() {
    assert!(
        matches!(note_of(text_note("Seen today.\n")), Note::Piece(p) if p.text == "Seen today.")
    );
    let pdf = json!({ "resourceType": "DocumentReference", "status": "current",
        "content": [{ "attachment": { "contentType": "application/pdf", "data": "JVBERi0=" } }] });
    assert!(matches!(note_of(pdf), Note::Kept(_)));
    let mut erroneous = text_note("x");
    erroneous["status"] = json!("entered-in-error");
    assert!(matches!(note_of(erroneous), Note::Skipped(r) if r == "entered in error"));
    let mut broken = text_note("x");
    broken["content"][0]["attachment"]["data"] = json!("not*base64");
    let mut f = Fields::new(&broken, "DocumentReference/d".into());
    assert!(matches!(note(&mut f, 0), Note::Skipped(_)));
    assert_eq!(f.issues[0].path, "content[0].attachment.data");
}

#[test]
fn the_note_comes_first_and_amendments_follow_by_date() {
    let (Visit::Filed(mut g), _) = map(&visit(json!({})), false) else {
        panic!("not filed");
    };
    let mut later = text_note("Second fix.");
    later["date"] = json!("2020-03-02T10:00:00Z");
    later["description"] = json!("Amendment: wrong side");
    later["relatesTo"] =
        json!([{ "code": "appends", "target": { "reference": "DocumentReference/n" } }]);
    let mut earlier = later.clone();
    earlier["date"] = json!("2020-03-01T10:00:00Z");
    earlier["content"][0]["attachment"]["data"] = json!(crate::fhir::base64(b"First fix."));
    for (order, v) in [later, text_note("Subjective:\nCough"), earlier]
        .into_iter()
        .enumerate()
    {
        let mut f = Fields::new(&v, "DocumentReference/d".into());
        let Note::Piece(p) = note(&mut f, order) else {
            panic!("not a note piece");
        };
        g.add_note(p);
    }
    assert_eq!(
        g.finish().note,
        "Subjective:\nCough\n\nAmendment, 2020-03-01: wrong side\nFirst fix.\n\n\
         Amendment, 2020-03-02: wrong side\nSecond fix."
    );
}

#[test]
fn diagnoses_keep_their_coding_and_the_encounter_s_rank_order() {
    let (Visit::Filed(mut g), _) = map(
        &visit(json!({ "diagnosis": [
            { "condition": { "reference": "Condition/b" }, "rank": 1 },
            { "condition": { "reference": "Condition/a" }, "rank": 2 },
        ] })),
        false,
    ) else {
        panic!("not filed");
    };
    let condition =
        |codings: Value| json!({ "resourceType": "Condition", "code": { "coding": codings } });
    let dx = |v: &Value| {
        let mut f = Fields::new(v, "Condition/x".into());
        match diagnosis(&mut f) {
            Diagnosis::Filed(d) => d,
            _ => panic!("not a diagnosis: {v}"),
        }
    };
    let a = dx(&condition(json!([
        { "system": "http://snomed.info/sct", "code": "444814009", "display": "Viral sinusitis (disorder)" },
        { "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "J01.90", "display": "Acute sinusitis" },
    ])));
    assert_eq!(
        a,
        OutsideDiagnosisDraft {
            code_system: Some("http://hl7.org/fhir/sid/icd-10-cm".into()),
            code: Some("J01.90".into()),
            description: "Viral sinusitis".into(),
        },
        "ICD-10-CM first; the words as the first display says them"
    );
    let b = dx(&json!({ "resourceType": "Condition", "code": { "text": "Back pain" } }));
    assert_eq!((b.code_system.as_deref(), b.code.as_deref()), (None, None));
    g.add_diagnosis(a, &["Condition/a", ""], 0);
    g.add_diagnosis(b, &["Condition/b", ""], 1);
    let names: Vec<String> = g
        .finish()
        .diagnoses
        .into_iter()
        .map(|d| d.description)
        .collect();
    assert_eq!(names, ["Back pain", "Viral sinusitis"]);
    let refuted = json!({ "resourceType": "Condition", "code": { "text": "Flu" },
        "verificationStatus": { "coding": [{ "code": "refuted" }] } });
    let mut f = Fields::new(&refuted, "Condition/r".into());
    assert!(matches!(diagnosis(&mut f), Diagnosis::Skipped(r) if r == "refuted"));
}

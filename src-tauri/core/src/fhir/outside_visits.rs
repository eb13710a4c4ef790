//! Outside visits (visits recorded in another system, filed by an import) as Encounter,
//! marked with Charta's `recordedElsewhere` extension (where it came from) and naming the
//! clinician and the place by display only; the note as a DocumentReference of the encounter;
//! each diagnosis as a Condition (category encounter-diagnosis) linked by `encounter`.

use super::build::{list, obj};
use super::import::{NULL_FLAVOR, RECORDED_ELSEWHERE};
use super::{
    coded, extension, hl7_concept, push_entered_in_error, reference, text_concept,
    visit_note_content, PatientRecord, Sink, LOINC,
};
use crate::chart::outside_visits::VisitClass;
use crate::store::record_rows::{RecordTable, StoredRow};
use serde_json::Value;

fn class(row: &StoredRow) -> Value {
    let stored = row.text("visit_class").and_then(VisitClass::parse);
    match stored.and_then(VisitClass::act_code) {
        Some((code, display)) => obj! {
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "code": code,
            "display": display,
        },
        None => obj! { "system": NULL_FLAVOR, "code": "UNK", "display": "unknown" },
    }
}

pub(super) fn push_all(record: &PatientRecord, pid: &str, out: &mut dyn Sink) {
    let diagnoses = super::by_parent(
        record.rows(RecordTable::OutsideVisitDiagnoses),
        "outside_visit_id",
    );
    for visit in record.rows(RecordTable::OutsideVisits) {
        let Some(id) = visit.text("id") else { continue };
        let erroneous = visit.text("entered_in_error_at").is_some();
        let own = diagnoses.get(id).map(Vec::as_slice).unwrap_or_default();
        let ranked: Vec<Value> = own
            .iter()
            .enumerate()
            .filter_map(|(n, d)| {
                d.text("id").map(|dx| {
                    obj! { "condition": reference("Condition", dx), "rank": n + 1 }
                })
            })
            .collect();
        out.push(obj! {
            "resourceType": "Encounter",
            "id": id,
            "extension": list![extension(RECORDED_ELSEWHERE, "valueString", visit.text("source"))],
            "status": if erroneous { "entered-in-error" } else { "finished" },
            "class": class(visit),
            "type": visit.text("visit_type").map(|t| list![text_concept(t)]),
            "subject": reference("Patient", pid),
            "participant": visit.text("clinician").map(|c| list![obj! {
                "individual": obj! { "display": c },
            }]),
            "period": obj! { "start": visit.text("started_at"), "end": visit.text("ended_at") },
            "reasonCode": visit.text("reason").map(|r| list![text_concept(r)]),
            "diagnosis": ranked,
            "serviceProvider": visit.text("place").map(|p| obj! { "display": p }),
        });
        push_entered_in_error(visit, "Encounter", id, out);
        push_note(visit, id, pid, erroneous, out);
        for d in own {
            push_diagnosis(d, id, pid, out);
        }
    }
}

fn push_note(visit: &StoredRow, id: &str, pid: &str, erroneous: bool, out: &mut dyn Sink) {
    let Some(text) = visit.text("note") else {
        return;
    };
    out.push(obj! {
        "resourceType": "DocumentReference",
        "id": ["note-", id].concat(),
        "status": if erroneous { "entered-in-error" } else { "current" },
        "docStatus": "final",
        "type": obj! { "coding": list![obj! { "system": LOINC, "code": "34109-9", "display": "Note" }] },
        "subject": reference("Patient", pid),
        "date": visit.text("started_at"),
        "description": "Note of a visit recorded elsewhere",
        "content": visit_note_content(text),
        "context": obj! {
            "encounter": list![reference("Encounter", id)],
            "period": obj! { "start": visit.text("started_at"), "end": visit.text("ended_at") },
        },
    });
}

fn push_diagnosis(row: &StoredRow, visit: &str, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let description = row.text("description").unwrap_or_default();
    let code = match row.text("code_system") {
        Some(system) => coded(system, row.text("code"), description),
        None => text_concept(description),
    };
    out.push(obj! {
        "resourceType": "Condition",
        "id": id,
        "verificationStatus": hl7_concept("condition-ver-status", "confirmed"),
        "category": list![hl7_concept("condition-category", "encounter-diagnosis")],
        "code": code,
        "subject": reference("Patient", pid),
        "encounter": reference("Encounter", visit),
    });
}

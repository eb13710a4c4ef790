//! Visits (Encounter), their SOAP notes and amendments (DocumentReference, with Provenance for
//! the signature and each amendment), and appointments (Appointment).

use super::build::{list, obj};
use super::{
    base64, extension, hl7_concept, provenance, push_entered_in_error, reference, text_concept,
    user_ref, visit_note_content, Activity, PatientRecord, Sink, LOINC,
};
use crate::store::record_rows::{RecordTable, StoredRow};
use serde_json::Value;

fn visit_class(visit_type: Option<&str>) -> Value {
    let (code, display) = match visit_type {
        Some("telephone") => ("VR", "virtual"),
        Some("home") => ("HH", "home health"),
        _ => ("AMB", "ambulatory"),
    };
    obj! {
        "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
        "code": code,
        "display": display,
    }
}

/// The signed (or draft) SOAP note as plain text.
fn note_text(visit: &StoredRow) -> String {
    [
        ("Subjective", "subjective"),
        ("Objective", "objective"),
        ("Assessment", "assessment"),
        ("Plan", "plan"),
    ]
    .iter()
    .filter_map(|(label, column)| visit.text(column).map(|t| format!("{label}:\n{t}")))
    .collect::<Vec<_>>()
    .join("\n\n")
}

pub(super) fn push_visits(record: &PatientRecord, pid: &str, out: &mut dyn Sink) {
    let diagnoses = super::by_parent(record.rows(RecordTable::VisitDiagnoses), "visit_id");
    for visit in record.rows(RecordTable::Visits) {
        let Some(id) = visit.text("id") else { continue };
        let erroneous = visit.text("entered_in_error_at").is_some();
        let signed = visit.text("signed_at").is_some();
        let status = if erroneous {
            "entered-in-error"
        } else if signed {
            "finished"
        } else {
            "in-progress"
        };
        let ranked: Vec<Value> = diagnoses
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|d| d.text("entered_in_error_at").is_none())
            .enumerate()
            .filter_map(|(n, d)| {
                d.text("id").map(|dx| {
                    obj! {
                        "condition": reference("Condition", dx),
                        "rank": n + 1,
                        "use": d.flag("is_primary").then(|| hl7_concept("diagnosis-role", "billing")),
                    }
                })
            })
            .collect();
        out.push(obj! {
            "resourceType": "Encounter",
            "id": id,
            "status": status,
            "class": visit_class(visit.text("visit_type")),
            "type": list![text_concept(visit.text("visit_type").unwrap_or("office"))],
            "subject": reference("Patient", pid),
            "participant": list![obj! { "individual": user_ref(visit, "provider_id") }],
            "period": obj! { "start": visit.text("started_at") },
            "reasonCode": visit.text("reason").map(|r| list![text_concept(r)]),
            "diagnosis": ranked,
            "serviceProvider": reference("Organization", super::people::PRACTICE_ID),
        });
        push_entered_in_error(visit, "Encounter", id, out);
        push_note(visit, id, pid, erroneous, out);
    }
    for amendment in record.rows(RecordTable::NoteAmendments) {
        let (Some(id), Some(visit)) = (amendment.text("id"), amendment.text("visit_id")) else {
            continue;
        };
        out.push(obj! {
            "resourceType": "DocumentReference",
            "id": id,
            "status": "current",
            "docStatus": "amended",
            "type": progress_note_type(),
            "subject": reference("Patient", pid),
            "date": amendment.text("created_at"),
            "author": list![user_ref(amendment, "author_id")],
            "description": amendment.text("reason").map(|r| format!("Amendment: {r}")),
            "relatesTo": list![obj! {
                "code": "appends",
                "target": reference("DocumentReference", &format!("note-{visit}")),
            }],
            "content": list![obj! { "attachment": obj! {
                "contentType": "text/plain",
                "data": amendment.text("text").map(|t| base64(t.as_bytes())),
                "title": "Amendment",
            } }],
            "context": obj! { "encounter": list![reference("Encounter", visit)] },
        });
        if let Some(at) = amendment.text("created_at") {
            out.push(provenance(
                format!("amend-{id}"),
                reference("DocumentReference", &format!("note-{visit}")),
                Activity::Amended,
                at,
                user_ref(amendment, "author_id"),
                amendment.text("reason"),
            ));
        }
    }
    for appointment in record.rows(RecordTable::Appointments) {
        push_appointment(appointment, pid, out);
    }
}

fn push_note(visit: &StoredRow, id: &str, pid: &str, erroneous: bool, out: &mut dyn Sink) {
    let text = note_text(visit);
    if text.is_empty() {
        return;
    }
    let note_id = format!("note-{id}");
    let signed_at = visit.text("signed_at");
    out.push(obj! {
        "resourceType": "DocumentReference",
        "id": note_id.as_str(),
        "status": if erroneous { "entered-in-error" } else { "current" },
        "docStatus": if signed_at.is_some() { "final" } else { "preliminary" },
        "type": progress_note_type(),
        "subject": reference("Patient", pid),
        "date": signed_at.or(visit.text("draft_saved_at")).or(visit.text("created_at")),
        "author": list![user_ref(visit, "provider_id")],
        "authenticator": user_ref(visit, "signed_by"),
        "description": visit.text("reason"),
        "content": visit_note_content(&text),
        "context": obj! {
            "encounter": list![reference("Encounter", id)],
            "period": obj! { "start": visit.text("started_at") },
        },
    });
    if let Some(at) = signed_at {
        out.push(provenance(
            format!("sig-{id}"),
            reference("DocumentReference", &note_id),
            Activity::Signed,
            at,
            user_ref(visit, "signed_by"),
            None,
        ));
    }
}

/// A visit note's (and an amendment's) document type.
fn progress_note_type() -> Value {
    obj! { "coding": list![obj! { "system": LOINC, "code": "11506-3", "display": "Progress note" }] }
}

fn appointment_status(status: Option<&str>) -> &'static str {
    match status {
        Some("arrived") => "arrived",
        Some("inRoom") | Some("withProvider") => "checked-in",
        Some("checkedOut") => "fulfilled",
        Some("noShow") => "noshow",
        Some("cancelled") => "cancelled",
        _ => "booked",
    }
}

fn push_appointment(a: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = a.text("id") else { return };
    let [series, occurrence, exception, rule] = super::series::extensions(a);
    let cancellation = a
        .text("cancel_kind")
        .map(|kind| match a.text("cancel_reason") {
            Some(reason) => text_concept(&format!("by {kind}: {reason}")),
            None => text_concept(&format!("by {kind}")),
        });
    out.push(obj! {
        "resourceType": "Appointment",
        "id": id,
        "extension": list![
            extension("appointmentStatus", "valueCode", a.text("status")),
            extension("overbookReason", "valueString", a.text("overbook_reason")),
            extension("visit", "valueReference", a.text("visit_id").map(|v| reference("Encounter", v))),
            series,
            occurrence,
            exception,
            rule,
        ],
        "status": appointment_status(a.text("status")),
        "cancelationReason": cancellation,
        "appointmentType": a.text("type_name").map(text_concept),
        "reasonCode": a.text("reason").map(|r| list![text_concept(r)]),
        "start": a.text("starts_at"),
        "end": a.text("ends_at"),
        "created": a.text("created_at"),
        "comment": a.text("note"),
        "participant": list![
            obj! { "actor": reference("Patient", pid), "status": "accepted" },
            obj! { "actor": user_ref(a, "provider_id"), "status": "accepted" },
            a.text("room_name").map(|room| obj! {
                "actor": obj! { "display": room },
                "status": "accepted",
            }),
        ],
    });
}

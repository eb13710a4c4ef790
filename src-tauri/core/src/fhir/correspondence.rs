//! What the practice exchanged about the patient: scanned documents and signed letters
//! (DocumentReference with their bytes), referrals (ServiceRequest, each status change a
//! note) and messages, tasks and phone notes (Communication).

use super::build::{list, obj};
use super::{
    base64, extension, provenance, push_entered_in_error, reference, text_concept, user_ref,
    Activity, PatientRecord, Sink, LOINC, SNOMED,
};
use crate::documents::DocumentCategory;
use crate::store::record_rows::{RecordTable, StoredRow};
use serde_json::Value;

pub(super) fn push_all(record: &PatientRecord, pid: &str, out: &mut dyn Sink) {
    for row in record.rows(RecordTable::Documents) {
        push_document(row, pid, out);
    }
    for row in record.rows(RecordTable::Letters) {
        push_letter(row, pid, out);
    }
    let changes = record.rows(RecordTable::ReferralChanges);
    for row in record.rows(RecordTable::Referrals) {
        push_referral(row, changes, pid, out);
    }
    for row in record.rows(RecordTable::Messages) {
        push_message(row, pid, out);
    }
}

fn status(row: &StoredRow) -> &'static str {
    if row.text("entered_in_error_at").is_some() {
        "entered-in-error"
    } else {
        "current"
    }
}

fn push_document(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    out.push(obj! {
        "resourceType": "DocumentReference",
        "id": id,
        "extension": list![
            extension("documentCategory", "valueCode", row.text("category")),
            extension("sha256", "valueString", row.text("sha256")),
            extension("reviewTask", "valueReference",
                row.text("task_message_id").map(|m| reference("Communication", m))),
            extension("note", "valueString", row.text("note")),
        ],
        "status": status(row),
        "type": text_concept(
            row.text("category")
                .and_then(DocumentCategory::parse)
                .map_or("Document", DocumentCategory::label),
        ),
        "category": list![text_concept("Scanned document")],
        "subject": reference("Patient", pid),
        "date": row.text("filed_at"),
        "author": list![user_ref(row, "filed_by")],
        "description": row.text("title"),
        "content": list![obj! { "attachment": obj! {
            "contentType": row.text("media_type"),
            "data": row.blob("content").map(base64),
            "size": row.int("byte_count"),
            "title": row.text("file_name"),
            "creation": row.text("document_date"),
        } }],
    });
    push_entered_in_error(row, "DocumentReference", id, out);
}

fn letter_type(kind: Option<&str>) -> Value {
    match kind {
        Some("referral") => obj! {
            "coding": list![obj! { "system": LOINC, "code": "57133-1", "display": "Referral note" }],
            "text": "Referral letter",
        },
        Some("workSchoolNote") => text_concept("Work or school note"),
        Some("resultsLetter") => text_concept("Results letter"),
        _ => text_concept("Letter"),
    }
}

fn push_letter(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let text = [row.text("recipient"), row.text("subject"), row.text("body")]
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join("\n\n");
    out.push(obj! {
        "resourceType": "DocumentReference",
        "id": id,
        "extension": list![extension("letterKind", "valueCode", row.text("kind"))],
        "status": status(row),
        "docStatus": "final",
        "type": letter_type(row.text("kind")),
        "category": list![text_concept("Letter")],
        "subject": reference("Patient", pid),
        "date": row.text("signed_at"),
        "author": list![user_ref(row, "signed_by")],
        "authenticator": user_ref(row, "signed_by"),
        "description": row.text("subject"),
        "content": list![
            obj! { "attachment": obj! {
                "contentType": "application/pdf",
                "data": row.blob("pdf").map(base64),
                "title": row.text("subject"),
            } },
            obj! { "attachment": obj! {
                "contentType": "text/plain",
                "data": base64(text.as_bytes()),
                "title": "Letter text",
            } },
        ],
    });
    if let Some(at) = row.text("signed_at") {
        out.push(provenance(
            format!("sig-{id}"),
            reference("DocumentReference", id),
            Activity::Signed,
            at,
            user_ref(row, "signed_by"),
            None,
        ));
    }
    push_entered_in_error(row, "DocumentReference", id, out);
}

fn push_referral(row: &StoredRow, changes: &[StoredRow], pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let notes: Vec<Value> = changes
        .iter()
        .filter(|c| c.text("referral_id") == Some(id))
        .map(|c| {
            let status = c.text("status").unwrap_or_default();
            let text = match c.text("note") {
                Some(n) => format!("{status}: {n}"),
                None => status.to_string(),
            };
            obj! {
                "authorReference": user_ref(c, "changed_by"),
                "time": c.text("changed_at"),
                "text": text,
            }
        })
        .collect();
    let reports: Vec<Value> = changes
        .iter()
        .filter(|c| c.text("referral_id") == Some(id))
        .filter_map(|c| {
            c.text("document_id")
                .map(|d| reference("DocumentReference", d))
        })
        .collect();
    let supporting: Vec<Value> = row
        .text("letter_id")
        .map(|l| reference("DocumentReference", l))
        .into_iter()
        .chain(reports)
        .collect();
    let specialty = row.text("specialty").unwrap_or("specialist");
    out.push(obj! {
        "resourceType": "ServiceRequest",
        "id": id,
        "extension": list![
            extension("referralStatus", "valueCode", row.text("status")),
            extension("expectedBy", "valueDate", row.text("expected_by")),
        ],
        "status": if row.text("status") == Some("closed") { "completed" } else { "active" },
        "intent": "order",
        "category": list![obj! { "coding": list![obj! {
            "system": SNOMED,
            "code": "3457005",
            "display": "Patient referral",
        }] }],
        "code": text_concept(&format!("Referral to {specialty}")),
        "subject": reference("Patient", pid),
        "authoredOn": row.text("created_at"),
        "requester": user_ref(row, "physician_id"),
        "performer": list![row.text("referred_to").map(|p| obj! { "display": p })],
        "reasonCode": row.text("reason").map(|r| list![text_concept(r)]),
        "supportingInfo": supporting,
        "note": notes,
    });
}

fn push_message(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let thread = row.text("thread_id").filter(|t| *t != id);
    let recipient = user_ref(row, "to_user").or(row.text("to_role").map(|r| {
        obj! { "display": match r {
            "physician" => "any physician",
            "nurse" => "any nurse",
            _ => "front desk",
        } }
    }));
    let call = match (row.text("caller"), row.text("callback_number")) {
        (None, None) => None,
        (caller, number) => Some(format!(
            "Caller: {}; call back: {}",
            caller.unwrap_or("-"),
            number.unwrap_or("-")
        )),
    };
    out.push(obj! {
        "resourceType": "Communication",
        "id": id,
        "extension": list![
            extension("messageKind", "valueCode", row.text("kind")),
            extension("dueOn", "valueDate", row.text("due_on")),
            extension("clinical", "valueBoolean", row.flag("clinical")),
            extension("doneAt", "valueDateTime", row.text("status_at")),
            extension("medication", "valueReference",
                row.text("medication_id").map(|m| reference("MedicationRequest", m))),
        ],
        "inResponseTo": thread.map(|t| list![reference("Communication", t)]),
        "status": if row.text("status") == Some("done") { "completed" } else { "in-progress" },
        "category": list![text_concept(match row.text("kind") {
            Some("task") => "Task",
            Some("phoneNote") => "Phone note",
            Some("refillRequest") => "Refill request",
            _ => "Message",
        })],
        "priority": if row.text("priority") == Some("urgent") { "urgent" } else { "routine" },
        "subject": reference("Patient", pid),
        "topic": row.text("subject").map(text_concept),
        "sent": row.text("created_at"),
        "sender": user_ref(row, "from_user"),
        "recipient": recipient.map(|r| list![r]),
        "payload": list![
            row.text("body").map(|b| obj! { "contentString": b }),
            call.map(|c| obj! { "contentString": c }),
        ],
    });
}

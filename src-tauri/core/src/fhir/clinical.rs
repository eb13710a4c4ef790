//! The clinical lists: Condition (problem list and visit diagnoses), AllergyIntolerance,
//! MedicationRequest / MedicationStatement, Immunization, FamilyMemberHistory and Procedure
//! (surgical history and screenings).

use super::build::{list, obj};
use super::{
    coded, extension, hl7_concept, note, push_entered_in_error, reference, text_concept, user_ref,
    PatientRecord, Sink, CVX, ICD10CM, RXNORM, SNOMED,
};
use crate::store::record_rows::{RecordTable, StoredRow};
use serde_json::Value;

pub(super) fn push_all(record: &PatientRecord, pid: &str, out: &mut dyn Sink) {
    for row in record.rows(RecordTable::Problems) {
        push_problem(row, pid, out);
    }
    for row in record.rows(RecordTable::VisitDiagnoses) {
        push_diagnosis(row, pid, out);
    }
    for row in record.rows(RecordTable::Allergies) {
        push_allergy(row, pid, out);
    }
    for row in record.rows(RecordTable::AllergyStatements) {
        push_allergy_statement(row, pid, out);
    }
    for row in record.rows(RecordTable::Medications) {
        push_medication(row, pid, out);
    }
    for row in record.rows(RecordTable::Immunizations) {
        push_immunization(row, pid, out);
    }
    for row in record.rows(RecordTable::FamilyHistory) {
        push_family_history(row, pid, out);
    }
    for row in record.rows(RecordTable::SurgicalHistory) {
        push_surgery(row, pid, out);
    }
    for row in record.rows(RecordTable::Screenings) {
        push_screening(row, pid, out);
    }
}

fn erroneous(row: &StoredRow) -> bool {
    row.text("entered_in_error_at").is_some()
}

/// The replaced history entry (family, surgical and social history keep the old one).
pub(super) fn replaces(row: &StoredRow, kind: &str) -> Value {
    extension(
        "replaces",
        "valueReference",
        row.text("replaces").map(|r| reference(kind, r)),
    )
}

fn verification(row: &StoredRow) -> Value {
    if erroneous(row) {
        hl7_concept("condition-ver-status", "entered-in-error")
    } else {
        hl7_concept("condition-ver-status", "confirmed")
    }
}

fn push_problem(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let status = row.text("status").unwrap_or("active");
    let ended = matches!(status, "resolved" | "inactive");
    out.push(obj! {
        "resourceType": "Condition",
        "id": id,
        "clinicalStatus": (!erroneous(row)).then(|| hl7_concept("condition-clinical", status)),
        "verificationStatus": verification(row),
        "category": list![hl7_concept("condition-category", "problem-list-item")],
        "code": coded(ICD10CM, row.text("code"), row.text("description").unwrap_or_default()),
        "subject": reference("Patient", pid),
        "onsetDateTime": row.text("onset_date"),
        "abatementDateTime": if ended { row.text("resolved_date") } else { None },
        "recordedDate": row.text("created_at"),
        "recorder": user_ref(row, "created_by"),
        "note": note(row.text("comment")),
    });
    push_entered_in_error(row, "Condition", id, out);
}

fn push_diagnosis(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    out.push(obj! {
        "resourceType": "Condition",
        "id": id,
        "verificationStatus": verification(row),
        "category": list![hl7_concept("condition-category", "encounter-diagnosis")],
        "code": coded(ICD10CM, row.text("code"), row.text("description").unwrap_or_default()),
        "subject": reference("Patient", pid),
        "encounter": row.text("visit_id").map(|v| reference("Encounter", v)),
        "recordedDate": row.text("added_at"),
        "recorder": user_ref(row, "added_by"),
    });
    push_entered_in_error(row, "Condition", id, out);
}

fn allergy_category(category: Option<&str>) -> Option<&'static str> {
    match category {
        Some("drug") | Some("drug_class") => Some("medication"),
        Some("food") => Some("food"),
        Some("environment") => Some("environment"),
        _ => None,
    }
}

fn push_allergy(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let substance = row.text("substance").unwrap_or_default();
    let reaction = row.text("reaction").map(|r| {
        list![obj! { "manifestation": list![text_concept(r)], "severity": row.text("severity") }]
    });
    out.push(obj! {
        "resourceType": "AllergyIntolerance",
        "id": id,
        "clinicalStatus": (!erroneous(row)).then(|| {
            hl7_concept("allergyintolerance-clinical", row.text("status").unwrap_or("active"))
        }),
        "verificationStatus": hl7_concept(
            "allergyintolerance-verification",
            if erroneous(row) { "entered-in-error" } else { "confirmed" },
        ),
        "type": row.text("kind"),
        "category": allergy_category(row.text("category")).map(|c| list![c]),
        "criticality": row.text("criticality").map(|c| c.replace('_', "-")),
        "code": coded("urn:charta:allergen", row.text("substance_code"), substance),
        "patient": reference("Patient", pid),
        "onsetDateTime": row.text("onset_date"),
        "recordedDate": row.text("recorded_at"),
        "recorder": user_ref(row, "recorded_by"),
        "note": note(row.text("comment")),
        "reaction": reaction,
    });
    push_entered_in_error(row, "AllergyIntolerance", id, out);
}

fn push_allergy_statement(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let (code, display, category) = match row.text("statement") {
        Some("no_known_drug_allergies") => ("409137002", "No known drug allergy", "medication"),
        _ => ("716186003", "No known allergy", "environment"),
    };
    let withdrawn = row.text("withdrawn_at").is_some();
    out.push(obj! {
        "resourceType": "AllergyIntolerance",
        "id": id,
        "clinicalStatus": hl7_concept(
            "allergyintolerance-clinical",
            if withdrawn { "inactive" } else { "active" },
        ),
        "verificationStatus": hl7_concept("allergyintolerance-verification", "confirmed"),
        "category": list![category],
        "code": coded(SNOMED, Some(code), display),
        "patient": reference("Patient", pid),
        "recordedDate": row.text("recorded_at"),
        "recorder": user_ref(row, "recorded_by"),
        "extension": list![extension("withdrawnAt", "valueDateTime", row.text("withdrawn_at"))],
    });
}

fn medication_code(row: &StoredRow) -> Value {
    coded(
        RXNORM,
        row.text("rxcui"),
        row.text("name").unwrap_or_default(),
    )
}

fn push_medication(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let stored = row.text("status").unwrap_or("active");
    let dosage = row.text("sig_text").map(|t| list![obj! { "text": t }]);
    let reason = row.text("indication").map(|r| list![text_concept(r)]);
    let status_reason = row
        .text("ended_reason")
        .or((stored == "superseded").then_some("superseded by a change"))
        .map(text_concept);
    let charta_status = extension("medicationStatus", "valueCode", stored);
    if row.text("origin") == Some("reported") {
        out.push(obj! {
            "resourceType": "MedicationStatement",
            "id": id,
            "extension": list![charta_status],
            "status": match stored {
                "stopped" | "superseded" => "stopped",
                "completed" => "completed",
                "enteredInError" => "entered-in-error",
                _ => "active",
            },
            "statusReason": status_reason.map(|r| list![r]),
            "medicationCodeableConcept": medication_code(row),
            "subject": reference("Patient", pid),
            "context": row.text("visit_id").map(|v| reference("Encounter", v)),
            "effectivePeriod": obj! { "start": row.text("start_date"), "end": row.text("end_date") },
            "dateAsserted": row.text("written_at"),
            "informationSource": row.text("reported_by").map(|r| obj! { "display": r }),
            "reasonCode": reason,
            "dosage": dosage,
        });
        return;
    }
    let prior = row
        .text("renews")
        .or(row.text("replaces"))
        .map(|m| reference("MedicationRequest", m));
    out.push(obj! {
        "resourceType": "MedicationRequest",
        "id": id,
        "extension": list![
            charta_status,
            extension("changeReason", "valueString", row.text("change_reason")),
            extension("controlledSchedule", "valueCode", row.text("controlled")),
        ],
        "status": match stored {
            "draft" => "draft",
            "stopped" | "superseded" => "stopped",
            "completed" => "completed",
            "enteredInError" => "entered-in-error",
            _ => "active",
        },
        "statusReason": status_reason,
        "intent": "order",
        "medicationCodeableConcept": medication_code(row),
        "subject": reference("Patient", pid),
        "encounter": row.text("visit_id").map(|v| reference("Encounter", v)),
        "authoredOn": row.text("signed_at").or(row.text("written_at")),
        "requester": user_ref(row, "signed_by").or(user_ref(row, "written_by")),
        "recorder": user_ref(row, "written_by"),
        "reasonCode": reason,
        "note": note(row.text("note_to_pharmacist")),
        "dosageInstruction": dosage,
        "dispenseRequest": obj! {
            "numberOfRepeatsAllowed": row.int("refills"),
            "quantity": row.real("quantity").map(|q| obj! {
                "value": q,
                "unit": row.text("quantity_unit"),
            }),
            "validityPeriod": obj! { "start": row.text("start_date"), "end": row.text("end_date") },
        },
        "substitution": obj! { "allowedBoolean": !row.flag("dispense_as_written") },
        "priorPrescription": prior,
    });
    if let Some(at) = row.text("signed_at") {
        out.push(super::provenance(
            format!("sig-{id}"),
            reference("MedicationRequest", id),
            super::Activity::Signed,
            at,
            user_ref(row, "signed_by"),
            None,
        ));
    }
}

fn push_immunization(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let kind = row.text("kind").unwrap_or("given");
    let status = if erroneous(row) {
        "entered-in-error"
    } else if kind == "refused" {
        "not-done"
    } else {
        "completed"
    };
    let performer = user_ref(row, "given_by")
        .or(row.text("given_by_name").map(|n| obj! { "display": n }))
        .map(|actor| list![obj! { "actor": actor }]);
    out.push(obj! {
        "resourceType": "Immunization",
        "id": id,
        "status": status,
        "statusReason": row.text("refusal_reason").map(text_concept),
        "vaccineCode": coded(CVX, row.text("cvx"), row.text("vaccine").unwrap_or_default()),
        "patient": reference("Patient", pid),
        "encounter": row.text("visit_id").map(|v| reference("Encounter", v)),
        "occurrenceDateTime": row.text("given_on"),
        "recorded": row.text("recorded_at"),
        "primarySource": kind == "given",
        "reportOrigin": row.text("source_note").map(text_concept),
        "manufacturer": row.text("manufacturer").map(|m| obj! { "display": m }),
        "lotNumber": row.text("lot"),
        "expirationDate": row.text("expires_on"),
        "site": row.text("site").map(text_concept),
        "route": row.text("route").map(text_concept),
        "performer": performer,
        "education": row.text("vis_date").map(|d| list![obj! {
            "documentType": "Vaccine Information Statement",
            "publicationDate": d,
        }]),
        "protocolApplied": row.int("dose_number")
            .map(|n| list![obj! { "doseNumberPositiveInt": n }]),
    });
    push_entered_in_error(row, "Immunization", id, out);
}

fn relationship(relative: &str) -> Value {
    let code = match relative.trim().to_lowercase().as_str() {
        "mother" => Some("MTH"),
        "father" => Some("FTH"),
        "sister" => Some("SIS"),
        "brother" => Some("BRO"),
        "son" => Some("SON"),
        "daughter" => Some("DAU"),
        "grandmother" => Some("GRMTH"),
        "grandfather" => Some("GRFTH"),
        "aunt" => Some("AUNT"),
        "uncle" => Some("UNCLE"),
        "child" => Some("CHILD"),
        "sibling" => Some("SIB"),
        "parent" => Some("PRN"),
        _ => None,
    };
    coded(
        "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
        code,
        relative,
    )
}

fn push_family_history(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    out.push(obj! {
        "resourceType": "FamilyMemberHistory",
        "id": id,
        "extension": list![
            replaces(row, "FamilyMemberHistory"),
            extension("supersededAt", "valueDateTime", row.text("superseded_at")),
        ],
        "status": if erroneous(row) { "entered-in-error" } else { "completed" },
        "patient": reference("Patient", pid),
        "date": row.text("recorded_at"),
        "relationship": relationship(row.text("relative").unwrap_or("relative")),
        "condition": list![obj! {
            "code": coded(ICD10CM, row.text("code"), row.text("condition").unwrap_or_default()),
            "onsetAge": row.int("onset_age").map(|a| obj! {
                "value": a, "unit": "a", "system": super::UCUM, "code": "a",
            }),
            "note": note(row.text("comment")),
        }],
    });
    push_entered_in_error(row, "FamilyMemberHistory", id, out);
}

fn push_surgery(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    out.push(obj! {
        "resourceType": "Procedure",
        "id": id,
        "extension": list![
            replaces(row, "Procedure"),
            extension("supersededAt", "valueDateTime", row.text("superseded_at")),
        ],
        "status": if erroneous(row) { "entered-in-error" } else { "completed" },
        "category": coded(SNOMED, Some("387713003"), "Surgical procedure"),
        "code": text_concept(row.text("procedure").unwrap_or("procedure")),
        "subject": reference("Patient", pid),
        "performedDateTime": row.text("performed_on"),
        "recorder": user_ref(row, "recorded_by"),
        "note": note(row.text("comment")),
    });
    push_entered_in_error(row, "Procedure", id, out);
}

fn push_screening(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let procedure = row.text("procedure").unwrap_or("screening");
    let outcome = match (row.int("score"), row.text("result_note")) {
        (Some(score), Some(n)) => Some(format!("score {score}; {n}")),
        (Some(score), None) => Some(format!("score {score}")),
        (None, n) => n.map(str::to_string),
    };
    out.push(obj! {
        "resourceType": "Procedure",
        "id": id,
        "extension": list![
            extension("screening", "valueCode", procedure),
            extension("place", "valueCode", row.text("place")),
            extension("score", "valueInteger", row.int("score")),
        ],
        "status": if erroneous(row) { "entered-in-error" } else { "completed" },
        "category": coded(SNOMED, Some("20135006"), "Screening procedure"),
        "code": text_concept(&procedure.replace('_', " ")),
        "subject": reference("Patient", pid),
        "performedDateTime": row.text("performed_on"),
        "recorder": user_ref(row, "recorded_by"),
        "location": row.text("facility").map(|f| obj! { "display": f }),
        "outcome": outcome.map(|o| text_concept(&o)),
    });
    push_entered_in_error(row, "Procedure", id, out);
}

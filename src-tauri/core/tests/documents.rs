//! Scanned documents in the chart: a PDF or image filed and opened byte for byte, the
//! content checked by its signature and its size with field errors that write nothing, the
//! desk kept out of clinical documents it may file, the review task filing sends, the
//! entered-in-error mark that keeps the original, and the audit of every read.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod medications_common;

use charta_core::audit::{AuditQuery, Outcome};
use charta_core::documents::{
    DocumentCategory, DocumentDraft, DocumentTask, MediaType, MAX_DOCUMENT_BYTES,
};
use charta_core::ids::{DocumentId, MessageId};
use charta_core::messages::{InboxFilter, Priority, Recipient};
use charta_core::permissions::Role;
use charta_core::testing::test_now;
use charta_core::CoreError;
use chrono::{Duration, NaiveDate};
use medications_common::{world, World};

/// A small PDF-signed file with recognisable text.
fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes()
}

const PNG: [u8; 12] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

fn draft(patient: charta_core::PatientId, category: DocumentCategory) -> DocumentDraft {
    DocumentDraft {
        patient_id: patient,
        category,
        title: "Cardiology consult, Dr Lee".into(),
        document_date: NaiveDate::from_ymd_opt(2025, 11, 3).unwrap(),
        file_name: "/home/desk/scans/lee-consult.pdf".into(),
        declared_type: "application/pdf".into(),
        note: "Echo normal; see page 2.".into(),
        task: None,
    }
}

fn fields(e: &CoreError) -> Vec<String> {
    match e {
        CoreError::Invalid(errors) => errors.iter().map(|f| f.field.clone()).collect(),
        other => panic!("not a field error: {other:?}"),
    }
}

fn message_of(e: &CoreError) -> String {
    match e {
        CoreError::Invalid(errors) => errors.iter().map(|f| f.message.clone()).collect(),
        other => other.to_string(),
    }
}

fn audit(w: &mut World) -> Vec<charta_core::audit::AuditEntry> {
    let admin = w.staff.admin.clone();
    w.db.as_user(&admin)
        .audit_report(&AuditQuery::default(), test_now())
        .unwrap()
        .entries
}

fn document_count(w: &mut World) -> usize {
    let doc = w.staff.physician.clone();
    w.db.as_user(&doc)
        .patient_documents(w.patient, test_now())
        .unwrap()
        .len()
}

#[test]
fn a_filed_pdf_is_listed_without_its_bytes_and_opens_byte_for_byte() {
    let mut w = world();
    let nurse = w.staff.nurse.clone();
    let bytes = pdf("Left ventricular function normal");
    let filed =
        w.db.as_user(&nurse)
            .file_document(
                &draft(w.patient, DocumentCategory::SpecialistReport),
                &bytes,
                DocumentId::from_u128(1),
                MessageId::from_u128(1),
                test_now(),
            )
            .unwrap();
    assert_eq!(filed.media_type, MediaType::Pdf);
    assert_eq!(filed.byte_count as usize, bytes.len());
    assert_eq!(filed.file_name, "lee-consult.pdf", "the path is not kept");
    assert_eq!(filed.filed_by_name, w.staff.nurse.display_name());
    assert!(filed.clinical && filed.viewable);
    assert_eq!(filed.task_message_id, None);

    let doc = w.staff.physician.clone();
    let list =
        w.db.as_user(&doc)
            .patient_documents(w.patient, test_now())
            .unwrap();
    assert_eq!(list, vec![filed.clone()]);
    let opened =
        w.db.as_user(&doc)
            .open_document(filed.id, test_now())
            .unwrap();
    assert_eq!(opened, bytes);

    let log = audit(&mut w);
    for action in ["file_document", "view_documents", "open_document"] {
        let row = log
            .iter()
            .find(|r| r.action == action)
            .unwrap_or_else(|| panic!("no {action} row"));
        assert_eq!(
            row.patient_id,
            Some(w.patient),
            "{action} names the patient"
        );
        assert_eq!(row.outcome, Outcome::Ok);
    }
}

#[test]
fn the_content_decides_the_type_and_oversized_or_unknown_files_are_refused_by_field() {
    let mut w = world();
    let desk = w.staff.front_desk.clone();
    let mut file = |bytes: &[u8], declared: &str, n: u128| {
        let mut d = draft(w.patient, DocumentCategory::InsuranceCard);
        d.declared_type = declared.into();
        w.db.as_user(&desk).file_document(
            &d,
            bytes,
            DocumentId::from_u128(n),
            MessageId::from_u128(n),
            test_now(),
        )
    };
    let empty = file(b"", "application/pdf", 1).unwrap_err();
    assert_eq!(fields(&empty), ["file"]);
    assert!(message_of(&empty).contains("empty"));

    let gif = file(b"GIF89a\x01\x00", "image/gif", 2).unwrap_err();
    assert_eq!(fields(&gif), ["file"]);
    assert!(
        message_of(&gif).contains("Only PDF, PNG and JPEG"),
        "{gif:?}"
    );

    // A PNG renamed to .pdf: the picker's type disagrees with the content.
    let renamed = file(&PNG, "application/pdf", 3).unwrap_err();
    assert_eq!(fields(&renamed), ["file"]);
    assert!(message_of(&renamed).contains("PNG image"), "{renamed:?}");

    let mut big = pdf("big");
    big.resize(MAX_DOCUMENT_BYTES + 1, b' ');
    let too_big = file(&big, "application/pdf", 4).unwrap_err();
    assert_eq!(fields(&too_big), ["file"]);
    assert!(
        message_of(&too_big).contains("the limit is 20.0 MB"),
        "{too_big:?}"
    );

    // Right at the limit is kept; an undeclared type is taken from the content.
    big.truncate(MAX_DOCUMENT_BYTES);
    assert_eq!(
        file(&big, "application/pdf", 5).unwrap().byte_count as usize,
        MAX_DOCUMENT_BYTES
    );
    assert_eq!(file(&PNG, "", 6).unwrap().media_type, MediaType::Png);
    assert_eq!(
        file(&[0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg", 7)
            .unwrap()
            .media_type,
        MediaType::Jpeg
    );
    assert_eq!(document_count(&mut w), 3, "the refused files wrote nothing");
}

#[test]
fn every_wrong_field_is_named_at_once_and_nothing_is_written() {
    let mut w = world();
    let nurse = w.staff.nurse.clone();
    let mut d = draft(w.patient, DocumentCategory::OutsideRecord);
    d.title = "   ".into();
    d.document_date = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    d.note = "x".repeat(2001);
    let err =
        w.db.as_user(&nurse)
            .file_document(
                &d,
                b"not a pdf",
                DocumentId::from_u128(1),
                MessageId::from_u128(1),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(fields(&err), ["file", "title", "documentDate", "note"]);
    assert_eq!(document_count(&mut w), 0);
}

#[test]
fn the_desk_files_a_clinical_record_it_cannot_open_and_opens_the_insurance_card() {
    let mut w = world();
    let desk = w.staff.front_desk.clone();
    let record =
        w.db.as_user(&desk)
            .file_document(
                &draft(w.patient, DocumentCategory::OutsideRecord),
                &pdf("Discharge summary: pneumonia"),
                DocumentId::from_u128(1),
                MessageId::from_u128(1),
                test_now(),
            )
            .unwrap();
    assert!(!record.viewable);
    let mut front = draft(w.patient, DocumentCategory::InsuranceCard);
    front.declared_type = "image/png".into();
    let card =
        w.db.as_user(&desk)
            .file_document(
                &front,
                &PNG,
                DocumentId::from_u128(2),
                MessageId::from_u128(2),
                test_now(),
            )
            .unwrap();
    let list =
        w.db.as_user(&desk)
            .patient_documents(w.patient, test_now())
            .unwrap();
    let viewable: Vec<(DocumentId, bool)> = list.iter().map(|d| (d.id, d.viewable)).collect();
    assert!(viewable.contains(&(record.id, false)) && viewable.contains(&(card.id, true)));
    let refused =
        w.db.as_user(&desk)
            .open_document(record.id, test_now())
            .unwrap_err();
    assert!(matches!(refused, CoreError::Forbidden(_)), "{refused:?}");
    assert_eq!(
        w.db.as_user(&desk)
            .open_document(card.id, test_now())
            .unwrap(),
        PNG
    );
    let denied = audit(&mut w)
        .into_iter()
        .filter(|r| r.action == "open_document" && r.outcome == Outcome::Denied)
        .count();
    assert_eq!(denied, 1, "the refused open is audited");
    // The admin files nothing and reads no chart.
    let admin = w.staff.admin.clone();
    let err =
        w.db.as_user(&admin)
            .patient_documents(w.patient, test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)));
}

#[test]
fn filing_can_send_a_review_task_that_reaches_the_physicians_inbox() {
    let mut w = world();
    let desk = w.staff.front_desk.clone();
    let mut d = draft(w.patient, DocumentCategory::OutsideRecord);
    d.task = Some(DocumentTask {
        to: Recipient::Role {
            role: Role::Physician,
        },
        note: "Records from her previous practice.".into(),
        priority: Priority::Routine,
        due_on: Some(test_now().date_naive() + Duration::days(7)),
    });
    // A task with a passed due date is refused under the task's own field, with nothing kept.
    let mut late = d.clone();
    if let Some(t) = late.task.as_mut() {
        t.due_on = Some(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
    }
    let err =
        w.db.as_user(&desk)
            .file_document(
                &late,
                &pdf("old"),
                DocumentId::from_u128(1),
                MessageId::from_u128(1),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(fields(&err), ["task.dueOn"]);
    assert_eq!(document_count(&mut w), 0, "no document without its task");

    let filed =
        w.db.as_user(&desk)
            .file_document(
                &d,
                &pdf("Records"),
                DocumentId::from_u128(2),
                MessageId::from_u128(2),
                test_now(),
            )
            .unwrap();
    assert_eq!(filed.task_message_id, Some(MessageId::from_u128(2)));
    let doc = w.staff.physician.clone();
    let inbox =
        w.db.as_user(&doc)
            .message_inbox(InboxFilter::Open, test_now())
            .unwrap();
    let task = &inbox.threads[0].first;
    assert_eq!(task.subject, "Review: Cardiology consult, Dr Lee");
    assert_eq!(task.patient.as_ref().map(|p| p.id), Some(w.patient));
    assert!(task.clinical, "an outside record's task is clinical");
    assert_eq!(inbox.counts.unread, 1);
}

#[test]
fn a_document_in_error_keeps_its_bytes_and_the_database_refuses_to_delete_or_rewrite_it() {
    let mut w = world();
    let nurse = w.staff.nurse.clone();
    let bytes = pdf("wrong patient's scan");
    let filed =
        w.db.as_user(&nurse)
            .file_document(
                &draft(w.patient, DocumentCategory::LabReport),
                &bytes,
                DocumentId::from_u128(1),
                MessageId::from_u128(1),
                test_now(),
            )
            .unwrap();
    let err =
        w.db.as_user(&nurse)
            .document_entered_in_error(filed.id, "  ", test_now())
            .unwrap_err();
    assert_eq!(fields(&err), ["reason"]);
    let later = test_now() + Duration::minutes(3);
    let marked =
        w.db.as_user(&nurse)
            .document_entered_in_error(filed.id, "Wrong patient", later)
            .unwrap();
    assert_eq!(marked.entered_in_error_at, Some(later));
    assert_eq!(
        marked.entered_in_error_reason.as_deref(),
        Some("Wrong patient")
    );
    assert_eq!(marked.title, filed.title, "the original stays readable");
    let again =
        w.db.as_user(&nurse)
            .document_entered_in_error(filed.id, "Twice", later)
            .unwrap_err();
    assert_eq!(fields(&again), ["reason"]);
    assert_eq!(
        w.db.as_user(&nurse).open_document(filed.id, later).unwrap(),
        bytes
    );
    // The desk may not withdraw a clinical document it cannot read.
    let desk = w.staff.front_desk.clone();
    let mut other = draft(w.patient, DocumentCategory::ImagingReport);
    other.title = "Chest X-ray".into();
    let xray =
        w.db.as_user(&desk)
            .file_document(
                &other,
                &pdf("xray"),
                DocumentId::from_u128(2),
                MessageId::from_u128(2),
                test_now(),
            )
            .unwrap();
    assert!(matches!(
        w.db.as_user(&desk)
            .document_entered_in_error(xray.id, "Mine", later)
            .unwrap_err(),
        CoreError::Forbidden(_)
    ));
    for sql in [
        "DELETE FROM documents",
        "DELETE FROM document_contents",
        "UPDATE document_contents SET content = x'00'",
        "UPDATE documents SET title = 'changed'",
        "UPDATE documents SET entered_in_error_reason = 'other' WHERE id IS NOT NULL",
    ] {
        let refused = charta_core::testing::raw_sql(&mut w.db, sql);
        assert!(refused.is_err(), "{sql} was allowed");
    }
}

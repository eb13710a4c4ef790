//! Messages and tasks inside the practice: routing to a user and to a role, replies in a
//! thread, unread and overdue counts, status history, clinical content kept from the front
//! desk, a phone note's required fields, a refill request becoming a renewal draft, and the
//! audit of every read of patient content.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod medications_common;

use charta_core::audit::{AuditQuery, Outcome};
use charta_core::ids::{MedicationId, MessageId};
use charta_core::medications::MedicationStatus;
use charta_core::messages::{
    InboxFilter, MessageDraft, MessageKind, MessageStatus, Priority, Recipient,
};
use charta_core::permissions::Role;
use charta_core::testing::test_now;
use charta_core::{Actor, CoreError};
use chrono::{Duration, NaiveDate};
use medications_common::{draft, prescribe, world, World, AMOXICILLIN};

fn note(to: Recipient) -> MessageDraft {
    MessageDraft {
        kind: MessageKind::Message,
        to,
        patient_id: None,
        subject: "Staff meeting moved".into(),
        body: "Now on Thursday at 12:30.".into(),
        clinical: false,
        priority: Priority::Routine,
        due_on: None,
        caller: String::new(),
        callback_number: String::new(),
        medication_id: None,
    }
}

fn phone_note(w: &World, to: Recipient) -> MessageDraft {
    MessageDraft {
        kind: MessageKind::PhoneNote,
        patient_id: Some(w.patient),
        subject: "Called about her blood pressure readings".into(),
        body: "Home readings 150/95 for a week; asks whether to change the dose.".into(),
        clinical: true,
        priority: Priority::Urgent,
        caller: "Ada Okafor (patient)".into(),
        callback_number: "(555) 301-4455".into(),
        ..note(to)
    }
}

fn fields(e: &CoreError) -> Vec<String> {
    match e {
        CoreError::Invalid(errors) => errors.iter().map(|f| f.field.clone()).collect(),
        other => panic!("not a field error: {other:?}"),
    }
}

fn send(w: &mut World, from: &Actor, d: &MessageDraft, n: u128) -> Result<MessageId, CoreError> {
    w.db.as_user(from)
        .send_message(d, MessageId::from_u128(n), test_now())
        .map(|m| m.id)
}

fn physician() -> Recipient {
    Recipient::Role {
        role: Role::Physician,
    }
}

#[test]
fn a_phone_note_to_any_physician_reaches_her_inbox_unread_and_urgent_first() {
    let mut w = world();
    let (desk, doc) = (w.staff.front_desk.clone(), w.staff.physician.clone());
    send(&mut w, &desk, &note(physician()), 1).unwrap();
    let call = phone_note(&w, physician());
    let id = send(&mut w, &desk, &call, 2).unwrap();
    let later = test_now() + Duration::minutes(5);
    let inbox =
        w.db.as_user(&doc)
            .message_inbox(InboxFilter::Open, later)
            .unwrap();
    assert_eq!(inbox.threads.len(), 2);
    assert_eq!(
        inbox.threads[0].first.id, id,
        "the urgent unread thread is first"
    );
    assert_eq!(inbox.threads[0].first.to_name, "any physician");
    assert_eq!(
        inbox.threads[0].first.callback_number.as_deref(),
        Some("(555) 301-4455")
    );
    assert_eq!(inbox.counts.unread, 2);
    assert_eq!(inbox.counts.urgent, 1);
    assert_eq!(
        w.db.as_user(&doc).inbox_counts(later).unwrap(),
        inbox.counts
    );
    // The nurse is not a physician: not in her inbox.
    let nurse = w.staff.nurse.clone();
    assert!(w
        .db
        .as_user(&nurse)
        .message_inbox(InboxFilter::All, later)
        .unwrap()
        .threads
        .is_empty());
}

#[test]
fn opening_replying_and_marking_done_keep_who_and_when_and_the_sender_sees_the_reply() {
    let mut w = world();
    let (desk, doc) = (w.staff.front_desk.clone(), w.staff.physician.clone());
    let call = phone_note(&w, physician());
    let id = send(&mut w, &desk, &call, 2).unwrap();
    let t1 = test_now() + Duration::minutes(10);
    let thread = w.db.as_user(&doc).open_message_thread(id, t1).unwrap();
    assert_eq!(thread.messages.len(), 1);
    assert_eq!(thread.messages[0].read_at, Some(t1));
    assert_eq!(w.db.as_user(&doc).inbox_counts(t1).unwrap().unread, 0);
    let reply =
        w.db.as_user(&doc)
            .reply_to_message(
                id,
                "Please book her for Thursday; no change until then.",
                false,
                MessageId::from_u128(3),
                t1,
            )
            .unwrap();
    assert_eq!(
        reply.to,
        Recipient::User { id: desk.user_id() },
        "a reply goes back to the sender"
    );
    assert_eq!(reply.thread_id, id);
    let desk_inbox =
        w.db.as_user(&desk)
            .message_inbox(InboxFilter::Open, t1)
            .unwrap();
    assert_eq!(desk_inbox.threads.len(), 1);
    assert_eq!(desk_inbox.threads[0].unread, 1);
    assert_eq!(desk_inbox.threads[0].messages, 2);

    let t2 = t1 + Duration::minutes(1);
    let done =
        w.db.as_user(&doc)
            .set_message_status(id, MessageStatus::Done, t2)
            .unwrap();
    assert_eq!(done.messages[0].status, MessageStatus::Done);
    let err =
        w.db.as_user(&doc)
            .set_message_status(id, MessageStatus::Done, t2)
            .unwrap_err();
    assert_eq!(fields(&err), ["status"]);
    let t3 = t2 + Duration::minutes(1);
    let reopened =
        w.db.as_user(&desk)
            .set_message_status(id, MessageStatus::Open, t3)
            .unwrap();
    let history: Vec<(MessageStatus, String, _)> = reopened
        .history
        .iter()
        .map(|c| (c.status, c.by_name.clone(), c.at))
        .collect();
    assert_eq!(
        history,
        [
            (MessageStatus::Done, doc.display_name().to_string(), t2),
            (MessageStatus::Open, desk.display_name().to_string(), t3)
        ]
    );
    // Done threads leave the open inbox and stay in the done one.
    w.db.as_user(&doc)
        .set_message_status(id, MessageStatus::Done, t3)
        .unwrap();
    let open =
        w.db.as_user(&doc)
            .message_inbox(InboxFilter::Open, t3)
            .unwrap();
    assert!(open.threads.is_empty());
    let finished =
        w.db.as_user(&doc)
            .message_inbox(InboxFilter::Done, t3)
            .unwrap();
    assert_eq!(finished.threads.len(), 1);
}

#[test]
fn clinical_content_is_hidden_from_the_front_desk_and_never_sent_to_it() {
    let mut w = world();
    let (desk, doc, nurse) = (
        w.staff.front_desk.clone(),
        w.staff.physician.clone(),
        w.staff.nurse.clone(),
    );
    let to_desk = Recipient::Role {
        role: Role::FrontDesk,
    };
    let mut clinical = note(to_desk);
    clinical.clinical = true;
    clinical.body = "Her potassium is 6.1.".into();
    let err = send(&mut w, &doc, &clinical, 1).unwrap_err();
    assert_eq!(fields(&err), ["clinical"]);
    // A clinical note from the nurse to the physician; another desk user could be a party
    // only by writing in it, so the desk sees the subject hidden on a reply it receives.
    let mut to_doc = phone_note(&w, physician());
    to_doc.kind = MessageKind::Message;
    let id = send(&mut w, &nurse, &to_doc, 2).unwrap();
    let reply =
        w.db.as_user(&doc)
            .reply_to_message(
                id,
                "Start amlodipine 5 mg.",
                true,
                MessageId::from_u128(3),
                test_now(),
            )
            .unwrap();
    assert_eq!(reply.body.as_deref(), Some("Start amlodipine 5 mg."));
    // The desk is no party to it: not found, and nothing written.
    let err =
        w.db.as_user(&desk)
            .open_message_thread(id, test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::NotFound { .. }), "{err:?}");
    // A desk-written phone note marked clinical, answered without clinical content.
    let call = phone_note(&w, physician());
    let call_id = send(&mut w, &desk, &call, 4).unwrap();
    let err =
        w.db.as_user(&doc)
            .reply_to_message(
                call_id,
                "Start amlodipine 5 mg.",
                true,
                MessageId::from_u128(5),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(
        fields(&err),
        ["clinical"],
        "a clinical reply to the desk is refused"
    );
    let thread =
        w.db.as_user(&desk)
            .open_message_thread(call_id, test_now())
            .unwrap();
    assert_eq!(
        thread.messages[0].body.as_deref(),
        Some(call.body.as_str()),
        "the desk reads what it wrote"
    );
}

#[test]
fn a_clinical_message_from_a_nurse_reaches_a_physician_but_its_text_is_hidden_from_a_reader_without_clinical_rights(
) {
    let mut w = world();
    let (nurse, doc) = (w.staff.nurse.clone(), w.staff.physician.clone());
    let mut d = phone_note(&w, Recipient::User { id: doc.user_id() });
    d.kind = MessageKind::Task;
    d.due_on = NaiveDate::from_ymd_opt(2026, 12, 30);
    let id = send(&mut w, &nurse, &d, 1).unwrap();
    let inbox =
        w.db.as_user(&doc)
            .message_inbox(InboxFilter::All, test_now())
            .unwrap();
    assert_eq!(inbox.threads[0].first.id, id);
    assert_eq!(inbox.threads[0].first.subject, d.subject);
    assert!(inbox.threads[0].first.body.is_some());
}

#[test]
fn an_open_task_past_its_due_date_counts_as_overdue() {
    let mut w = world();
    let (desk, doc) = (w.staff.front_desk.clone(), w.staff.physician.clone());
    let mut task = note(Recipient::User { id: doc.user_id() });
    task.kind = MessageKind::Task;
    task.subject = "Sign the school form".into();
    task.due_on = Some(test_now().date_naive() + Duration::days(1));
    let id = send(&mut w, &desk, &task, 1).unwrap();
    let before = w.db.as_user(&doc).inbox_counts(test_now()).unwrap();
    assert_eq!(before.overdue, 0);
    let after = test_now() + Duration::days(3);
    let counts = w.db.as_user(&doc).inbox_counts(after).unwrap();
    assert_eq!(counts.overdue, 1);
    let inbox =
        w.db.as_user(&doc)
            .message_inbox(InboxFilter::Open, after)
            .unwrap();
    assert!(inbox.threads[0].overdue);
    w.db.as_user(&doc)
        .set_message_status(id, MessageStatus::Done, after)
        .unwrap();
    assert_eq!(w.db.as_user(&doc).inbox_counts(after).unwrap().overdue, 0);
}

#[test]
fn bad_drafts_get_field_errors_and_write_nothing() {
    let mut w = world();
    let desk = w.staff.front_desk.clone();
    let mut call = phone_note(&w, physician());
    call.caller = "  ".into();
    call.callback_number = "55".into();
    call.subject = " ".into();
    call.due_on = Some(test_now().date_naive() - Duration::days(1));
    let err = send(&mut w, &desk, &call, 1).unwrap_err();
    let mut f = fields(&err);
    f.sort();
    assert_eq!(f, ["callbackNumber", "caller", "dueOn", "subject"]);
    let admin = w.staff.admin.clone();
    let to_admin = note(Recipient::User {
        id: admin.user_id(),
    });
    assert_eq!(
        fields(&send(&mut w, &desk, &to_admin, 2).unwrap_err()),
        ["to"]
    );
    let mut refill = note(physician());
    refill.kind = MessageKind::RefillRequest;
    assert_eq!(
        fields(&send(&mut w, &desk, &refill, 3).unwrap_err()),
        ["medicationId"]
    );
    let doc = w.staff.physician.clone();
    let inbox =
        w.db.as_user(&doc)
            .message_inbox(InboxFilter::All, test_now())
            .unwrap();
    assert!(inbox.threads.is_empty(), "nothing was written");
    // The admin does not read practice messages at all.
    let err =
        w.db.as_user(&admin)
            .message_inbox(InboxFilter::All, test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
}

#[test]
fn a_refill_request_becomes_a_renewal_draft_in_one_action_and_is_done() {
    let mut w = world();
    let rx = prescribe(&mut w, &draft(AMOXICILLIN), 10);
    let desk = w.staff.front_desk.clone();
    let mut refill = note(physician());
    refill.kind = MessageKind::RefillRequest;
    refill.patient_id = Some(w.patient);
    refill.medication_id = Some(rx);
    refill.subject = "Refill: amoxicillin".into();
    let id = send(&mut w, &desk, &refill, 1).unwrap();
    let doc = w.staff.physician.clone();
    let renewal =
        w.db.as_user(&doc)
            .refill_to_renewal(
                id,
                MedicationId::from_u128(11),
                MessageId::from_u128(2),
                test_now(),
            )
            .unwrap();
    assert_eq!(renewal.status, MedicationStatus::Draft);
    assert_eq!(renewal.id, MedicationId::from_u128(11));
    let thread =
        w.db.as_user(&desk)
            .open_message_thread(id, test_now())
            .unwrap();
    assert_eq!(thread.messages.len(), 2);
    assert!(thread.messages[1]
        .body
        .as_deref()
        .unwrap_or("")
        .starts_with("Renewal drafted"));
    assert_eq!(thread.messages[0].status, MessageStatus::Done);
    let again =
        w.db.as_user(&doc)
            .refill_to_renewal(
                id,
                MedicationId::from_u128(12),
                MessageId::from_u128(3),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(fields(&again), ["status"]);
}

#[test]
fn every_read_of_a_message_about_a_patient_is_audited_with_the_patient() {
    let mut w = world();
    let (desk, doc) = (w.staff.front_desk.clone(), w.staff.physician.clone());
    let call = phone_note(&w, physician());
    let id = send(&mut w, &desk, &call, 1).unwrap();
    w.db.as_user(&doc)
        .open_message_thread(id, test_now())
        .unwrap();
    let admin = w.staff.admin.clone();
    let report =
        w.db.as_user(&admin)
            .audit_report(
                &AuditQuery {
                    patient_id: Some(w.patient),
                    ..AuditQuery::default()
                },
                test_now(),
            )
            .unwrap();
    let actions: Vec<(&str, Outcome)> = report
        .entries
        .iter()
        .map(|e| (e.action.as_str(), e.outcome))
        .collect();
    assert!(
        actions.contains(&("send_message", Outcome::Ok)),
        "{actions:?}"
    );
    assert!(
        actions.contains(&("view_message", Outcome::Ok)),
        "{actions:?}"
    );
}

#[test]
fn the_to_list_offers_the_roles_then_the_users_who_read_messages_but_not_the_admin_or_oneself() {
    let mut w = world();
    let desk = w.staff.front_desk.clone();
    let labels: Vec<String> =
        w.db.as_user(&desk)
            .message_recipients(test_now())
            .unwrap()
            .into_iter()
            .map(|c| c.label)
            .collect();
    assert_eq!(labels[..3], ["any physician", "any nurse/MA", "front desk"]);
    assert_eq!(labels.len(), 5, "{labels:?}");
    assert!(labels.iter().any(|l| l.ends_with("(physician)")));
    assert!(!labels.iter().any(|l| l.contains("admin")), "{labels:?}");
}

#[test]
fn a_thread_done_by_a_colleague_leaves_the_badge_and_done_threads_never_crowd_out_open_ones() {
    let mut w = world();
    let (desk, doc) = (w.staff.front_desk.clone(), w.staff.physician.clone());
    let mut second = charta_core::testing::user_draft("drtwo", &[Role::Physician]);
    second.licence_number = "TEST-2".into();
    let admin = w.staff.admin.clone();
    let other =
        w.db.as_user(&admin)
            .create_user(&second, charta_core::UserId::from_u128(77), test_now())
            .unwrap();
    let other = w.db.actor(other.id).unwrap();
    // One note still open, then 510 newer ones the colleague marked done.
    let open = send(&mut w, &desk, &note(physician()), 5000).unwrap();
    for n in 0..510u128 {
        let id = send(&mut w, &desk, &note(physician()), 1000 + n).unwrap();
        w.db.as_user(&other)
            .set_message_status(id, MessageStatus::Done, test_now())
            .unwrap();
    }
    let counts = w.db.as_user(&doc).inbox_counts(test_now()).unwrap();
    assert_eq!(counts.unread, 1, "only the open thread asks for attention");
    let inbox =
        w.db.as_user(&doc)
            .message_inbox(InboxFilter::Open, test_now() + Duration::minutes(1))
            .unwrap();
    let ids: Vec<MessageId> = inbox.threads.iter().map(|t| t.first.id).collect();
    assert_eq!(ids, [open]);
    let done =
        w.db.as_user(&doc)
            .message_inbox(InboxFilter::Done, test_now())
            .unwrap();
    assert_eq!(
        done.threads.len(),
        500,
        "the done list is capped, not the open one"
    );
}

//! Letters and referrals: a referral letter drafted from the chart (problems, medications,
//! allergies, recent results), signed with its PDF copy on the letterhead, the referral it
//! makes tracked to "report received" with every change kept and an overdue one in the
//! physician's inbox and badge; field errors that write nothing, unfilled template fields,
//! the practice's own templates, who may sign and read, and letters never rewritten.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod medications_common;

use charta_core::audit::{AuditQuery, Outcome};
use charta_core::chart::problems::{ProblemDraft, ProblemStatus};
use charta_core::ids::{LetterId, LetterTemplateId, ProblemId, ReferralId};
use charta_core::letters::{
    LetterKind, LetterRequest, LetterTemplateDraft, LetterText, LetterToSign, ReferralDraft,
    ReferralStatus, ReferralUpdate,
};
use charta_core::messages::InboxFilter;
use charta_core::testing::{insert_critical_lab, raw_sql, test_now};
use charta_core::CoreError;
use chrono::Duration;
use medications_common::{draft, prescribe, world, World, AMOXICILLIN};

const REFERRAL: &str = "00000000-0000-4000-8000-00000000a001";
const WORK_NOTE: &str = "00000000-0000-4000-8000-00000000a002";

fn template(id: &str) -> LetterTemplateId {
    LetterTemplateId::parse(id).unwrap()
}

fn fields(e: &CoreError) -> Vec<String> {
    match e {
        CoreError::Invalid(errors) => errors.iter().map(|f| f.field.clone()).collect(),
        other => panic!("not a field error: {other:?}"),
    }
}

fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Hypertension on the problem list and amoxicillin prescribed.
fn charted(w: &mut World) {
    let doc = w.staff.physician.clone();
    w.db.as_user(&doc)
        .add_problem(
            w.patient,
            &ProblemDraft {
                code: Some("I10".into()),
                description: String::new(),
                status: ProblemStatus::Active,
                onset: "2019".into(),
                resolved: String::new(),
                comment: String::new(),
            },
            ProblemId::from_u128(1),
            None,
            test_now(),
        )
        .unwrap();
    prescribe(w, &draft(AMOXICILLIN), 50);
}

fn drafted(w: &mut World) -> LetterText {
    let doc = w.staff.physician.clone();
    w.db.as_user(&doc)
        .draft_letter(
            &LetterRequest {
                patient_id: w.patient,
                template_id: template(REFERRAL),
                recipient: "Dr Kim Lee, Cardiology\n1 Heart Street, Springfield".into(),
                reason: "exertional chest tightness".into(),
            },
            test_now(),
        )
        .unwrap()
}

fn referral(days: i64) -> ReferralDraft {
    ReferralDraft {
        specialty: "Cardiology".into(),
        reason: "Exertional chest tightness".into(),
        expected_by: test_now().date_naive() + Duration::days(days),
    }
}

#[test]
fn a_referral_letter_carries_the_charts_problems_and_medications_into_its_signed_pdf() {
    let mut w = world();
    charted(&mut w);
    let text = drafted(&mut w);
    assert_eq!(text.kind, LetterKind::Referral);
    assert_eq!(text.subject, "Referral: Ada Okafor");
    for expect in [
        "Dear Dr Kim Lee, Cardiology,",
        "referring for exertional chest tightness",
        "- Essential (primary) hypertension (I10), since 2019",
        "- amoxicillin 500 mg oral capsule",
        "- Allergies not recorded",
        "- No results in the last twelve months.",
    ] {
        assert!(
            text.body.contains(expect),
            "{expect:?} missing from:\n{}",
            text.body
        );
    }
    assert!(
        !text.body.contains("{{"),
        "every field filled: {}",
        text.body
    );

    let doc = w.staff.physician.clone();
    let letter =
        w.db.as_user(&doc)
            .sign_letter(
                &LetterToSign {
                    patient_id: w.patient,
                    text: text.clone(),
                    referral: Some(referral(30)),
                },
                LetterId::from_u128(1),
                ReferralId::from_u128(1),
                test_now(),
            )
            .unwrap();
    assert_eq!(letter.body, text.body.trim());
    assert_eq!(letter.referral_id, Some(ReferralId::from_u128(1)));
    let pdf =
        w.db.as_user(&doc)
            .letter_pdf(letter.id, test_now())
            .unwrap();
    let printed = pdf_text(&pdf);
    for expect in [
        "Test Practice",
        "Re: Ada Okafor",
        "Dr Kim Lee, Cardiology",
        "Essential (primary) hypertension (I10)",
        "amoxicillin 500 mg oral capsule",
        "Signed electronically",
    ] {
        assert!(
            printed.contains(expect),
            "{expect:?} not in the PDF: {printed}"
        );
    }
    let referrals =
        w.db.as_user(&doc)
            .patient_referrals(w.patient, test_now())
            .unwrap();
    assert_eq!(referrals.len(), 1);
    assert_eq!(referrals[0].status, ReferralStatus::Sent);
    assert_eq!(referrals[0].referred_to, "Dr Kim Lee, Cardiology");
    assert!(!referrals[0].overdue);

    let admin = w.staff.admin.clone();
    let log =
        w.db.as_user(&admin)
            .audit_report(&AuditQuery::default(), test_now())
            .unwrap()
            .entries;
    for action in [
        "draft_letter",
        "sign_letter",
        "open_letter",
        "view_referrals",
    ] {
        let row = log.iter().find(|r| r.action == action).unwrap();
        assert_eq!(row.patient_id, Some(w.patient), "{action}");
        assert_eq!(row.outcome, Outcome::Ok);
    }
}

#[test]
fn an_overdue_referral_reaches_the_inbox_and_badge_until_its_report_is_received() {
    let mut w = world();
    let text = drafted(&mut w);
    let doc = w.staff.physician.clone();
    w.db.as_user(&doc)
        .sign_letter(
            &LetterToSign {
                patient_id: w.patient,
                text,
                referral: Some(referral(14)),
            },
            LetterId::from_u128(1),
            ReferralId::from_u128(1),
            test_now(),
        )
        .unwrap();
    let on_time = w.db.as_user(&doc).inbox_counts(test_now()).unwrap();
    assert_eq!(on_time.referrals_overdue, 0);

    let later = test_now() + Duration::days(20);
    let counts = w.db.as_user(&doc).inbox_counts(later).unwrap();
    assert_eq!(counts.referrals_overdue, 1);
    let inbox =
        w.db.as_user(&doc)
            .message_inbox(InboxFilter::Open, later)
            .unwrap();
    assert_eq!(inbox.overdue_referrals.len(), 1);
    assert!(inbox.overdue_referrals[0].overdue);
    // The nurse follows it up; the desk may not.
    let nurse = w.staff.nurse.clone();
    let made =
        w.db.as_user(&nurse)
            .update_referral(
                ReferralId::from_u128(1),
                &ReferralUpdate {
                    status: ReferralStatus::AppointmentMade,
                    note: "Seen on the 28th".into(),
                    document_id: None,
                },
                later,
            )
            .unwrap();
    assert!(
        made.overdue,
        "an appointment alone is still waiting for the report"
    );
    let again =
        w.db.as_user(&nurse)
            .update_referral(
                ReferralId::from_u128(1),
                &ReferralUpdate {
                    status: ReferralStatus::AppointmentMade,
                    note: String::new(),
                    document_id: None,
                },
                later,
            )
            .unwrap_err();
    assert_eq!(fields(&again), ["status"]);
    let desk = w.staff.front_desk.clone();
    assert!(matches!(
        w.db.as_user(&desk)
            .update_referral(
                ReferralId::from_u128(1),
                &ReferralUpdate {
                    status: ReferralStatus::Closed,
                    note: String::new(),
                    document_id: None,
                },
                later,
            )
            .unwrap_err(),
        CoreError::Forbidden(_)
    ));
    let received =
        w.db.as_user(&doc)
            .update_referral(
                ReferralId::from_u128(1),
                &ReferralUpdate {
                    status: ReferralStatus::ReportReceived,
                    note: "Stress test normal".into(),
                    document_id: None,
                },
                later,
            )
            .unwrap();
    assert!(!received.overdue);
    let statuses: Vec<ReferralStatus> = received.history.iter().map(|c| c.status).collect();
    assert_eq!(
        statuses,
        [
            ReferralStatus::Sent,
            ReferralStatus::AppointmentMade,
            ReferralStatus::ReportReceived
        ]
    );
    assert_eq!(
        received.history[1].changed_by_name,
        w.staff.nurse.display_name()
    );
    assert_eq!(
        w.db.as_user(&doc)
            .inbox_counts(later)
            .unwrap()
            .referrals_overdue,
        0
    );
}

#[test]
fn a_critical_result_waiting_for_sign_off_is_counted_in_the_physicians_badge() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    assert_eq!(
        w.db.as_user(&doc)
            .inbox_counts(test_now())
            .unwrap()
            .critical_results,
        0
    );
    insert_critical_lab(&mut w.db, w.patient, doc.user_id(), test_now(), 1).unwrap();
    assert_eq!(
        w.db.as_user(&doc)
            .inbox_counts(test_now())
            .unwrap()
            .critical_results,
        1
    );
    let nurse = w.staff.nurse.clone();
    assert_eq!(
        w.db.as_user(&nurse)
            .inbox_counts(test_now())
            .unwrap()
            .critical_results,
        0
    );
}

#[test]
fn signing_checks_every_field_and_unfilled_template_fields_and_writes_nothing() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    let mut text = drafted(&mut w);
    text.recipient = "  ".into();
    text.body.push_str("\n{{signature_block}}");
    let err =
        w.db.as_user(&doc)
            .sign_letter(
                &LetterToSign {
                    patient_id: w.patient,
                    text: text.clone(),
                    referral: Some(ReferralDraft {
                        specialty: String::new(),
                        reason: "x".into(),
                        expected_by: test_now().date_naive() - Duration::days(1),
                    }),
                },
                LetterId::from_u128(1),
                ReferralId::from_u128(1),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(
        fields(&err),
        [
            "recipient",
            "body",
            "referral.specialty",
            "referral.expectedBy"
        ]
    );
    let fresh = drafted(&mut w);
    let no_referral =
        w.db.as_user(&doc)
            .sign_letter(
                &LetterToSign {
                    patient_id: w.patient,
                    text: fresh.clone(),
                    referral: None,
                },
                LetterId::from_u128(2),
                ReferralId::from_u128(2),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(fields(&no_referral), ["referral.specialty"]);
    assert!(w
        .db
        .as_user(&doc)
        .patient_letters(w.patient, test_now())
        .unwrap()
        .is_empty());

    // Only a physician signs; the desk reads no letters.
    let nurse = w.staff.nurse.clone();
    let refused =
        w.db.as_user(&nurse)
            .sign_letter(
                &LetterToSign {
                    patient_id: w.patient,
                    text: fresh,
                    referral: Some(referral(30)),
                },
                LetterId::from_u128(3),
                ReferralId::from_u128(3),
                test_now(),
            )
            .unwrap_err();
    assert!(matches!(refused, CoreError::Forbidden(_)), "{refused:?}");
    let desk = w.staff.front_desk.clone();
    assert!(matches!(
        w.db.as_user(&desk)
            .patient_letters(w.patient, test_now())
            .unwrap_err(),
        CoreError::Forbidden(_)
    ));
}

#[test]
fn the_practice_edits_its_templates_with_known_fields_only() {
    let mut w = world();
    let admin = w.staff.admin.clone();
    let id = LetterTemplateId::from_u128(77);
    let mut d = LetterTemplateDraft {
        kind: LetterKind::WorkSchoolNote,
        name: "Sports note".into(),
        subject: "Fit for sport: {{patient.name}}".into(),
        body: "{{patient.name}} may play {{sport}}.".into(),
        active: true,
    };
    let err =
        w.db.as_user(&admin)
            .save_letter_template(id, &d, test_now())
            .unwrap_err();
    assert_eq!(fields(&err), ["body"]);
    d.body = "{{patient.name}} is fit for sport. {{reason}}".into();
    w.db.as_user(&admin)
        .save_letter_template(id, &d, test_now())
        .unwrap();
    let mut clash = d.clone();
    clash.name = "work or school NOTE".into();
    let taken =
        w.db.as_user(&admin)
            .save_letter_template(LetterTemplateId::from_u128(78), &clash, test_now())
            .unwrap_err();
    assert_eq!(fields(&taken), ["name"]);

    let doc = w.staff.physician.clone();
    let names: Vec<String> =
        w.db.as_user(&doc)
            .letter_templates(test_now())
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect();
    assert!(names.contains(&"Sports note".to_string()), "{names:?}");
    let text =
        w.db.as_user(&doc)
            .draft_letter(
                &LetterRequest {
                    patient_id: w.patient,
                    template_id: id,
                    recipient: String::new(),
                    reason: "No restrictions.".into(),
                },
                test_now(),
            )
            .unwrap();
    assert_eq!(text.body, "Ada Okafor is fit for sport. No restrictions.");
    let desk = w.staff.front_desk.clone();
    assert!(matches!(
        w.db.as_user(&desk)
            .letter_templates(test_now())
            .unwrap_err(),
        CoreError::Forbidden(_)
    ));
}

#[test]
fn a_signed_letter_is_never_rewritten_and_entered_in_error_keeps_its_text() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    let text =
        w.db.as_user(&doc)
            .draft_letter(
                &LetterRequest {
                    patient_id: w.patient,
                    template_id: template(WORK_NOTE),
                    recipient: String::new(),
                    reason: "She may return to work on Monday.".into(),
                },
                test_now(),
            )
            .unwrap();
    let letter =
        w.db.as_user(&doc)
            .sign_letter(
                &LetterToSign {
                    patient_id: w.patient,
                    text,
                    referral: None,
                },
                LetterId::from_u128(1),
                ReferralId::from_u128(1),
                test_now(),
            )
            .unwrap();
    for sql in [
        "DELETE FROM letters",
        "UPDATE letters SET body = 'changed'",
        "UPDATE letters SET pdf = x'00'",
    ] {
        assert!(raw_sql(&mut w.db, sql).is_err(), "{sql} was allowed");
    }
    let marked =
        w.db.as_user(&doc)
            .letter_entered_in_error(letter.id, "Wrong return date", test_now())
            .unwrap();
    assert_eq!(marked.body, letter.body);
    assert_eq!(
        marked.entered_in_error_reason.as_deref(),
        Some("Wrong return date")
    );
    assert_eq!(
        fields(
            &w.db
                .as_user(&doc)
                .letter_entered_in_error(letter.id, "Again", test_now())
                .unwrap_err()
        ),
        ["reason"]
    );
    assert!(raw_sql(
        &mut w.db,
        "UPDATE letters SET entered_in_error_reason = 'other'"
    )
    .is_err());
}

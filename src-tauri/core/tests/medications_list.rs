//! The medication list through the door: stopping with a reason, entered in error kept
//! readable, reported medications (coded or free text), completed courses, reconciliation in
//! one transaction, history, the front desk refused and restricted charts honoured.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod medications_common;

use charta_core::audit::Outcome;
use charta_core::ids::{MedicationId, ReconciliationId};
use charta_core::medications::{
    MedicationStatus, ReconciliationAction, ReconciliationItem, ReportedMedicationDraft,
};
use charta_core::testing::test_now;
use charta_core::CoreError;
use chrono::Duration;
use medications_common::*;

fn reported(code: Option<&str>, name: &str) -> ReportedMedicationDraft {
    ReportedMedicationDraft {
        product_code: code.map(str::to_string),
        name: name.into(),
        how_taken: "one in the morning".into(),
        reported_by: "patient".into(),
        start_date: None,
    }
}

fn item(id: MedicationId, action: ReconciliationAction, note: &str) -> ReconciliationItem {
    ReconciliationItem {
        medication_id: id,
        action,
        note: note.into(),
    }
}

#[test]
fn discontinuing_needs_a_reason_and_keeps_the_prescription_under_past() {
    let mut w = world();
    let id = prescribe(&mut w, &ongoing(WARFARIN), 1);
    let doc = w.staff.physician.clone();
    let err =
        w.db.as_user(&doc)
            .discontinue_medication(id, "  ", test_now())
            .unwrap_err();
    assert_eq!(fields(&err), vec!["reason".to_string()]);
    let m =
        w.db.as_user(&doc)
            .discontinue_medication(id, "bleeding gums", test_now())
            .unwrap();
    assert_eq!(m.status, MedicationStatus::Stopped);
    assert_eq!(m.ended_reason.as_deref(), Some("bleeding gums"));
    assert_eq!(m.ended_by_name.as_deref(), Some("Test doc"));
    let list =
        w.db.as_user(&doc)
            .medication_list(w.patient, test_now())
            .unwrap();
    assert!(list.active.is_empty());
    assert_eq!(list.past[0].id, id);
    let err =
        w.db.as_user(&doc)
            .discontinue_medication(id, "again", test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Invalid(_)), "{err:?}");
}

#[test]
fn a_nurse_stops_a_reported_medication_but_not_a_signed_prescription() {
    let mut w = world();
    let rx = prescribe(&mut w, &ongoing(WARFARIN), 1);
    let nurse = w.staff.nurse.clone();
    let rep =
        w.db.as_user(&nurse)
            .record_reported_medication(
                w.patient,
                &reported(None, "turmeric capsules"),
                MedicationId::from_u128(2),
                test_now(),
            )
            .unwrap();
    let err =
        w.db.as_user(&nurse)
            .discontinue_medication(rx, "patient says stopped", test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    assert_eq!(
        audited(&mut w, "discontinue_medication", Outcome::Denied),
        1
    );
    let stopped =
        w.db.as_user(&nurse)
            .discontinue_medication(rep.id, "ran out, not restarting", test_now())
            .unwrap();
    assert_eq!(stopped.status, MedicationStatus::Stopped);
}

#[test]
fn a_draft_can_be_withdrawn_and_it_leaves_the_queue() {
    let mut w = world();
    let nurse = w.staff.nurse.clone();
    let doc = w.staff.physician.clone();
    let id = MedicationId::from_u128(1);
    w.db.as_user(&nurse)
        .draft_prescription(w.patient, &draft(AMOXICILLIN), id, test_now())
        .unwrap();
    let m =
        w.db.as_user(&nurse)
            .discontinue_medication(id, "drafted for the wrong patient", test_now())
            .unwrap();
    assert_eq!(m.status, MedicationStatus::Stopped);
    assert!(w
        .db
        .as_user(&doc)
        .prescriptions_to_sign(test_now())
        .unwrap()
        .is_empty());
    let history =
        w.db.as_user(&doc)
            .medication_history(id, test_now())
            .unwrap();
    assert_eq!(
        history
            .iter()
            .map(|h| h.change.as_str())
            .collect::<Vec<_>>(),
        vec!["drafted", "withdrawn"]
    );
}

#[test]
fn an_entry_entered_in_error_stays_readable_with_its_reason() {
    let mut w = world();
    let id = prescribe(&mut w, &draft(AMOXICILLIN), 1);
    let doc = w.staff.physician.clone();
    let nurse = w.staff.nurse.clone();
    let err =
        w.db.as_user(&nurse)
            .medication_entered_in_error(id, "wrong chart", test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let m =
        w.db.as_user(&doc)
            .medication_entered_in_error(id, "wrong chart", test_now())
            .unwrap();
    assert_eq!(m.status, MedicationStatus::EnteredInError);
    let list =
        w.db.as_user(&nurse)
            .medication_list(w.patient, test_now())
            .unwrap();
    let kept = list.past.iter().find(|m| m.id == id).unwrap();
    assert_eq!(kept.name, "amoxicillin 500 mg oral capsule");
    assert_eq!(kept.ended_reason.as_deref(), Some("wrong chart"));
    let history =
        w.db.as_user(&nurse)
            .medication_history(id, test_now())
            .unwrap();
    assert_eq!(
        history
            .iter()
            .map(|h| h.change.as_str())
            .collect::<Vec<_>>(),
        vec!["drafted", "signed", "entered in error"]
    );
    assert_eq!(history[2].reason.as_deref(), Some("wrong chart"));
    assert_eq!(
        audited(&mut w, "medication_entered_in_error", Outcome::Ok),
        1
    );
}

#[test]
fn a_reported_medication_is_coded_from_the_catalogue_or_kept_as_uncoded_free_text() {
    let mut w = world();
    let nurse = w.staff.nurse.clone();
    let coded =
        w.db.as_user(&nurse)
            .record_reported_medication(
                w.patient,
                &reported(Some(IBUPROFEN), "ignored"),
                MedicationId::from_u128(1),
                test_now(),
            )
            .unwrap();
    assert_eq!(coded.name, "ibuprofen 400 mg oral tablet");
    assert_eq!(coded.ingredient_codes, vec!["drug:ibuprofen".to_string()]);
    assert_eq!(coded.status, MedicationStatus::Active);
    let free =
        w.db.as_user(&nurse)
            .record_reported_medication(
                w.patient,
                &reported(None, "  blood pressure pill from Dr. Lee "),
                MedicationId::from_u128(2),
                test_now(),
            )
            .unwrap();
    assert_eq!(free.product_code, None);
    assert!(free.ingredient_codes.is_empty());
    assert_eq!(free.name, "blood pressure pill from Dr. Lee");
    assert_eq!(free.sig_text, "one in the morning");
    let err =
        w.db.as_user(&nurse)
            .record_reported_medication(
                w.patient,
                &reported(None, " "),
                MedicationId::from_u128(3),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(fields(&err), vec!["name".to_string()]);
    let list =
        w.db.as_user(&nurse)
            .medication_list(w.patient, test_now())
            .unwrap();
    assert_eq!(
        list.active
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>(),
        vec![
            "blood pressure pill from Dr. Lee",
            "ibuprofen 400 mg oral tablet"
        ]
    );
}

#[test]
fn a_course_whose_end_date_passed_reads_as_completed() {
    let mut w = world();
    let id = prescribe(&mut w, &draft(AMOXICILLIN), 1);
    let doc = w.staff.physician.clone();
    // The last day, 5 Dec, is still active; the 6th it is completed.
    let on_last_day = test_now() + Duration::days(9);
    let list =
        w.db.as_user(&doc)
            .medication_list(w.patient, on_last_day)
            .unwrap();
    assert_eq!(list.active.len(), 1);
    let after = test_now() + Duration::days(10);
    let list =
        w.db.as_user(&doc)
            .medication_list(w.patient, after)
            .unwrap();
    assert!(list.active.is_empty());
    assert_eq!(list.past[0].id, id);
    assert_eq!(list.past[0].status, MedicationStatus::Completed);
}

#[test]
fn a_reconciliation_missing_an_active_entry_changes_nothing() {
    let mut w = world();
    let a = prescribe(&mut w, &ongoing(WARFARIN), 1);
    let nurse = w.staff.nurse.clone();
    let b =
        w.db.as_user(&nurse)
            .record_reported_medication(
                w.patient,
                &reported(None, "fish oil"),
                MedicationId::from_u128(2),
                test_now(),
            )
            .unwrap()
            .id;
    let err =
        w.db.as_user(&nurse)
            .reconcile_medications(
                w.patient,
                None,
                &[item(b, ReconciliationAction::Stopped, "stopped last month")],
                ReconciliationId::from_u128(1),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(fields(&err), vec!["items".to_string()]);
    assert!(err.field_errors()[0].message.contains("warfarin"), "{err}");
    let err =
        w.db.as_user(&nurse)
            .reconcile_medications(
                w.patient,
                None,
                &[
                    item(a, ReconciliationAction::Changed, ""),
                    item(b, ReconciliationAction::Stopped, "stopped last month"),
                ],
                ReconciliationId::from_u128(1),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(fields(&err), vec!["items.0.note".to_string()]);
    let list =
        w.db.as_user(&nurse)
            .medication_list(w.patient, test_now())
            .unwrap();
    assert_eq!(list.active.len(), 2);
    assert!(list.last_reconciled.is_none());
}

#[test]
fn a_reconciliation_confirms_changes_and_stops_in_one_go_and_is_summarised() {
    let mut w = world();
    let a = prescribe(&mut w, &ongoing(WARFARIN), 1);
    let b = prescribe(&mut w, &ongoing(IBUPROFEN), 2);
    let nurse = w.staff.nurse.clone();
    let doc = w.staff.physician.clone();
    let c =
        w.db.as_user(&nurse)
            .record_reported_medication(
                w.patient,
                &reported(None, "fish oil"),
                MedicationId::from_u128(3),
                test_now(),
            )
            .unwrap()
            .id;
    // A nurse may not stop a signed prescription at reconciliation either.
    let items = [
        item(a, ReconciliationAction::Confirmed, ""),
        item(b, ReconciliationAction::Stopped, "no longer needed"),
        item(c, ReconciliationAction::Changed, "takes it twice a week"),
    ];
    let err =
        w.db.as_user(&nurse)
            .reconcile_medications(
                w.patient,
                None,
                &items,
                ReconciliationId::from_u128(1),
                test_now(),
            )
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let summary =
        w.db.as_user(&doc)
            .reconcile_medications(
                w.patient,
                None,
                &items,
                ReconciliationId::from_u128(1),
                test_now(),
            )
            .unwrap();
    assert_eq!(
        (summary.confirmed, summary.changed, summary.stopped),
        (1, 1, 1)
    );
    assert_eq!(summary.by_name, "Test doc");
    let list =
        w.db.as_user(&doc)
            .medication_list(w.patient, test_now())
            .unwrap();
    assert_eq!(
        list.active.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![c, a]
    );
    assert_eq!(
        list.past[0].ended_reason.as_deref(),
        Some("no longer needed")
    );
    assert_eq!(list.last_reconciled, Some(summary));
    let history =
        w.db.as_user(&doc)
            .medication_history(c, test_now())
            .unwrap();
    assert_eq!(history.last().unwrap().change, "reconciled");
    assert_eq!(
        history.last().unwrap().reason.as_deref(),
        Some("changed: takes it twice a week")
    );
    assert_eq!(audited(&mut w, "reconcile_medications", Outcome::Ok), 1);
}

#[test]
fn the_front_desk_is_refused_everything_and_each_refusal_is_audited() {
    let mut w = world();
    let rx = prescribe(&mut w, &ongoing(WARFARIN), 1);
    let desk = w.staff.front_desk.clone();
    let p = w.patient;
    let new = MedicationId::from_u128(50);
    let now = test_now();
    let mut u = w.db.as_user(&desk);
    let results: Vec<(&str, CoreError)> = vec![
        ("view_medications", u.medication_list(p, now).unwrap_err()),
        (
            "draft_prescription",
            u.draft_prescription(p, &draft(AMOXICILLIN), new, now)
                .unwrap_err(),
        ),
        (
            "update_prescription_draft",
            u.update_prescription_draft(rx, 2, &draft(AMOXICILLIN), now)
                .unwrap_err(),
        ),
        (
            "check_prescription",
            u.check_prescription(rx, now).unwrap_err(),
        ),
        (
            "sign_prescription",
            u.sign_prescription(rx, 2, &[], now).unwrap_err(),
        ),
        (
            "renew_prescription",
            u.renew_prescription(rx, new, now).unwrap_err(),
        ),
        (
            "change_prescription",
            u.change_prescription(rx, &draft(AMOXICILLIN), "why not", new, now)
                .unwrap_err(),
        ),
        (
            "discontinue_medication",
            u.discontinue_medication(rx, "no reason", now).unwrap_err(),
        ),
        (
            "medication_entered_in_error",
            u.medication_entered_in_error(rx, "no reason", now)
                .unwrap_err(),
        ),
        (
            "record_reported_medication",
            u.record_reported_medication(p, &reported(None, "x"), new, now)
                .unwrap_err(),
        ),
        (
            "view_prescription_queue",
            u.prescriptions_to_sign(now).unwrap_err(),
        ),
        (
            "view_medication_history",
            u.medication_history(rx, now).unwrap_err(),
        ),
        (
            "reconcile_medications",
            u.reconcile_medications(p, None, &[], ReconciliationId::from_u128(1), now)
                .unwrap_err(),
        ),
    ];
    for (action, err) in results {
        assert!(matches!(err, CoreError::Forbidden(_)), "{action}: {err:?}");
        assert_eq!(audited(&mut w, action, Outcome::Denied), 1, "{action}");
    }
}

#[test]
fn a_restricted_chart_hides_its_medications_and_its_drafts_from_the_queue() {
    let mut w = world();
    let nurse = w.staff.nurse.clone();
    let doc = w.staff.physician.clone();
    w.db.as_user(&nurse)
        .draft_prescription(
            w.patient,
            &draft(AMOXICILLIN),
            MedicationId::from_u128(1),
            test_now(),
        )
        .unwrap();
    w.db.as_user(&doc)
        .set_restricted(w.patient, true, test_now())
        .unwrap();
    let err =
        w.db.as_user(&nurse)
            .medication_list(w.patient, test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Restricted(_)), "{err:?}");
    let err =
        w.db.as_user(&nurse)
            .draft_prescription(
                w.patient,
                &draft(AMOXICILLIN),
                MedicationId::from_u128(2),
                test_now(),
            )
            .unwrap_err();
    assert!(matches!(err, CoreError::Restricted(_)), "{err:?}");
    assert!(w
        .db
        .as_user(&doc)
        .prescriptions_to_sign(test_now())
        .unwrap()
        .is_empty());
    w.db.as_user(&doc)
        .emergency_access(
            w.patient,
            "covering for the patient's own physician",
            test_now(),
        )
        .unwrap();
    assert_eq!(
        w.db.as_user(&doc)
            .prescriptions_to_sign(test_now())
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        w.db.as_user(&doc)
            .medication_list(w.patient, test_now())
            .unwrap()
            .drafts
            .len(),
        1
    );
}

#[test]
fn the_history_keeps_every_version_with_who_and_the_sig_of_each() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    let id = MedicationId::from_u128(1);
    let m =
        w.db.as_user(&doc)
            .draft_prescription(w.patient, &ongoing(WARFARIN), id, test_now())
            .unwrap();
    let mut d = ongoing(WARFARIN);
    d.quantity = 90.0;
    let m =
        w.db.as_user(&doc)
            .update_prescription_draft(id, m.version, &d, test_now())
            .unwrap();
    let overrides = answer_all(&mut w, id);
    w.db.as_user(&doc)
        .sign_prescription(id, m.version, &overrides, test_now())
        .unwrap();
    w.db.as_user(&doc)
        .discontinue_medication(id, "course finished", test_now())
        .unwrap();
    let h =
        w.db.as_user(&doc)
            .medication_history(id, test_now())
            .unwrap();
    assert_eq!(
        h.iter()
            .map(|e| (e.version, e.change.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (1, "drafted"),
            (2, "draft saved"),
            (3, "signed"),
            (4, "stopped")
        ]
    );
    assert!(h.iter().all(|e| e.by_name == "Test doc"));
    assert_eq!(h[3].reason.as_deref(), Some("course finished"));
    assert_eq!(audited(&mut w, "view_medication_history", Outcome::Ok), 1);
}

//! Prescribing through the door: drafts checked field by field, signing (an NPI always, a DEA
//! number for a controlled substance, every interrupting alert answered), renewals a nurse
//! drafts for the prescriber's queue, changes, and the never-rewritten signed prescription.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod medications_common;

use charta_core::audit::Outcome;
use charta_core::ids::MedicationId;
use charta_core::medications::{AlertKind, AlertOverride, MedicationStatus};
use charta_core::testing::{delete_medication, rewrite_medication_quantity, test_now};
use charta_core::CoreError;
use chrono::{Duration, NaiveDate};
use medications_common::*;

#[test]
fn a_draft_is_refused_field_by_field_and_nothing_is_written() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    let mut d = draft("rx:0000");
    d.sig.dose = 0.0;
    d.sig.dose_unit = " ".into();
    d.sig.prn = true;
    d.sig.duration_days = Some(400);
    d.quantity = -1.0;
    d.quantity_unit = String::new();
    d.refills = 12;
    d.indication = "x".repeat(201);
    let err =
        w.db.as_user(&doc)
            .draft_prescription(w.patient, &d, MedicationId::from_u128(1), test_now())
            .unwrap_err();
    let mut got = fields(&err);
    got.sort();
    let mut want = [
        "indication",
        "productCode",
        "quantity",
        "quantityUnit",
        "refills",
        "sig.dose",
        "sig.doseUnit",
        "sig.durationDays",
        "sig.prnIndication",
    ];
    want.sort();
    assert_eq!(got, want);
    let list =
        w.db.as_user(&doc)
            .medication_list(w.patient, test_now())
            .unwrap();
    assert!(list.drafts.is_empty());
    assert_eq!(audited(&mut w, "draft_prescription", Outcome::Ok), 0);
}

#[test]
fn each_bad_field_alone_is_named_alone() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    type Spoil = fn(&mut charta_core::medications::PrescriptionDraft);
    let cases: [(Spoil, &str); 8] = [
        (|d| d.sig.dose = f64::NAN, "sig.dose"),
        (|d| d.sig.dose = 5000.0, "sig.dose"),
        (|d| d.sig.prn = true, "sig.prnIndication"),
        (|d| d.sig.duration_days = Some(0), "sig.durationDays"),
        (|d| d.quantity = 0.0, "quantity"),
        (|d| d.refills = 12, "refills"),
        (|d| d.product_code = String::new(), "productCode"),
        (
            |d| d.start_date = NaiveDate::from_ymd_opt(2030, 1, 1),
            "startDate",
        ),
    ];
    for (i, (spoil, field)) in cases.into_iter().enumerate() {
        let mut d = draft(AMOXICILLIN);
        spoil(&mut d);
        let err =
            w.db.as_user(&doc)
                .draft_prescription(
                    w.patient,
                    &d,
                    MedicationId::from_u128(10 + i as u128),
                    test_now(),
                )
                .unwrap_err();
        assert_eq!(fields(&err), vec![field.to_string()], "case {i}");
    }
}

#[test]
fn a_schedule_ii_prescription_cannot_have_refills() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    let mut d = draft(OXYCODONE);
    d.refills = 1;
    let err =
        w.db.as_user(&doc)
            .draft_prescription(w.patient, &d, MedicationId::from_u128(1), test_now())
            .unwrap_err();
    assert_eq!(fields(&err), vec!["refills".to_string()]);
    assert!(err.to_string().contains("1306.12"), "{err}");
    d.refills = 0;
    assert!(w
        .db
        .as_user(&doc)
        .draft_prescription(w.patient, &d, MedicationId::from_u128(1), test_now())
        .is_ok());
}

#[test]
fn a_draft_keeps_a_snapshot_of_the_product_its_course_end_and_a_drafted_history_row() {
    let mut w = world();
    let nurse = w.staff.nurse.clone();
    let m =
        w.db.as_user(&nurse)
            .draft_prescription(
                w.patient,
                &draft(AMOXICILLIN),
                MedicationId::from_u128(1),
                test_now(),
            )
            .unwrap();
    assert_eq!(m.status, MedicationStatus::Draft);
    assert_eq!(m.name, "amoxicillin 500 mg oral capsule");
    assert_eq!(m.ingredient_codes, vec!["drug:amoxicillin".to_string()]);
    assert_eq!(m.rxcui.as_deref(), Some("9900001"));
    // 26 Nov (New York) + 10 days of treatment: the last day is 5 Dec.
    assert_eq!(m.start_date, NaiveDate::from_ymd_opt(2026, 11, 26));
    assert_eq!(m.end_date, NaiveDate::from_ymd_opt(2026, 12, 5));
    assert_eq!(m.written_by_name, "Test nurse");
    let h =
        w.db.as_user(&nurse)
            .medication_history(m.id, test_now())
            .unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].change, "drafted");
    assert_eq!(audited(&mut w, "draft_prescription", Outcome::Ok), 1);
}

#[test]
fn a_draft_saved_over_a_newer_version_is_a_conflict() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    let id = MedicationId::from_u128(1);
    let m =
        w.db.as_user(&doc)
            .draft_prescription(w.patient, &draft(AMOXICILLIN), id, test_now())
            .unwrap();
    let mut d = draft(AMOXICILLIN);
    d.quantity = 30.0;
    d.sig.frequency = charta_core::medications::SigFrequency::ThreeTimesDaily;
    let saved =
        w.db.as_user(&doc)
            .update_prescription_draft(id, m.version, &d, test_now())
            .unwrap();
    assert_eq!(saved.version, 2);
    assert_eq!(saved.quantity, Some(30.0));
    let err =
        w.db.as_user(&doc)
            .update_prescription_draft(id, m.version, &d, test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Conflict { .. }), "{err:?}");
}

#[test]
fn signing_needs_an_npi_on_the_signers_account_and_the_refusal_is_audited() {
    let mut w = world();
    let no_npi = physician_with(&mut w, "nonpi", "", "", 20);
    let id = MedicationId::from_u128(1);
    let m =
        w.db.as_user(&no_npi)
            .draft_prescription(w.patient, &draft(AMOXICILLIN), id, test_now())
            .unwrap();
    let err =
        w.db.as_user(&no_npi)
            .sign_prescription(id, m.version, &[], test_now())
            .unwrap_err();
    match &err {
        CoreError::Forbidden(msg) => {
            assert!(msg.contains("needs an NPI on your user account"), "{msg}")
        }
        other => panic!("expected Forbidden, got {other:?}"),
    }
    assert_eq!(audited(&mut w, "sign_prescription", Outcome::Denied), 1);
    let list =
        w.db.as_user(&no_npi)
            .medication_list(w.patient, test_now())
            .unwrap();
    assert_eq!(list.drafts.len(), 1, "still a draft");
}

#[test]
fn a_controlled_substance_needs_a_dea_number_but_other_products_do_not() {
    let mut w = world();
    let no_dea = physician_with(&mut w, "nodea", "1234567893", "", 21);
    let u = &no_dea;
    let (a, b) = (MedicationId::from_u128(1), MedicationId::from_u128(2));
    let oxy =
        w.db.as_user(u)
            .draft_prescription(w.patient, &draft(OXYCODONE), a, test_now())
            .unwrap();
    let err =
        w.db.as_user(u)
            .sign_prescription(a, oxy.version, &[], test_now())
            .unwrap_err();
    match &err {
        CoreError::Forbidden(msg) => assert!(msg.contains("DEA number"), "{msg}"),
        other => panic!("expected Forbidden, got {other:?}"),
    }
    let amox =
        w.db.as_user(u)
            .draft_prescription(w.patient, &draft(AMOXICILLIN), b, test_now())
            .unwrap();
    let overrides = answer_all(&mut w, b);
    let signed =
        w.db.as_user(u)
            .sign_prescription(b, amox.version, &overrides, test_now())
            .unwrap();
    assert_eq!(signed.medication.status, MedicationStatus::Active);
    let doc = w.staff.physician.clone();
    let overrides = answer_all(&mut w, a);
    let signed =
        w.db.as_user(&doc)
            .sign_prescription(a, oxy.version, &overrides, test_now())
            .unwrap();
    assert_eq!(
        signed.medication.signed_by_name.as_deref(),
        Some("Test doc")
    );
}

#[test]
fn the_nurse_drafts_a_renewal_cannot_sign_it_and_the_physician_signs_it_from_the_queue() {
    let mut w = world();
    let old = prescribe(&mut w, &ongoing(WARFARIN), 1);
    let nurse = w.staff.nurse.clone();
    let doc = w.staff.physician.clone();
    let renewal =
        w.db.as_user(&nurse)
            .renew_prescription(old, MedicationId::from_u128(2), test_now())
            .unwrap();
    assert_eq!(renewal.renews, Some(old));
    assert_eq!(renewal.status, MedicationStatus::Draft);
    assert_eq!(renewal.quantity, Some(30.0));
    let err =
        w.db.as_user(&nurse)
            .sign_prescription(renewal.id, renewal.version, &[], test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    assert_eq!(audited(&mut w, "sign_prescription", Outcome::Denied), 1);
    let err =
        w.db.as_user(&nurse)
            .prescriptions_to_sign(test_now())
            .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)));

    let later = test_now() + Duration::hours(1);
    let queue = w.db.as_user(&doc).prescriptions_to_sign(later).unwrap();
    assert_eq!(
        queue.iter().map(|q| q.medication.id).collect::<Vec<_>>(),
        vec![renewal.id]
    );
    assert_eq!(queue[0].medication.written_by_name, "Test nurse");
    assert_eq!(
        queue[0].patient.id, w.patient,
        "the queue names the patient"
    );
    let overrides = answer_all(&mut w, renewal.id);
    let signed =
        w.db.as_user(&doc)
            .sign_prescription(renewal.id, queue[0].medication.version, &overrides, later)
            .unwrap();
    assert_eq!(signed.medication.status, MedicationStatus::Active);
    let list =
        w.db.as_user(&doc)
            .medication_list(w.patient, later)
            .unwrap();
    assert_eq!(
        list.active.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![renewal.id]
    );
    let superseded = list.past.iter().find(|m| m.id == old).unwrap();
    assert_eq!(superseded.status, MedicationStatus::Superseded);
    assert_eq!(superseded.ended_reason.as_deref(), Some("renewed"));
    assert!(w
        .db
        .as_user(&doc)
        .prescriptions_to_sign(later)
        .unwrap()
        .is_empty());
    assert_eq!(audited(&mut w, "view_prescription_queue", Outcome::Ok), 2);
}

#[test]
fn a_change_supersedes_the_old_prescription_with_its_reason_only_when_signed() {
    let mut w = world();
    let old = prescribe(&mut w, &ongoing(WARFARIN), 1);
    let doc = w.staff.physician.clone();
    let change =
        w.db.as_user(&doc)
            .change_prescription(
                old,
                &ongoing(WARFARIN_2MG),
                "INR above range",
                MedicationId::from_u128(2),
                test_now(),
            )
            .unwrap();
    assert_eq!(change.replaces, Some(old));
    let list =
        w.db.as_user(&doc)
            .medication_list(w.patient, test_now())
            .unwrap();
    assert_eq!(
        list.active.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![old],
        "unsigned: the old one stays"
    );
    let overrides = answer_all(&mut w, change.id);
    w.db.as_user(&doc)
        .sign_prescription(change.id, change.version, &overrides, test_now())
        .unwrap();
    let list =
        w.db.as_user(&doc)
            .medication_list(w.patient, test_now())
            .unwrap();
    assert_eq!(
        list.active.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![change.id]
    );
    assert_eq!(
        list.past[0].ended_reason.as_deref(),
        Some("INR above range")
    );
    let history =
        w.db.as_user(&doc)
            .medication_history(old, test_now())
            .unwrap();
    assert_eq!(history.last().unwrap().change, "superseded");
    let err =
        w.db.as_user(&doc)
            .change_prescription(
                old,
                &ongoing(WARFARIN_2MG),
                "",
                MedicationId::from_u128(3),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(fields(&err), vec!["reason".to_string()]);
}

#[test]
fn a_signed_prescription_cannot_be_rewritten_even_by_sql_update_or_deleted() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    let draft_id = MedicationId::from_u128(5);
    w.db.as_user(&doc)
        .draft_prescription(w.patient, &draft(AMOXICILLIN), draft_id, test_now())
        .unwrap();
    assert_eq!(
        rewrite_medication_quantity(&mut w.db, draft_id, 21.0).unwrap(),
        1,
        "a draft may change"
    );
    let signed = prescribe(&mut w, &draft(AMOXICILLIN), 6);
    let err = rewrite_medication_quantity(&mut w.db, signed, 999.0).unwrap_err();
    assert!(err.to_string().contains("never rewritten"), "{err}");
    let err = delete_medication(&mut w.db, signed).unwrap_err();
    assert!(err.to_string().contains("never deleted"), "{err}");
    let list =
        w.db.as_user(&doc)
            .medication_list(w.patient, test_now())
            .unwrap();
    assert_eq!(list.active[0].quantity, Some(20.0));
}

#[test]
fn an_override_for_an_alert_the_checks_did_not_raise_is_ignored() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    let id = MedicationId::from_u128(1);
    let m =
        w.db.as_user(&doc)
            .draft_prescription(w.patient, &draft(AMOXICILLIN), id, test_now())
            .unwrap();
    let mut overrides = answer_all(&mut w, id);
    overrides.push(AlertOverride {
        key: "ddi:no-such-rule:x".into(),
        reason: "made up".into(),
        title: String::new(),
        severity: None,
    });
    let signed =
        w.db.as_user(&doc)
            .sign_prescription(id, m.version, &overrides, test_now())
            .unwrap();
    assert!(signed
        .medication
        .overrides
        .iter()
        .all(|o| o.key != "ddi:no-such-rule:x"));
    assert_eq!(
        audited(&mut w, "override_alert", Outcome::Ok),
        signed.medication.overrides.len()
    );
}

#[test]
fn every_interrupting_alert_needs_a_reason_and_each_override_is_stored_and_audited() {
    // Warfarin for a patient taking ibuprofen: the rule table's cited warfarin–NSAID alert
    // interrupts; signing refuses each unanswered interrupting alert by title, and keeps and
    // audits each reason given.
    let mut w = world();
    prescribe(&mut w, &ongoing(IBUPROFEN), 1);
    let doc = w.staff.physician.clone();
    let id = MedicationId::from_u128(2);
    let m =
        w.db.as_user(&doc)
            .draft_prescription(w.patient, &ongoing(WARFARIN), id, test_now())
            .unwrap();
    let check =
        w.db.as_user(&doc)
            .check_prescription(id, test_now())
            .unwrap();
    let interrupting: Vec<_> = check
        .alerts
        .iter()
        .filter(|a| a.severity.interrupts())
        .collect();
    assert_eq!(check.needs_override, !interrupting.is_empty());
    if let Err(e) =
        w.db.as_user(&doc)
            .sign_prescription(id, m.version, &[], test_now())
    {
        let messages: Vec<String> = e.field_errors().iter().map(|f| f.message.clone()).collect();
        assert_eq!(messages.len(), interrupting.len());
        for a in &interrupting {
            assert!(messages.contains(&format!("{} needs a reason to override", a.title)));
        }
    } else {
        assert!(
            interrupting.is_empty(),
            "signed without reasons for interrupting alerts"
        );
        return;
    }
    assert!(
        check.alerts.iter().any(|a| a.kind == AlertKind::DrugDrug
            && a.severity.interrupts()
            && a.medication_id == Some(MedicationId::from_u128(1))
            && !a.source.is_empty()),
        "warfarin with ibuprofen raised no cited, interrupting drug–drug alert: {check:?}"
    );
    let overrides_before = audited(&mut w, "override_alert", Outcome::Ok);
    let overrides = answer_all(&mut w, id);
    let signed =
        w.db.as_user(&doc)
            .sign_prescription(id, m.version, &overrides, test_now())
            .unwrap();
    assert_eq!(signed.medication.overrides.len(), check.alerts.len());
    assert!(signed
        .medication
        .overrides
        .iter()
        .all(|o| o.reason == "reviewed with the patient" && o.severity.is_some()));
    assert_eq!(
        audited(&mut w, "override_alert", Outcome::Ok) - overrides_before,
        check.alerts.len()
    );
    let history =
        w.db.as_user(&doc)
            .medication_history(id, test_now())
            .unwrap();
    let signed_row = history.iter().find(|h| h.change == "signed").unwrap();
    assert_eq!(signed_row.overrides.len(), check.alerts.len());
}

#[test]
fn a_signed_prescription_is_not_edited_and_a_stopped_one_is_not_renewed() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    let id = prescribe(&mut w, &ongoing(WARFARIN), 1);
    let err =
        w.db.as_user(&doc)
            .update_prescription_draft(id, 2, &ongoing(WARFARIN_2MG), test_now())
            .unwrap_err();
    assert_eq!(fields(&err), vec!["id".to_string()]);
    w.db.as_user(&doc)
        .discontinue_medication(id, "bleeding", test_now())
        .unwrap();
    let err =
        w.db.as_user(&doc)
            .renew_prescription(id, MedicationId::from_u128(2), test_now())
            .unwrap_err();
    assert_eq!(fields(&err), vec!["id".to_string()]);
}

#[test]
fn a_draft_at_another_patients_visit_is_refused() {
    let mut w = world();
    let doc = w.staff.physician.clone();
    let other = charta_core::PatientId::from_u128(901);
    w.db.as_user(&w.staff.front_desk.clone())
        .register_patient(
            &charta_core::testing::person("Other", "Olu", "1990-01-01", ""),
            true,
            other,
            test_now(),
        )
        .unwrap();
    let visit = charta_core::ids::VisitId::from_u128(77);
    charta_core::testing::insert_test_visit(&mut w.db, visit, other, &doc, test_now(), "cough")
        .unwrap();
    let mut d = draft(AMOXICILLIN);
    d.visit_id = Some(visit);
    let err =
        w.db.as_user(&doc)
            .draft_prescription(w.patient, &d, MedicationId::from_u128(1), test_now())
            .unwrap_err();
    assert_eq!(fields(&err), vec!["visitId".to_string()]);
    let m =
        w.db.as_user(&doc)
            .draft_prescription(other, &d, MedicationId::from_u128(1), test_now())
            .unwrap();
    assert_eq!(m.visit_id, Some(visit));
}

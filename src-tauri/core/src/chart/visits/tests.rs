//! What only the crate can show: the database itself refuses rewriting a signed note, even
//! through a raw UPDATE that skips the door; and a template's text seeds a new note.

#![allow(clippy::unwrap_used)]

use super::{SoapNote, VisitDraft};
use crate::chart::common::VisitType;
use crate::db::ChartDb;
use crate::ids::{PatientId, TemplateId, VisitId};
use crate::patient::RegisterOutcome;
use crate::testing::{person, staffed_practice, test_now, Staff};

fn chart() -> (ChartDb, Staff, PatientId) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let id = PatientId::from_u128(77);
    let outcome = db
        .as_user(&staff.front_desk)
        .register_patient(
            &person("Okafor", "Ada", "1970-03-04", ""),
            true,
            id,
            test_now(),
        )
        .unwrap();
    assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    (db, staff, id)
}

fn office(reason: &str) -> VisitDraft {
    VisitDraft {
        visit_type: VisitType::Office,
        reason: reason.into(),
        started_at: None,
        provider_id: None,
        template_id: None,
    }
}

fn insert_template(db: &mut ChartDb, id: TemplateId, kind: &str, retired: bool) {
    db.write(|tx| {
        tx.execute(
            "INSERT INTO note_templates (id, visit_type, name, subjective, objective,
                assessment, plan, retired, updated_at)
             VALUES (?1, ?2, 'Follow-up', 'Here for follow-up.', 'Well appearing.',
                'Stable.', 'Return in 3 months.', ?3, '2026-11-01T00:00:00.000000Z')",
            rusqlite::params![id.to_string(), kind, retired],
        )?;
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_raw_update_of_a_signed_note_is_refused_by_the_database() {
    let (mut db, staff, patient) = chart();
    let visit = VisitId::from_u128(1);
    let now = test_now();
    db.as_user(&staff.physician)
        .start_visit(patient, &office("Cough"), visit, now)
        .unwrap();
    let note = SoapNote {
        subjective: "Cough for 3 days".into(),
        ..SoapNote::default()
    };
    db.as_user(&staff.physician)
        .save_draft(visit, 0, &note, now)
        .unwrap();
    // Before signing the same raw UPDATE goes through: the trigger is what refuses later.
    db.write(|tx| {
        tx.execute(
            "UPDATE visits SET subjective = 'Cough for 4 days' WHERE id = ?1",
            [visit.to_string()],
        )?;
        Ok(())
    })
    .unwrap();
    db.as_user(&staff.physician)
        .sign_note(visit, 1, now)
        .unwrap();
    for sql in [
        "UPDATE visits SET subjective = 'rewritten' WHERE id = ?1",
        "UPDATE visits SET signed_by = NULL, signed_at = NULL WHERE id = ?1",
        "UPDATE visits SET reason = 'other' WHERE id = ?1",
        "DELETE FROM visits WHERE id = ?1",
    ] {
        let err = db
            .write(|tx| {
                tx.execute(sql, [visit.to_string()])?;
                Ok(())
            })
            .unwrap_err();
        assert!(err.to_string().contains("never"), "{sql}: {err}");
    }
    let v = db.as_user(&staff.physician).visit(visit, now).unwrap();
    assert_eq!(v.note.subjective, "Cough for 4 days");
    assert!(v.signed.is_some());
}

#[test]
fn an_amendment_cannot_be_changed_or_deleted_in_the_database() {
    let (mut db, staff, patient) = chart();
    let visit = VisitId::from_u128(2);
    let now = test_now();
    let doc = staff.physician.clone();
    db.as_user(&doc)
        .start_visit(patient, &office("Rash"), visit, now)
        .unwrap();
    let note = SoapNote {
        plan: "Cream".into(),
        ..SoapNote::default()
    };
    db.as_user(&doc).save_draft(visit, 0, &note, now).unwrap();
    db.as_user(&doc).sign_note(visit, 1, now).unwrap();
    db.as_user(&doc)
        .amend_note(
            visit,
            "wrong cream",
            "Hydrocortisone 1%",
            crate::ids::AmendmentId::from_u128(9),
            now,
        )
        .unwrap();
    for sql in [
        "UPDATE note_amendments SET text = 'x' WHERE visit_id = ?1",
        "DELETE FROM note_amendments WHERE visit_id = ?1",
    ] {
        assert!(db
            .write(|tx| {
                tx.execute(sql, [visit.to_string()])?;
                Ok(())
            })
            .is_err());
    }
}

#[test]
fn a_template_of_the_visit_type_seeds_the_note_and_others_are_refused() {
    let (mut db, staff, patient) = chart();
    let (office_t, phone_t, retired_t) = (
        TemplateId::from_u128(1),
        TemplateId::from_u128(2),
        TemplateId::from_u128(3),
    );
    insert_template(&mut db, office_t, "office", false);
    insert_template(&mut db, phone_t, "telephone", false);
    insert_template(&mut db, retired_t, "office", true);
    let now = test_now();
    let mut draft = office("Hypertension follow-up");
    draft.template_id = Some(office_t);
    let v = db
        .as_user(&staff.physician)
        .start_visit(patient, &draft, VisitId::from_u128(3), now)
        .unwrap();
    assert_eq!(v.note.subjective, "Here for follow-up.");
    assert_eq!(v.note.plan, "Return in 3 months.");
    assert_eq!(v.template_id, Some(office_t));
    for bad in [phone_t, retired_t, TemplateId::from_u128(99)] {
        draft.template_id = Some(bad);
        let err = db
            .as_user(&staff.physician)
            .start_visit(patient, &draft, VisitId::from_u128(4), now)
            .unwrap_err();
        assert_eq!(err.field_errors()[0].field, "templateId");
    }
}

#[test]
fn the_after_visit_summary_reads_that_visits_diagnoses_and_vitals_and_the_active_allergies() {
    let (mut db, staff, patient) = chart();
    let now = test_now();
    let (this, other) = (VisitId::from_u128(5), VisitId::from_u128(6));
    for v in [this, other] {
        db.as_user(&staff.physician)
            .start_visit(patient, &office("Check-up"), v, now)
            .unwrap();
    }
    // The owners of these tables write them through their own operations; the rows here are
    // what those leave behind.
    db.write(|tx| {
        let (p, doc) = (patient.to_string(), staff.physician.user_id().to_string());
        for (id, visit, code, primary, error) in [
            ("d1", this, "I10", 1, false),
            ("d2", this, "E11.9", 0, false),
            ("d3", this, "J06.9", 0, true),
            ("d4", other, "M17.11", 0, false),
        ] {
            tx.execute(
                "INSERT INTO visit_diagnoses (id, visit_id, patient_id, code, description,
                    is_primary, position, added_at, added_by, entered_in_error_at,
                    entered_in_error_by, entered_in_error_reason)
                 VALUES (?1, ?2, ?3, ?4, 'desc ' || ?4, ?5, 0, '2026-11-26T15:00:00.000000Z', ?6,
                    CASE WHEN ?7 THEN '2026-11-26T15:00:00.000000Z' END,
                    CASE WHEN ?7 THEN ?6 END, CASE WHEN ?7 THEN 'wrong' END)",
                rusqlite::params![id, visit.to_string(), p, code, primary, doc, error],
            )?;
        }
        for (id, visit, systolic) in [("v1", this, 128), ("v2", other, 150)] {
            tx.execute(
                "INSERT INTO vitals (id, patient_id, visit_id, taken_at, recorded_at,
                    recorded_by, systolic, diastolic, pulse)
                 VALUES (?1, ?2, ?3, '2026-11-26T15:05:00.000000Z', '2026-11-26T15:05:00.000000Z',
                    ?4, ?5, 80, 72)",
                rusqlite::params![id, p, visit.to_string(), doc, systolic],
            )?;
        }
        for (id, substance, status) in [("a1", "Penicillin", "active"), ("a2", "Latex", "resolved")]
        {
            tx.execute(
                "INSERT INTO allergies (id, patient_id, substance, category, kind, reaction,
                    criticality, status, version, recorded_at, recorded_by, updated_at,
                    updated_by)
                 VALUES (?1, ?2, ?3, 'drug', 'allergy', 'hives', 'high', ?4, 1,
                    '2026-11-26T15:00:00.000000Z', ?5, '2026-11-26T15:00:00.000000Z', ?5)",
                rusqlite::params![id, p, substance, status, doc],
            )?;
        }
        Ok(())
    })
    .unwrap();
    let avs = db
        .as_user(&staff.nurse)
        .after_visit_summary(this, now)
        .unwrap();
    let codes: Vec<&str> = avs.diagnoses.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        ["I10", "E11.9"],
        "primary first, none in error, this visit only"
    );
    assert!(avs.diagnoses[0].primary);
    assert_eq!(avs.vitals.len(), 1);
    assert_eq!(
        (avs.vitals[0].systolic, avs.vitals[0].pulse),
        (Some(128), Some(72))
    );
    assert_eq!(avs.allergies.len(), 1);
    assert_eq!(avs.allergies[0].substance, "Penicillin");
    assert!(avs.allergies[0].high_criticality);
}

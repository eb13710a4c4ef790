//! Printing through the door: the PDF copy's text (read back with lopdf), the DEA number only
//! for a controlled substance, unsigned and stopped prescriptions refused, copies listed and
//! opened with their audit rows, the front desk denied.

#![allow(clippy::unwrap_used)]

use crate::db::ChartDb;
use crate::error::CoreError;
use crate::ids::{MedicationId, PatientId, PrintId};
use crate::medications::{ControlledSchedule, MedicationStatus, Route, Sig, SigFrequency};
use crate::patient::{PostalAddress, RegisterOutcome};
use crate::practice::PracticeDraft;
use crate::store;
use crate::testing::{person, staffed_practice, test_now, Staff};

fn patient() -> PatientId {
    PatientId::from_u128(77)
}

fn chart() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    db.as_user(&staff.admin)
        .save_practice(
            &PracticeDraft::new(
                "Riverside Family Practice",
                "12 River Road\nSpringfield, IL 62701",
                "(217) 555-0100",
                "America/New_York",
            ),
            test_now(),
        )
        .unwrap();
    let mut draft = person("Okafor", "Ada", "1970-03-04", "");
    draft.address = PostalAddress {
        line1: "4 Elm Street".into(),
        line2: String::new(),
        city: "Springfield".into(),
        region: "IL".into(),
        postal_code: "62704".into(),
        country: String::new(),
    };
    let outcome = db
        .as_user(&staff.front_desk)
        .register_patient(&draft, true, patient(), test_now())
        .unwrap();
    assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    (db, staff)
}

fn amoxicillin_sig() -> Sig {
    Sig {
        dose: 1.0,
        dose_unit: "capsule".into(),
        route: Route::Oral,
        frequency: SigFrequency::ThreeTimesDaily,
        prn: false,
        prn_indication: String::new(),
        duration_days: Some(10),
        extra: String::new(),
    }
}

/// A prescription written straight into the table by the physician.
fn prescription(
    db: &mut ChartDb,
    staff: &Staff,
    n: u128,
    name: &str,
    controlled: Option<ControlledSchedule>,
    status: MedicationStatus,
    signed: bool,
) -> MedicationId {
    let id = MedicationId::from_u128(n);
    let by = staff.physician.user_id();
    db.write(|tx| {
        store::printed_copies::insert_test_medication(
            tx,
            id,
            patient(),
            by,
            name,
            Some(&amoxicillin_sig()),
            Some(30.0),
            "capsule",
            2,
            controlled,
            status,
            signed,
            test_now(),
        )
    })
    .unwrap();
    id
}

fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

/// Extracted text with its line breaks and runs of spaces made single spaces.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn audit_rows(db: &ChartDb, action: &str) -> Vec<(String, String, String, Option<String>)> {
    db.read(|c| {
        let mut stmt = c.prepare(
            "SELECT entity, entity_id, outcome, patient_id FROM audit_log WHERE action = ?1
             ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([action], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
    .unwrap()
}

#[test]
fn a_printed_prescription_shows_the_form_and_its_pdf_copy_holds_the_same_text() {
    let (mut db, staff) = chart();
    let id = prescription(
        &mut db,
        &staff,
        1,
        "amoxicillin 500 mg oral capsule",
        None,
        MedicationStatus::Active,
        true,
    );
    let print_id = PrintId::from_u128(9);
    let p = db
        .as_user(&staff.nurse)
        .print_prescription(id, print_id, test_now())
        .unwrap();
    assert_eq!(p.practice_name, "Riverside Family Practice");
    assert_eq!(
        p.practice_lines,
        [
            "12 River Road",
            "Springfield, IL 62701",
            "Phone (217) 555-0100"
        ]
    );
    assert_eq!(p.prescriber_name, "Test doc");
    assert_eq!(p.prescriber_credentials, "Physician");
    assert_eq!(p.licence_number.as_deref(), Some("TEST-12345"));
    assert_eq!(p.npi.as_deref(), Some("1234567893"));
    assert_eq!(p.dea, None);
    assert_eq!(p.patient_name, "Ada Okafor");
    assert_eq!(p.patient_address, ["4 Elm Street", "Springfield, IL 62704"]);
    assert_eq!(p.quantity_text, "30 (thirty) capsules");
    assert_eq!(p.refills_text, "2 (two)");
    assert_eq!(
        p.medication.sig_text,
        "Take 1 capsule by mouth three times daily for 10 days"
    );

    let pdf = db
        .as_user(&staff.physician)
        .printed_copy_pdf(print_id, test_now())
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = flat(&pdf_text(&pdf));
    for expected in [
        "Riverside Family Practice",
        "amoxicillin 500 mg oral capsule",
        "Take 1 capsule by mouth three times daily for 10 days",
        "30 (thirty) capsules",
        "Refills: 2 (two)",
        &format!("Patient: Ada Okafor Chart #{}", p.patient_mrn),
        "Date of birth: 4 Mar 1970",
        "4 Elm Street",
        "NPI 1234567893",
        "Licence TEST-12345",
        "Dispense as written (no substitution)",
        "Signature of prescriber",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from {text:?}"
        );
    }
    assert!(!text.contains("DEA"), "{text:?}");
    assert!(!text.contains("BD1111119"), "{text:?}");
}

#[test]
fn a_controlled_substance_prints_the_prescribers_dea_number_and_its_schedule() {
    let (mut db, staff) = chart();
    let id = prescription(
        &mut db,
        &staff,
        1,
        "oxycodone 5 mg oral tablet",
        Some(ControlledSchedule::CII),
        MedicationStatus::Active,
        true,
    );
    let p = db
        .as_user(&staff.physician)
        .print_prescription(id, PrintId::from_u128(9), test_now())
        .unwrap();
    assert_eq!(p.dea.as_deref(), Some("BD1111119"));
    assert_eq!(p.controlled.as_deref(), Some("CII"));
    let pdf = db
        .as_user(&staff.physician)
        .printed_copy_pdf(PrintId::from_u128(9), test_now())
        .unwrap();
    let text = flat(&pdf_text(&pdf));
    assert!(text.contains("DEA BD1111119"), "{text:?}");
    assert!(text.contains("schedule CII"), "{text:?}");
}

#[test]
fn an_unsigned_stopped_or_reported_medication_is_not_printed_and_nothing_is_kept() {
    let (mut db, staff) = chart();
    let draft = prescription(
        &mut db,
        &staff,
        1,
        "draft",
        None,
        MedicationStatus::Draft,
        false,
    );
    let stopped = prescription(
        &mut db,
        &staff,
        2,
        "stopped",
        None,
        MedicationStatus::Stopped,
        true,
    );
    let reported = MedicationId::from_u128(3);
    let by = staff.nurse.user_id();
    db.write(|tx| {
        store::printed_copies::insert_test_medication(
            tx,
            reported,
            patient(),
            by,
            "turmeric capsules",
            None,
            None,
            "",
            0,
            None,
            MedicationStatus::Active,
            false,
            test_now(),
        )
    })
    .unwrap();
    for (n, id, words) in [
        (1, draft, "still a draft"),
        (2, stopped, "stopped"),
        (3, reported, "reported"),
    ] {
        let err = db
            .as_user(&staff.physician)
            .print_prescription(id, PrintId::from_u128(n), test_now())
            .unwrap_err();
        let fields = err.field_errors();
        assert_eq!(fields.len(), 1, "{err:?}");
        assert_eq!(fields[0].field, "id");
        assert!(fields[0].message.contains(words), "{}", fields[0].message);
    }
    let copies = db
        .as_user(&staff.physician)
        .printed_copies(patient(), test_now())
        .unwrap();
    assert!(copies.is_empty());
    assert!(audit_rows(&db, "print_prescription").is_empty());
}

#[test]
fn copies_are_listed_newest_first_and_opened_with_audit_rows() {
    let (mut db, staff) = chart();
    let id = prescription(
        &mut db,
        &staff,
        1,
        "amoxicillin",
        None,
        MedicationStatus::Active,
        true,
    );
    let first = PrintId::from_u128(10);
    let second = PrintId::from_u128(11);
    let later = test_now() + chrono::Duration::minutes(5);
    db.as_user(&staff.physician)
        .print_prescription(id, first, test_now())
        .unwrap();
    db.as_user(&staff.physician)
        .print_medication_list(patient(), second, later)
        .unwrap();
    let copies = db
        .as_user(&staff.nurse)
        .printed_copies(patient(), later)
        .unwrap();
    let kinds: Vec<(PrintId, &str, Option<MedicationId>)> = copies
        .iter()
        .map(|c| (c.id, c.kind.as_str(), c.medication_id))
        .collect();
    assert_eq!(
        kinds,
        [
            (second, "medication_list", None),
            (first, "prescription", Some(id)),
        ]
    );
    assert_eq!(copies[1].printed_by_name, "Test doc");
    assert!(copies[1].bytes > 500);
    let pdf = db
        .as_user(&staff.nurse)
        .printed_copy_pdf(first, later)
        .unwrap();
    assert_eq!(pdf.len(), copies[1].bytes as usize);

    let in_chart = Some(patient().to_string());
    let ok = |entity: &str, entity_id: String| {
        (
            entity.to_string(),
            entity_id,
            "ok".to_string(),
            in_chart.clone(),
        )
    };
    assert_eq!(
        audit_rows(&db, "print_prescription"),
        [ok("medication", id.to_string())]
    );
    assert_eq!(
        audit_rows(&db, "print_medication_list"),
        [ok("print", second.to_string())]
    );
    assert_eq!(
        audit_rows(&db, "view_printed_copies"),
        [ok("patient", patient().to_string())]
    );
    assert_eq!(
        audit_rows(&db, "open_printed_copy"),
        [ok("print", first.to_string())]
    );
}

#[test]
fn the_database_refuses_to_change_or_delete_a_printed_copy() {
    let (mut db, staff) = chart();
    let id = prescription(
        &mut db,
        &staff,
        1,
        "amoxicillin",
        None,
        MedicationStatus::Active,
        true,
    );
    db.as_user(&staff.physician)
        .print_prescription(id, PrintId::from_u128(10), test_now())
        .unwrap();
    let update = db.write(|tx| {
        tx.execute("UPDATE printed_copies SET pdf = x'00'", [])?;
        Ok(())
    });
    assert!(update.is_err());
    let delete = db.write(|tx| {
        tx.execute("DELETE FROM printed_copies", [])?;
        Ok(())
    });
    assert!(delete.is_err());
}

#[test]
fn the_front_desk_is_denied_printing_and_opening_copies_and_the_denial_is_audited() {
    let (mut db, staff) = chart();
    let id = prescription(
        &mut db,
        &staff,
        1,
        "amoxicillin",
        None,
        MedicationStatus::Active,
        true,
    );
    db.as_user(&staff.physician)
        .print_prescription(id, PrintId::from_u128(10), test_now())
        .unwrap();
    let desk = &staff.front_desk;
    let denied = |e: CoreError| matches!(e, CoreError::Forbidden(_));
    assert!(denied(
        db.as_user(desk)
            .print_prescription(id, PrintId::from_u128(11), test_now())
            .unwrap_err()
    ));
    assert!(denied(
        db.as_user(desk)
            .print_medication_list(patient(), PrintId::from_u128(12), test_now())
            .unwrap_err()
    ));
    assert!(denied(
        db.as_user(desk)
            .printed_copies(patient(), test_now())
            .unwrap_err()
    ));
    assert!(denied(
        db.as_user(desk)
            .printed_copy_pdf(PrintId::from_u128(10), test_now())
            .unwrap_err()
    ));
    let outcomes: Vec<String> = audit_rows(&db, "print_prescription")
        .into_iter()
        .map(|r| r.2)
        .collect();
    assert_eq!(outcomes, ["ok", "denied"]);
    assert_eq!(audit_rows(&db, "open_printed_copy")[0].2, "denied");
    let copies = db
        .as_user(&staff.physician)
        .printed_copies(patient(), test_now())
        .unwrap();
    assert_eq!(copies.len(), 1);
}

#[test]
fn the_printed_medication_list_has_the_active_medications_and_allergies() {
    let (mut db, staff) = chart();
    prescription(
        &mut db,
        &staff,
        1,
        "lisinopril 10 mg oral tablet",
        None,
        MedicationStatus::Active,
        true,
    );
    prescription(
        &mut db,
        &staff,
        2,
        "amoxicillin (stopped)",
        None,
        MedicationStatus::Stopped,
        true,
    );
    let l = db
        .as_user(&staff.physician)
        .print_medication_list(patient(), PrintId::from_u128(20), test_now())
        .unwrap();
    let names: Vec<&str> = l.active.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["lisinopril 10 mg oral tablet"]);
    assert_eq!(
        l.allergy_statement.as_deref(),
        Some("Allergies not recorded")
    );
    let pdf = db
        .as_user(&staff.physician)
        .printed_copy_pdf(PrintId::from_u128(20), test_now())
        .unwrap();
    let text = flat(&pdf_text(&pdf));
    assert!(text.contains("lisinopril 10 mg oral tablet"), "{text:?}");
    assert!(text.contains("Ada Okafor"), "{text:?}");
    assert!(text.contains("Allergies not recorded"), "{text:?}");
    assert!(!text.contains("stopped"), "{text:?}");
}

#[test]
fn a_long_medication_list_runs_onto_more_pages_with_the_patient_named_on_each() {
    let (mut db, staff) = chart();
    for n in 0..40 {
        prescription(
            &mut db,
            &staff,
            100 + n,
            &format!("medication {n:02}"),
            None,
            MedicationStatus::Active,
            true,
        );
    }
    db.as_user(&staff.physician)
        .print_medication_list(patient(), PrintId::from_u128(20), test_now())
        .unwrap();
    let pdf = db
        .as_user(&staff.physician)
        .printed_copy_pdf(PrintId::from_u128(20), test_now())
        .unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages = doc.get_pages();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let last = *pages.keys().max().unwrap();
    let text = flat(&doc.extract_text(&[last]).unwrap());
    assert!(text.contains("Medication list for Ada Okafor"), "{text:?}");
    let all = flat(&pdf_text(&pdf));
    assert!(all.contains("medication 00") && all.contains("medication 39"));
}

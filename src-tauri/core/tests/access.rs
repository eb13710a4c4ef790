//! Every operation × every role against the permission table, through the real entry points:
//! allowed ones succeed, denied ones fail with `forbidden`, say who may, and are audited.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditQuery, Outcome};
use charta_core::chart::common::VisitType;
use charta_core::chart::problems::{ProblemDraft, ProblemStatus};
use charta_core::chart::templates::TemplateDraft;
use charta_core::chart::visits::{SoapNote, VisitDraft};
use charta_core::chart::vitals::VitalsInput;
use charta_core::ids::{
    AppointmentId, AppointmentTypeId, FavouriteId, MedicationId, ProblemId, RoomId, TemplateId,
    VisitId, VitalsId,
};
use charta_core::medications::{FavouriteDraft, PrescriptionDraft, Route, Sig, SigFrequency};
use charta_core::messages::InboxFilter;
use charta_core::patient::{PatientDraft, SearchRequest};
use charta_core::permissions::{allows, Operation, Role};
use charta_core::practice::PracticeDraft;
use charta_core::reports::ReportKind;
use charta_core::schedule::setup::RoomDraft;
use charta_core::schedule::{AppointmentDraft, AppointmentStatus};
use charta_core::testing::{self, staffed_practice, test_now, user_draft, Staff};
use charta_core::{Actor, ChartDb, CoreResult, PatientId, UserId};
use chrono::Duration;

fn person(family: &str) -> PatientDraft {
    testing::person(family, "Ann", "1970-01-01", "555 201 0000")
}

/// A practice with one ordinary and one restricted patient.
fn practice() -> (ChartDb, Staff, PatientId, PatientId) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let (open, restricted) = (PatientId::from_u128(10), PatientId::from_u128(11));
    db.as_user(&staff.physician)
        .register_patient(&person("Open"), true, open, test_now())
        .unwrap();
    db.as_user(&staff.physician)
        .register_patient(&person("Hidden"), true, restricted, test_now())
        .unwrap();
    db.as_user(&staff.physician)
        .set_restricted(restricted, true, test_now())
        .unwrap();
    (db, staff, open, restricted)
}

/// Calls the entry point of `op` as `actor`; `None` for operations that have no entry point
/// in charta-core (backups live with the keystore in the workstation layer and are tested
/// there).
fn perform(
    db: &mut ChartDb,
    actor: &Actor,
    op: Operation,
    open: PatientId,
    restricted: PatientId,
    n: u128,
) -> Option<CoreResult<()>> {
    let now = test_now() + Duration::minutes(n as i64);
    // A physician's draft note for signing, written before the walk's actor acts.
    let visit = VisitId::from_u128(3000 + n);
    if op == Operation::SignNote {
        let doc = staff_physician(db);
        let draft = VisitDraft {
            visit_type: VisitType::Office,
            reason: "Follow-up".into(),
            started_at: None,
            provider_id: None,
            template_id: None,
        };
        db.as_user(&doc)
            .start_visit(open, &draft, visit, now)
            .unwrap();
        let note = SoapNote {
            assessment: "Stable".into(),
            ..Default::default()
        };
        db.as_user(&doc).save_draft(visit, 0, &note, now).unwrap();
    }
    // The physician on the schedule, and a booking for the status walk, made before the actor acts.
    if matches!(
        op,
        Operation::BookAppointments | Operation::UpdateAppointmentStatus
    ) {
        let doc = staff_physician(db);
        let admin = db.actor(UserId::from_u128(1)).unwrap();
        db.as_user(&admin)
            .save_schedule_provider(doc.user_id(), "#2f6fb0", 0, true, now)
            .unwrap();
        if op == Operation::UpdateAppointmentStatus {
            db.as_user(&doc)
                .book_appointment(&booking(open, now), AppointmentId::from_u128(6000 + n), now)
                .unwrap();
        }
    }
    // A physician's draft prescription for signing, written before the walk's actor acts.
    if op == Operation::SignPrescriptions {
        let doc = staff_physician(db);
        db.as_user(&doc)
            .draft_prescription(
                open,
                &prescription(),
                MedicationId::from_u128(7500 + n),
                now,
            )
            .unwrap();
    }
    let mut u = db.as_user(actor);
    Some(match op {
        Operation::EditPracticeSettings => u
            .save_practice(
                &PracticeDraft::new("Renamed", "", "", "America/Chicago"),
                now,
            )
            .map(drop),
        Operation::SearchPatients => u
            .search_patients(&SearchRequest::new("open"), now)
            .map(drop),
        Operation::ViewDemographics => u.patient(open, now).map(drop),
        Operation::RegisterPatient => u
            .register_patient(
                &person("Newcomer"),
                true,
                PatientId::from_u128(1000 + n),
                now,
            )
            .map(drop),
        Operation::EditDemographics => {
            let version = db
                .as_user(&staff_physician(db))
                .patient(open, now)
                .unwrap()
                .version;
            db.as_user(actor)
                .update_patient(open, version, &person("Open"), now)
                .map(drop)
        }
        Operation::RestrictChart => u.set_restricted(open, false, now),
        Operation::EmergencyAccess => u
            .emergency_access(restricted, "patient collapsed in waiting room", now)
            .map(drop),
        Operation::ManageUsers => u
            .create_user(
                &user_draft(&format!("user{n}"), &[Role::Nurse]),
                UserId::from_u128(1000 + n),
                now,
            )
            .map(drop),
        Operation::ViewAuditLog => u.audit_report(&AuditQuery::default(), now).map(drop),
        Operation::ExportAuditLog => u.export_audit_csv(&AuditQuery::default(), now).map(drop),
        Operation::ViewClinical => u.chart_summary(open, now).map(drop),
        Operation::EditClinical => u
            .record_vitals(
                open,
                None,
                &VitalsInput {
                    pulse: "72".into(),
                    ..Default::default()
                },
                VitalsId::from_u128(2000 + n),
                now,
            )
            .map(drop),
        Operation::SignNote => u.sign_note(visit, 1, now).map(drop),
        Operation::EditDiagnoses => u
            .add_problem(
                open,
                &ProblemDraft {
                    code: Some("I10".into()),
                    description: String::new(),
                    status: ProblemStatus::Active,
                    onset: String::new(),
                    resolved: String::new(),
                    comment: String::new(),
                },
                ProblemId::from_u128(1000 + n),
                None,
                now,
            )
            .map(drop),
        Operation::EditTemplates => u
            .save_template(
                TemplateId::from_u128(n),
                None,
                &TemplateDraft {
                    visit_type: "office".into(),
                    name: format!("Walk {n}"),
                    ..Default::default()
                },
                now,
            )
            .map(drop),
        Operation::BackUp | Operation::Restore => return None,
        Operation::ExportRecords => u.export_patient_fhir(open, now).map(drop),
        Operation::ImportRecords => {
            let file = std::env::temp_dir().join(format!("charta-access-import-{n}.json"));
            let bundle = r#"{"resourceType":"Bundle","type":"collection","entry":[]}"#;
            std::fs::write(&file, bundle).expect("a temporary file");
            u.import_fhir(&[file], true, uuid::Uuid::from_u128(n), now, &mut |_| {})
                .map(drop)
        }
        Operation::SignOffResults => u.results_inbox(now).map(drop),
        Operation::ImportResults => u.result_files(now).map(drop),
        Operation::ViewClinicalReports => u
            .practice_report(&ReportKind::DiabetesControl, now)
            .map(drop),
        Operation::ViewOperationalReports => u
            .practice_report(&ReportKind::VisitsPerProvider, now)
            .map(drop),
        Operation::SendMessages => u.message_inbox(InboxFilter::Open, now).map(drop),
        Operation::WriteLetters => u
            .draft_letter(
                &charta_core::letters::LetterRequest {
                    patient_id: open,
                    template_id: charta_core::ids::LetterTemplateId::parse(
                        "00000000-0000-4000-8000-00000000a002",
                    )?,
                    recipient: String::new(),
                    reason: "Walk".into(),
                },
                now,
            )
            .map(drop),
        Operation::FileDocuments => u
            .file_document(
                &charta_core::documents::DocumentDraft {
                    patient_id: open,
                    category: charta_core::documents::DocumentCategory::ConsentForm,
                    title: "Consent".into(),
                    document_date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1)?,
                    file_name: "consent.pdf".into(),
                    declared_type: "application/pdf".into(),
                    note: String::new(),
                    task: None,
                },
                b"%PDF-1.4 walk",
                charta_core::ids::DocumentId::from_u128(9000 + n),
                charta_core::ids::MessageId::from_u128(9000 + n),
                now,
            )
            .map(drop),
        Operation::DraftPrescriptions => u
            .draft_prescription(
                open,
                &prescription(),
                MedicationId::from_u128(7000 + n),
                now,
            )
            .map(drop),
        Operation::SignPrescriptions => u
            .sign_prescription(MedicationId::from_u128(7500 + n), 1, &[], now)
            .map(drop),
        Operation::EditFavourites => u
            .save_favourite(
                FavouriteId::from_u128(8000 + n),
                &FavouriteDraft {
                    label: format!("Walk {n}"),
                    product_code: LISINOPRIL.into(),
                    sig: prescription().sig,
                    quantity: 30.0,
                    quantity_unit: "tablet".into(),
                    refills: 1,
                },
                now,
            )
            .map(drop),
        Operation::ImportDrugCatalogue => u.drug_imports(now).map(drop),
        Operation::ViewSchedule => u.flow_board(now).map(drop),
        Operation::BookAppointments => u
            .book_appointment(&booking(open, now), AppointmentId::from_u128(5000 + n), now)
            .map(drop),
        Operation::UpdateAppointmentStatus => u
            .set_appointment_status(
                AppointmentId::from_u128(6000 + n),
                1,
                AppointmentStatus::Confirmed,
                None,
                now,
            )
            .map(drop),
        Operation::EditScheduleSetup => u
            .save_room(
                RoomId::from_u128(9000 + n),
                &RoomDraft {
                    name: format!("Walk room {n}"),
                    display_order: 0,
                    retired: true,
                },
                now,
            )
            .map(drop),
        Operation::BlockTime => {
            let day = now.date_naive();
            u.list_blocks(day, day, now).map(drop)
        }
    })
}

/// A follow-up tomorrow with the staff physician, booked over whatever the hours say.
fn booking(patient: PatientId, now: chrono::DateTime<chrono::Utc>) -> AppointmentDraft {
    AppointmentDraft {
        patient_id: patient,
        provider_id: UserId::from_u128(2),
        type_id: AppointmentTypeId::parse("00000000-0000-0000-0006-000000000002").unwrap(),
        room_id: None,
        starts_at: now + Duration::days(1),
        minutes: 15,
        reason: "Walk".into(),
        note: String::new(),
        overbook_reason: Some("access walk".into()),
    }
}

/// A formulary product no check alerts on for the walk's patient.
const LISINOPRIL: &str = "rx:314076";

fn prescription() -> PrescriptionDraft {
    PrescriptionDraft {
        product_code: LISINOPRIL.into(),
        sig: Sig {
            dose: 1.0,
            dose_unit: "tablet".into(),
            route: Route::Oral,
            frequency: SigFrequency::OnceDaily,
            prn: false,
            prn_indication: String::new(),
            duration_days: Some(30),
            extra: String::new(),
        },
        quantity: 30.0,
        quantity_unit: "tablet".into(),
        refills: 1,
        dispense_as_written: false,
        note_to_pharmacist: String::new(),
        indication: "hypertension".into(),
        visit_id: None,
        start_date: None,
    }
}

fn staff_physician(db: &ChartDb) -> Actor {
    db.actor(UserId::from_u128(2)).unwrap()
}

fn denied_rows(db: &mut ChartDb, admin: &Actor) -> usize {
    let q = AuditQuery {
        outcome: Some(Outcome::Denied),
        limit: Some(500),
        ..Default::default()
    };
    db.as_user(admin)
        .audit_report(&q, test_now())
        .unwrap()
        .entries
        .len()
}

#[test]
fn every_operation_and_role_is_enforced_as_the_table_says() {
    let mut n = 0;
    let mut without_entry_point = Vec::new();
    for op in Operation::ALL {
        for role in Role::ALL {
            n += 1;
            let (mut db, staff, open, restricted) = practice();
            let actor = match role {
                Role::Physician => &staff.physician,
                Role::Nurse => &staff.nurse,
                Role::FrontDesk => &staff.front_desk,
                Role::Admin => &staff.admin,
            };
            let denied_before = denied_rows(&mut db, &staff.admin);
            let Some(result) = perform(&mut db, actor, op, open, restricted, n) else {
                without_entry_point.push(op);
                continue;
            };
            if allows(role, op) {
                assert!(result.is_ok(), "{role:?} may {op:?} but got {result:?}");
            } else {
                let err = result.expect_err(&format!("{role:?} must not {op:?}"));
                assert_eq!(err.code(), "forbidden", "{role:?} × {op:?}: {err}");
                assert!(
                    err.to_string().starts_with("Only a"),
                    "a denial says who may: {err}"
                );
                // The admin's report itself adds no denied row.
                assert_eq!(
                    denied_rows(&mut db, &staff.admin),
                    denied_before + 1,
                    "{role:?} × {op:?} denial not audited"
                );
            }
        }
    }
    without_entry_point.dedup();
    assert_eq!(
        without_entry_point,
        [Operation::BackUp, Operation::Restore],
        "an operation gained an entry point: add it to perform()"
    );
}

#[test]
fn a_restricted_chart_opens_only_through_emergency_access_which_is_flagged() {
    let (mut db, staff, open, restricted) = practice();
    let now = test_now() + Duration::hours(1);
    assert!(db.as_user(&staff.nurse).patient(open, now).is_ok());
    let err = db
        .as_user(&staff.nurse)
        .patient(restricted, now)
        .unwrap_err();
    assert_eq!(err.code(), "restricted");

    let short = db
        .as_user(&staff.nurse)
        .emergency_access(restricted, "need", now)
        .unwrap_err();
    assert_eq!(short.field_errors()[0].field, "reason");
    let until = db
        .as_user(&staff.nurse)
        .emergency_access(restricted, "Patient unresponsive, need allergies", now)
        .unwrap();
    assert_eq!(until, now + Duration::minutes(30));
    assert_eq!(
        db.as_user(&staff.nurse)
            .patient(restricted, now)
            .unwrap()
            .family_name,
        "Hidden"
    );
    // Another user does not inherit the grant, and it runs out.
    assert_eq!(
        db.as_user(&staff.physician)
            .patient(restricted, now)
            .unwrap_err()
            .code(),
        "restricted"
    );
    assert_eq!(
        db.as_user(&staff.nurse)
            .patient(restricted, until)
            .unwrap_err()
            .code(),
        "restricted"
    );

    let q = AuditQuery {
        emergency_only: true,
        ..Default::default()
    };
    let flagged = db
        .as_user(&staff.admin)
        .audit_report(&q, now)
        .unwrap()
        .entries;
    let actions: Vec<&str> = flagged.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["view_patient", "emergency_access"],
        "newest first"
    );
    assert!(flagged[1].detail.contains("unresponsive"));
    assert_eq!(
        flagged[0].patient_label.as_deref(),
        Some("HIDDEN, Ann (Chart #1002)")
    );
}

#[test]
fn every_read_and_write_of_patient_data_is_audited_and_the_chain_verifies() {
    let (mut db, staff, open, _) = practice();
    let now = test_now() + Duration::hours(2);
    db.as_user(&staff.front_desk)
        .search_patients(&SearchRequest::new("open"), now)
        .unwrap();
    let p = db.as_user(&staff.front_desk).patient(open, now).unwrap();
    db.as_user(&staff.front_desk)
        .update_patient(open, p.version, &person("Opened"), now)
        .unwrap();

    let q = AuditQuery {
        user_id: Some(staff.front_desk.user_id()),
        sort: charta_core::audit::AuditSort::OldestFirst,
        ..Default::default()
    };
    let rows = db
        .as_user(&staff.admin)
        .audit_report(&q, now)
        .unwrap()
        .entries;
    let seen: Vec<(&str, Option<PatientId>)> = rows
        .iter()
        .map(|e| (e.action.as_str(), e.patient_id))
        .collect();
    assert_eq!(
        seen,
        [
            ("search_patients", None),
            ("view_patient", Some(open)),
            ("update_patient", Some(open))
        ]
    );
    assert!(rows
        .iter()
        .all(|e| e.username == "desk" && e.outcome == Outcome::Ok));

    let by_patient = AuditQuery {
        patient_id: Some(open),
        ..Default::default()
    };
    assert!(
        db.as_user(&staff.admin)
            .audit_report(&by_patient, now)
            .unwrap()
            .entries
            .len()
            >= 3
    );
    let check = db.as_user(&staff.admin).verify_audit_chain(now).unwrap();
    assert!(check.ok(), "{check:?}");
}

#[test]
fn the_audit_report_filters_by_day_at_the_practice_and_exports_csv() {
    let (mut db, staff, _, _) = practice();
    // 03:00 UTC on the 27th is still the 26th in New York (the test practice's zone).
    let late = test_now() + Duration::hours(12);
    db.as_user(&staff.nurse)
        .search_patients(&SearchRequest::new("late"), late)
        .unwrap();
    let day = |d: &str| AuditQuery {
        from: Some(d.into()),
        to: Some(d.into()),
        action: Some("search_patients".into()),
        ..Default::default()
    };
    assert_eq!(
        db.as_user(&staff.admin)
            .audit_report(&day("2026-11-26"), late)
            .unwrap()
            .entries
            .len(),
        1
    );
    assert_eq!(
        db.as_user(&staff.admin)
            .audit_report(&day("2026-11-27"), late)
            .unwrap()
            .entries
            .len(),
        0
    );
    let csv = db
        .as_user(&staff.admin)
        .export_audit_csv(&day("2026-11-26"), late)
        .unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains(",nurse,"));
    let bad = AuditQuery {
        from: Some("2026-11-27".into()),
        to: Some("2026-11-01".into()),
        ..Default::default()
    };
    assert_eq!(
        db.as_user(&staff.admin)
            .audit_report(&bad, late)
            .unwrap_err()
            .field_errors()[0]
            .field,
        "to"
    );
}

#[test]
fn the_last_admin_cannot_be_removed_and_users_are_never_deleted() {
    let (mut db, staff, _, _) = practice();
    let err = db
        .as_user(&staff.admin)
        .set_user_active(staff.admin.user_id(), false, test_now())
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "active");
    let user = db
        .as_user(&staff.admin)
        .set_user_active(staff.nurse.user_id(), false, test_now())
        .unwrap();
    assert!(!user.active);
    assert_eq!(
        db.actor(staff.nurse.user_id()).unwrap_err().code(),
        "unauthenticated"
    );
    let taken = db.as_user(&staff.admin).create_user(
        &user_draft("DESK", &[Role::Nurse]),
        UserId::from_u128(99),
        test_now(),
    );
    assert_eq!(taken.unwrap_err().field_errors()[0].field, "username");
    assert_eq!(
        db.create_first_admin(
            &user_draft("second", &[Role::Admin]),
            UserId::from_u128(98),
            test_now()
        )
        .unwrap_err()
        .code(),
        "forbidden"
    );
}

#[test]
fn chart_summaries_by_id_need_the_search_permission_and_are_audited_with_the_ids_shown() {
    let (mut db, staff, open, restricted) = practice();
    let unknown = PatientId::from_u128(99);
    let found = db
        .as_user(&staff.front_desk)
        .patient_summaries(&[restricted, unknown, open], test_now())
        .unwrap();
    let ids: Vec<PatientId> = found.iter().map(|s| s.id).collect();
    assert_eq!(ids, [restricted, open], "on file, in the order asked");

    let err = db
        .as_user(&staff.admin)
        .patient_summaries(&[open], test_now())
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let too_many = vec![open; charta_core::patient::MAX_PAGE_SIZE as usize + 1];
    let err = db
        .as_user(&staff.front_desk)
        .patient_summaries(&too_many, test_now())
        .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "ids");

    let q = AuditQuery {
        action: Some("patient_summaries".into()),
        sort: charta_core::audit::AuditSort::OldestFirst,
        ..Default::default()
    };
    let rows = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now())
        .unwrap()
        .entries;
    let seen: Vec<(&str, Outcome, &str)> = rows
        .iter()
        .map(|e| (e.username.as_str(), e.outcome, e.detail.as_str()))
        .collect();
    let shown = format!("2 shown: {restricted} {open}");
    assert_eq!(
        seen,
        [
            ("desk", Outcome::Ok, shown.as_str()),
            ("admin", Outcome::Denied, "search patients")
        ]
    );
}

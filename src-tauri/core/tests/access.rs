//! Every operation × every role against the permission table, through the real entry points:
//! allowed ones succeed, denied ones fail with `forbidden`, say who may, and are audited; the
//! restricted chart, the audit trail and its report, and user removal (`access/audit.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditQuery, Outcome};
use charta_core::chart::common::VisitType;
use charta_core::chart::problems::{ProblemDraft, ProblemStatus};
use charta_core::chart::templates::TemplateDraft;
use charta_core::chart::visits::{SoapNote, VisitDraft};
use charta_core::chart::vitals::VitalsInput;
use charta_core::ids::{
    AppointmentId, AppointmentTypeId, FavouriteId, MedicationId, OutsideVisitId, ProblemId, RoomId,
    TemplateId, VisitId, VitalsId,
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

#[path = "access/audit.rs"]
mod audit;

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

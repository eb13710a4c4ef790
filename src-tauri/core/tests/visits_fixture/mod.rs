//! The practice the visit tests share: the front desk registered Ada Okafor (chart 1001) and
//! Ann Hidden; a visit by the physician with a saved draft; the audit rows of an action.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use charta_core::audit::{AuditEntry, AuditQuery};
use charta_core::chart::common::VisitType;
use charta_core::chart::visits::{SoapNote, VisitDraft};
use charta_core::ids::VisitId;
use charta_core::patient::RegisterOutcome;
use charta_core::testing::{person, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, PatientId};
use chrono::Duration;

/// Ada Okafor, chart 1001.
#[allow(non_snake_case)]
pub fn ADA() -> PatientId {
    PatientId::from_u128(1)
}

pub fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    for (n, family, given) in [(1, "Okafor", "Ada"), (2, "Hidden", "Ann")] {
        let outcome = db
            .as_user(&staff.front_desk)
            .register_patient(
                &person(family, given, "1970-03-04", ""),
                true,
                PatientId::from_u128(n),
                test_now(),
            )
            .unwrap();
        assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    }
    (db, staff)
}

pub fn visit_id(n: u128) -> VisitId {
    VisitId::from_u128(n)
}

pub fn draft(kind: VisitType, reason: &str) -> VisitDraft {
    VisitDraft {
        visit_type: kind,
        reason: reason.into(),
        started_at: None,
        provider_id: None,
        template_id: None,
    }
}

pub fn note(subjective: &str, assessment: &str) -> SoapNote {
    SoapNote {
        subjective: subjective.into(),
        objective: "BP 128/82".into(),
        assessment: assessment.into(),
        plan: "Lisinopril 10 mg daily; recheck in 4 weeks".into(),
    }
}

pub fn rows(db: &mut ChartDb, staff: &Staff, action: &str) -> Vec<AuditEntry> {
    let q = AuditQuery {
        action: Some(action.into()),
        ..Default::default()
    };
    db.as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(2))
        .unwrap()
        .entries
}

/// A visit by the physician with a saved draft at version 1.
pub fn drafted(db: &mut ChartDb, staff: &Staff, n: u128) -> VisitId {
    let id = visit_id(n);
    let now = test_now();
    db.as_user(&staff.physician)
        .start_visit(ADA(), &draft(VisitType::Office, "Blood pressure"), id, now)
        .unwrap();
    db.as_user(&staff.physician)
        .save_draft(
            id,
            0,
            &note("Headaches", "Hypertension\nwell controlled"),
            now,
        )
        .unwrap();
    id
}

//! The chart summary over a generated practice: what it lists, that each list is bounded and
//! in order, that the read is audited, and who may not see it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditEntry, AuditQuery, Outcome};
use charta_core::chart::allergies::AllergyState;
use charta_core::chart::summary::{Trend, VitalKind};
use charta_core::synth::{ChartProviders, PracticeGenerator};
use charta_core::testing::{person, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, CoreError, PatientId};
use chrono::Duration;

/// 150 generated patients with their charting (one of them with 700+ visits).
fn practice() -> (ChartDb, Staff, Vec<PatientId>, PatientId) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let ids = db
        .add_generated_patients(&mut PracticeGenerator::new(3), 150, 1, test_now())
        .unwrap();
    let providers = ChartProviders {
        physicians: vec![staff.physician.user_id()],
        nurse: Some(staff.nurse.user_id()),
    };
    let charts = db.add_generated_charts(9, &providers, test_now()).unwrap();
    assert_eq!(charts.heavy.len(), 1);
    let heavy = charts.heavy[0];
    (db, staff, ids, heavy)
}

fn rows(db: &mut ChartDb, staff: &Staff, action: &str) -> Vec<AuditEntry> {
    let q = AuditQuery {
        action: Some(action.into()),
        ..Default::default()
    };
    db.as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(2))
        .unwrap()
        .entries
}

#[test]
fn the_summary_of_a_long_chart_lists_the_latest_of_everything_within_bounds() {
    let (mut db, staff, _, heavy) = practice();
    let s = db
        .as_user(&staff.physician)
        .chart_summary(heavy, test_now())
        .unwrap();
    assert_eq!(s.patient_id, heavy);
    assert!(s.visit_count >= 700, "{}", s.visit_count);
    assert_eq!(s.visits.len(), 5);
    assert!(s
        .visits
        .windows(2)
        .all(|w| w[0].started_at >= w[1].started_at));
    assert!(s.visits.iter().all(|v| v.started_at <= test_now()));
    assert!(s.visits.iter().all(|v| !v.provider_name.is_empty()));
    // Diagnoses: distinct codes, all seen in the last twelve months, newest first.
    let mut codes: Vec<&str> = s.diagnoses.iter().map(|d| d.code.as_str()).collect();
    assert!(!codes.is_empty());
    assert!(s
        .diagnoses
        .iter()
        .all(|d| d.last_seen_at >= test_now() - Duration::days(365)));
    assert!(s
        .diagnoses
        .windows(2)
        .all(|w| w[0].last_seen_at >= w[1].last_seen_at));
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), s.diagnoses.len());
    assert!(s.diagnosis_count as usize >= s.diagnoses.len());
    // Vitals: each kind once, with a previous value older than the current one.
    assert!(s.vitals_count >= 100);
    let bp = s
        .vitals
        .iter()
        .find(|v| v.kind == VitalKind::BloodPressure)
        .expect("an adult's BP");
    let previous = bp.previous.expect("a long chart has an earlier BP");
    assert!(previous.taken_at < bp.current.taken_at);
    let expected = match bp.current.value.total_cmp(&previous.value) {
        std::cmp::Ordering::Greater => Trend::Up,
        std::cmp::Ordering::Less => Trend::Down,
        std::cmp::Ordering::Equal => {
            match bp
                .current
                .second
                .unwrap()
                .total_cmp(&previous.second.unwrap())
            {
                std::cmp::Ordering::Greater => Trend::Up,
                std::cmp::Ordering::Less => Trend::Down,
                std::cmp::Ordering::Equal => Trend::Same,
            }
        }
    };
    assert_eq!(bp.trend, expected);
    let mut kinds: Vec<_> = s.vitals.iter().map(|v| v.kind).collect();
    kinds.dedup();
    assert_eq!(kinds.len(), s.vitals.len());
    // The allergy list agrees with the banner's state.
    match s.allergy_state {
        AllergyState::Allergies { active, .. } => {
            assert_eq!(active, s.allergy_count);
            assert!(!s.allergies.is_empty());
        }
        _ => assert!(s.allergies.is_empty()),
    }
    assert!(s.problem_count as usize >= s.problems.len());
}

#[test]
fn the_summary_read_is_audited_against_the_patient() {
    let (mut db, staff, ids, _) = practice();
    db.as_user(&staff.nurse)
        .chart_summary(ids[7], test_now())
        .unwrap();
    let audit = rows(&mut db, &staff, "view_chart_summary");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].patient_id, Some(ids[7]));
    assert_eq!(audit[0].outcome, Outcome::Ok);
    assert_eq!(audit[0].username, "nurse");
}

#[test]
fn the_front_desk_is_refused_the_summary_and_the_refusal_is_audited() {
    let (mut db, staff, ids, _) = practice();
    let err = db
        .as_user(&staff.front_desk)
        .chart_summary(ids[0], test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let audit = rows(&mut db, &staff, "view_chart_summary");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].outcome, Outcome::Denied);
    assert_eq!(audit[0].patient_id, Some(ids[0]));
}

#[test]
fn a_restricted_chart_shows_its_summary_only_through_emergency_access() {
    let (mut db, staff, ids, _) = practice();
    db.as_user(&staff.physician)
        .set_restricted(ids[3], true, test_now())
        .unwrap();
    let err = db
        .as_user(&staff.nurse)
        .chart_summary(ids[3], test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::Restricted(_)), "{err:?}");
    db.as_user(&staff.nurse)
        .emergency_access(ids[3], "patient collapsed in the waiting room", test_now())
        .unwrap();
    db.as_user(&staff.nurse)
        .chart_summary(ids[3], test_now())
        .unwrap();
    let audit = rows(&mut db, &staff, "view_chart_summary");
    assert!(audit
        .iter()
        .any(|e| e.outcome == Outcome::Ok && e.emergency));
}

#[test]
fn a_new_patient_has_an_empty_summary_with_allergies_not_asked() {
    let (mut db, staff, _, _) = practice();
    let id = PatientId::from_u128(0xFEED);
    db.as_user(&staff.front_desk)
        .register_patient(
            &person("Newcomer", "Ana", "1990-05-05", ""),
            true,
            id,
            test_now(),
        )
        .unwrap();
    let s = db
        .as_user(&staff.physician)
        .chart_summary(id, test_now())
        .unwrap();
    assert_eq!(s.allergy_state, AllergyState::NotAsked);
    assert!(s.visits.is_empty() && s.problems.is_empty() && s.vitals.is_empty());
    assert_eq!((s.visit_count, s.unsigned_notes, s.vitals_count), (0, 0, 0));
    assert!(s.histories.smoking.is_none() && s.histories.family.is_empty());
}

#[test]
fn an_unknown_patient_has_no_summary() {
    let (mut db, staff, _, _) = practice();
    let err = db
        .as_user(&staff.physician)
        .chart_summary(PatientId::from_u128(0xDEAD_BEEF), test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound { .. }), "{err:?}");
}

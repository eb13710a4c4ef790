//! Stories across crates: the desktop shell's start-up with the core's workstation behind it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::patient::{MatchKind, RegisterOutcome, SearchRequest};
use charta_core::permissions::Role;
use charta_core::practice::PracticeDraft;
use charta_core::synth::PracticeGenerator;
use charta_core::testing::user_draft;
use charta_core::workstation::{SetupRequest, Workstation, DEMO_PASSWORD};
use charta_core::UserId;
use charta_desktop::launch::{parse_args, prepare, DEMO_PATIENTS};
use chrono::Utc;

#[test]
fn first_start_makes_a_demo_practice_whose_patients_the_front_desk_finds_every_way() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let now = Utc::now();
    drop(
        prepare(&path, false, now)
            .unwrap()
            .expect("the demo practice is created"),
    );
    let mut ws = Workstation::log_in(&path, "desk", DEMO_PASSWORD, now).unwrap();
    assert!(
        ws.practice().unwrap().unwrap().is_demo,
        "demo data must be labelled as such"
    );
    assert_eq!(ws.db().patient_count().unwrap(), u64::from(DEMO_PATIENTS));

    let first = ws
        .run(now, |u| {
            u.search_patients(&SearchRequest::new("smith"), now)
        })
        .unwrap();
    let someone = ws
        .run(now, |u| u.patient(first.hits[0].patient.id, now))
        .unwrap();
    let queries = [
        (
            someone.family_name.chars().take(3).collect::<String>(),
            MatchKind::Name,
        ),
        (
            format!("{}, {}", someone.family_name, someone.given_name),
            MatchKind::Name,
        ),
        (
            someone.date_of_birth.format("%m/%d/%Y").to_string(),
            MatchKind::DateOfBirth,
        ),
        (
            someone.date_of_birth.format("%d.%m.%Y").to_string(),
            MatchKind::DateOfBirth,
        ),
        (someone.mrn.to_string(), MatchKind::ChartNumber),
        (someone.phones[0].number.clone(), MatchKind::Phone),
    ];
    for (query, kind) in queries {
        let mut request = SearchRequest::new(query.clone());
        request.limit = Some(100);
        let page = ws.run(now, |u| u.search_patients(&request, now)).unwrap();
        let hit = page.hits.iter().find(|h| h.patient.id == someone.id);
        assert_eq!(
            hit.map(|h| h.matched_by),
            Some(kind),
            "{query:?} should find {someone:?}"
        );
    }
}

#[test]
fn a_practice_set_up_empty_keeps_its_patients_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let options = parse_args([
        "--db".to_string(),
        path.display().to_string(),
        "--no-demo".into(),
    ])
    .unwrap();
    let now = Utc::now();
    assert!(
        prepare(options.db.as_ref().unwrap(), options.no_demo, now)
            .unwrap()
            .is_none(),
        "no demo: the UI runs setup"
    );
    {
        let request = SetupRequest {
            practice: PracticeDraft::new("Riverside Clinic", "", "", "Europe/Berlin"),
            admin: user_draft("boss", &[Role::Admin, Role::Physician]),
            password: "correct horse battery".into(),
        };
        let (mut ws, _recovery) =
            Workstation::set_up(&path, &request, UserId::random(), now).unwrap();
        let draft = PracticeGenerator::new(99).patient_draft();
        let outcome = ws
            .run(now, |u| {
                u.register_patient(&draft, false, charta_core::PatientId::random(), now)
            })
            .unwrap();
        assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    }
    assert!(
        prepare(&path, false, now).unwrap().is_none(),
        "a restart neither seeds nor opens without a login"
    );
    let ws = Workstation::log_in(&path, "boss", "correct horse battery", now).unwrap();
    assert_eq!(ws.db().patient_count().unwrap(), 1);
    assert_eq!(ws.practice().unwrap().unwrap().name, "Riverside Clinic");
}

//! Stories across crates: the desktop shell's start-up with the core's register behind it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::patient::{MatchKind, RegisterOutcome, SearchRequest};
use charta_core::practice::PracticeDraft;
use charta_core::synth::PracticeGenerator;
use charta_desktop::launch::{open_database, parse_args, DEMO_PATIENTS};
use chrono::Utc;

#[test]
fn first_start_seeds_a_demo_practice_whose_patients_can_be_found_every_way() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let now = Utc::now();
    let db = open_database(&path, false, now).unwrap();
    let practice = db.practice().unwrap().expect("the demo practice is set up");
    assert!(practice.is_demo, "demo data must be labelled as such");
    assert_eq!(db.patient_count().unwrap(), u64::from(DEMO_PATIENTS));

    // Pick a demo patient and find them by each kind of search.
    let first = db
        .search_patients(&SearchRequest::new("smith"), now)
        .unwrap();
    let someone = db.patient(first.hits[0].patient.id, now).unwrap();
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
        let page = db.search_patients(&request, now).unwrap();
        let hit = page.hits.iter().find(|h| h.patient.id == someone.id);
        assert_eq!(
            hit.map(|h| h.matched_by),
            Some(kind),
            "{query:?} should find {someone:?}"
        );
    }
}

#[test]
fn a_practice_started_empty_registers_a_patient_who_is_there_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let options = parse_args([
        "--db".to_string(),
        path.display().to_string(),
        "--no-demo".into(),
    ])
    .unwrap();
    let now = Utc::now();
    {
        let mut db = open_database(options.db.as_ref().unwrap(), options.no_demo, now).unwrap();
        assert!(db.practice().unwrap().is_none());
        db.save_practice(
            &PracticeDraft {
                name: "Riverside Clinic".into(),
                address: String::new(),
                phone: String::new(),
                time_zone: "Europe/Berlin".into(),
            },
            now,
        )
        .unwrap();
        let draft = PracticeGenerator::new(99).patient_draft();
        let outcome = db
            .register_patient(&draft, false, charta_core::PatientId::random(), now)
            .unwrap();
        assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    }
    let db = open_database(&path, false, now).unwrap();
    assert_eq!(
        db.patient_count().unwrap(),
        1,
        "a restart must neither lose nor seed patients"
    );
    assert_eq!(db.practice().unwrap().unwrap().name, "Riverside Clinic");
}

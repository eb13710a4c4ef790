//! The patient register end to end on a real database file: register, find, edit, reopen.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::patient::*;
use charta_core::testing::{person, staffed_practice};
use charta_core::{Actor, ChartDb, CoreError, PatientId, UserId};
use chrono::{DateTime, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 15, 0, 0).unwrap()
}

fn id(n: u128) -> PatientId {
    PatientId::from_u128(n)
}

fn db_with_practice() -> ChartDb {
    let mut db = ChartDb::open_in_memory().unwrap();
    staffed_practice(&mut db, now()).unwrap();
    db
}

/// The physician of the test practice.
fn doc(db: &ChartDb) -> Actor {
    db.actor(UserId::from_u128(2)).unwrap()
}

fn register(db: &mut ChartDb, n: u128, draft: &PatientDraft) -> Patient {
    let actor = doc(db);
    match db
        .as_user(&actor)
        .register_patient(draft, false, id(n), now())
        .unwrap()
    {
        RegisterOutcome::Registered { patient } => *patient,
        other => panic!("expected a registration, got {other:?}"),
    }
}

/// The register used by the search tests.
fn practice_with_people() -> ChartDb {
    let mut db = db_with_practice();
    register(
        &mut db,
        1,
        &person("Smith", "John", "1980-03-14", "(555) 201-3344"),
    );
    register(
        &mut db,
        2,
        &person("Smith", "Joanna", "1990-01-02", "555 201 9999"),
    );
    register(&mut db, 3, &person("Smyth", "Jon", "1971-05-06", ""));
    register(
        &mut db,
        4,
        &person("García", "José", "1965-12-01", "+1 555 777 1212"),
    );
    register(&mut db, 5, &person("Johnson", "Smith", "2001-07-07", ""));
    register(&mut db, 6, &person("de la Cruz", "Maria", "1980-03-14", ""));
    db
}

fn names(page: &SearchPage) -> Vec<String> {
    page.hits
        .iter()
        .map(|h| format!("{} {}", h.patient.given_name, h.patient.family_name))
        .collect()
}

fn search(db: &mut ChartDb, q: &str) -> SearchPage {
    let actor = doc(db);
    db.as_user(&actor)
        .search_patients(&SearchRequest::new(q), now())
        .unwrap()
}

#[test]
fn registering_assigns_sequential_chart_numbers_and_reads_back_everything() {
    let mut db = db_with_practice();
    let mut draft = person("Smith", "John", "03/14/1980", "(555) 201-3344");
    draft.emergency_contact = Some(EmergencyContact {
        name: "Mary Smith".into(),
        relationship: "Spouse".into(),
        phone: "555-201-0001".into(),
    });
    draft.address.city = "Springfield".into();
    let first = register(&mut db, 1, &draft);
    let second = register(&mut db, 2, &person("Jones", "Ann", "1950-01-01", ""));
    assert_eq!((first.mrn, second.mrn), (1001, 1002));
    assert_eq!(first.age_years, 46);
    assert_eq!(first.version, 1);
    assert_eq!(first.created_at, now());
    let loaded = db.as_user(&doc(&db)).patient(id(1), now()).unwrap();
    assert_eq!(loaded, first);
    assert_eq!(loaded.emergency_contact.unwrap().name, "Mary Smith");
    assert_eq!(loaded.address.city, "Springfield");
}

#[test]
fn a_bad_form_gets_field_errors_and_saves_nothing() {
    let mut db = db_with_practice();
    let mut bad = person("", "John", "2099-01-01", "abc");
    bad.email = "nope".into();
    let err = db
        .as_user(&doc(&db))
        .register_patient(&bad, false, id(1), now())
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let fields: Vec<_> = err.field_errors().iter().map(|e| e.field.clone()).collect();
    assert_eq!(
        fields,
        ["familyName", "dateOfBirth", "phones.0.number", "email"]
    );
    assert_eq!(db.patient_count().unwrap(), 0);
    assert!(matches!(
        db.as_user(&doc(&db)).patient(id(1), now()),
        Err(CoreError::NotFound { .. })
    ));
}

#[test]
fn a_look_alike_registration_is_held_back_until_confirmed() {
    let mut db = db_with_practice();
    register(
        &mut db,
        1,
        &person("Smith", "John", "1980-03-14", "(555) 201-3344"),
    );
    register(
        &mut db,
        2,
        &person("Jones", "Ann", "1950-01-01", "555-777-0000"),
    );

    // Same family name (any accent or case) and birth date; and another sharing a phone.
    let mut look_alike = person("SMITH", "Jonathan", "03/14/1980", "555.777.0000");
    let outcome = db
        .as_user(&doc(&db))
        .register_patient(&look_alike, false, id(3), now())
        .unwrap();
    let RegisterOutcome::PossibleDuplicates { candidates } = outcome else {
        panic!("expected duplicate candidates, got {outcome:?}");
    };
    let found: Vec<_> = candidates
        .iter()
        .map(|c| (c.patient.mrn, c.reasons.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (1001, vec![DuplicateReason::SameFamilyNameAndBirthDate]),
            (1002, vec![DuplicateReason::SamePhone])
        ]
    );
    assert_eq!(
        db.patient_count().unwrap(),
        2,
        "nothing saved while duplicates are pending"
    );

    let outcome = db
        .as_user(&doc(&db))
        .register_patient(&look_alike, true, id(3), now())
        .unwrap();
    assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    assert_eq!(db.patient_count().unwrap(), 3);

    look_alike.family_name = "Smithers".into();
    look_alike.phones.clear();
    assert!(
        matches!(
            db.as_user(&doc(&db))
                .register_patient(&look_alike, false, id(4), now())
                .unwrap(),
            RegisterOutcome::Registered { .. }
        ),
        "a different family name and no shared phone is not a duplicate"
    );
}

#[test]
fn family_name_prefix_finds_exact_matches_before_sound_alikes() {
    let mut db = practice_with_people();
    assert_eq!(
        names(&search(&mut db, "smi")),
        ["Joanna Smith", "John Smith"]
    );
    let page = search(&mut db, "Smith");
    assert_eq!(names(&page), ["Joanna Smith", "John Smith", "Jon Smyth"]);
    assert_eq!(page.hits[2].matched_by, MatchKind::SoundsLike);
    assert_eq!(page.hits[0].matched_by, MatchKind::Name);
}

#[test]
fn two_words_match_family_and_given_in_either_order_and_as_prefixes() {
    let mut db = practice_with_people();
    // Family-then-given matches come first, then given-then-family.
    assert_eq!(
        names(&search(&mut db, "smi jo")),
        ["Joanna Smith", "John Smith", "Smith Johnson"]
    );
    let page = names(&search(&mut db, "john smith"));
    assert_eq!(
        page[..2],
        ["John Smith", "Smith Johnson"],
        "whole words before prefixes: {page:?}"
    );
    assert_eq!(names(&search(&mut db, "Smith, Joa")), ["Joanna Smith"]);
    // "Smith, John" is family first only: the patient whose given name is Smith is not it.
    assert!(!names(&search(&mut db, "smith, john")).contains(&"Smith Johnson".to_string()));
    assert_eq!(names(&search(&mut db, "de la cruz")), ["Maria de la Cruz"]);
}

#[test]
fn names_are_found_regardless_of_accents_and_case() {
    let mut db = practice_with_people();
    assert_eq!(names(&search(&mut db, "garcia jose")), ["José García"]);
    assert_eq!(names(&search(&mut db, "GARCÍA")), ["José García"]);
}

#[test]
fn sound_alike_given_names_are_found_too() {
    let mut db = practice_with_people();
    // No name starts with "jon smith", so all are sound-alikes, the closest spelling first.
    let page = search(&mut db, "Jon Smith");
    assert_eq!(names(&page), ["John Smith", "Jon Smyth", "Joanna Smith"]);
    assert!(page
        .hits
        .iter()
        .all(|h| h.matched_by == MatchKind::SoundsLike));
    // An exact prefix match outranks every sound-alike.
    let page = search(&mut db, "Joh Smith");
    let john = page
        .hits
        .iter()
        .position(|h| h.patient.given_name == "John")
        .unwrap();
    assert_eq!(page.hits[john].matched_by, MatchKind::Name);
    assert!(page.hits[..john]
        .iter()
        .all(|h| h.matched_by == MatchKind::Name));
}

#[test]
fn birth_dates_are_found_in_iso_us_and_european_forms() {
    let mut db = practice_with_people();
    for q in ["1980-03-14", "03/14/1980", "3/14/1980", "14.03.1980"] {
        let page = search(&mut db, q);
        assert_eq!(names(&page), ["Maria de la Cruz", "John Smith"], "{q}");
        assert!(page
            .hits
            .iter()
            .all(|h| h.matched_by == MatchKind::DateOfBirth));
    }
}

#[test]
fn phone_numbers_are_found_in_any_formatting_and_by_their_last_seven_digits() {
    let mut db = practice_with_people();
    for q in [
        "5552013344",
        "(555) 201-3344",
        "+1 555 201 3344",
        "201-3344",
        "555-201",
    ] {
        let found = names(&search(&mut db, q));
        assert!(found.contains(&"John Smith".to_string()), "{q}: {found:?}");
    }
    assert_eq!(names(&search(&mut db, "555 777 1212")), ["José García"]);
    assert_eq!(
        search(&mut db, "(555) 201-3344").hits[0].matched_by,
        MatchKind::Phone
    );
}

#[test]
fn a_chart_number_finds_its_patient_first() {
    let mut db = practice_with_people();
    let page = search(&mut db, "1004");
    assert_eq!(page.hits[0].patient.family_name, "García");
    assert_eq!(page.hits[0].matched_by, MatchKind::ChartNumber);
}

#[test]
fn results_come_in_bounded_pages() {
    let mut db = db_with_practice();
    for n in 0..30 {
        let dob = format!("1970-01-{:02}", n + 1);
        register(
            &mut db,
            100 + n,
            &person(
                "Miller",
                &format!("Ann{}", (b'a' + n as u8) as char),
                &dob,
                "",
            ),
        );
    }
    let first = db
        .as_user(&doc(&db))
        .search_patients(
            &SearchRequest {
                query: "mil".into(),
                limit: Some(10),
                offset: None,
            },
            now(),
        )
        .unwrap();
    assert_eq!(first.hits.len(), 10);
    assert!(first.has_more);
    let last = db
        .as_user(&doc(&db))
        .search_patients(
            &SearchRequest {
                query: "mil".into(),
                limit: Some(10),
                offset: Some(20),
            },
            now(),
        )
        .unwrap();
    assert_eq!(last.hits.len(), 10);
    assert!(!last.has_more);
    assert_ne!(first.hits[0].patient.id, last.hits[0].patient.id);
    let too_big = db.as_user(&doc(&db)).search_patients(
        &SearchRequest {
            query: "mil".into(),
            limit: Some(5000),
            offset: None,
        },
        now(),
    );
    assert_eq!(too_big.unwrap_err().field_errors()[0].field, "limit");
    assert!(search(&mut db, "").hits.is_empty());
    assert!(search(&mut db, "zzz").hits.is_empty());
}

#[test]
fn editing_demographics_keeps_the_replaced_version_and_refuses_stale_edits() {
    let mut db = practice_with_people();
    let before = db.as_user(&doc(&db)).patient(id(1), now()).unwrap();
    let mut draft = person("Smith-Jones", "John", "1980-03-14", "(555) 201-4000");
    draft.preferred_name = "Johnny".into();
    let later = now() + chrono::Duration::hours(1);
    let after = db
        .as_user(&doc(&db))
        .update_patient(id(1), before.version, &draft, later)
        .unwrap();
    assert_eq!(after.version, 2);
    assert_eq!(after.family_name, "Smith-Jones");
    assert_eq!(after.mrn, before.mrn, "the chart number never changes");
    assert_eq!(after.updated_at, later);
    assert_eq!(after.created_at, before.created_at);

    let revisions = db
        .as_user(&doc(&db))
        .patient_revisions(id(1), now())
        .unwrap();
    assert_eq!(revisions.len(), 1);
    assert!(
        revisions[0].1.contains("\"familyName\":\"Smith\""),
        "the original is kept: {}",
        revisions[0].1
    );

    // The new name and phone are searchable; the old phone is not.
    assert_eq!(names(&search(&mut db, "smith-jones")), ["John Smith-Jones"]);
    assert_eq!(
        names(&search(&mut db, "555 201 4000")),
        ["John Smith-Jones"]
    );
    assert!(search(&mut db, "5552013344").hits.is_empty());

    // A second edit from the old version is refused and changes nothing.
    let stale = db.as_user(&doc(&db)).update_patient(
        id(1),
        before.version,
        &person("Other", "Name", "1980-03-14", ""),
        later,
    );
    assert!(matches!(stale, Err(CoreError::Conflict { .. })));
    // An invalid edit changes nothing either.
    let invalid = db.as_user(&doc(&db)).update_patient(
        id(1),
        2,
        &person("", "John", "1980-03-14", ""),
        later,
    );
    assert_eq!(invalid.unwrap_err().code(), "invalid_input");
    assert_eq!(db.as_user(&doc(&db)).patient(id(1), now()).unwrap(), after);
    assert!(matches!(
        db.as_user(&doc(&db))
            .update_patient(id(999), 1, &draft, later),
        Err(CoreError::NotFound { .. })
    ));
}

#[test]
fn patients_and_revisions_cannot_be_deleted_even_with_raw_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.db");
    let mut db = ChartDb::open_unencrypted(&path).unwrap();
    staffed_practice(&mut db, now()).unwrap();
    register(&mut db, 1, &person("Smith", "John", "1980-03-14", ""));
    drop(db);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let err = conn.execute("DELETE FROM patients", []).unwrap_err();
    assert!(err.to_string().contains("never deleted"), "{err}");
}

#[test]
fn everything_survives_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.db");
    {
        let mut db = ChartDb::open_unencrypted(&path).unwrap();
        staffed_practice(&mut db, now()).unwrap();
        register(
            &mut db,
            1,
            &person("Okafor", "Ngozi", "1950-12-31", "555-303-1234"),
        );
    }
    let mut db = ChartDb::open_unencrypted(&path).unwrap();
    assert_eq!(names(&search(&mut db, "okafor")), ["Ngozi Okafor"]);
    assert_eq!(
        db.as_user(&doc(&db)).patient(id(1), now()).unwrap().mrn,
        1001
    );
    assert!(db.integrity_ok().unwrap());
}

#[test]
fn names_in_other_scripts_are_found_by_their_first_letters() {
    let mut db = db_with_practice();
    register(&mut db, 1, &person("Иванов", "Пётр", "1980-03-14", ""));
    register(&mut db, 2, &person("王", "芳", "1980-03-14", ""));
    register(&mut db, 3, &person("Петров", "Иван", "1980-03-14", ""));
    assert_eq!(names(&search(&mut db, "иван")), ["Пётр Иванов"]);
    assert_eq!(names(&search(&mut db, "ИВАНОВ, пет")), ["Пётр Иванов"]);
    assert_eq!(names(&search(&mut db, "王")), ["芳 王"]);
    assert_eq!(
        names(&search(&mut db, "王芳")),
        ["芳 王"],
        "a Chinese name is typed family name first, without a space"
    );
    assert_eq!(names(&search(&mut db, "петров иван")), ["Иван Петров"]);
}

#[test]
fn different_names_in_another_script_are_neither_duplicates_nor_sound_alikes() {
    let mut db = db_with_practice();
    register(&mut db, 1, &person("Иванов", "Пётр", "1980-03-14", ""));
    register(&mut db, 2, &person("王", "芳", "1980-03-14", ""));
    // Same birth date, different family names: registered without a duplicate warning.
    register(&mut db, 3, &person("Петров", "Иван", "1980-03-14", ""));
    register(&mut db, 4, &person("李", "娜", "1980-03-14", ""));
    let found = names(&search(&mut db, "Смирнов"));
    assert!(
        found.is_empty(),
        "no letters in common, no match: {found:?}"
    );
    // The same name in the same script still is a duplicate.
    let outcome = db
        .as_user(&doc(&db))
        .register_patient(
            &person("ИВАНОВ", "Пётр", "1980-03-14", ""),
            false,
            id(5),
            now(),
        )
        .unwrap();
    assert!(
        matches!(outcome, RegisterOutcome::PossibleDuplicates { ref candidates } if candidates.len() == 1),
        "{outcome:?}"
    );
}

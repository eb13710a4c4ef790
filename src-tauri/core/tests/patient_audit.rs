//! Who saw which chart: restricting a chart, and the charts a search or a duplicate check
//! shows, each named in the audit log; restricted charts marked in every list.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditEntry, AuditQuery, Outcome};
use charta_core::patient::*;
use charta_core::testing::{person, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, PatientId};
use chrono::Duration;

fn id(n: u128) -> PatientId {
    PatientId::from_u128(n)
}

/// A practice with Smith (open, mrn 1001) and Hidden (restricted, mrn 1002), both with phones.
fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    for (n, draft) in [
        (1, person("Smith", "John", "1980-03-14", "(555) 201-3344")),
        (2, {
            let mut d = person("Hidden", "Ann", "1980-03-14", "555 777 1212");
            d.preferred_name = "Annie".into();
            d
        }),
    ] {
        let outcome = db
            .as_user(&staff.physician)
            .register_patient(&draft, true, id(n), test_now())
            .unwrap();
        assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    }
    db.as_user(&staff.physician)
        .set_restricted(id(2), true, test_now())
        .unwrap();
    (db, staff)
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

fn is_restricted(db: &mut ChartDb, staff: &Staff) -> bool {
    // Searching by the chart number shows the flag without opening the chart.
    let page = db
        .as_user(&staff.physician)
        .search_patients(&SearchRequest::new("1002"), test_now())
        .unwrap();
    page.hits[0].patient.restricted
}

#[test]
fn a_restricted_chart_cannot_be_unrestricted_without_emergency_access() {
    let (mut db, staff) = practice();
    let now = test_now() + Duration::minutes(5);
    let err = db
        .as_user(&staff.physician)
        .set_restricted(id(2), false, now)
        .unwrap_err();
    assert_eq!(err.code(), "restricted", "{err}");
    assert!(is_restricted(&mut db, &staff), "the flag must not change");
    let denied = rows(&mut db, &staff, "restrict_chart");
    assert_eq!(denied[0].outcome, Outcome::Denied, "{denied:?}");
    assert_eq!(denied[0].patient_id, Some(id(2)));

    // The practice admin may restrict charts but never opens them, so cannot lift it either.
    let err = db
        .as_user(&staff.admin)
        .set_restricted(id(2), false, now)
        .unwrap_err();
    assert_eq!(err.code(), "restricted");
    assert!(
        err.to_string().contains("only a physician can open"),
        "the admin is told who can: {err}"
    );
    assert!(is_restricted(&mut db, &staff));

    db.as_user(&staff.physician)
        .emergency_access(id(2), "Chart restricted by mistake, lifting it", now)
        .unwrap();
    db.as_user(&staff.physician)
        .set_restricted(id(2), false, now)
        .unwrap();
    assert!(!is_restricted(&mut db, &staff));
    let lifted = &rows(&mut db, &staff, "restrict_chart")[0];
    assert_eq!(
        (lifted.outcome, lifted.emergency, lifted.detail.as_str()),
        (Outcome::Ok, true, "unrestricted"),
        "lifting a restriction is flagged as emergency access: {lifted:?}"
    );
}

#[test]
fn restricting_an_open_chart_needs_no_emergency_access() {
    let (mut db, staff) = practice();
    db.as_user(&staff.physician)
        .set_restricted(id(1), true, test_now())
        .unwrap();
    let row = &rows(&mut db, &staff, "restrict_chart")[0];
    assert_eq!((row.outcome, row.emergency), (Outcome::Ok, false));
    assert_eq!(row.patient_id, Some(id(1)));
}

#[test]
fn the_search_audit_row_lists_every_chart_it_showed() {
    let (mut db, staff) = practice();
    let page = db
        .as_user(&staff.front_desk)
        .search_patients(&SearchRequest::new("1980-03-14"), test_now())
        .unwrap();
    let shown: Vec<PatientId> = page.hits.iter().map(|h| h.patient.id).collect();
    assert_eq!(shown.len(), 2);
    let row = &rows(&mut db, &staff, "search_patients")[0];
    assert_eq!(
        shown_in_detail(&row.detail),
        Some(shown),
        "the row names the charts shown, restricted ones included: {}",
        row.detail
    );
    assert!(row.detail.contains("1980-03-14"), "{}", row.detail);

    db.as_user(&staff.front_desk)
        .search_patients(&SearchRequest::new("Nobody"), test_now())
        .unwrap();
    let row = &rows(&mut db, &staff, "search_patients")[0];
    assert_eq!(shown_in_detail(&row.detail), Some(vec![]), "{}", row.detail);
}

#[test]
fn restricted_charts_are_marked_in_results_and_hide_their_phone_and_preferred_name() {
    let (mut db, staff) = practice();
    let page = db
        .as_user(&staff.front_desk)
        .search_patients(&SearchRequest::new("1980-03-14"), test_now())
        .unwrap();
    let hidden = page.hits.iter().find(|h| h.patient.id == id(2)).unwrap();
    let open = page.hits.iter().find(|h| h.patient.id == id(1)).unwrap();
    assert!(hidden.patient.restricted && !open.patient.restricted);
    assert_eq!(
        (hidden.patient.family_name.as_str(), hidden.patient.mrn),
        ("Hidden", 1002),
        "name, birth date and chart number stay, to pick the right person"
    );
    assert_eq!(hidden.patient.primary_phone, None);
    assert_eq!(hidden.patient.preferred_name, None);
    assert_eq!(
        open.patient.primary_phone.as_deref(),
        Some("(555) 201-3344")
    );

    let outcome = db
        .as_user(&staff.front_desk)
        .register_patient(
            &person("HIDDEN", "Anne", "1980-03-14", ""),
            false,
            id(3),
            test_now(),
        )
        .unwrap();
    let RegisterOutcome::PossibleDuplicates { candidates } = outcome else {
        panic!("expected the restricted chart as a candidate, got {outcome:?}");
    };
    assert_eq!(candidates.len(), 1);
    assert!(candidates[0].patient.restricted);
    assert_eq!(candidates[0].patient.primary_phone, None);
}

#[test]
fn the_duplicate_check_writes_an_audit_row_naming_the_candidates() {
    let (mut db, staff) = practice();
    // Same family and birth date as Smith; the phone of the restricted chart.
    let look_alike = person("Smith", "Jonathan", "1980-03-14", "+1 555 777 1212");
    let outcome = db
        .as_user(&staff.front_desk)
        .register_patient(&look_alike, false, id(3), test_now())
        .unwrap();
    let RegisterOutcome::PossibleDuplicates { candidates } = outcome else {
        panic!("expected candidates, got {outcome:?}");
    };
    let shown: Vec<PatientId> = candidates.iter().map(|c| c.patient.id).collect();
    assert_eq!(shown, [id(1), id(2)]);
    let checks = rows(&mut db, &staff, "duplicate_check");
    assert_eq!(checks.len(), 1, "one row per check that showed charts");
    assert_eq!(checks[0].username, "desk");
    assert_eq!(
        shown_in_detail(&checks[0].detail),
        Some(shown),
        "{}",
        checks[0].detail
    );
    assert_eq!(db.patient_count().unwrap(), 2, "nothing saved");
}

#[test]
fn six_phone_numbers_are_a_field_error_and_nothing_is_saved() {
    let (mut db, staff) = practice();
    let mut draft = person("Many", "Phones", "1990-01-01", "");
    draft.phones = (0..6)
        .map(|i| Phone {
            kind: PhoneKind::Mobile,
            number: format!("555 300 000{i}"),
        })
        .collect();
    let err = db
        .as_user(&staff.front_desk)
        .register_patient(&draft, false, id(3), test_now())
        .unwrap_err();
    let fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["phones"]);
    assert_eq!(db.patient_count().unwrap(), 2);
    assert!(
        rows(&mut db, &staff, "duplicate_check").is_empty(),
        "no lookup runs for an invalid form"
    );
}

//! What the door keeps beyond the table: a restricted chart opens only through emergency access
//! (flagged), every read and write of patient data is audited and the chain verifies, the audit
//! report filters by the practice's day and exports CSV, the last admin stays, summaries by id
//! are audited with the ids shown.

use super::*;

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

/// The outside visits' two doors (`list_outside_visits`, `outside_visit_entered_in_error`)
/// keep the chart's rules: a restricted chart's outside visits open only through emergency
/// access (flagged), the roles without the right are refused and audited, and an unknown
/// visit tells someone without the right nothing.
#[test]
fn outside_visits_keep_the_restricted_chart_and_the_roles_rules() {
    let (mut db, staff, open, restricted) = practice();
    let now = test_now() + Duration::hours(3);
    assert!(db
        .as_user(&staff.nurse)
        .outside_visits(open, now)
        .unwrap()
        .is_empty());
    let err = db
        .as_user(&staff.nurse)
        .outside_visits(restricted, now)
        .unwrap_err();
    assert_eq!(err.code(), "restricted");
    db.as_user(&staff.nurse)
        .emergency_access(restricted, "Patient unresponsive, need history", now)
        .unwrap();
    assert!(db
        .as_user(&staff.nurse)
        .outside_visits(restricted, now)
        .is_ok());
    for actor in [&staff.front_desk, &staff.admin] {
        let denied_before = denied_rows(&mut db, &staff.admin);
        let err = db.as_user(actor).outside_visits(open, now).unwrap_err();
        assert_eq!(err.code(), "forbidden");
        assert_eq!(denied_rows(&mut db, &staff.admin), denied_before + 1);
    }
    let unknown = OutsideVisitId::from_u128(404);
    for (actor, code) in [
        (&staff.nurse, "forbidden"),
        (&staff.front_desk, "forbidden"),
        (&staff.physician, "not_found"),
    ] {
        let err = db
            .as_user(actor)
            .outside_visit_entered_in_error(unknown, "Filed in the wrong chart", now)
            .unwrap_err();
        assert_eq!(err.code(), code, "{:?}", actor.roles());
    }
    let q = AuditQuery {
        emergency_only: true,
        ..Default::default()
    };
    let flagged: Vec<String> = db
        .as_user(&staff.admin)
        .audit_report(&q, now)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(flagged, ["view_outside_visits", "emergency_access"]);
}

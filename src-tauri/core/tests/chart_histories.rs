//! Histories through the door: validation by field, pack-years, versions that never rewrite
//! a row, entered in error, conflicts, permissions and audit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::AuditQuery;
use charta_core::chart::histories::{
    FamilyHistoryDraft, HistoryTable, SocialHistoryDraft, SocialKind, SurgicalHistoryDraft,
};
use charta_core::ids::HistoryEntryId;
use charta_core::testing::{person, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, CoreError, PatientId};
use chrono::Duration;

fn setup() -> (ChartDb, Staff, PatientId) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let patient = PatientId::from_u128(500);
    db.as_user(&staff.front_desk)
        .register_patient(
            &person("Rivera", "Ana", "1980-02-03", ""),
            true,
            patient,
            test_now(),
        )
        .unwrap();
    (db, staff, patient)
}

fn id(n: u128) -> HistoryEntryId {
    HistoryEntryId::from_u128(n)
}

fn fields(err: &CoreError) -> Vec<String> {
    err.field_errors().iter().map(|e| e.field.clone()).collect()
}

fn smoker(status: &str, packs: &str, years: &str) -> SocialHistoryDraft {
    SocialHistoryDraft {
        status: status.into(),
        packs_per_day: packs.into(),
        years: years.into(),
        ..Default::default()
    }
}

#[test]
fn smoking_history_computes_pack_years_and_dates_itself_today_by_default() {
    let (mut db, staff, patient) = setup();
    let e = db
        .as_user(&staff.nurse)
        .record_social_history(
            patient,
            SocialKind::Smoking,
            &smoker("current_every_day", "1.5", "20"),
            None,
            id(1),
            test_now(),
        )
        .unwrap();
    assert_eq!(e.pack_years, Some(30.0));
    assert_eq!(e.as_of, "2026-11-26");
    assert_eq!(e.meta.recorded_by_name, "Test nurse");
}

#[test]
fn out_of_range_values_are_refused_by_field_and_nothing_is_saved() {
    let (mut db, staff, patient) = setup();
    let mut draft = smoker("former", "11", "101");
    draft.quit_date = "2030".into();
    draft.as_of = "2027-01-01".into();
    let err = db
        .as_user(&staff.nurse)
        .record_social_history(
            patient,
            SocialKind::Smoking,
            &draft,
            None,
            id(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&err), ["packsPerDay", "years", "quitDate", "asOf"]);
    let err = db
        .as_user(&staff.nurse)
        .record_social_history(
            patient,
            SocialKind::Smoking,
            &smoker("sometimes", "abc", ""),
            None,
            id(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&err), ["status", "packsPerDay"]);
    let family = FamilyHistoryDraft {
        relative: "neighbour".into(),
        condition: String::new(),
        onset_age: "131".into(),
        ..Default::default()
    };
    let err = db
        .as_user(&staff.nurse)
        .record_family_history(patient, &family, None, id(2), test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["relative", "condition", "onsetAge"]);
    let err = db
        .as_user(&staff.nurse)
        .record_surgical_history(
            patient,
            &SurgicalHistoryDraft {
                procedure: " ".into(),
                performed_on: "2026-12-25".into(),
                comment: String::new(),
            },
            None,
            id(3),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&err), ["procedure", "performedOn"]);
    let h = db
        .as_user(&staff.nurse)
        .histories(patient, test_now())
        .unwrap();
    assert!(h.smoking.is_none() && h.family.is_empty() && h.surgical.is_empty());
}

#[test]
fn an_edit_adds_a_version_and_keeps_the_old_one_superseded() {
    let (mut db, staff, patient) = setup();
    let mut me = db.as_user(&staff.nurse);
    me.record_social_history(
        patient,
        SocialKind::Smoking,
        &smoker("current_every_day", "1", "10"),
        None,
        id(1),
        test_now(),
    )
    .unwrap();
    let later = test_now() + Duration::days(1);
    let mut quit = smoker("former", "1", "12");
    quit.quit_date = "2026-11".into();
    me.record_social_history(
        patient,
        SocialKind::Smoking,
        &quit,
        Some(id(1)),
        id(2),
        later,
    )
    .unwrap();
    let h = me.histories(patient, later).unwrap();
    let current = h.smoking.unwrap();
    assert_eq!(current.meta.id, id(2));
    assert_eq!(current.meta.replaces, Some(id(1)));
    assert_eq!(current.pack_years, Some(12.0));
    let versions = me
        .history_versions(HistoryTable::Social, id(2), later)
        .unwrap();
    assert_eq!(versions.social.len(), 2);
    assert_eq!(versions.social[1].status, "current_every_day");
    assert!(versions.social[1].meta.superseded_at.is_some());
}

#[test]
fn a_stale_form_is_a_conflict_and_a_first_entry_cannot_replace_silently() {
    let (mut db, staff, patient) = setup();
    let mut me = db.as_user(&staff.nurse);
    let draft = SocialHistoryDraft {
        status: "employed".into(),
        detail: "teacher".into(),
        ..Default::default()
    };
    me.record_social_history(
        patient,
        SocialKind::Occupation,
        &draft,
        None,
        id(1),
        test_now(),
    )
    .unwrap();
    // A second "first entry" (the form opened before the first was saved) would hide it.
    let err = me
        .record_social_history(
            patient,
            SocialKind::Occupation,
            &draft,
            None,
            id(2),
            test_now(),
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::Conflict { .. }), "{err:?}");
    me.record_social_history(
        patient,
        SocialKind::Occupation,
        &draft,
        Some(id(1)),
        id(3),
        test_now(),
    )
    .unwrap();
    let err = me
        .record_social_history(
            patient,
            SocialKind::Occupation,
            &draft,
            Some(id(1)),
            id(4),
            test_now(),
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::Conflict { .. }), "{err:?}");
}

#[test]
fn family_history_takes_an_icd10_code_and_its_description_when_the_condition_is_empty() {
    let (mut db, staff, patient) = setup();
    let mut me = db.as_user(&staff.physician);
    let draft = FamilyHistoryDraft {
        relative: "mother".into(),
        code: "e11.9".into(),
        onset_age: "52".into(),
        ..Default::default()
    };
    let e = me
        .record_family_history(patient, &draft, None, id(1), test_now())
        .unwrap();
    assert_eq!(e.code.as_deref(), Some("E11.9"));
    assert_eq!(
        e.condition,
        "Type 2 diabetes mellitus without complications"
    );
    assert_eq!(e.onset_age, Some(52));
    let bad = FamilyHistoryDraft {
        code: "E11".into(),
        ..draft
    };
    let err = me
        .record_family_history(patient, &bad, None, id(2), test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["code"]);
}

#[test]
fn a_family_or_surgical_edit_chains_versions_and_entered_in_error_keeps_them_readable() {
    let (mut db, staff, patient) = setup();
    let mut me = db.as_user(&staff.nurse);
    let knee = SurgicalHistoryDraft {
        procedure: "Knee arthroscopy".into(),
        performed_on: "2015".into(),
        comment: String::new(),
    };
    me.record_surgical_history(patient, &knee, None, id(1), test_now())
        .unwrap();
    let fixed = SurgicalHistoryDraft {
        performed_on: "2015-06".into(),
        ..knee.clone()
    };
    me.record_surgical_history(patient, &fixed, Some(id(1)), id(2), test_now())
        .unwrap();
    me.record_surgical_history(patient, &knee, None, id(3), test_now())
        .unwrap();
    let err = me
        .history_entered_in_error(HistoryTable::Surgical, id(1), "not current", test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["reason"]);
    me.history_entered_in_error(HistoryTable::Surgical, id(3), "duplicate", test_now())
        .unwrap();
    let h = me.histories(patient, test_now()).unwrap();
    assert_eq!(h.surgical.len(), 1);
    assert_eq!(h.surgical[0].performed_on.as_deref(), Some("2015-06"));
    let chain = me
        .history_versions(HistoryTable::Surgical, id(1), test_now())
        .unwrap();
    assert_eq!(chain.surgical.len(), 2, "the duplicate is its own chain");
    let dup = me
        .history_versions(HistoryTable::Surgical, id(3), test_now())
        .unwrap();
    assert_eq!(
        dup.surgical[0]
            .meta
            .entered_in_error
            .as_ref()
            .unwrap()
            .reason,
        "duplicate"
    );
}

#[test]
fn the_front_desk_cannot_record_or_read_histories_and_everything_is_audited() {
    let (mut db, staff, patient) = setup();
    let err = db
        .as_user(&staff.front_desk)
        .record_social_history(
            patient,
            SocialKind::Alcohol,
            &SocialHistoryDraft {
                status: "occasional".into(),
                ..Default::default()
            },
            None,
            id(1),
            test_now(),
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let err = db
        .as_user(&staff.front_desk)
        .histories(patient, test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let mut me = db.as_user(&staff.nurse);
    let drinks = SocialHistoryDraft {
        status: "weekly".into(),
        drinks_per_week: "6".into(),
        audit_c: "4".into(),
        ..Default::default()
    };
    let e = me
        .record_social_history(
            patient,
            SocialKind::Alcohol,
            &drinks,
            None,
            id(2),
            test_now(),
        )
        .unwrap();
    assert_eq!((e.drinks_per_week, e.audit_c), (Some(6.0), Some(4)));
    me.history_entered_in_error(HistoryTable::Social, id(2), "wrong chart", test_now())
        .unwrap();
    me.histories(patient, test_now()).unwrap();
    let q = AuditQuery {
        limit: Some(500),
        ..Default::default()
    };
    let actions: Vec<String> = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(2))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in [
        "record_history",
        "history_entered_in_error",
        "view_histories",
    ] {
        assert!(actions.contains(&a.to_string()), "{a}: {actions:?}");
    }
}

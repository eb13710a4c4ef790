//! Note templates and smart phrases through the door: the starter set, editing with field
//! errors and version conflicts, who may edit what, a user's phrase beating the practice's,
//! and built-in phrases that read the chart only for those who may see it, audited.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditEntry, AuditQuery, Outcome};
use charta_core::chart::common::VisitType;
use charta_core::chart::phrases::{PhraseDraft, PhraseOwner};
use charta_core::chart::templates::TemplateDraft;
use charta_core::ids::{PhraseId, TemplateId};
use charta_core::patient::RegisterOutcome;
use charta_core::testing::{person, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, PatientId};
use chrono::Duration;

fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    (db, staff)
}

fn with_patient() -> (ChartDb, Staff, PatientId) {
    let (mut db, staff) = practice();
    let id = PatientId::from_u128(7);
    let outcome = db
        .as_user(&staff.physician)
        .register_patient(
            &person("Okafor", "Ada", "1972-06-15", ""),
            true,
            id,
            test_now(),
        )
        .unwrap();
    assert!(matches!(outcome, RegisterOutcome::Registered { .. }));
    (db, staff, id)
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

fn template(kind: &str, name: &str) -> TemplateDraft {
    TemplateDraft {
        visit_type: kind.into(),
        name: name.into(),
        subjective: "HPI: ***\nROS: ***".into(),
        objective: "Exam: ***".into(),
        assessment: "1. ***".into(),
        plan: "Follow-up: ***".into(),
        retired: false,
    }
}

fn phrase(abbrev: &str, text: &str, practice_wide: bool) -> PhraseDraft {
    PhraseDraft {
        abbreviation: abbrev.into(),
        expansion: text.into(),
        practice_wide,
    }
}

fn fields(err: &charta_core::CoreError) -> Vec<String> {
    err.field_errors().iter().map(|e| e.field.clone()).collect()
}

#[test]
fn a_new_practice_starts_with_templates_for_every_visit_type_and_the_common_phrases() {
    let (mut db, staff) = practice();
    let templates = db
        .as_user(&staff.physician)
        .note_templates(test_now())
        .unwrap();
    for kind in VisitType::ALL {
        assert!(
            templates.iter().any(|t| t.visit_type == kind && !t.retired),
            "no starter template for {kind:?}"
        );
    }
    let names: Vec<&str> = templates.iter().map(|t| t.name.as_str()).collect();
    for name in [
        "Acute visit",
        "Chronic disease follow-up",
        "Annual physical",
        "Telephone consultation",
    ] {
        assert!(names.contains(&name), "{names:?}");
    }
    assert!(templates
        .iter()
        .all(|t| !t.subjective.is_empty() && !t.plan.is_empty()));

    let phrases = db.as_user(&staff.nurse).smart_phrases(test_now()).unwrap();
    for abbrev in [
        ".htn", ".dm2", ".uri", ".ros", ".pe", ".copd", ".lbp", ".anx",
    ] {
        let p = phrases
            .iter()
            .find(|p| p.abbreviation == abbrev)
            .unwrap_or_else(|| panic!("no starter phrase {abbrev}"));
        assert_eq!(p.owner, PhraseOwner::Practice);
        assert!(p.expansion.len() > 80, "{abbrev} is too thin to be useful");
    }
}

#[test]
fn a_template_is_added_edited_and_retired_with_its_version_checked() {
    let (mut db, staff) = practice();
    let id = TemplateId::from_u128(900);
    let added = db
        .as_user(&staff.physician)
        .save_template(id, None, &template("office", "Knee pain"), test_now())
        .unwrap();
    assert_eq!((added.version, added.name.as_str()), (1, "Knee pain"));

    let mut edit = template("office", "Knee pain (acute)");
    edit.plan = "Ice, NSAID, physio referral ***".into();
    let later = test_now() + Duration::minutes(5);
    let edited = db
        .as_user(&staff.admin)
        .save_template(id, Some(1), &edit, later)
        .unwrap();
    assert_eq!(edited.version, 2);
    assert_eq!(edited.plan, "Ice, NSAID, physio referral ***");
    assert_eq!(edited.updated_at, later);

    // A form opened at version 1 is now stale: nothing is written.
    let err = db
        .as_user(&staff.physician)
        .save_template(id, Some(1), &template("office", "Stale"), later)
        .unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");

    edit.retired = true;
    let retired = db
        .as_user(&staff.physician)
        .save_template(id, Some(2), &edit, later)
        .unwrap();
    assert!(retired.retired);
    let all = db.as_user(&staff.physician).note_templates(later).unwrap();
    assert!(
        all.iter().any(|t| t.id == id && t.retired),
        "retired stays listed"
    );

    let audit = rows(&mut db, &staff, "save_template");
    assert_eq!(audit.len(), 3, "{audit:?}");
    assert!(audit
        .iter()
        .all(|r| r.entity == "template" && r.entity_id == id.to_string()));
    assert!(audit.iter().all(|r| r.patient_id.is_none()));
}

#[test]
fn a_bad_template_is_refused_field_by_field_and_nothing_is_saved() {
    let (mut db, staff) = practice();
    let before = db
        .as_user(&staff.physician)
        .note_templates(test_now())
        .unwrap();
    let mut bad = template("ward", "   ");
    bad.assessment = "x".repeat(20_001);
    let err = db
        .as_user(&staff.physician)
        .save_template(TemplateId::from_u128(901), None, &bad, test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["visitType", "name", "assessment"]);

    // Names are unique per type among templates in use, ignoring case.
    let err = db
        .as_user(&staff.physician)
        .save_template(
            TemplateId::from_u128(902),
            None,
            &template("office", "ANNUAL PHYSICAL"),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&err), ["name"], "{err}");
    // The same name under another type is a different template.
    db.as_user(&staff.physician)
        .save_template(
            TemplateId::from_u128(903),
            None,
            &template("home", "Annual physical"),
            test_now(),
        )
        .unwrap();
    let after = db
        .as_user(&staff.physician)
        .note_templates(test_now())
        .unwrap();
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn only_physicians_and_admins_edit_templates_and_a_refusal_is_audited() {
    let (mut db, staff) = practice();
    for who in [&staff.nurse, &staff.front_desk] {
        let err = db
            .as_user(who)
            .save_template(
                TemplateId::from_u128(904),
                None,
                &template("office", "Mine"),
                test_now(),
            )
            .unwrap_err();
        assert_eq!(err.code(), "forbidden", "{err}");
    }
    let denied = rows(&mut db, &staff, "save_template");
    assert_eq!(denied.len(), 2);
    assert!(denied.iter().all(|r| r.outcome == Outcome::Denied));
    // The front desk may not even read them.
    assert!(db
        .as_user(&staff.front_desk)
        .note_templates(test_now())
        .is_err());
}

#[test]
fn a_users_own_phrase_wins_over_the_practices_and_only_for_that_user() {
    let (mut db, staff, patient) = with_patient();
    let mine = PhraseId::from_u128(50);
    db.as_user(&staff.nurse)
        .save_phrase(
            mine,
            &phrase(".HTN", "My own BP text ***", false),
            test_now(),
        )
        .unwrap();

    let nurse_sees = db.as_user(&staff.nurse).smart_phrases(test_now()).unwrap();
    let htn: Vec<_> = nurse_sees
        .iter()
        .filter(|p| p.abbreviation == ".htn")
        .collect();
    assert_eq!(htn.len(), 2, "both listed: {htn:?}");
    assert_eq!((htn[0].owner, htn[0].shadowed), (PhraseOwner::Mine, false));
    assert_eq!(
        (htn[1].owner, htn[1].shadowed),
        (PhraseOwner::Practice, true)
    );

    let for_nurse = db
        .as_user(&staff.nurse)
        .expand_phrase(".htn", patient, None, test_now())
        .unwrap();
    assert_eq!(for_nurse.text, "My own BP text ***");
    let for_doctor = db
        .as_user(&staff.physician)
        .expand_phrase(".htn", patient, None, test_now())
        .unwrap();
    assert!(
        for_doctor.text.starts_with("Hypertension follow-up"),
        "{}",
        for_doctor.text
    );

    // Retired, the practice's text comes back; the row stays (not listed, not expanded).
    db.as_user(&staff.nurse)
        .retire_phrase(mine, test_now())
        .unwrap();
    let again = db
        .as_user(&staff.nurse)
        .expand_phrase(".htn", patient, None, test_now())
        .unwrap();
    assert!(again.text.starts_with("Hypertension follow-up"));
    let err = db
        .as_user(&staff.nurse)
        .save_phrase(mine, &phrase(".htn", "back", false), test_now())
        .unwrap_err();
    assert_eq!(
        err.code(),
        "conflict",
        "a retired phrase is not edited: {err}"
    );

    let audit = rows(&mut db, &staff, "save_phrase");
    let details: Vec<&str> = audit.iter().map(|r| r.detail.as_str()).collect();
    assert!(details.contains(&".htn (own, added)"), "{details:?}");
    assert!(details.contains(&".htn (own, retired)"), "{details:?}");
    // Written phrases expand without reading the chart: no expand_phrase rows.
    assert!(rows(&mut db, &staff, "expand_phrase").is_empty());
}

#[test]
fn practice_phrases_need_template_rights_and_own_phrases_clinical_rights() {
    let (mut db, staff) = practice();
    let err = db
        .as_user(&staff.nurse)
        .save_phrase(
            PhraseId::from_u128(60),
            &phrase(".knee", "Knee exam", true),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let err = db
        .as_user(&staff.admin)
        .save_phrase(
            PhraseId::from_u128(61),
            &phrase(".knee", "Knee exam", false),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "forbidden", "an admin writes no notes: {err}");
    let err = db
        .as_user(&staff.front_desk)
        .smart_phrases(test_now())
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");

    let shared = db
        .as_user(&staff.admin)
        .save_phrase(
            PhraseId::from_u128(62),
            &phrase(".knee", "Knee exam: ***", true),
            test_now(),
        )
        .unwrap();
    assert_eq!(shared.owner, PhraseOwner::Practice);
    // A nurse may use it but not change it.
    let err = db
        .as_user(&staff.nurse)
        .save_phrase(
            PhraseId::from_u128(62),
            &phrase(".knee", "changed", true),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let err = db
        .as_user(&staff.nurse)
        .retire_phrase(PhraseId::from_u128(62), test_now())
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
}

#[test]
fn someone_elses_own_phrase_is_invisible_and_cannot_be_changed() {
    let (mut db, staff) = practice();
    let id = PhraseId::from_u128(70);
    db.as_user(&staff.nurse)
        .save_phrase(id, &phrase(".mine", "nurse text", false), test_now())
        .unwrap();
    let doc = db
        .as_user(&staff.physician)
        .smart_phrases(test_now())
        .unwrap();
    assert!(doc.iter().all(|p| p.abbreviation != ".mine"));
    let err = db
        .as_user(&staff.physician)
        .save_phrase(id, &phrase(".mine", "hijacked", false), test_now())
        .unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    assert_eq!(
        db.as_user(&staff.physician)
            .retire_phrase(id, test_now())
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn bad_phrases_are_refused_with_the_field_named() {
    let (mut db, staff) = practice();
    let mut u = db.as_user(&staff.physician);
    let cases = [
        (phrase("htn2", "text", false), "abbreviation"),
        (phrase(".x", "text", false), "abbreviation"),
        (phrase(".vitals", "text", false), "abbreviation"),
        (phrase(".ok", "  ", false), "expansion"),
        (phrase(".ok", &"y".repeat(4_001), false), "expansion"),
        // The practice already has .htn.
        (phrase(".htn", "again", true), "abbreviation"),
    ];
    for (i, (draft, field)) in cases.iter().enumerate() {
        let err = u
            .save_phrase(PhraseId::from_u128(80 + i as u128), draft, test_now())
            .unwrap_err();
        assert_eq!(fields(&err), [*field], "{draft:?}: {err}");
    }
    // Two own phrases with one abbreviation: the second is refused.
    u.save_phrase(
        PhraseId::from_u128(90),
        &phrase(".fu", "Follow up", false),
        test_now(),
    )
    .unwrap();
    let err = u
        .save_phrase(
            PhraseId::from_u128(91),
            &phrase(".FU", "Other", false),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&err), ["abbreviation"], "{err}");
    // Moving a phrase between owners is refused too.
    let err = u
        .save_phrase(
            PhraseId::from_u128(90),
            &phrase(".fu", "Follow up", true),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&err), ["practiceWide"], "{err}");
}

#[test]
fn an_unknown_abbreviation_is_not_found_and_expands_to_nothing() {
    let (mut db, staff, patient) = with_patient();
    let err = db
        .as_user(&staff.physician)
        .expand_phrase(".xyz", patient, None, test_now())
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn built_in_phrases_read_the_chart_and_each_read_is_audited_with_the_patient() {
    let (mut db, staff, patient) = with_patient();
    let mut expand = |abbrev: &str| {
        db.as_user(&staff.nurse)
            .expand_phrase(abbrev, patient, None, test_now())
            .unwrap()
            .text
    };
    assert_eq!(expand(".allergies"), "Allergies not yet asked");
    assert_eq!(
        expand(".problems"),
        "No active problems on the problem list"
    );
    assert_eq!(expand(".vitals"), "No vitals recorded today");
    assert_eq!(expand(".AGE"), "54-year-old female");
    let audit = rows(&mut db, &staff, "expand_phrase");
    assert_eq!(audit.len(), 4, "{audit:?}");
    assert!(audit
        .iter()
        .all(|r| r.patient_id == Some(patient) && r.outcome == Outcome::Ok));
    assert!(audit
        .iter()
        .any(|r| r.entity == "smart_phrase" && r.entity_id == ".vitals"));
}

#[test]
fn built_in_phrases_are_refused_on_a_restricted_chart_and_for_the_front_desk() {
    let (mut db, staff, patient) = with_patient();
    db.as_user(&staff.physician)
        .set_restricted(patient, true, test_now())
        .unwrap();
    let err = db
        .as_user(&staff.nurse)
        .expand_phrase(".allergies", patient, None, test_now())
        .unwrap_err();
    assert_eq!(err.code(), "restricted", "{err}");
    let err = db
        .as_user(&staff.front_desk)
        .expand_phrase(".vitals", patient, None, test_now())
        .unwrap_err();
    assert!(
        matches!(err.code().as_str(), "forbidden" | "restricted"),
        "{err}"
    );
    let denied = rows(&mut db, &staff, "expand_phrase");
    assert_eq!(denied.len(), 2);
    assert!(denied
        .iter()
        .all(|r| r.outcome == Outcome::Denied && r.patient_id == Some(patient)));
}

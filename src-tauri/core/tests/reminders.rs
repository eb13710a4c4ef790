//! Preventive-care reminders through the door: what the chart's facts make due, decisions
//! (done elsewhere, declined, not applicable, withdrawn, superseded — never rewritten),
//! screening procedures, lab results (outside too), vitals, histories and problems as the
//! engine's facts, field errors, permissions and audit, and the registry agreeing with the
//! per-patient engine on a generated practice. The rule-by-rule edges are unit tests in
//! `src/reminders/tests.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditQuery, Outcome};
use charta_core::chart::histories::{SocialHistoryDraft, SocialKind};
use charta_core::chart::problems::{ProblemDraft, ProblemStatus};
use charta_core::chart::vitals::VitalsInput;
use charta_core::ids::{
    HistoryEntryId, ProblemId, ReminderDecisionId, ScreeningProcedureId, VitalsId,
};
use charta_core::patient::SexAtBirth;
use charta_core::reminders::{
    DecisionKind, ProcedurePlace, Reminder, ReminderDecisionDraft, ReminderStatus as S,
    ScreeningProcedureDraft, ScreeningProcedureKind as P,
};
use charta_core::testing::{
    insert_test_lab, person, raw_reminder_sql, staffed_practice, test_now, Staff,
};
use charta_core::{ChartDb, PatientId};
use chrono::{Duration, TimeZone, Utc};

fn pid(n: u128) -> PatientId {
    PatientId::from_u128(n)
}

/// test_now is 2026-11-26: a woman of 52, a man of 67.
const WOMAN: u128 = 1;
const MAN: u128 = 2;

fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    register(&mut db, &staff, WOMAN, "1974-05-02", SexAtBirth::Female);
    register(&mut db, &staff, MAN, "1959-02-10", SexAtBirth::Male);
    (db, staff)
}

fn register(db: &mut ChartDb, staff: &Staff, n: u128, dob: &str, sex: SexAtBirth) {
    let mut draft = person("Rowe", &letters(n), dob, "");
    draft.sex_at_birth = Some(sex);
    db.as_user(&staff.physician)
        .register_patient(&draft, true, pid(n), test_now())
        .unwrap();
}

/// A given name without digits (names refuse them): 1 → "Ab", 2 → "Ac" …
fn letters(mut n: u128) -> String {
    let mut s = String::from("A");
    loop {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return s;
        }
    }
}

fn reminders(db: &mut ChartDb, staff: &Staff, n: u128) -> Vec<Reminder> {
    db.as_user(&staff.physician)
        .reminders_for_patient(pid(n), test_now())
        .unwrap()
}

fn find<'a>(list: &'a [Reminder], rule: &str) -> Option<&'a Reminder> {
    list.iter().find(|r| r.rule == rule)
}

fn status(list: &[Reminder], rule: &str) -> Option<S> {
    find(list, rule).map(|r| r.status)
}

fn elsewhere(rule: &str, on: &str) -> ReminderDecisionDraft {
    ReminderDecisionDraft {
        rule: rule.into(),
        kind: Some(DecisionKind::DoneElsewhere),
        done_on: on.into(),
        place: "County Hospital".into(),
        reason: String::new(),
    }
}

fn procedure(kind: P, on: &str) -> ScreeningProcedureDraft {
    ScreeningProcedureDraft {
        procedure: Some(kind),
        performed_on: on.into(),
        place: ProcedurePlace::Outside,
        facility: "GI associates".into(),
        score: String::new(),
        result_note: "normal".into(),
    }
}

fn fields(err: &charta_core::CoreError) -> Vec<String> {
    err.field_errors().iter().map(|e| e.field.clone()).collect()
}

fn actions(db: &mut ChartDb, staff: &Staff, outcome: Outcome) -> Vec<String> {
    let q = AuditQuery {
        outcome: Some(outcome),
        ..Default::default()
    };
    db.as_user(&staff.admin)
        .audit_report(&q, test_now())
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[test]
fn a_52_year_old_with_nothing_on_record_is_overdue_for_colorectal_screening_and_told_why() {
    let (mut db, staff) = practice();
    let list = reminders(&mut db, &staff, WOMAN);
    let c = find(&list, "colorectal").expect("colorectal applies at 52");
    assert_eq!(c.status, S::Overdue);
    assert!(c.why.contains("Age 52, sex female"), "{}", c.why);
    assert!(c.why.contains("no colonoscopy"), "{}", c.why);
    assert!(
        c.source.contains("uspreventiveservicestaskforce.org"),
        "{}",
        c.source
    );
    assert!(status(&list, "breast").unwrap().is_due());
    assert!(status(&list, "cervical-30-65").unwrap().is_due());
    assert_eq!(status(&list, "aaa"), None, "a woman");
    assert_eq!(status(&list, "osteoporosis"), None, "under 65");
    assert!(actions(&mut db, &staff, Outcome::Ok).contains(&"view_reminders".to_string()));
}

#[test]
fn done_elsewhere_with_a_date_shows_up_to_date_and_withdrawing_it_brings_the_reminder_back() {
    let (mut db, staff) = practice();
    let list = db
        .as_user(&staff.nurse)
        .record_reminder_decision(
            pid(WOMAN),
            &elsewhere("colorectal", "2026-09-15"),
            ReminderDecisionId::from_u128(1),
            test_now(),
        )
        .unwrap();
    let c = find(&list, "colorectal").unwrap();
    assert_eq!(c.status, S::DoneElsewhere);
    assert_eq!(c.due_on.unwrap().to_string(), "2027-09-15");
    assert!(c.why.contains("County Hospital"), "{}", c.why);
    let decision = c.decision.clone().unwrap();
    assert_eq!(decision.recorded_by_name, "Test nurse");
    let list = db
        .as_user(&staff.physician)
        .withdraw_reminder_decision(decision.id, "Wrong patient's letter", test_now())
        .unwrap();
    assert_eq!(status(&list, "colorectal"), Some(S::Overdue));
    let err = db
        .as_user(&staff.physician)
        .withdraw_reminder_decision(decision.id, "Again", test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["reason"]);
    let ok = actions(&mut db, &staff, Outcome::Ok);
    assert!(ok.contains(&"record_reminder_decision".to_string()));
    assert!(ok.contains(&"withdraw_reminder_decision".to_string()));
}

#[test]
fn a_new_decision_supersedes_the_open_one_and_decisions_are_never_rewritten_or_deleted() {
    let (mut db, staff) = practice();
    let declined = ReminderDecisionDraft {
        rule: "breast".into(),
        kind: Some(DecisionKind::Declined),
        reason: "Wants to think about it".into(),
        ..Default::default()
    };
    let list = db
        .as_user(&staff.physician)
        .record_reminder_decision(
            pid(WOMAN),
            &declined,
            ReminderDecisionId::from_u128(1),
            test_now(),
        )
        .unwrap();
    assert_eq!(status(&list, "breast"), Some(S::Declined));
    let na = ReminderDecisionDraft {
        kind: Some(DecisionKind::NotApplicable),
        reason: "Bilateral mastectomy at another hospital".into(),
        ..declined
    };
    let later = test_now() + Duration::minutes(5);
    let list = db
        .as_user(&staff.physician)
        .record_reminder_decision(pid(WOMAN), &na, ReminderDecisionId::from_u128(2), later)
        .unwrap();
    let b = find(&list, "breast").unwrap();
    assert_eq!(b.status, S::NotApplicable);
    assert_eq!(
        b.decision.as_ref().unwrap().id,
        ReminderDecisionId::from_u128(2)
    );
    // The first decision cannot be withdrawn: it was superseded.
    let err = db
        .as_user(&staff.physician)
        .withdraw_reminder_decision(ReminderDecisionId::from_u128(1), "Superseded anyway", later)
        .unwrap_err();
    assert_eq!(fields(&err), ["reason"]);
    let first = ReminderDecisionId::from_u128(1).to_string();
    for sql in [
        "UPDATE reminder_decisions SET reason = 'changed' WHERE id = ?1",
        "UPDATE reminder_decisions SET superseded_at = NULL, superseded_by = NULL WHERE id = ?1",
        "DELETE FROM reminder_decisions WHERE id = ?1",
    ] {
        assert!(
            raw_reminder_sql(&mut db, sql, &first).is_err(),
            "{sql} refused"
        );
    }
}

#[test]
fn bad_decisions_are_field_errors_and_nothing_is_saved() {
    let (mut db, staff) = practice();
    let mut u = db.as_user(&staff.physician);
    let id = ReminderDecisionId::from_u128(1);
    let cases: Vec<(ReminderDecisionDraft, Vec<&str>)> = vec![
        (
            ReminderDecisionDraft {
                rule: "colorectal".into(),
                ..Default::default()
            },
            vec!["kind"],
        ),
        (elsewhere("colorectal", ""), vec!["doneOn"]),
        (elsewhere("colorectal", "2026-13-40"), vec!["doneOn"]),
        (elsewhere("colorectal", "2027-01-01"), vec!["doneOn"]),
        (elsewhere("no-such-rule", "2026-01-01"), vec!["rule"]),
        (
            ReminderDecisionDraft {
                rule: "colorectal".into(),
                kind: Some(DecisionKind::Declined),
                reason: " ".into(),
                ..Default::default()
            },
            vec!["reason"],
        ),
        (
            ReminderDecisionDraft {
                rule: "colorectal".into(),
                kind: Some(DecisionKind::DoneElsewhere),
                done_on: "2026-01-01".into(),
                place: "x".repeat(201),
                ..Default::default()
            },
            vec!["place"],
        ),
    ];
    for (draft, want) in cases {
        let err = u
            .record_reminder_decision(pid(WOMAN), &draft, id, test_now())
            .unwrap_err();
        assert_eq!(fields(&err), want, "{draft:?}");
    }
    let list = u.reminders_for_patient(pid(WOMAN), test_now()).unwrap();
    assert!(list.iter().all(|r| r.decision.is_none()), "nothing saved");
}

#[test]
fn a_colonoscopy_recorded_from_outside_satisfies_for_ten_years() {
    let (mut db, staff) = practice();
    let list = db
        .as_user(&staff.physician)
        .record_screening_procedure(
            pid(WOMAN),
            &procedure(P::Colonoscopy, "2017-12-01"),
            ScreeningProcedureId::from_u128(1),
            test_now(),
        )
        .unwrap();
    let c = find(&list, "colorectal").unwrap();
    assert_eq!(c.status, S::UpToDate);
    assert_eq!(c.due_on.unwrap().to_string(), "2027-12-01");
    assert!(
        c.why.contains("last colonoscopy 2017-12-01 (outside)"),
        "{}",
        c.why
    );
    let id = ScreeningProcedureId::from_u128(1).to_string();
    assert!(raw_reminder_sql(
        &mut db,
        "UPDATE screening_procedures SET performed_on = '2020-01-01' WHERE id = ?1",
        &id
    )
    .is_err());
    assert!(raw_reminder_sql(
        &mut db,
        "DELETE FROM screening_procedures WHERE id = ?1",
        &id
    )
    .is_err());
    assert!(
        actions(&mut db, &staff, Outcome::Ok).contains(&"record_screening_procedure".to_string())
    );
}

#[test]
fn a_phq9_needs_its_score_and_other_bad_procedures_are_field_errors() {
    let (mut db, staff) = practice();
    let mut u = db.as_user(&staff.nurse);
    let id = ScreeningProcedureId::from_u128(1);
    let mut phq = procedure(P::Phq9, "2026-11-20");
    let err = u
        .record_screening_procedure(pid(WOMAN), &phq, id, test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["score"]);
    phq.score = "28".into();
    let err = u
        .record_screening_procedure(pid(WOMAN), &phq, id, test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["score"]);
    let mut bad = procedure(P::Mammogram, "tomorrow");
    bad.score = "3".into();
    let err = u
        .record_screening_procedure(pid(WOMAN), &bad, id, test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["performedOn", "score"]);
    let none = ScreeningProcedureDraft {
        procedure: None,
        performed_on: "2026-01-01".into(),
        ..Default::default()
    };
    let err = u
        .record_screening_procedure(pid(WOMAN), &none, id, test_now())
        .unwrap_err();
    assert_eq!(fields(&err), ["procedure"]);
    phq.score = "7".into();
    let list = u
        .record_screening_procedure(pid(WOMAN), &phq, id, test_now())
        .unwrap();
    assert_eq!(status(&list, "depression"), Some(S::UpToDate));
}

#[test]
fn lab_results_typed_or_from_outside_satisfy_their_rules() {
    let (mut db, staff) = practice();
    let at = Utc.with_ymd_and_hms(2026, 6, 1, 14, 0, 0).unwrap();
    insert_test_lab(&mut db, pid(WOMAN), "29771-3", at, true, 1).unwrap();
    insert_test_lab(
        &mut db,
        pid(WOMAN),
        "16128-1",
        at - Duration::days(4000),
        false,
        2,
    )
    .unwrap();
    let list = reminders(&mut db, &staff, WOMAN);
    let c = find(&list, "colorectal").unwrap();
    assert_eq!(c.status, S::UpToDate);
    assert!(
        c.why.contains("FIT (lab result) 2026-06-01 (outside)"),
        "{}",
        c.why
    );
    assert_eq!(
        status(&list, "hepatitis-c"),
        Some(S::UpToDate),
        "once is enough"
    );
    assert!(status(&list, "hiv").unwrap().is_due());
}

#[test]
fn vitals_histories_and_problems_are_the_engines_facts() {
    let (mut db, staff) = practice();
    let mut u = db.as_user(&staff.physician);
    let before = u.reminders_for_patient(pid(MAN), test_now()).unwrap();
    assert!(status(&before, "hypertension").unwrap().is_due());
    assert_eq!(status(&before, "diabetes"), None, "no BMI yet");
    assert_eq!(status(&before, "lung"), None, "no smoking history");
    assert_eq!(status(&before, "aaa"), None, "no smoking history");
    let vitals = VitalsInput {
        systolic: "128".into(),
        diastolic: "82".into(),
        weight: "95".into(),
        height: "178".into(),
        ..Default::default()
    };
    u.record_vitals(pid(MAN), None, &vitals, VitalsId::from_u128(1), test_now())
        .unwrap();
    let smoking = SocialHistoryDraft {
        status: "former".into(),
        packs_per_day: "1".into(),
        years: "30".into(),
        quit_date: "2015".into(),
        ..Default::default()
    };
    u.record_social_history(
        pid(MAN),
        SocialKind::Smoking,
        &smoking,
        None,
        HistoryEntryId::from_u128(1),
        test_now(),
    )
    .unwrap();
    let problem = ProblemDraft {
        code: Some("C18.7".into()),
        description: "Malignant neoplasm of sigmoid colon".into(),
        status: ProblemStatus::Resolved,
        onset: "2019".into(),
        resolved: "2020".into(),
        comment: String::new(),
    };
    u.add_problem(
        pid(MAN),
        &problem,
        ProblemId::from_u128(1),
        None,
        test_now(),
    )
    .unwrap();
    let after = u.reminders_for_patient(pid(MAN), test_now()).unwrap();
    assert_eq!(status(&after, "hypertension"), Some(S::UpToDate));
    assert!(status(&after, "diabetes").unwrap().is_due(), "BMI 30");
    let lung = find(&after, "lung").expect("30 pack-years, quit 2015");
    assert!(lung.why.contains("30 pack-years"), "{}", lung.why);
    assert!(status(&after, "aaa").unwrap().is_due());
    let c = find(&after, "colorectal").unwrap();
    assert_eq!(c.status, S::NotApplicable);
    assert!(c.why.contains("C18.7"), "{}", c.why);
}

#[test]
fn the_front_desk_can_neither_see_nor_record_reminders_and_is_audited() {
    let (mut db, staff) = practice();
    let mut desk = db.as_user(&staff.front_desk);
    let now = test_now();
    assert_eq!(
        desk.reminders_for_patient(pid(WOMAN), now)
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert_eq!(
        desk.record_reminder_decision(
            pid(WOMAN),
            &elsewhere("colorectal", "2026-01-01"),
            ReminderDecisionId::from_u128(1),
            now
        )
        .unwrap_err()
        .code(),
        "forbidden"
    );
    assert_eq!(
        desk.record_screening_procedure(
            pid(WOMAN),
            &procedure(P::Fit, "2026-01-01"),
            ScreeningProcedureId::from_u128(1),
            now
        )
        .unwrap_err()
        .code(),
        "forbidden"
    );
    assert_eq!(
        desk.reminder_registry("colorectal", now)
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let denied = actions(&mut db, &staff, Outcome::Denied);
    for action in [
        "view_reminders",
        "record_reminder_decision",
        "record_screening_procedure",
        "view_reminder_registry",
    ] {
        assert!(denied.contains(&action.to_string()), "{action}: {denied:?}");
    }
    let list = reminders(&mut db, &staff, WOMAN);
    assert!(
        list.iter().all(|r| r.decision.is_none()),
        "nothing recorded by the desk"
    );
}

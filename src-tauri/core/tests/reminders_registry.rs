//! The registry (`due_registry`, through `reminder_registry`) agrees with the per-patient
//! engine on a generated practice: for every rule, the same patients are due with the same
//! status and date. The practice has procedures, decisions, vitals, smoking histories and
//! problems at random, and ages around the rules' edges.

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
use charta_core::testing::{person, staffed_practice, test_now};
use charta_core::{ChartDb, PatientId};
use chrono::Duration;

fn pid(n: u128) -> PatientId {
    PatientId::from_u128(n)
}

/// A given name without digits (names refuse them).
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

fn find<'a>(list: &'a [Reminder], rule: &str) -> Option<&'a Reminder> {
    list.iter().find(|r| r.rule == rule)
}

fn procedure(kind: P, on: &str) -> ScreeningProcedureDraft {
    ScreeningProcedureDraft {
        procedure: Some(kind),
        performed_on: on.into(),
        place: ProcedurePlace::Outside,
        facility: String::new(),
        score: String::new(),
        result_note: String::new(),
    }
}

/// A small deterministic generator (xorshift), so the property runs without a crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn the_registry_lists_the_same_patients_as_the_chart_on_a_generated_practice() {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let now = test_now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let count = 160u128;
    let mut u = db.as_user(&staff.physician);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    for n in 1..=count {
        // Ages 10–90, many near the rules' edges.
        let days = 365 * (10 + rng.below(81) as i64) + rng.below(365) as i64;
        let dob = today - Duration::days(days);
        let mut draft = person("Gen", &letters(n), &dob.to_string(), "");
        draft.sex_at_birth = Some(match rng.below(10) {
            0 => SexAtBirth::Unknown,
            1..=5 => SexAtBirth::Female,
            _ => SexAtBirth::Male,
        });
        u.register_patient(&draft, true, pid(n), now).unwrap();
        let kinds = [
            P::Colonoscopy,
            P::Fit,
            P::Mammogram,
            P::Ldct,
            P::AaaUltrasound,
            P::HpvTest,
        ];
        for k in 0..rng.below(3) {
            let kind = kinds[rng.below(kinds.len() as u64) as usize];
            let on = today - Duration::days(rng.below(365 * 12) as i64);
            let d = procedure(kind, &on.to_string());
            u.record_screening_procedure(
                pid(n),
                &d,
                ScreeningProcedureId::from_u128(n * 10 + k as u128),
                now,
            )
            .unwrap();
        }
        if rng.below(6) == 0 {
            let kind = [
                DecisionKind::DoneElsewhere,
                DecisionKind::Declined,
                DecisionKind::NotApplicable,
            ][rng.below(3) as usize];
            let back = rng.below(500) as i64;
            let decided = now - Duration::days(back);
            let draft = ReminderDecisionDraft {
                rule: ["colorectal", "breast", "lung", "hypertension"][rng.below(4) as usize]
                    .into(),
                kind: Some(kind),
                done_on: (today - Duration::days(back + rng.below(800) as i64)).to_string(),
                place: String::new(),
                reason: "generated reason".into(),
            };
            u.record_reminder_decision(pid(n), &draft, ReminderDecisionId::from_u128(n), decided)
                .unwrap();
        }
        if rng.below(5) == 0 {
            let vitals = VitalsInput {
                systolic: "130".into(),
                diastolic: "85".into(),
                weight: format!("{}", 55 + rng.below(50)),
                height: "170".into(),
                ..Default::default()
            };
            let at = now - Duration::days(rng.below(700) as i64);
            u.record_vitals(pid(n), None, &vitals, VitalsId::from_u128(n), at)
                .unwrap();
        }
        if rng.below(4) == 0 {
            let status = ["never", "former", "current_every_day"][rng.below(3) as usize];
            let smoking = SocialHistoryDraft {
                status: status.into(),
                packs_per_day: if status == "never" {
                    String::new()
                } else {
                    "1".into()
                },
                years: if status == "never" {
                    String::new()
                } else {
                    format!("{}", 5 + rng.below(40))
                },
                quit_date: if status == "former" {
                    format!("{}", 2000 + rng.below(26))
                } else {
                    String::new()
                },
                ..Default::default()
            };
            u.record_social_history(
                pid(n),
                SocialKind::Smoking,
                &smoking,
                None,
                HistoryEntryId::from_u128(n),
                now,
            )
            .unwrap();
        }
        if rng.below(8) == 0 {
            let (code, text) = [
                ("C18.9", "Colon cancer"),
                ("Z90.710", "Total hysterectomy"),
                ("I10", "Hypertension"),
                ("C50.911", "Breast cancer"),
            ][rng.below(4) as usize];
            let problem = ProblemDraft {
                code: Some(code.into()),
                description: text.into(),
                status: ProblemStatus::Active,
                onset: String::new(),
                resolved: String::new(),
                comment: String::new(),
            };
            u.add_problem(pid(n), &problem, ProblemId::from_u128(n), None, now)
                .unwrap();
        }
    }
    let rules = [
        "colorectal",
        "breast",
        "cervical-21-29",
        "cervical-30-65",
        "statin",
        "diabetes",
        "hypertension",
        "depression",
        "aaa",
        "lung",
        "osteoporosis",
        "hiv",
        "hepatitis-c",
    ];
    let mut per_patient: Vec<Vec<Reminder>> = Vec::new();
    for n in 1..=count {
        per_patient.push(u.reminders_for_patient(pid(n), now).unwrap());
    }
    let mut total_due = 0;
    for rule in rules {
        let mut registry: Vec<(PatientId, S, Option<chrono::NaiveDate>)> = u
            .reminder_registry(rule, now)
            .unwrap()
            .into_iter()
            .map(|r| (r.patient, r.status, r.due_on))
            .collect();
        registry.sort_by_key(|r| r.0);
        let mut chart: Vec<(PatientId, S, Option<chrono::NaiveDate>)> = Vec::new();
        for (i, list) in per_patient.iter().enumerate() {
            if let Some(r) = find(list, rule).filter(|r| r.status.is_due()) {
                chart.push((pid(i as u128 + 1), r.status, r.due_on));
            }
        }
        chart.sort_by_key(|r| r.0);
        assert_eq!(registry, chart, "{rule}");
        total_due += chart.len();
    }
    assert!(
        total_due > 100,
        "the generated practice has patients due: {total_due}"
    );
    let q = AuditQuery {
        outcome: Some(Outcome::Ok),
        action: Some("view_reminder_registry".into()),
        ..Default::default()
    };
    let audited = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now())
        .unwrap()
        .entries;
    assert_eq!(audited.len(), rules.len(), "each registry read is audited");
}

//! The registry (one set-based read per fact across the practice) agrees with the chart's
//! reminders (one patient's facts) for every rule and every active patient of a generated
//! practice, with screening procedures, decisions of each kind and results entered in error
//! added through the real operations.

#![allow(clippy::unwrap_used)]

use super::{
    due_registry, reminders_from_facts, DecisionKind, ProcedurePlace, ReminderDecisionDraft,
    ScreeningProcedureDraft,
};
use crate::db::ChartDb;
use crate::ids::{LabResultId, PatientId, ReminderDecisionId, ScreeningProcedureId};
use crate::reminders::rules::{rules, ScreeningProcedureKind};
use crate::store;
use crate::synth::{ChartProviders, PracticeGenerator};
use crate::testing::{staffed_practice, test_now};
use std::collections::BTreeSet;

fn ids(db: &ChartDb, sql: &str) -> Vec<String> {
    db.read(|c| {
        let mut stmt = c.prepare(sql)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
    .unwrap()
}

#[test]
fn the_registry_of_every_rule_agrees_with_each_patients_own_reminders() {
    let mut db = ChartDb::open_in_memory().unwrap();
    let now = test_now();
    let staff = staffed_practice(&mut db, now).unwrap();
    db.add_generated_patients(&mut PracticeGenerator::new(5), 400, 1, now)
        .unwrap();
    let providers = ChartProviders {
        physicians: vec![staff.physician.user_id()],
        nurse: Some(staff.nurse.user_id()),
    };
    db.add_generated_charts(3, &providers, now).unwrap();
    db.add_generated_checkup(3, &providers, now).unwrap();

    let adults = ids(
        &db,
        "SELECT id FROM patients WHERE status = 'active' AND date_of_birth <= '1980-01-01'
          ORDER BY id",
    );
    assert!(adults.len() > 100, "{} adults", adults.len());
    let mut doc = db.as_user(&staff.physician);
    for (i, id) in adults.iter().enumerate() {
        let patient = PatientId::parse(id).unwrap();
        let n = i as u128;
        if i % 5 == 0 {
            let draft = ScreeningProcedureDraft {
                procedure: Some(if i % 10 == 0 {
                    ScreeningProcedureKind::Colonoscopy
                } else {
                    ScreeningProcedureKind::Fit
                }),
                performed_on: if i % 3 == 0 {
                    "2024-02-10"
                } else {
                    "2014-06-01"
                }
                .into(),
                place: ProcedurePlace::Here,
                ..ScreeningProcedureDraft::default()
            };
            doc.record_screening_procedure(
                patient,
                &draft,
                ScreeningProcedureId::from_u128(0x5C_0000 + n),
                now,
            )
            .unwrap();
        }
        if i % 7 == 0 {
            let kind = [
                DecisionKind::Declined,
                DecisionKind::NotApplicable,
                DecisionKind::DoneElsewhere,
            ][(i / 7) % 3];
            let draft = ReminderDecisionDraft {
                rule: ["colorectal", "statin", "hypertension"][(i / 7) % 3].into(),
                kind: Some(kind),
                done_on: if kind == DecisionKind::DoneElsewhere {
                    "2026-03-01".into()
                } else {
                    String::new()
                },
                place: "City Hospital".into(),
                reason: "patient's choice".into(),
            };
            doc.record_reminder_decision(
                patient,
                &draft,
                ReminderDecisionId::from_u128(0xDEC_0000 + n),
                now,
            )
            .unwrap();
        }
    }
    let lipids = ids(
        &db,
        "SELECT id FROM lab_results WHERE loinc IN ('2093-3', '4548-4') ORDER BY id LIMIT 40",
    );
    assert!(!lipids.is_empty());
    let mut doc = db.as_user(&staff.physician);
    for id in &lipids {
        doc.lab_result_entered_in_error(LabResultId::parse(id).unwrap(), "wrong patient", now)
            .unwrap();
    }

    let today = now.date_naive();
    let active = ids(&db, "SELECT id FROM patients WHERE status = 'active'");
    for rule in rules().unwrap() {
        let registry: BTreeSet<_> = db
            .read(|c| due_registry(c, &rule.id, today))
            .unwrap()
            .into_iter()
            .map(|r| (r.patient, format!("{:?}", r.status), r.due_on))
            .collect();
        let mut charted = BTreeSet::new();
        for id in &active {
            let patient = PatientId::parse(id).unwrap();
            let facts = db
                .read(|c| store::reminders::facts(c, patient))
                .unwrap()
                .unwrap();
            for r in reminders_from_facts(&facts, today).unwrap() {
                if r.rule == rule.id && r.status.is_due() {
                    charted.insert((patient, format!("{:?}", r.status), r.due_on));
                }
            }
        }
        assert_eq!(registry, charted, "rule {}", rule.id);
        assert!(
            !charted.is_empty() || rule.max_age.is_some_and(|m| m < 30),
            "rule {} lists nobody in a practice of 400",
            rule.id
        );
    }
}

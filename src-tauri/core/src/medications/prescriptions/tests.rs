//! Unit tests of the pure parts: the override rule and the list's grouping.

#![allow(clippy::unwrap_used)]

use super::list::group;
use super::validate::answer_alerts;
use crate::error::CoreError;
use crate::medications::{AlertKind, AlertOverride, AlertSeverity, SafetyAlert, SafetyCheck};

fn alert(key: &str, severity: AlertSeverity) -> SafetyAlert {
    SafetyAlert {
        key: key.into(),
        kind: AlertKind::DrugDrug,
        severity,
        title: format!("Alert {key}"),
        detail: String::new(),
        action: String::new(),
        source: "test".into(),
        rule_id: None,
        medication_id: None,
        allergy_id: None,
    }
}

fn check(alerts: Vec<SafetyAlert>) -> SafetyCheck {
    let needs_override = alerts.iter().any(|a| a.severity.interrupts());
    SafetyCheck {
        alerts,
        needs_override,
    }
}

fn answer(key: &str, reason: &str) -> AlertOverride {
    AlertOverride {
        key: key.into(),
        reason: reason.into(),
        title: String::new(),
        severity: None,
    }
}

fn messages(e: &CoreError) -> Vec<(String, String)> {
    e.field_errors()
        .iter()
        .map(|f| (f.field.clone(), f.message.clone()))
        .collect()
}

#[test]
fn an_interrupting_alert_without_a_reason_refuses_signing_and_names_the_alert() {
    let c = check(vec![
        alert("a", AlertSeverity::Contraindicated),
        alert("b", AlertSeverity::Major),
        alert("c", AlertSeverity::Moderate),
    ]);
    let e = answer_alerts(&c, &[answer("a", "benefit outweighs risk")]).unwrap_err();
    assert_eq!(
        messages(&e),
        vec![(
            "overrides".into(),
            "Alert b needs a reason to override".into()
        )]
    );
}

#[test]
fn a_blank_reason_does_not_answer_an_interrupting_alert() {
    let c = check(vec![alert("a", AlertSeverity::Major)]);
    assert!(answer_alerts(&c, &[answer("a", "   ")]).is_err());
}

#[test]
fn reasons_answer_their_alerts_and_unknown_keys_are_ignored() {
    let c = check(vec![
        alert("a", AlertSeverity::Major),
        alert("c", AlertSeverity::Minor),
    ]);
    let answered = answer_alerts(
        &c,
        &[
            answer("a", " monitored INR "),
            answer("zzz", "no such alert"),
        ],
    )
    .unwrap();
    assert_eq!(answered.len(), 2);
    assert_eq!(answered[0].1.as_deref(), Some("monitored INR"));
    assert_eq!(answered[1].1, None);
}

#[test]
fn moderate_and_minor_alerts_alone_never_refuse() {
    let c = check(vec![
        alert("m", AlertSeverity::Moderate),
        alert("n", AlertSeverity::Minor),
    ]);
    assert!(answer_alerts(&c, &[]).is_ok());
    assert!(answer_alerts(&check(vec![]), &[]).unwrap().is_empty());
}

#[test]
fn an_overlong_override_reason_is_refused() {
    let c = check(vec![alert("a", AlertSeverity::Major)]);
    assert!(answer_alerts(&c, &[answer("a", &"x".repeat(501))]).is_err());
}

#[test]
fn an_empty_list_groups_into_nothing() {
    let list = group(
        crate::ids::PatientId::from_u128(1),
        Vec::new(),
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    );
    assert!(list.active.is_empty() && list.drafts.is_empty() && list.past.is_empty());
}

#[test]
fn an_alert_repeated_under_one_key_is_answered_once() {
    let c = check(vec![
        alert("a", AlertSeverity::Major),
        alert("a", AlertSeverity::Major),
    ]);
    let answered = answer_alerts(&c, &[answer("a", "known and monitored")]).unwrap();
    assert_eq!(answered.len(), 1);
}

//! Preventive-care reminders (45 CFR 170.315(a)(9)): a rule table authored from the USPSTF A
//! and B recommendations (`assets/preventive-care/`, each rule with its citation and date);
//! eligibility from age, sex, problems and histories; satisfied by a recorded lab, procedure,
//! immunization or outside result within its interval; the patient's decisions ("done
//! elsewhere", "declined", "not applicable" with a reason). Each reminder says why it applies.
//! Tables: `migrations/0008_checkup/reminders.sql`.
//!
//! `reminders_for_patient` (op `reminders_for_patient`) and `due_registry` (op
//! `report_due_colorectal`, and the practice reports) are the contract: keep their signatures.

pub mod engine;
mod ops;
pub mod rules;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_registry;
pub(crate) mod validate;

use crate::error::CoreResult;
use crate::ids::{PatientId, ReminderDecisionId};
use crate::store;
use crate::store::reports::PatientLine;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use rules::ScreeningProcedureKind;
pub(crate) use validate::{ValidDecision, ValidProcedure};

/// Where one reminder stands for the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReminderStatus {
    Due,
    Overdue,
    /// Satisfied within its interval (by a lab, procedure, immunization or outside result).
    UpToDate,
    DoneElsewhere,
    Declined,
    NotApplicable,
}

impl ReminderStatus {
    /// Due or overdue: what the panel shows by default and the registry lists.
    pub fn is_due(self) -> bool {
        matches!(self, ReminderStatus::Due | ReminderStatus::Overdue)
    }
}

/// One reminder for one patient, with why it applies.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// The rule's stable id ("colorectal", "breast", …).
    pub rule: String,
    pub title: String,
    pub status: ReminderStatus,
    /// Due: since when; up to date / done elsewhere: until when; declined: asked again from.
    #[ts(type = "string | null")]
    pub due_on: Option<NaiveDate>,
    /// Why it applies: the rule in words and the data used ("age 52; no colonoscopy or FIT
    /// on record").
    pub why: String,
    /// USPSTF citation and date.
    pub source: String,
    /// The procedures that satisfy it (what "record a procedure" offers).
    pub procedures: Vec<ScreeningProcedureKind>,
    /// The open decision the status rests on (or that has lapsed), so it can be withdrawn.
    pub decision: Option<ReminderDecision>,
}

/// One patient in a reminder's registry.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegistryRow {
    pub patient: PatientId,
    pub status: ReminderStatus,
    #[ts(type = "string | null")]
    pub due_on: Option<NaiveDate>,
}

/// The patient's answer to one reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DecisionKind {
    DoneElsewhere,
    Declined,
    NotApplicable,
}

impl DecisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::DoneElsewhere => "done_elsewhere",
            DecisionKind::Declined => "declined",
            DecisionKind::NotApplicable => "not_applicable",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::DoneElsewhere, Self::Declined, Self::NotApplicable]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// A recorded decision (open: neither withdrawn nor superseded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderDecision {
    pub id: ReminderDecisionId,
    pub rule: String,
    pub kind: DecisionKind,
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub reason: Option<String>,
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    #[ts(type = "string")]
    pub recorded_at: DateTime<Utc>,
    pub recorded_by_name: String,
}

/// The decision form as typed. `doneOn` (and `place`) for done elsewhere, `reason` for
/// declined and not applicable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderDecisionDraft {
    pub rule: String,
    pub kind: Option<DecisionKind>,
    pub done_on: String,
    pub place: String,
    pub reason: String,
}

/// Where a screening procedure was done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ProcedurePlace {
    #[default]
    Here,
    Outside,
}

impl ProcedurePlace {
    pub fn as_str(self) -> &'static str {
        match self {
            ProcedurePlace::Here => "here",
            ProcedurePlace::Outside => "outside",
        }
    }
}

/// A screening procedure as typed. `score` is the PHQ-9 total (0–27), required for a PHQ-9
/// only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScreeningProcedureDraft {
    pub procedure: Option<ScreeningProcedureKind>,
    pub performed_on: String,
    pub place: ProcedurePlace,
    pub facility: String,
    pub score: String,
    pub result_note: String,
}

/// Every patient the rule applies to who is due or overdue on `today` (a whole-practice read
/// for the reports; the caller checks permission and audits). Active patients only, in the
/// register's name order. Each fact the rule reads is read once for the practice
/// (`store::reminder_registry`); each candidate then goes through the same engine as the
/// chart ([`engine::status`] is [`engine::evaluate`] without the words), so both agree.
pub fn due_registry(
    conn: &Connection,
    rule: &str,
    today: NaiveDate,
) -> CoreResult<Vec<RegistryRow>> {
    Ok(due_registry_listed(conn, rule, today)?
        .into_iter()
        .map(|(row, _)| row)
        .collect())
}

/// [`due_registry`] with each patient as the register lists them (the reports' patient list).
pub fn due_registry_listed(
    conn: &Connection,
    rule: &str,
    today: NaiveDate,
) -> CoreResult<Vec<(RegistryRow, PatientLine)>> {
    let rule = rules::rule(rule)?;
    let candidates = store::reminder_registry::registry_candidates(conn, rule, today)?;
    Ok(candidates
        .into_iter()
        .filter_map(|(line, facts)| {
            let (status, due_on) = engine::status(rule, &facts, today)?;
            status.is_due().then_some((
                RegistryRow {
                    patient: line.patient,
                    status,
                    due_on,
                },
                line,
            ))
        })
        .collect())
}

/// The reminders of one patient from their facts (pure): every rule that applies, in table
/// order.
pub fn reminders_from_facts(
    facts: &engine::PatientFacts,
    today: NaiveDate,
) -> CoreResult<Vec<Reminder>> {
    Ok(rules::rules()?
        .iter()
        .filter_map(|r| engine::evaluate(r, facts, today))
        .collect())
}

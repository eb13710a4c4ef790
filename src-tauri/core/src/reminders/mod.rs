//! Preventive-care reminders (45 CFR 170.315(a)(9)): a rule table authored from the USPSTF A
//! and B recommendations (`assets/preventive-care/`, each rule with its citation and date);
//! eligibility from age, sex, problems and histories; satisfied by a recorded lab, procedure,
//! immunization or outside result within its interval; the patient's decisions ("done
//! elsewhere", "declined", "not applicable" with a reason). Each reminder says why it applies.
//! Tables: `migrations/0008_checkup/reminders.sql`.
//!
//! OWNER: reminders helper. `reminders_for_patient` (op `reminders_for_patient`) and
//! `due_registry` (op `report_due_colorectal`, and the practice reports) are the contract: keep
//! their signatures; the types may gain fields.

use crate::access::AsUser;
use crate::error::{not_built, CoreResult};
use crate::ids::PatientId;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

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

/// One reminder for one patient, with why it applies.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// The rule's stable id ("colorectal", "breast", …).
    pub rule: String,
    pub title: String,
    pub status: ReminderStatus,
    #[ts(type = "string | null")]
    pub due_on: Option<NaiveDate>,
    /// Why it applies: the rule in words and the data used ("age 52; no colonoscopy or FIT
    /// on record").
    pub why: String,
    /// USPSTF citation and date.
    pub source: String,
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

/// Every patient the rule applies to who is due or overdue on `today` (a whole-practice read
/// for the reports; the caller checks permission and audits).
pub fn due_registry(
    _conn: &Connection,
    _rule: &str,
    _today: NaiveDate,
) -> CoreResult<Vec<RegistryRow>> {
    Err(not_built("reminder registries"))
}

impl AsUser<'_> {
    /// The patient's reminders (`ViewClinical`; audited `view_reminders`).
    pub fn reminders_for_patient(
        &mut self,
        _patient: PatientId,
        _now: DateTime<Utc>,
    ) -> CoreResult<Vec<Reminder>> {
        Err(not_built("preventive-care reminders"))
    }
}

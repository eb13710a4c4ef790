//! The audit log: every access to patient data and every security event, append-only and
//! hash-chained so that a changed or removed row is detected; the administrator's report.

use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, UserId};
use crate::store;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

pub mod actions;
mod anchor;

pub use anchor::{head_anchor, verify_chain_against, AuditAnchor};

/// The hash the first row commits to.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Ok,
    /// The user's roles do not allow it.
    Denied,
    /// Allowed, but it did not succeed (wrong password, bad input …).
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
            Outcome::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        [Outcome::Ok, Outcome::Denied, Outcome::Failed]
            .into_iter()
            .find(|o| o.as_str() == text)
    }
}

/// One thing that happened, about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    pub user_id: Option<UserId>,
    /// As known or as typed (a failed login names what was typed).
    pub username: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub patient_id: Option<PatientId>,
    pub outcome: Outcome,
    /// Done under emergency access.
    pub emergency: bool,
    pub detail: String,
}

impl AuditEvent {
    pub fn new(
        at: DateTime<Utc>,
        user_id: Option<UserId>,
        username: &str,
        action: &str,
        outcome: Outcome,
    ) -> Self {
        AuditEvent {
            at,
            user_id,
            username: username.to_string(),
            action: action.to_string(),
            entity: String::new(),
            entity_id: String::new(),
            patient_id: None,
            outcome,
            emergency: false,
            detail: String::new(),
        }
    }

    pub fn entity(mut self, entity: &str, id: impl ToString) -> Self {
        self.entity = entity.to_string();
        self.entity_id = id.to_string();
        self
    }

    pub fn patient(mut self, id: PatientId) -> Self {
        self.patient_id = Some(id);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    pub fn emergency(mut self, emergency: bool) -> Self {
        self.emergency = emergency;
        self
    }
}

/// A stored row of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<UserId>,
    pub username: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub patient_id: Option<PatientId>,
    /// "FAMILY, Given (Chart #1042)" when the row names a patient.
    pub patient_label: Option<String>,
    /// The action as a person would say it ("signed visit note").
    pub action_label: String,
    pub outcome: Outcome,
    pub emergency: bool,
    pub detail: String,
}

/// The fields a row's hash covers, in a fixed order with separators that cannot occur in
/// stored text unescaped (unit separator).
pub(crate) fn row_hash(prev_hash: &str, seq: i64, e: &AuditEvent, at: &str) -> String {
    let mut h = Sha256::new();
    for part in [
        prev_hash,
        &seq.to_string(),
        at,
        &e.user_id.map(|u| u.to_string()).unwrap_or_default(),
        &e.username,
        &e.action,
        &e.entity,
        &e.entity_id,
        &e.patient_id.map(|p| p.to_string()).unwrap_or_default(),
        e.outcome.as_str(),
        if e.emergency { "1" } else { "0" },
        &e.detail,
    ] {
        h.update(part.len().to_le_bytes());
        h.update(part.as_bytes());
    }
    format!("{:x}", h.finalize())
}

/// Appends `event` to the log inside the caller's transaction, chained to the last row.
pub(crate) fn append(conn: &Connection, event: &AuditEvent) -> CoreResult<i64> {
    store::audit::append(conn, event)
}

/// The result of re-computing every row's hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainCheck {
    #[ts(type = "number")]
    pub rows: u64,
    /// The first row whose content or link does not match its hash.
    #[ts(type = "number | null")]
    pub first_broken_seq: Option<i64>,
    pub message: String,
}

impl ChainCheck {
    pub fn ok(&self) -> bool {
        self.first_broken_seq.is_none()
    }
}

/// Walks the whole log from the first row and names the first broken one. A log whose
/// newest rows were cut off still links; [`verify_chain_against`] holds it against an anchor.
pub(crate) fn verify_chain(conn: &Connection) -> CoreResult<ChainCheck> {
    store::audit::verify_chain(conn)
}

/// Filters and order for the audit report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditQuery {
    #[ts(optional)]
    pub user_id: Option<UserId>,
    #[ts(optional)]
    pub patient_id: Option<PatientId>,
    /// Exact action name, e.g. `view_patient`.
    #[ts(optional)]
    pub action: Option<String>,
    #[ts(optional)]
    pub outcome: Option<Outcome>,
    /// Only rows done under emergency access.
    #[serde(default)]
    pub emergency_only: bool,
    /// First day, `YYYY-MM-DD` at the practice.
    #[ts(optional)]
    pub from: Option<String>,
    /// Last day (inclusive), `YYYY-MM-DD` at the practice.
    #[ts(optional)]
    pub to: Option<String>,
    #[serde(default)]
    pub sort: AuditSort,
    #[ts(optional)]
    pub limit: Option<u32>,
    #[ts(optional)]
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AuditSort {
    #[default]
    NewestFirst,
    OldestFirst,
    ByUser,
    ByAction,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub has_more: bool,
}

/// Rows as CSV (RFC 4180 quoting), with a header line.
pub fn to_csv(entries: &[AuditEntry]) -> String {
    fn field(s: &str) -> String {
        // A leading = + - @ would make a spreadsheet run it as a formula, and so would one
        // after a leading TAB or CR, which spreadsheets skip (OWASP's list).
        let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    }
    let mut out = String::from(
        "seq,at_utc,username,user_id,action,what,entity,entity_id,patient_id,patient,outcome,emergency,detail\r\n",
    );
    for e in entries {
        let cells = [
            e.seq.to_string(),
            e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            e.username.clone(),
            e.user_id.map(|u| u.to_string()).unwrap_or_default(),
            e.action.clone(),
            e.action_label.clone(),
            e.entity.clone(),
            e.entity_id.clone(),
            e.patient_id.map(|p| p.to_string()).unwrap_or_default(),
            e.patient_label.clone().unwrap_or_default(),
            e.outcome.as_str().to_string(),
            if e.emergency {
                "yes".into()
            } else {
                "no".into()
            },
            e.detail.clone(),
        ];
        let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

pub(crate) fn corrupt(message: String) -> CoreError {
    CoreError::Corrupt(message)
}

#[cfg(test)]
mod tests;

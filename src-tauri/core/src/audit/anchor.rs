//! The audit chain's anchor: the head of the log (row number and hash) recorded outside the
//! database — in the keystore at each lock, logout, close and backup, and in every backup's
//! keystore copy — so that cutting the newest rows off the log is detected.

use super::{verify_chain, ChainCheck};
use crate::db::ChartDb;
use crate::error::CoreResult;
use crate::store;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// The newest audit row as seen at `recorded_at`. A log that later ends before `seq`, or
/// whose row `seq` has another hash, was cut or rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditAnchor {
    pub seq: i64,
    pub hash: String,
    pub recorded_at: DateTime<Utc>,
}

/// The head of the log in `conn` as an anchor recorded `now`; `None` for an empty log.
pub fn head_anchor(conn: &Connection, now: DateTime<Utc>) -> CoreResult<Option<AuditAnchor>> {
    Ok(store::audit::head(conn)?.map(|(seq, hash)| AuditAnchor {
        seq,
        hash,
        recorded_at: now,
    }))
}

/// Walks the whole chain (as [`verify_chain`]) and then holds it against `anchor`, which
/// `recorded_by` (e.g. "the keystore") kept: a log that ends before the anchored row, or
/// whose anchored row differs, is reported broken, naming the anchor.
pub fn verify_chain_against(
    conn: &Connection,
    anchor: Option<&AuditAnchor>,
    recorded_by: &str,
) -> CoreResult<ChainCheck> {
    let check = verify_chain(conn)?;
    let Some(anchor) = anchor else {
        return Ok(check);
    };
    if !check.ok() {
        return Ok(check);
    }
    // The walk proved rows 1..=rows are all there, in order.
    let last = i64::try_from(check.rows).unwrap_or(i64::MAX);
    let when = anchor.recorded_at.format("%Y-%m-%d %H:%M:%S UTC");
    if last < anchor.seq {
        return Ok(ChainCheck {
            rows: check.rows,
            first_broken_seq: Some(last + 1),
            message: format!(
                "The audit log ends at row {last} but {recorded_by} recorded row {} at {when}; \
                 newer rows were removed",
                anchor.seq
            ),
        });
    }
    if store::audit::hash_at(conn, anchor.seq)?.as_deref() != Some(anchor.hash.as_str()) {
        return Ok(ChainCheck {
            rows: check.rows,
            first_broken_seq: Some(anchor.seq),
            message: format!(
                "Audit row {} differs from the one {recorded_by} recorded at {when}; the log \
                 was rewritten at or before it",
                anchor.seq
            ),
        });
    }
    Ok(ChainCheck {
        message: format!(
            "{}, including row {} that {recorded_by} recorded at {when}",
            check.message, anchor.seq
        ),
        ..check
    })
}

impl ChartDb {
    /// The head of this database's audit log, as an anchor recorded `now`.
    pub fn audit_head(&self, now: DateTime<Utc>) -> CoreResult<Option<AuditAnchor>> {
        self.read(|c| head_anchor(c, now))
    }

    /// The anchor known from outside the database (the keystore's), which
    /// [`crate::AsUser::verify_audit_chain`] holds the log against.
    pub fn known_anchor(&self) -> Option<&AuditAnchor> {
        self.anchor.as_ref()
    }

    pub fn set_known_anchor(&mut self, anchor: Option<AuditAnchor>) {
        self.anchor = anchor;
    }
}

#[cfg(test)]
mod tests;

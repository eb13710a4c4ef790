//! SQL for reconciliations of a patient's medication list and their items (owner:
//! medications::prescriptions).

use super::{instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, ReconciliationId, UserId, VisitId};
use crate::medications::{ReconciliationAction, ReconciliationItem, ReconciliationSummary};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

fn corrupt(what: &str, value: &str) -> CoreError {
    CoreError::Corrupt(format!("bad {what} {value:?} in reconciliations"))
}

/// Writes a reconciliation and its items.
pub fn insert(
    conn: &Connection,
    id: ReconciliationId,
    patient: PatientId,
    visit: Option<VisitId>,
    items: &[ReconciliationItem],
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO reconciliations (id, patient_id, visit_id, done_at, done_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            id.to_string(),
            patient.to_string(),
            visit.map(|v| v.to_string()),
            instant_to_sql(at),
            by.to_string()
        ],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO reconciliation_items (reconciliation_id, medication_id, action, note)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for item in items {
        stmt.execute(params![
            id.to_string(),
            item.medication_id.to_string(),
            action_str(item.action),
            item.note.trim()
        ])?;
    }
    Ok(())
}

fn action_str(a: ReconciliationAction) -> &'static str {
    match a {
        ReconciliationAction::Confirmed => "confirmed",
        ReconciliationAction::Changed => "changed",
        ReconciliationAction::Stopped => "stopped",
    }
}

/// The patient's newest reconciliation with its counts.
pub fn last(conn: &Connection, patient: PatientId) -> CoreResult<Option<ReconciliationSummary>> {
    let row = conn
        .prepare_cached(
            "SELECT r.done_at, u.display_name, r.visit_id,
                (SELECT count(*) FROM reconciliation_items i
                  WHERE i.reconciliation_id = r.id AND i.action = 'confirmed'),
                (SELECT count(*) FROM reconciliation_items i
                  WHERE i.reconciliation_id = r.id AND i.action = 'changed'),
                (SELECT count(*) FROM reconciliation_items i
                  WHERE i.reconciliation_id = r.id AND i.action = 'stopped')
             FROM reconciliations r JOIN users u ON u.id = r.done_by
             WHERE r.patient_id = ?1 ORDER BY r.done_at DESC, r.id DESC LIMIT 1",
        )?
        .query_row(params![patient.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, u32>(5)?,
            ))
        })
        .optional()?;
    row.map(|(at, by_name, visit, confirmed, changed, stopped)| {
        Ok(ReconciliationSummary {
            at: instant_from_sql(&at)?,
            by_name,
            visit_id: visit
                .as_deref()
                .map(|v| VisitId::parse(v).ok_or_else(|| corrupt("visit id", v)))
                .transpose()?,
            confirmed,
            changed,
            stopped,
        })
    })
    .transpose()
}

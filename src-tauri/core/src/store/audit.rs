//! SQL for `audit_log`: chained appends, the chain walk, and the report's filtered reads.

use super::{instant_from_sql, instant_to_sql};
use crate::audit::{
    corrupt, row_hash, AuditEntry, AuditEvent, AuditSort, ChainCheck, Outcome, GENESIS_HASH,
};
use crate::error::CoreResult;
use crate::ids::{PatientId, UserId};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

pub fn append(conn: &Connection, e: &AuditEvent) -> CoreResult<i64> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS_HASH.to_string()),
    };
    let at = instant_to_sql(e.at);
    let hash = row_hash(&prev_hash, seq, e, &at);
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, user_id, username, action, entity, entity_id, patient_id,
            outcome, emergency, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        seq,
        at,
        e.user_id.map(|u| u.to_string()),
        e.username,
        e.action,
        e.entity,
        e.entity_id,
        e.patient_id.map(|p| p.to_string()),
        e.outcome.as_str(),
        e.emergency,
        e.detail,
        prev_hash,
        hash,
    ])?;
    Ok(seq)
}

struct StoredRow {
    seq: i64,
    at: String,
    event: AuditEvent,
    prev_hash: String,
    hash: String,
}

fn stored_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CoreResult<StoredRow>> {
    let at: String = r.get(1)?;
    let user_id: Option<String> = r.get(2)?;
    let patient_id: Option<String> = r.get(7)?;
    let outcome: String = r.get(8)?;
    let row = (|| {
        Ok(StoredRow {
            seq: r.get(0)?,
            event: AuditEvent {
                at: instant_from_sql(&at)?,
                user_id: user_id
                    .as_deref()
                    .map(|u| UserId::parse(u).ok_or_else(|| corrupt(format!("bad user id {u:?}"))))
                    .transpose()?,
                username: r.get(3)?,
                action: r.get(4)?,
                entity: r.get(5)?,
                entity_id: r.get(6)?,
                patient_id: patient_id
                    .as_deref()
                    .map(|p| {
                        PatientId::parse(p).ok_or_else(|| corrupt(format!("bad patient id {p:?}")))
                    })
                    .transpose()?,
                outcome: Outcome::parse(&outcome)
                    .ok_or_else(|| corrupt(format!("bad outcome {outcome:?}")))?,
                emergency: r.get(9)?,
                detail: r.get(10)?,
            },
            at,
            prev_hash: r.get(11)?,
            hash: r.get(12)?,
        })
    })();
    Ok(row)
}

const ROW_COLUMNS: &str = "a.seq, a.at, a.user_id, a.username, a.action, a.entity, a.entity_id, \
    a.patient_id, a.outcome, a.emergency, a.detail, a.prev_hash, a.hash";

pub fn verify_chain(conn: &Connection) -> CoreResult<ChainCheck> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ROW_COLUMNS} FROM audit_log a ORDER BY a.seq"
    ))?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS_HASH.to_string();
    let mut expected_seq = 1;
    let mut count = 0u64;
    while let Some(r) = rows.next()? {
        let rows_so_far = count;
        let broken = |seq: i64, why: &str| ChainCheck {
            rows: rows_so_far,
            first_broken_seq: Some(seq),
            message: format!("Audit row {seq} {why}; the log was altered at or before it"),
        };
        let row = match stored_row(r)? {
            Ok(row) => row,
            Err(_) => {
                let seq: i64 = r.get(0)?;
                return Ok(broken(seq, "cannot be read"));
            }
        };
        count += 1;
        if row.seq != expected_seq {
            return Ok(broken(
                row.seq,
                &format!("follows a gap (expected row {expected_seq})"),
            ));
        }
        if row.prev_hash != expected_prev {
            return Ok(broken(row.seq, "does not link to the row before it"));
        }
        if row_hash(&row.prev_hash, row.seq, &row.event, &row.at) != row.hash {
            return Ok(broken(row.seq, "does not match its hash"));
        }
        expected_prev = row.hash;
        expected_seq += 1;
    }
    Ok(ChainCheck {
        rows: count,
        first_broken_seq: None,
        message: format!("All {count} audit rows verify"),
    })
}

/// The newest row's number and hash.
pub fn head(conn: &Connection) -> CoreResult<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The hash stored for row `seq`.
pub fn hash_at(conn: &Connection, seq: i64) -> CoreResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT hash FROM audit_log WHERE seq = ?1")?
        .query_row([seq], |r| r.get(0))
        .optional()?)
}

/// Every row after `seq`, oldest first, as (its number, the event it recorded).
pub fn events_after(conn: &Connection, seq: i64) -> CoreResult<Vec<(i64, AuditEvent)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ROW_COLUMNS} FROM audit_log a WHERE a.seq > ?1 ORDER BY a.seq"
    ))?;
    let rows = stmt.query_map([seq], stored_row)?;
    let mut out = Vec::new();
    for row in rows {
        let row = row??;
        out.push((row.seq, row.event));
    }
    Ok(out)
}

/// Filters already translated to SQL terms by `audit.rs`'s caller.
#[derive(Debug, Default)]
pub struct Filter {
    pub user_id: Option<UserId>,
    pub patient_id: Option<PatientId>,
    pub action: Option<String>,
    pub outcome: Option<Outcome>,
    pub emergency_only: bool,
    pub from_utc: Option<String>,
    pub before_utc: Option<String>,
}

pub fn query(
    conn: &Connection,
    f: &Filter,
    sort: AuditSort,
    limit: u32,
    offset: u32,
) -> CoreResult<Vec<AuditEntry>> {
    let mut clauses = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let mut push = |clause: &str, value: Value| {
        values.push(value);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if let Some(u) = f.user_id {
        push("a.user_id = ?", Value::Text(u.to_string()));
    }
    if let Some(p) = f.patient_id {
        push("a.patient_id = ?", Value::Text(p.to_string()));
    }
    if let Some(a) = &f.action {
        push("a.action = ?", Value::Text(a.clone()));
    }
    if let Some(o) = f.outcome {
        push("a.outcome = ?", Value::Text(o.as_str().to_string()));
    }
    if f.emergency_only {
        push("a.emergency = ?", Value::Integer(1));
    }
    if let Some(from) = &f.from_utc {
        push("a.at >= ?", Value::Text(from.clone()));
    }
    if let Some(before) = &f.before_utc {
        push("a.at < ?", Value::Text(before.clone()));
    }
    let filter = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let order = match sort {
        AuditSort::NewestFirst => "a.seq DESC",
        AuditSort::OldestFirst => "a.seq ASC",
        AuditSort::ByUser => "a.username COLLATE NOCASE, a.seq DESC",
        AuditSort::ByAction => "a.action, a.seq DESC",
    };
    values.push(Value::Integer(i64::from(limit)));
    values.push(Value::Integer(i64::from(offset)));
    let n = values.len();
    let sql = format!(
        "SELECT {ROW_COLUMNS},
            (SELECT upper(p.family_name) || ', ' || p.given_name || ' (Chart #' || p.mrn || ')'
             FROM patients p WHERE p.id = a.patient_id)
         FROM audit_log a {filter} ORDER BY {order} LIMIT ?{} OFFSET ?{n}",
        n - 1
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        let label: Option<String> = r.get(13)?;
        Ok(stored_row(r)?.map(|row| (row, label)))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (row, patient_label) = row??;
        let e = row.event;
        out.push(AuditEntry {
            seq: row.seq,
            at: e.at,
            user_id: e.user_id,
            username: e.username,
            action_label: crate::audit::actions::label(&e.action),
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id,
            patient_id: e.patient_id,
            patient_label,
            outcome: e.outcome,
            emergency: e.emergency,
            detail: e.detail,
        });
    }
    Ok(out)
}

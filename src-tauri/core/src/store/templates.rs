//! SQL for the practice's note templates.

use super::{instant_from_sql, instant_to_sql};
use crate::chart::templates::{visit_type_from_sql, NoteTemplate, ValidTemplate};
use crate::error::{CoreError, CoreResult};
use crate::ids::{TemplateId, UserId};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, visit_type, name, subjective, objective, assessment, plan, retired, \
                       version, updated_at";

fn from_row(r: &Row<'_>) -> CoreResult<NoteTemplate> {
    let id: String = r.get(0)?;
    let kind: String = r.get(1)?;
    let updated_at: String = r.get(9)?;
    Ok(NoteTemplate {
        id: TemplateId::parse(&id)
            .ok_or_else(|| CoreError::Corrupt(format!("bad template id {id:?}")))?,
        visit_type: visit_type_from_sql(&kind)?,
        name: r.get(2)?,
        subjective: r.get(3)?,
        objective: r.get(4)?,
        assessment: r.get(5)?,
        plan: r.get(6)?,
        retired: r.get(7)?,
        version: r.get(8)?,
        updated_at: instant_from_sql(&updated_at)?,
    })
}

pub fn list(conn: &Connection) -> CoreResult<Vec<NoteTemplate>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM note_templates ORDER BY visit_type, name"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(from_row(row)?);
    }
    Ok(out)
}

pub fn get(conn: &Connection, id: TemplateId) -> CoreResult<Option<NoteTemplate>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM note_templates WHERE id = ?1"
    ))?;
    let mut rows = stmt.query(params![id.to_string()])?;
    match rows.next()? {
        Some(row) => from_row(row).map(Some),
        None => Ok(None),
    }
}

/// Whether another template in use, of the same type, has this name (ignoring case).
pub fn name_taken(conn: &Connection, id: TemplateId, t: &ValidTemplate) -> CoreResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM note_templates
             WHERE visit_type = ?1 AND lower(name) = lower(?2) AND retired = 0 AND id <> ?3",
            params![t.visit_type.as_str(), t.name, id.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Adds a template; false if `id` is already taken.
pub fn insert(
    tx: &Connection,
    id: TemplateId,
    t: &ValidTemplate,
    by: UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<bool> {
    let n = tx.execute(
        "INSERT INTO note_templates (id, visit_type, name, subjective, objective, assessment,
                                     plan, retired, version, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10)
         ON CONFLICT (id) DO NOTHING",
        params![
            id.to_string(),
            t.visit_type.as_str(),
            t.name,
            t.subjective,
            t.objective,
            t.assessment,
            t.plan,
            t.retired,
            instant_to_sql(now),
            by.to_string()
        ],
    )?;
    Ok(n == 1)
}

/// Saves over version `expected`; false if the template is not at that version (or absent).
pub fn update(
    tx: &Connection,
    id: TemplateId,
    expected: u32,
    t: &ValidTemplate,
    by: UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> CoreResult<bool> {
    let n = tx.execute(
        "UPDATE note_templates
         SET visit_type = ?3, name = ?4, subjective = ?5, objective = ?6, assessment = ?7,
             plan = ?8, retired = ?9, version = version + 1, updated_at = ?10, updated_by = ?11
         WHERE id = ?1 AND version = ?2",
        params![
            id.to_string(),
            expected,
            t.visit_type.as_str(),
            t.name,
            t.subjective,
            t.objective,
            t.assessment,
            t.plan,
            t.retired,
            instant_to_sql(now),
            by.to_string()
        ],
    )?;
    Ok(n == 1)
}

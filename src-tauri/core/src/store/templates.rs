//! SQL for the practice's note templates.

use super::instant_from_sql;
use crate::chart::templates::{visit_type_from_sql, NoteTemplate};
use crate::error::{CoreError, CoreResult};
use crate::ids::TemplateId;
use rusqlite::Connection;

pub fn list(conn: &Connection) -> CoreResult<Vec<NoteTemplate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, visit_type, name, subjective, objective, assessment, plan, retired, version,
                updated_at
         FROM note_templates ORDER BY visit_type, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, bool>(7)?,
            r.get::<_, u32>(8)?,
            r.get::<_, String>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind, name, s, o, a, p, retired, version, updated_at) = row?;
        out.push(NoteTemplate {
            id: TemplateId::parse(&id)
                .ok_or_else(|| CoreError::Corrupt(format!("bad template id {id:?}")))?,
            visit_type: visit_type_from_sql(&kind)?,
            name,
            subjective: s,
            objective: o,
            assessment: a,
            plan: p,
            retired,
            version,
            updated_at: instant_from_sql(&updated_at)?,
        });
    }
    Ok(out)
}

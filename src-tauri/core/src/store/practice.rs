//! SQL for the one-row `practice` table.

use super::{instant_from_sql, instant_to_sql};
use crate::error::CoreResult;
use crate::practice::Practice;
use rusqlite::{params, Connection, OptionalExtension};

pub fn get(conn: &Connection) -> CoreResult<Option<Practice>> {
    let row = conn
        .query_row(
            "SELECT name, address, phone, time_zone, is_demo, updated_at FROM practice WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )
        .optional()?;
    row.map(|(name, address, phone, time_zone, is_demo, updated_at)| {
        Ok(Practice {
            name,
            address,
            phone,
            time_zone,
            is_demo,
            updated_at: instant_from_sql(&updated_at)?,
        })
    })
    .transpose()
}

pub fn put(conn: &Connection, p: &Practice) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO practice (id, name, address, phone, time_zone, is_demo, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address,
           phone = excluded.phone, time_zone = excluded.time_zone, is_demo = excluded.is_demo,
           updated_at = excluded.updated_at",
        params![
            p.name,
            p.address,
            p.phone,
            p.time_zone,
            p.is_demo,
            instant_to_sql(p.updated_at)
        ],
    )?;
    Ok(())
}

pub fn set_demo(conn: &Connection, is_demo: bool) -> CoreResult<()> {
    conn.execute(
        "UPDATE practice SET is_demo = ?1 WHERE id = 1",
        params![is_demo],
    )?;
    Ok(())
}

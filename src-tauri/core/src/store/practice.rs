//! SQL for the one-row `practice` table.

use super::{instant_from_sql, instant_to_sql};
use crate::error::CoreResult;
use crate::practice::Practice;
use rusqlite::{params, Connection};

pub fn get(conn: &Connection) -> CoreResult<Option<Practice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, address, phone, time_zone, is_demo, auto_lock_minutes, backup_dir,
            backups_kept, updated_at
         FROM practice WHERE id = 1",
    )?;
    let mut rows = stmt.query([])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    Ok(Some(Practice {
        name: r.get(0)?,
        address: r.get(1)?,
        phone: r.get(2)?,
        time_zone: r.get(3)?,
        is_demo: r.get(4)?,
        auto_lock_minutes: r.get(5)?,
        backup_dir: r.get(6)?,
        backups_kept: r.get(7)?,
        updated_at: instant_from_sql(&r.get::<_, String>(8)?)?,
    }))
}

pub fn put(conn: &Connection, p: &Practice) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO practice (id, name, address, phone, time_zone, is_demo, auto_lock_minutes,
            backup_dir, backups_kept, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address,
           phone = excluded.phone, time_zone = excluded.time_zone, is_demo = excluded.is_demo,
           auto_lock_minutes = excluded.auto_lock_minutes, backup_dir = excluded.backup_dir,
           backups_kept = excluded.backups_kept, updated_at = excluded.updated_at",
        params![
            p.name,
            p.address,
            p.phone,
            p.time_zone,
            p.is_demo,
            p.auto_lock_minutes,
            p.backup_dir,
            p.backups_kept,
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

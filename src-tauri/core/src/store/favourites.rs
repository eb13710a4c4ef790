//! SQL for the practice's favourites (owner: medications::favourites): a product code with a
//! default sig (JSON) and dispensing; retired, never deleted.

use super::diagnoses::parse_id;
use super::instant_to_sql;
use crate::error::{CoreError, CoreResult};
use crate::ids::{FavouriteId, UserId};
use crate::medications::formulary;
use crate::medications::{Favourite, FavouriteDraft, Sig};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

const SELECT: &str = "SELECT f.id, f.label, f.product_code, f.sig, f.quantity, f.quantity_unit,
                             f.refills, u.display_name, f.retired_at
                      FROM favourites f JOIN users u ON u.id = f.created_by";

struct Stored {
    id: String,
    label: String,
    product_code: String,
    sig: String,
    quantity: f64,
    quantity_unit: String,
    refills: u32,
    created_by_name: String,
    retired: bool,
}

fn stored(r: &Row<'_>) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        label: r.get(1)?,
        product_code: r.get(2)?,
        sig: r.get(3)?,
        quantity: r.get(4)?,
        quantity_unit: r.get(5)?,
        refills: r.get(6)?,
        created_by_name: r.get(7)?,
        retired: r.get::<_, Option<String>>(8)?.is_some(),
    })
}

/// A stored row as a favourite; none when its product is no longer in the formulary or the
/// imported products (the row stays; it is only not offered).
fn favourite(conn: &Connection, s: Stored) -> CoreResult<Option<Favourite>> {
    let id = parse_id(&s.id, FavouriteId::parse, "favourite")?;
    let sig: Sig = serde_json::from_str(&s.sig)
        .map_err(|e| CoreError::Corrupt(format!("favourite {id}: sig: {e}")))?;
    let Some(product) = formulary::lookup(conn, &s.product_code)? else {
        return Ok(None);
    };
    Ok(Some(Favourite {
        id,
        label: s.label,
        product,
        sig,
        quantity: s.quantity,
        quantity_unit: s.quantity_unit,
        refills: s.refills,
        created_by_name: s.created_by_name,
    }))
}

/// The favourites, by label; retired ones only when asked.
pub fn list(conn: &Connection, include_retired: bool) -> CoreResult<Vec<Favourite>> {
    let sql = format!(
        "{SELECT} WHERE (?1 OR f.retired_at IS NULL) ORDER BY f.label COLLATE NOCASE, f.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params![include_retired], stored)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .filter_map(|row| favourite(conn, row).transpose())
        .collect()
}

/// One favourite and whether it is retired.
pub fn get(conn: &Connection, id: FavouriteId) -> CoreResult<Option<(Favourite, bool)>> {
    let row = conn
        .query_row(
            &format!("{SELECT} WHERE f.id = ?1"),
            params![id.to_string()],
            stored,
        )
        .optional()?;
    let Some(row) = row else { return Ok(None) };
    let retired = row.retired;
    Ok(favourite(conn, row)?.map(|f| (f, retired)))
}

/// Whether the id is taken, and if so whether retired.
pub fn state(conn: &Connection, id: FavouriteId) -> CoreResult<Option<bool>> {
    Ok(conn
        .query_row(
            "SELECT retired_at IS NOT NULL FROM favourites WHERE id = ?1",
            params![id.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

fn sig_json(sig: &Sig) -> CoreResult<String> {
    serde_json::to_string(sig).map_err(|e| CoreError::Corrupt(format!("sig: {e}")))
}

pub fn insert(
    tx: &Connection,
    id: FavouriteId,
    d: &FavouriteDraft,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO favourites (id, label, product_code, sig, quantity, quantity_unit, refills,
                                 created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?9)",
        params![
            id.to_string(),
            d.label,
            d.product_code,
            sig_json(&d.sig)?,
            d.quantity,
            d.quantity_unit,
            d.refills,
            instant_to_sql(at),
            by.to_string(),
        ],
    )?;
    Ok(())
}

/// Replaces a favourite's content unless it is retired; false when nothing was changed.
pub fn update(
    tx: &Connection,
    id: FavouriteId,
    d: &FavouriteDraft,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = tx.execute(
        "UPDATE favourites SET label = ?2, product_code = ?3, sig = ?4, quantity = ?5,
                               quantity_unit = ?6, refills = ?7, updated_at = ?8, updated_by = ?9
         WHERE id = ?1 AND retired_at IS NULL",
        params![
            id.to_string(),
            d.label,
            d.product_code,
            sig_json(&d.sig)?,
            d.quantity,
            d.quantity_unit,
            d.refills,
            instant_to_sql(at),
            by.to_string(),
        ],
    )?;
    Ok(n == 1)
}

/// Retires a favourite; false when it was already retired or does not exist.
pub fn retire(tx: &Connection, id: FavouriteId, by: UserId, at: DateTime<Utc>) -> CoreResult<bool> {
    let n = tx.execute(
        "UPDATE favourites SET retired_at = ?2, retired_by = ?3
         WHERE id = ?1 AND retired_at IS NULL",
        params![id.to_string(), instant_to_sql(at), by.to_string()],
    )?;
    Ok(n == 1)
}

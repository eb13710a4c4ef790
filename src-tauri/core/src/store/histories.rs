//! SQL for histories (see chart::histories): social, family and surgical history rows, each
//! version a row; current rows have neither superseded_at nor entered_in_error_at.

use super::{instant_from_sql, instant_to_sql};
use crate::chart::common::ErrorMark;
use crate::chart::histories::{
    EntryMeta, FamilyEntry, HistoryTable, SocialEntry, SocialKind, SurgicalEntry,
};
use crate::chart::histories::{ValidFamily, ValidSocial, ValidSurgical};
use crate::error::{CoreError, CoreResult};
use crate::ids::{HistoryEntryId, PatientId, UserId};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

fn table(t: HistoryTable) -> &'static str {
    match t {
        HistoryTable::Social => "social_history",
        HistoryTable::Family => "family_history",
        HistoryTable::Surgical => "surgical_history",
    }
}

/// The columns [`meta`] reads first, with the table aliased `h`.
const META: &str =
    "h.id, h.patient_id, h.replaces, h.recorded_at, r.display_name, h.superseded_at, \
     h.entered_in_error_at, h.entered_in_error_by, e.display_name, h.entered_in_error_reason";
const META_COUNT: usize = 10;

fn joins(t: HistoryTable) -> String {
    format!(
        "FROM {} h JOIN users r ON r.id = h.recorded_by LEFT JOIN users e ON e.id = h.entered_in_error_by",
        table(t)
    )
}

fn corrupt(what: &str) -> CoreError {
    CoreError::Corrupt(format!("bad {what} in a history entry"))
}

fn id(text: &str) -> CoreResult<HistoryEntryId> {
    HistoryEntryId::parse(text).ok_or_else(|| corrupt("id"))
}

fn meta(r: &Row<'_>) -> CoreResult<EntryMeta> {
    let text = |i: usize| -> CoreResult<String> { Ok(r.get::<_, String>(i)?) };
    let opt = |i: usize| -> CoreResult<Option<String>> { Ok(r.get::<_, Option<String>>(i)?) };
    let entered_in_error = match (opt(6)?, opt(7)?) {
        (Some(at), Some(by)) => Some(ErrorMark {
            at: instant_from_sql(&at)?,
            by: UserId::parse(&by).ok_or_else(|| corrupt("user id"))?,
            by_name: opt(8)?.unwrap_or_default(),
            reason: opt(9)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(EntryMeta {
        id: id(&text(0)?)?,
        patient_id: PatientId::parse(&text(1)?).ok_or_else(|| corrupt("patient id"))?,
        replaces: opt(2)?.as_deref().map(id).transpose()?,
        recorded_at: instant_from_sql(&text(3)?)?,
        recorded_by_name: text(4)?,
        superseded_at: opt(5)?.as_deref().map(instant_from_sql).transpose()?,
        entered_in_error,
    })
}

const SOCIAL: &str = "h.kind, h.status, h.detail, h.packs_per_day, h.years, h.pack_years, \
     h.quit_date, h.drinks_per_week, h.audit_c, h.as_of";
const FAMILY: &str = "h.relative, h.condition, h.code, h.onset_age, h.comment";
const SURGICAL: &str = "h.procedure, h.performed_on, h.comment";

fn social_from(r: &Row<'_>) -> CoreResult<SocialEntry> {
    let m = META_COUNT;
    let kind: String = r.get(m)?;
    Ok(SocialEntry {
        meta: meta(r)?,
        kind: SocialKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
        status: r.get(m + 1)?,
        detail: r.get(m + 2)?,
        packs_per_day: r.get(m + 3)?,
        years: r.get(m + 4)?,
        pack_years: r.get(m + 5)?,
        quit_date: r.get(m + 6)?,
        drinks_per_week: r.get(m + 7)?,
        audit_c: r.get(m + 8)?,
        as_of: r.get(m + 9)?,
    })
}

fn family_from(r: &Row<'_>) -> CoreResult<FamilyEntry> {
    let m = META_COUNT;
    Ok(FamilyEntry {
        meta: meta(r)?,
        relative: r.get(m)?,
        condition: r.get(m + 1)?,
        code: r.get(m + 2)?,
        onset_age: r.get(m + 3)?,
        comment: r.get(m + 4)?,
    })
}

fn surgical_from(r: &Row<'_>) -> CoreResult<SurgicalEntry> {
    let m = META_COUNT;
    Ok(SurgicalEntry {
        meta: meta(r)?,
        procedure: r.get(m)?,
        performed_on: r.get(m + 1)?,
        comment: r.get(m + 2)?,
    })
}

fn query<T>(
    conn: &Connection,
    sql: &str,
    args: &[&dyn rusqlite::ToSql],
    from: fn(&Row<'_>) -> CoreResult<T>,
) -> CoreResult<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(from(r)?);
    }
    Ok(out)
}

const CURRENT: &str = "h.superseded_at IS NULL AND h.entered_in_error_at IS NULL";

/// The patient's current social history entries.
pub fn current_social(conn: &Connection, patient: PatientId) -> CoreResult<Vec<SocialEntry>> {
    let sql = format!(
        "SELECT {META}, {SOCIAL} {} WHERE h.patient_id = ?1 AND {CURRENT} ORDER BY h.kind",
        joins(HistoryTable::Social)
    );
    query(conn, &sql, &[&patient.to_string()], social_from)
}

pub fn current_family(conn: &Connection, patient: PatientId) -> CoreResult<Vec<FamilyEntry>> {
    let sql = format!(
        "SELECT {META}, {FAMILY} {} WHERE h.patient_id = ?1 AND {CURRENT} ORDER BY h.recorded_at, h.id",
        joins(HistoryTable::Family)
    );
    query(conn, &sql, &[&patient.to_string()], family_from)
}

pub fn current_surgical(conn: &Connection, patient: PatientId) -> CoreResult<Vec<SurgicalEntry>> {
    let sql = format!(
        "SELECT {META}, {SURGICAL} {} WHERE h.patient_id = ?1 AND {CURRENT}
         ORDER BY h.performed_on IS NULL, h.performed_on DESC, h.recorded_at",
        joins(HistoryTable::Surgical)
    );
    query(conn, &sql, &[&patient.to_string()], surgical_from)
}

/// The current social entry of one kind, if any.
pub fn current_social_id(
    conn: &Connection,
    patient: PatientId,
    kind: SocialKind,
) -> CoreResult<Option<HistoryEntryId>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT id FROM social_history WHERE patient_id = ?1 AND kind = ?2
               AND superseded_at IS NULL AND entered_in_error_at IS NULL",
            params![patient.to_string(), kind.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    text.as_deref().map(id).transpose()
}

/// The patient of an entry, and whether it is current.
pub fn entry_state(
    conn: &Connection,
    t: HistoryTable,
    entry: HistoryEntryId,
) -> CoreResult<Option<(PatientId, bool)>> {
    let sql = format!(
        "SELECT patient_id, superseded_at IS NULL AND entered_in_error_at IS NULL FROM {} WHERE id = ?1",
        table(t)
    );
    let row: Option<(String, bool)> = conn
        .query_row(&sql, params![entry.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    row.map(|(p, current)| {
        PatientId::parse(&p)
            .map(|p| (p, current))
            .ok_or_else(|| corrupt("patient id"))
    })
    .transpose()
}

/// Marks a current entry superseded; false if it was not current.
pub fn supersede(
    conn: &Connection,
    t: HistoryTable,
    entry: HistoryEntryId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let sql = format!(
        "UPDATE {} SET superseded_at = ?2 WHERE id = ?1
           AND superseded_at IS NULL AND entered_in_error_at IS NULL",
        table(t)
    );
    Ok(conn.execute(&sql, params![entry.to_string(), instant_to_sql(at)])? == 1)
}

/// Marks a current entry entered in error; false if it was not current.
pub fn mark_entered_in_error(
    conn: &Connection,
    t: HistoryTable,
    entry: HistoryEntryId,
    reason: &str,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let sql = format!(
        "UPDATE {} SET entered_in_error_at = ?2, entered_in_error_by = ?3,
             entered_in_error_reason = ?4
         WHERE id = ?1 AND superseded_at IS NULL AND entered_in_error_at IS NULL",
        table(t)
    );
    let n = conn.execute(
        &sql,
        params![
            entry.to_string(),
            instant_to_sql(at),
            by.to_string(),
            reason
        ],
    )?;
    Ok(n == 1)
}

pub struct NewEntry {
    pub id: HistoryEntryId,
    pub patient: PatientId,
    pub replaces: Option<HistoryEntryId>,
    pub by: UserId,
    pub at: DateTime<Utc>,
}

pub fn insert_social(
    conn: &Connection,
    n: &NewEntry,
    kind: SocialKind,
    v: &ValidSocial,
) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO social_history (id, patient_id, kind, status, detail, packs_per_day, years,
             pack_years, quit_date, drinks_per_week, audit_c, as_of, replaces, recorded_at,
             recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            n.id.to_string(),
            n.patient.to_string(),
            kind.as_str(),
            v.status,
            v.detail,
            v.packs_per_day,
            v.years,
            v.pack_years,
            v.quit_date,
            v.drinks_per_week,
            v.audit_c,
            v.as_of,
            n.replaces.map(|r| r.to_string()),
            instant_to_sql(n.at),
            n.by.to_string(),
        ],
    )?;
    Ok(())
}

pub fn insert_family(conn: &Connection, n: &NewEntry, v: &ValidFamily) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO family_history (id, patient_id, relative, condition, code, onset_age,
             comment, replaces, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            n.id.to_string(),
            n.patient.to_string(),
            v.relative,
            v.condition,
            v.code,
            v.onset_age,
            v.comment,
            n.replaces.map(|r| r.to_string()),
            instant_to_sql(n.at),
            n.by.to_string(),
        ],
    )?;
    Ok(())
}

pub fn insert_surgical(conn: &Connection, n: &NewEntry, v: &ValidSurgical) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO surgical_history (id, patient_id, procedure, performed_on, comment,
             replaces, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            n.id.to_string(),
            n.patient.to_string(),
            v.procedure,
            v.performed_on,
            v.comment,
            n.replaces.map(|r| r.to_string()),
            instant_to_sql(n.at),
            n.by.to_string(),
        ],
    )?;
    Ok(())
}

/// The ids of the chain of versions `entry` belongs to: every entry it replaced and every
/// entry that replaced it, transitively.
fn chain_sql(t: HistoryTable) -> String {
    let tb = table(t);
    format!(
        "WITH RECURSIVE
           back(id, replaces) AS (
             SELECT id, replaces FROM {tb} WHERE id = ?1
             UNION SELECT t.id, t.replaces FROM {tb} t JOIN back b ON t.id = b.replaces),
           fwd(id) AS (
             SELECT id FROM {tb} WHERE id = ?1
             UNION SELECT t.id FROM {tb} t JOIN fwd f ON t.replaces = f.id)
         SELECT id FROM back UNION SELECT id FROM fwd"
    )
}

/// Every version of a social history (all rows of its patient and kind), newest first.
pub fn social_versions(conn: &Connection, entry: HistoryEntryId) -> CoreResult<Vec<SocialEntry>> {
    let sql = format!(
        "SELECT {META}, {SOCIAL} {} WHERE (h.patient_id, h.kind) =
             (SELECT patient_id, kind FROM social_history WHERE id = ?1)
         ORDER BY h.recorded_at DESC, h.id",
        joins(HistoryTable::Social)
    );
    query(conn, &sql, &[&entry.to_string()], social_from)
}

pub fn family_versions(conn: &Connection, entry: HistoryEntryId) -> CoreResult<Vec<FamilyEntry>> {
    let sql = format!(
        "SELECT {META}, {FAMILY} {} WHERE h.id IN ({}) ORDER BY h.recorded_at DESC, h.id",
        joins(HistoryTable::Family),
        chain_sql(HistoryTable::Family)
    );
    query(conn, &sql, &[&entry.to_string()], family_from)
}

pub fn surgical_versions(
    conn: &Connection,
    entry: HistoryEntryId,
) -> CoreResult<Vec<SurgicalEntry>> {
    let sql = format!(
        "SELECT {META}, {SURGICAL} {} WHERE h.id IN ({}) ORDER BY h.recorded_at DESC, h.id",
        joins(HistoryTable::Surgical),
        chain_sql(HistoryTable::Surgical)
    );
    query(conn, &sql, &[&entry.to_string()], surgical_from)
}

#[cfg(test)]
mod tests {
    use crate::chart::histories::{SocialHistoryDraft, SocialKind, SurgicalHistoryDraft};
    use crate::db::ChartDb;
    use crate::ids::{HistoryEntryId, PatientId};
    use crate::testing::{person, staffed_practice, test_now};

    fn sql(db: &mut ChartDb, statement: &str) -> Result<usize, String> {
        db.write(|tx| Ok(tx.execute(statement, [])?))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_database_lets_a_history_row_only_be_marked_never_rewritten_or_deleted() {
        let mut db = ChartDb::open_in_memory().unwrap();
        let staff = staffed_practice(&mut db, test_now()).unwrap();
        let p = PatientId::from_u128(7);
        db.as_user(&staff.front_desk)
            .register_patient(&person("Ng", "Lee", "1990-01-01", ""), true, p, test_now())
            .unwrap();
        let mut me = db.as_user(&staff.nurse);
        let smoking = SocialHistoryDraft {
            status: "never".into(),
            ..Default::default()
        };
        me.record_social_history(
            p,
            SocialKind::Smoking,
            &smoking,
            None,
            HistoryEntryId::from_u128(1),
            test_now(),
        )
        .unwrap();
        let knee = SurgicalHistoryDraft {
            procedure: "Appendectomy".into(),
            ..Default::default()
        };
        me.record_surgical_history(p, &knee, None, HistoryEntryId::from_u128(2), test_now())
            .unwrap();
        for statement in [
            "UPDATE social_history SET status = 'former'",
            "UPDATE surgical_history SET procedure = 'Cholecystectomy'",
        ] {
            let err = sql(&mut db, statement).unwrap_err();
            assert!(err.contains("never rewritten"), "{statement}: {err}");
        }
        assert_eq!(
            sql(
                &mut db,
                "UPDATE social_history SET superseded_at = '2026-11-27T00:00:00Z'"
            ),
            Ok(1)
        );
        let err = sql(
            &mut db,
            "UPDATE social_history SET superseded_at = '2026-11-28T00:00:00Z'",
        )
        .unwrap_err();
        assert!(err.contains("never rewritten"), "{err}");
        for table in ["social_history", "surgical_history"] {
            let err = sql(&mut db, &format!("DELETE FROM {table}")).unwrap_err();
            assert!(err.contains("never deleted"), "{table}: {err}");
        }
    }
}

//! SQL for allergies, their history and the "no known allergies" statements.

use super::{instant_from_sql, instant_to_sql};
use crate::allergens::{self, AllergenCategory};
use crate::chart::allergies::{
    Allergy, AllergyChange, AllergyKind, AllergySnapshot, AllergyState, AllergyStatement,
    AllergyStatus, AllergyVersion, BadgeSubstance, Criticality, Severity,
};
use crate::chart::common::ErrorMark;
use crate::error::{CoreError, CoreResult};
use crate::ids::{AllergyId, AllergyStatementId, PatientId, UserId};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

pub const NKDA: &str = "no_known_drug_allergies";
pub const NKA: &str = "no_known_allergies";

/// The banner's state for one patient (see [`AllergyState`]).
pub fn state(conn: &Connection, patient: PatientId) -> CoreResult<AllergyState> {
    let (active, high): (u32, u32) = conn.query_row(
        "SELECT count(*), ifnull(sum(criticality = 'high'), 0) FROM allergies
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL",
        params![patient.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if active > 0 {
        return Ok(AllergyState::Allergies {
            active,
            high_criticality: high,
        });
    }
    let statement: Option<String> = conn
        .query_row(
            "SELECT statement FROM allergy_statements
             WHERE patient_id = ?1 AND withdrawn_at IS NULL
             ORDER BY recorded_at DESC LIMIT 1",
            params![patient.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match statement.as_deref() {
        Some(NKDA) => AllergyState::NoKnownAllergies { drugs_only: true },
        Some(_) => AllergyState::NoKnownAllergies { drugs_only: false },
        None => AllergyState::NotAsked,
    })
}

/// The active substances and reactions the badge names, high criticality first.
pub fn badge_substances(conn: &Connection, patient: PatientId) -> CoreResult<Vec<BadgeSubstance>> {
    let mut stmt = conn.prepare_cached(
        "SELECT substance, reaction, criticality = 'high' FROM allergies
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL
         ORDER BY criticality = 'high' DESC, recorded_at, id",
    )?;
    let rows = stmt.query_map(params![patient.to_string()], |r| {
        Ok(BadgeSubstance {
            substance: r.get(0)?,
            reaction: r.get(1)?,
            high_criticality: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const COLUMNS: &str = "a.id, a.patient_id, a.substance_code, a.substance, a.category, a.kind, \
     a.reaction, a.severity, a.criticality, a.status, a.onset_date, a.comment, a.version, \
     a.recorded_at, r.display_name, a.updated_at, u.display_name, a.entered_in_error_at, \
     a.entered_in_error_by, e.display_name, a.entered_in_error_reason";
const FROM: &str = "FROM allergies a JOIN users r ON r.id = a.recorded_by \
     JOIN users u ON u.id = a.updated_by LEFT JOIN users e ON e.id = a.entered_in_error_by";

fn corrupt(what: &str, value: &str) -> CoreError {
    CoreError::Corrupt(format!("bad {what} {value:?} in allergies"))
}

fn parse<T>(what: &str, text: &str, f: impl Fn(&str) -> Option<T>) -> CoreResult<T> {
    f(text).ok_or_else(|| corrupt(what, text))
}

fn user_id(text: &str) -> CoreResult<UserId> {
    parse("user id", text, UserId::parse)
}

struct RawAllergy {
    cells: [Option<String>; 21],
    version: u32,
}

fn raw(r: &Row<'_>) -> rusqlite::Result<RawAllergy> {
    let mut cells: [Option<String>; 21] = Default::default();
    for (i, cell) in cells.iter_mut().enumerate() {
        if i != 12 {
            *cell = r.get(i)?;
        }
    }
    Ok(RawAllergy {
        cells,
        version: r.get(12)?,
    })
}

fn allergy_from(raw: RawAllergy) -> CoreResult<Allergy> {
    let c = raw.cells;
    let text = |i: usize| c[i].clone().unwrap_or_default();
    let fields = AllergySnapshot {
        substance_code: c[2].clone(),
        substance: text(3),
        category: parse("category", &text(4), AllergenCategory::parse)?,
        kind: parse("kind", &text(5), AllergyKind::parse)?,
        reaction: text(6),
        severity: match c[7].as_deref() {
            Some(s) => Some(parse("severity", s, Severity::parse)?),
            None => None,
        },
        criticality: parse("criticality", &text(8), Criticality::parse)?,
        status: parse("status", &text(9), AllergyStatus::parse)?,
        onset: c[10].clone(),
        comment: text(11),
    };
    let entered_in_error = match (&c[17], &c[18]) {
        (Some(at), Some(by)) => Some(ErrorMark {
            at: instant_from_sql(at)?,
            by: user_id(by)?,
            by_name: text(19),
            reason: text(20),
        }),
        _ => None,
    };
    let classes = fields
        .substance_code
        .as_deref()
        .and_then(allergens::get)
        .map(|a| {
            a.classes
                .iter()
                .filter_map(|k| allergens::get(k).map(|k| k.name.to_string()))
                .collect()
        })
        .unwrap_or_default();
    Ok(Allergy {
        id: parse("id", &text(0), AllergyId::parse)?,
        patient_id: parse("patient id", &text(1), PatientId::parse)?,
        fields,
        classes,
        version: raw.version,
        recorded_at: instant_from_sql(&text(13))?,
        recorded_by_name: text(14),
        updated_at: instant_from_sql(&text(15))?,
        updated_by_name: text(16),
        entered_in_error,
    })
}

pub fn get(conn: &Connection, id: AllergyId) -> CoreResult<Option<Allergy>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE a.id = ?1");
    let raw = conn
        .query_row(&sql, params![id.to_string()], raw)
        .optional()?;
    raw.map(allergy_from).transpose()
}

/// Every allergy of the patient, oldest first.
pub fn list(conn: &Connection, patient: PatientId) -> CoreResult<Vec<Allergy>> {
    let sql =
        format!("SELECT {COLUMNS} {FROM} WHERE a.patient_id = ?1 ORDER BY a.recorded_at, a.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let raws = stmt
        .query_map(params![patient.to_string()], raw)?
        .collect::<Result<Vec<_>, _>>()?;
    raws.into_iter().map(allergy_from).collect()
}

pub fn patient_of(conn: &Connection, id: AllergyId) -> CoreResult<Option<PatientId>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT patient_id FROM allergies WHERE id = ?1",
            params![id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    text.map(|t| parse("patient id", &t, PatientId::parse))
        .transpose()
}

pub fn insert(
    conn: &Connection,
    id: AllergyId,
    patient: PatientId,
    s: &AllergySnapshot,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    let at = instant_to_sql(at);
    conn.execute(
        "INSERT INTO allergies (id, patient_id, substance_code, substance, category, kind,
             reaction, severity, criticality, status, onset_date, comment, version,
             recorded_at, recorded_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, ?13, ?14, ?13, ?14)",
        params![
            id.to_string(),
            patient.to_string(),
            s.substance_code,
            s.substance,
            s.category.as_str(),
            s.kind.as_str(),
            s.reaction,
            s.severity.map(|v| v.as_str()),
            s.criticality.as_str(),
            s.status.as_str(),
            s.onset,
            s.comment,
            at,
            by.to_string(),
        ],
    )?;
    Ok(())
}

/// Writes the new fields if the row is still at `expected_version` and not entered in error;
/// false otherwise (nothing written).
pub fn update(
    conn: &Connection,
    id: AllergyId,
    expected_version: u32,
    s: &AllergySnapshot,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = conn.execute(
        "UPDATE allergies SET substance_code = ?3, substance = ?4, category = ?5, kind = ?6,
             reaction = ?7, severity = ?8, criticality = ?9, status = ?10, onset_date = ?11,
             comment = ?12, version = version + 1, updated_at = ?13, updated_by = ?14
         WHERE id = ?1 AND version = ?2 AND entered_in_error_at IS NULL",
        params![
            id.to_string(),
            expected_version,
            s.substance_code,
            s.substance,
            s.category.as_str(),
            s.kind.as_str(),
            s.reaction,
            s.severity.map(|v| v.as_str()),
            s.criticality.as_str(),
            s.status.as_str(),
            s.onset,
            s.comment,
            instant_to_sql(at),
            by.to_string(),
        ],
    )?;
    Ok(n == 1)
}

/// Marks the row entered in error (a new version); false when already marked.
pub fn mark_entered_in_error(
    conn: &Connection,
    id: AllergyId,
    reason: &str,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let at = instant_to_sql(at);
    let n = conn.execute(
        "UPDATE allergies SET entered_in_error_at = ?2, entered_in_error_by = ?3,
             entered_in_error_reason = ?4, version = version + 1, updated_at = ?2, updated_by = ?3
         WHERE id = ?1 AND entered_in_error_at IS NULL",
        params![id.to_string(), at, by.to_string(), reason],
    )?;
    Ok(n == 1)
}

#[allow(clippy::too_many_arguments)]
pub fn append_history(
    conn: &Connection,
    id: AllergyId,
    version: u32,
    change: AllergyChange,
    snapshot: &AllergySnapshot,
    by: UserId,
    at: DateTime<Utc>,
    reason: Option<&str>,
) -> CoreResult<()> {
    let json = serde_json::to_string(snapshot)
        .map_err(|e| CoreError::Corrupt(format!("allergy snapshot: {e}")))?;
    conn.execute(
        "INSERT INTO allergy_history (allergy_id, version, change, snapshot, changed_at,
             changed_by, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id.to_string(),
            version,
            change.as_str(),
            json,
            instant_to_sql(at),
            by.to_string(),
            reason
        ],
    )?;
    Ok(())
}

/// Every version, oldest first.
pub fn history(conn: &Connection, id: AllergyId) -> CoreResult<Vec<AllergyVersion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.version, h.change, h.snapshot, h.changed_at, h.changed_by, u.display_name,
                h.reason
         FROM allergy_history h JOIN users u ON u.id = h.changed_by
         WHERE h.allergy_id = ?1 ORDER BY h.version",
    )?;
    type Cells = (u32, String, String, String, String, String, Option<String>);
    let rows = stmt
        .query_map(params![id.to_string()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<Result<Vec<Cells>, _>>()?;
    rows.into_iter()
        .map(|(version, change, snapshot, at, by, name, reason)| {
            Ok(AllergyVersion {
                version,
                change: parse("change", &change, AllergyChange::parse)?,
                snapshot: serde_json::from_str(&snapshot)
                    .map_err(|e| CoreError::Corrupt(format!("allergy snapshot: {e}")))?,
                changed_at: instant_from_sql(&at)?,
                changed_by: user_id(&by)?,
                changed_by_name: name,
                reason,
            })
        })
        .collect()
}

pub fn insert_statement(
    conn: &Connection,
    id: AllergyStatementId,
    patient: PatientId,
    drugs_only: bool,
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO allergy_statements (id, patient_id, statement, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            id.to_string(),
            patient.to_string(),
            if drugs_only { NKDA } else { NKA },
            instant_to_sql(at),
            by.to_string()
        ],
    )?;
    Ok(())
}

/// Withdraws the patient's open statements of the given kinds; how many were withdrawn.
pub fn withdraw_statements(
    conn: &Connection,
    patient: PatientId,
    statements: &[&str],
    by: UserId,
    at: DateTime<Utc>,
) -> CoreResult<usize> {
    let mut n = 0;
    for s in statements {
        n += conn.execute(
            "UPDATE allergy_statements SET withdrawn_at = ?3, withdrawn_by = ?4
             WHERE patient_id = ?1 AND statement = ?2 AND withdrawn_at IS NULL",
            params![patient.to_string(), s, instant_to_sql(at), by.to_string()],
        )?;
    }
    Ok(n)
}

/// Every statement, newest first.
pub fn statements(conn: &Connection, patient: PatientId) -> CoreResult<Vec<AllergyStatement>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.statement, s.recorded_at, r.display_name, s.withdrawn_at, w.display_name
         FROM allergy_statements s JOIN users r ON r.id = s.recorded_by
         LEFT JOIN users w ON w.id = s.withdrawn_by
         WHERE s.patient_id = ?1 ORDER BY s.recorded_at DESC, s.id",
    )?;
    type Cells = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows = stmt
        .query_map(params![patient.to_string()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<Vec<Cells>, _>>()?;
    rows.into_iter()
        .map(|(id, statement, at, name, withdrawn_at, withdrawn_by)| {
            Ok(AllergyStatement {
                id: parse("statement id", &id, AllergyStatementId::parse)?,
                drugs_only: statement == NKDA,
                recorded_at: instant_from_sql(&at)?,
                recorded_by_name: name,
                withdrawn_at: withdrawn_at.as_deref().map(instant_from_sql).transpose()?,
                withdrawn_by_name: withdrawn_by,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::chart::allergies::{AllergyDraft, AllergyKind, AllergyStatus, Criticality};
    use crate::db::ChartDb;
    use crate::ids::{AllergyId, PatientId};
    use crate::testing::{person, staffed_practice, test_now};

    /// A database with one patient and one allergy (id 1), recorded by the nurse.
    fn with_allergy() -> ChartDb {
        let mut db = ChartDb::open_in_memory().unwrap();
        let staff = staffed_practice(&mut db, test_now()).unwrap();
        let p = PatientId::from_u128(7);
        db.as_user(&staff.front_desk)
            .register_patient(&person("Ng", "Lee", "1990-01-01", ""), true, p, test_now())
            .unwrap();
        let draft = AllergyDraft {
            substance_code: Some("food:egg".into()),
            substance: String::new(),
            kind: AllergyKind::Allergy,
            reaction: "hives".into(),
            severity: None,
            criticality: Criticality::Low,
            status: AllergyStatus::Active,
            onset: String::new(),
            comment: String::new(),
        };
        db.as_user(&staff.nurse)
            .record_allergy(p, &draft, AllergyId::from_u128(1), test_now())
            .unwrap();
        db
    }

    fn sql(db: &mut ChartDb, statement: &str) -> Result<usize, String> {
        db.write(|tx| Ok(tx.execute(statement, [])?))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_database_refuses_to_change_who_recorded_an_allergy_or_to_skip_a_version() {
        let mut db = with_allergy();
        let someone = crate::ids::UserId::from_u128(2).to_string();
        let err = sql(
            &mut db,
            &format!("UPDATE allergies SET recorded_by = '{someone}', version = version + 1"),
        )
        .unwrap_err();
        assert!(err.contains("keep their origin"), "{err}");
        let err = sql(&mut db, "UPDATE allergies SET reaction = 'none'").unwrap_err();
        assert!(err.contains("keep their origin"), "{err}");
        assert_eq!(
            sql(
                &mut db,
                "UPDATE allergies SET reaction = 'rash', version = version + 1"
            ),
            Ok(1)
        );
    }

    #[test]
    fn the_database_freezes_an_allergy_entered_in_error_and_keeps_its_history() {
        let mut db = with_allergy();
        let by = crate::ids::UserId::from_u128(3).to_string();
        sql(
            &mut db,
            &format!(
                "UPDATE allergies SET entered_in_error_at = '2026-11-26T15:00:00Z', entered_in_error_by = '{by}',
                     entered_in_error_reason = 'wrong', version = version + 1"
            ),
        )
        .unwrap();
        let err = sql(
            &mut db,
            "UPDATE allergies SET reaction = 'x', version = version + 1",
        )
        .unwrap_err();
        assert!(err.contains("frozen"), "{err}");
        assert!(sql(&mut db, "DELETE FROM allergies")
            .unwrap_err()
            .contains("never deleted"));
        assert!(sql(&mut db, "UPDATE allergy_history SET reason = 'x'")
            .unwrap_err()
            .contains("cannot be changed"));
        assert!(sql(&mut db, "DELETE FROM allergy_history")
            .unwrap_err()
            .contains("cannot be deleted"));
    }
}

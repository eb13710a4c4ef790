//! SQL for the preventive-care reminders: one patient's facts (a handful of indexed reads),
//! decisions and screening procedures (the registry's reads are in `reminder_registry`).
//!
//! Instants (lab collection, vitals) count by their UTC date in both the chart and the
//! registry, so the two agree to the day.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, ReminderDecisionId, ScreeningProcedureId, UserId};
use crate::reminders::engine::{Done, PatientFacts, SmokingFact};
use crate::reminders::rules::ScreeningProcedureKind;
use crate::reminders::{DecisionKind, ReminderDecision, ValidDecision, ValidProcedure};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

pub(super) fn day_of(text: &str) -> CoreResult<NaiveDate> {
    date_from_sql(text.get(..10).unwrap_or(text))
}

pub(super) fn patient_id(text: &str) -> CoreResult<PatientId> {
    PatientId::parse(text).ok_or_else(|| CoreError::Corrupt(format!("bad patient id {text:?}")))
}

pub(super) const DECISION: &str =
    "SELECT d.id, d.rule, d.kind, d.done_on, d.place, d.reason, d.decided_on, \
     d.recorded_at, u.display_name FROM reminder_decisions d JOIN users u ON u.id = d.recorded_by";

pub(super) fn decision_row(r: &Row<'_>) -> CoreResult<ReminderDecision> {
    let id: String = r.get(0)?;
    let kind: String = r.get(2)?;
    let done_on: Option<String> = r.get(3)?;
    let decided_on: String = r.get(6)?;
    let recorded_at: String = r.get(7)?;
    Ok(ReminderDecision {
        id: ReminderDecisionId::parse(&id)
            .ok_or_else(|| CoreError::Corrupt(format!("bad decision id {id:?}")))?,
        rule: r.get(1)?,
        kind: DecisionKind::parse(&kind)
            .ok_or_else(|| CoreError::Corrupt(format!("bad decision kind {kind:?}")))?,
        done_on: done_on.as_deref().map(date_from_sql).transpose()?,
        place: r.get(4)?,
        reason: r.get(5)?,
        decided_on: date_from_sql(&decided_on)?,
        recorded_at: instant_from_sql(&recorded_at)?,
        recorded_by_name: r.get(8)?,
    })
}

pub(super) fn smoking_fact(
    status: String,
    pack_years: Option<f64>,
    quit: Option<String>,
) -> SmokingFact {
    SmokingFact {
        status,
        pack_years,
        quit_date: quit,
    }
}

/// Everything the engine reads about one patient; `None` for an unknown patient.
pub fn facts(conn: &Connection, patient: PatientId) -> CoreResult<Option<PatientFacts>> {
    let pid = patient.to_string();
    let basics: Option<(String, String, bool)> = conn
        .query_row(
            "SELECT date_of_birth, sex_at_birth, status = 'deceased' FROM patients WHERE id = ?1",
            params![pid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((dob, sex, deceased)) = basics else {
        return Ok(None);
    };
    let mut f = PatientFacts {
        date_of_birth: Some(date_from_sql(&dob)?),
        sex,
        deceased,
        ..PatientFacts::default()
    };
    let mut stmt = conn.prepare_cached(
        "SELECT code, description FROM problems
         WHERE patient_id = ?1 AND code IS NOT NULL AND entered_in_error_at IS NULL",
    )?;
    f.problems = stmt
        .query_map(params![pid], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    f.smoking = conn
        .prepare_cached(
            "SELECT status, pack_years, quit_date FROM social_history
             WHERE patient_id = ?1 AND kind = 'smoking' AND superseded_at IS NULL
               AND entered_in_error_at IS NULL ORDER BY recorded_at DESC LIMIT 1",
        )?
        .query_row(params![pid], |r| {
            Ok(smoking_fact(r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let bmi: Option<(f64, String)> = conn
        .prepare_cached(
            "SELECT bmi, taken_at FROM vitals
             WHERE patient_id = ?1 AND bmi IS NOT NULL AND entered_in_error_at IS NULL
             ORDER BY taken_at DESC LIMIT 1",
        )?
        .query_row(params![pid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    f.bmi = bmi.map(|(b, t)| day_of(&t).map(|d| (b, d))).transpose()?;
    let bp: Option<String> = conn
        .prepare_cached(
            "SELECT max(taken_at) FROM vitals
             WHERE patient_id = ?1 AND systolic IS NOT NULL AND entered_in_error_at IS NULL",
        )?
        .query_row(params![pid], |r| r.get(0))?;
    f.last_bp = bp.as_deref().map(day_of).transpose()?;
    // SQLite gives a bare column of the row holding the max (the latest result's source).
    let mut stmt = conn.prepare_cached(
        "SELECT r.loinc, max(r.collected_at), rep.source = 'outside' FROM lab_results r
         JOIN lab_reports rep ON rep.id = r.report_id
         WHERE r.patient_id = ?1 AND r.entered_in_error_at IS NULL AND rep.entered_in_error_at IS NULL
         GROUP BY r.loinc",
    )?;
    let rows = stmt.query_map(params![pid], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
        ))
    })?;
    for row in rows {
        let (code, at, outside) = row?;
        f.labs.insert(
            code,
            Done {
                on: day_of(&at)?,
                outside,
            },
        );
    }
    let mut stmt = conn.prepare_cached(
        "SELECT procedure, max(performed_on), place = 'outside' FROM screening_procedures
         WHERE patient_id = ?1 AND entered_in_error_at IS NULL GROUP BY procedure",
    )?;
    let rows = stmt.query_map(params![pid], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
        ))
    })?;
    for row in rows {
        let (kind, on, outside) = row?;
        let kind = ScreeningProcedureKind::parse(&kind)
            .ok_or_else(|| CoreError::Corrupt(format!("bad procedure {kind:?}")))?;
        f.procedures.insert(
            kind,
            Done {
                on: date_from_sql(&on)?,
                outside,
            },
        );
    }
    let mut stmt = conn.prepare_cached(
        "SELECT cvx, max(given_on), kind = 'historical' FROM immunizations
         WHERE patient_id = ?1 AND kind <> 'refused' AND entered_in_error_at IS NULL GROUP BY cvx",
    )?;
    let rows = stmt.query_map(params![pid], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
        ))
    })?;
    for row in rows {
        let (cvx, on, outside) = row?;
        f.immunizations.insert(
            cvx,
            Done {
                on: day_of(&on)?,
                outside,
            },
        );
    }
    let mut stmt = conn.prepare_cached(&format!(
        "{DECISION} WHERE d.patient_id = ?1 AND d.superseded_at IS NULL AND d.withdrawn_at IS NULL
         ORDER BY d.recorded_at"
    ))?;
    let mut rows = stmt.query(params![pid])?;
    while let Some(r) = rows.next()? {
        f.decisions.push(decision_row(r)?);
    }
    Ok(Some(f))
}

pub fn insert_decision(
    tx: &Connection,
    id: ReminderDecisionId,
    patient: PatientId,
    d: &ValidDecision,
    decided_on: NaiveDate,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO reminder_decisions (id, patient_id, rule, kind, done_on, place, reason,
             decided_on, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id.to_string(),
            patient.to_string(),
            d.rule,
            d.kind.as_str(),
            d.done_on.map(|x| x.to_string()),
            d.place,
            d.reason,
            decided_on.to_string(),
            by.to_string(),
            instant_to_sql(now)
        ],
    )?;
    Ok(())
}

/// Marks the patient's open decisions on `rule` (other than `by_decision`) superseded by it.
pub fn supersede_open(
    tx: &Connection,
    patient: PatientId,
    rule: &str,
    by_decision: ReminderDecisionId,
    now: DateTime<Utc>,
) -> CoreResult<usize> {
    Ok(tx.execute(
        "UPDATE reminder_decisions SET superseded_by = ?1, superseded_at = ?2
         WHERE patient_id = ?3 AND rule = ?4 AND id <> ?1
           AND superseded_at IS NULL AND withdrawn_at IS NULL",
        params![
            by_decision.to_string(),
            instant_to_sql(now),
            patient.to_string(),
            rule
        ],
    )?)
}

/// The patient a decision belongs to, and whether it is still open.
pub fn decision_patient(
    conn: &Connection,
    id: ReminderDecisionId,
) -> CoreResult<Option<(PatientId, bool)>> {
    let row: Option<(String, bool)> = conn
        .query_row(
            "SELECT patient_id, superseded_at IS NULL AND withdrawn_at IS NULL
             FROM reminder_decisions WHERE id = ?1",
            params![id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(p, open)| patient_id(&p).map(|p| (p, open)))
        .transpose()
}

/// Withdraws an open decision; false if it was not open.
pub fn withdraw_decision(
    tx: &Connection,
    id: ReminderDecisionId,
    reason: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    Ok(tx.execute(
        "UPDATE reminder_decisions SET withdrawn_at = ?1, withdrawn_by = ?2, withdrawn_reason = ?3
         WHERE id = ?4 AND superseded_at IS NULL AND withdrawn_at IS NULL",
        params![instant_to_sql(now), by.to_string(), reason, id.to_string()],
    )? == 1)
}

pub fn insert_procedure(
    tx: &Connection,
    id: ScreeningProcedureId,
    patient: PatientId,
    p: &ValidProcedure,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    tx.execute(
        "INSERT INTO screening_procedures (id, patient_id, procedure, performed_on, place,
             facility, score, result_note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id.to_string(),
            patient.to_string(),
            p.procedure.as_str(),
            p.performed_on.to_string(),
            p.place.as_str(),
            p.facility,
            p.score,
            p.result_note,
            by.to_string(),
            instant_to_sql(now)
        ],
    )?;
    Ok(())
}

//! SQL for the preventive-care reminders: one patient's facts (a handful of indexed reads),
//! the registry's candidates for one rule, decisions and screening procedures.
//!
//! Instants (lab collection, vitals) count by their UTC date in both the chart and the
//! registry, so the two agree to the day.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, ReminderDecisionId, ScreeningProcedureId, UserId};
use crate::reminders::engine::{Done, PatientFacts, SmokingFact};
use crate::reminders::rules::{Condition, Rule, RuleSex, SatisfierKind, ScreeningProcedureKind};
use crate::reminders::{DecisionKind, ReminderDecision, ValidDecision, ValidProcedure};
use chrono::{DateTime, Months, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

fn day_of(text: &str) -> CoreResult<NaiveDate> {
    date_from_sql(text.get(..10).unwrap_or(text))
}

fn patient_id(text: &str) -> CoreResult<PatientId> {
    PatientId::parse(text).ok_or_else(|| CoreError::Corrupt(format!("bad patient id {text:?}")))
}

const DECISION: &str = "SELECT d.id, d.rule, d.kind, d.done_on, d.place, d.reason, d.decided_on, \
     d.recorded_at, u.display_name FROM reminder_decisions d JOIN users u ON u.id = d.recorded_by";

fn decision_row(r: &Row<'_>) -> CoreResult<ReminderDecision> {
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

fn smoking_fact(status: String, pack_years: Option<f64>, quit: Option<String>) -> SmokingFact {
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

fn years_before(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MIN)
}

/// The active patients in the rule's birth-date range and sex, each with the facts the rule
/// reads: the first not-applicable problem, the open decision, the smoking history or BMI its
/// condition needs, and the latest date of each satisfier. The range is widened by a few days
/// (leap days); the engine decides the exact age.
pub fn registry_candidates(
    conn: &Connection,
    rule: &Rule,
    today: NaiveDate,
) -> CoreResult<Vec<(PatientId, PatientFacts)>> {
    let mut args: Vec<Value> = Vec::new();
    let mut cols: Vec<String> = Vec::new();
    let na = if rule.not_applicable.is_empty() {
        "NULL".to_string()
    } else {
        let likes: Vec<&str> = rule
            .not_applicable
            .iter()
            .map(|_| "pr.code LIKE ?")
            .collect();
        for p in &rule.not_applicable {
            args.push(Value::Text(format!("{p}%")));
        }
        format!(
            "(SELECT pr.code || char(9) || pr.description FROM problems pr
              WHERE pr.patient_id = p.id AND pr.entered_in_error_at IS NULL AND ({}) LIMIT 1)",
            likes.join(" OR ")
        )
    };
    cols.push(na);
    args.push(Value::Text(rule.id.clone()));
    cols.push(
        "(SELECT d.id FROM reminder_decisions d WHERE d.patient_id = p.id AND d.rule = ?
           AND d.superseded_at IS NULL AND d.withdrawn_at IS NULL
           ORDER BY d.recorded_at DESC LIMIT 1)"
            .into(),
    );
    cols.push(match rule.condition {
        Condition::EverSmoked | Condition::LungScreening => {
            "(SELECT h.status || char(9) || ifnull(h.pack_years, '') || char(9) || ifnull(h.quit_date, '')
              FROM social_history h WHERE h.patient_id = p.id AND h.kind = 'smoking'
                AND h.superseded_at IS NULL AND h.entered_in_error_at IS NULL
              ORDER BY h.recorded_at DESC LIMIT 1)"
                .into()
        }
        _ => "NULL".into(),
    });
    cols.push(match rule.condition {
        Condition::Overweight => "(SELECT v.bmi || char(9) || v.taken_at FROM vitals v
              WHERE v.patient_id = p.id AND v.bmi IS NOT NULL AND v.entered_in_error_at IS NULL
              ORDER BY v.taken_at DESC LIMIT 1)"
            .into(),
        _ => "NULL".into(),
    });
    for s in &rule.satisfiers {
        cols.push(match &s.kind {
            SatisfierKind::Lab(code) => {
                args.push(Value::Text(code.clone()));
                "(SELECT max(r.collected_at) FROM lab_results r
                  WHERE r.patient_id = p.id AND r.loinc = ? AND r.entered_in_error_at IS NULL
                    AND NOT EXISTS (SELECT 1 FROM lab_reports rep WHERE rep.id = r.report_id
                                    AND rep.entered_in_error_at IS NOT NULL))"
                    .into()
            }
            SatisfierKind::Procedure(kind) => {
                args.push(Value::Text(kind.as_str().into()));
                "(SELECT max(s.performed_on) FROM screening_procedures s
                  WHERE s.patient_id = p.id AND s.procedure = ? AND s.entered_in_error_at IS NULL)"
                    .into()
            }
            SatisfierKind::BloodPressure => "(SELECT max(v.taken_at) FROM vitals v
                  WHERE v.patient_id = p.id AND v.systolic IS NOT NULL AND v.entered_in_error_at IS NULL)"
                .into(),
            SatisfierKind::Immunization(cvx) => {
                args.push(Value::Text(cvx.clone()));
                "(SELECT max(i.given_on) FROM immunizations i
                  WHERE i.patient_id = p.id AND i.cvx = ? AND i.kind <> 'refused'
                    AND i.entered_in_error_at IS NULL)"
                    .into()
            }
        });
    }
    let oldest = match rule.max_age {
        Some(max) => years_before(today, max + 1) - chrono::Duration::days(3),
        None => NaiveDate::MIN,
    };
    let youngest = years_before(today, rule.min_age) + chrono::Duration::days(3);
    args.push(Value::Text(oldest.to_string()));
    args.push(Value::Text(youngest.to_string()));
    let sex = match rule.sex {
        RuleSex::Any => "",
        RuleSex::Female => " AND p.sex_at_birth = 'female'",
        RuleSex::Male => " AND p.sex_at_birth = 'male'",
    };
    let sql = format!(
        "SELECT p.id, p.date_of_birth, p.sex_at_birth, {} FROM patients p
         WHERE p.date_of_birth > ? AND p.date_of_birth <= ? AND p.status = 'active'{sex}",
        cols.join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut out = Vec::new();
    let mut decided: Vec<(usize, String)> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let dob: String = r.get(1)?;
        let mut f = PatientFacts {
            date_of_birth: Some(date_from_sql(&dob)?),
            sex: r.get(2)?,
            ..PatientFacts::default()
        };
        if let Some(problem) = r.get::<_, Option<String>>(3)? {
            let (code, description) = problem.split_once('\t').unwrap_or((&problem, ""));
            f.problems.push((code.to_string(), description.to_string()));
        }
        if let Some(decision) = r.get::<_, Option<String>>(4)? {
            decided.push((out.len(), decision));
        }
        if let Some(smoking) = r.get::<_, Option<String>>(5)? {
            let mut parts = smoking.split('\t');
            let status = parts.next().unwrap_or("").to_string();
            let pack_years = parts.next().and_then(|t| t.parse().ok());
            let quit = parts.next().filter(|t| !t.is_empty()).map(str::to_string);
            f.smoking = Some(smoking_fact(status, pack_years, quit));
        }
        if let Some(bmi) = r.get::<_, Option<String>>(6)? {
            if let Some((b, at)) = bmi.split_once('\t') {
                if let Ok(b) = b.parse::<f64>() {
                    f.bmi = Some((b, day_of(at)?));
                }
            }
        }
        for (i, s) in rule.satisfiers.iter().enumerate() {
            let Some(at) = r.get::<_, Option<String>>(7 + i)? else {
                continue;
            };
            let done = Done {
                on: day_of(&at)?,
                outside: false,
            };
            match &s.kind {
                SatisfierKind::Lab(code) => {
                    f.labs.insert(code.clone(), done);
                }
                SatisfierKind::Procedure(kind) => {
                    f.procedures.insert(*kind, done);
                }
                SatisfierKind::BloodPressure => f.last_bp = Some(done.on),
                SatisfierKind::Immunization(cvx) => {
                    f.immunizations.insert(cvx.clone(), done);
                }
            }
        }
        out.push((patient_id(&id)?, f));
    }
    // Few patients have a decision on a rule: read those one by one.
    let mut stmt = conn.prepare_cached(&format!("{DECISION} WHERE d.id = ?1"))?;
    for (i, id) in decided {
        let d = stmt.query_row(params![id], |r| Ok(decision_row(r)))??;
        if let Some((_, f)) = out.get_mut(i) {
            f.decisions.push(d);
        }
    }
    Ok(out)
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

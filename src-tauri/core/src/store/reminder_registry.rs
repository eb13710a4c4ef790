//! SQL for one rule's registry across the practice: the candidates in its age range and sex,
//! and what the rule reads about them, each fact as one read over an index that carries the
//! patient, so no candidate costs a lookup of its own (at 100,000 patients the rows lie
//! spread over gigabytes of an encrypted file; the index pages are few and sequential).
//!
//! Instants count by their UTC date, as in `reminders::facts`, so chart and registry agree.

use super::reminders::{day_of, decision_row, patient_id, smoking_fact, DECISION};
use super::reports::PatientLine;
use crate::error::CoreResult;
use crate::reminders::engine::{Done, PatientFacts};
use crate::reminders::rules::{Condition, Rule, RuleSex, SatisfierKind};
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection};
use std::collections::HashMap;

fn years_before(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MIN)
}

/// The codes a prefix covers as a half-open range ("C18" → `C18` ..< `C19`), so the index on
/// the code is read as a range (LIKE would scan it: it folds case).
fn prefix_range(prefix: &str) -> (String, String) {
    let mut end = prefix.to_string();
    match end.pop() {
        Some(last) => end.push(char::from_u32(last as u32 + 1).unwrap_or(char::MAX)),
        None => end.push(char::MAX),
    }
    (prefix.to_string(), end)
}

/// Latest date per patient from `sql` (rows of patient id, date or instant text).
fn latest_per_patient(
    conn: &Connection,
    sql: &str,
    arg: &str,
) -> CoreResult<HashMap<String, NaiveDate>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params![arg])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let at: String = r.get(1)?;
        out.insert(r.get(0)?, day_of(&at)?);
    }
    Ok(out)
}

/// A lab's latest current result per patient (not entered in error, nor its report).
const LAB_LATEST: &str = "SELECT r.patient_id, max(r.collected_at) FROM lab_results r
     WHERE r.loinc = ?1 AND r.entered_in_error_at IS NULL
       AND r.report_id NOT IN (SELECT rep.id FROM lab_reports rep
                               WHERE rep.entered_in_error_at IS NOT NULL)
     GROUP BY r.patient_id";
const PROCEDURE_LATEST: &str =
    "SELECT s.patient_id, max(s.performed_on) FROM screening_procedures s
     WHERE s.procedure = ?1 AND s.entered_in_error_at IS NULL GROUP BY s.patient_id";
const IMMUNIZATION_LATEST: &str = "SELECT i.patient_id, max(i.given_on) FROM immunizations i
     WHERE i.cvx = ?1 AND i.kind <> 'refused' AND i.entered_in_error_at IS NULL
     GROUP BY i.patient_id";

/// Per-candidate columns of the rule's condition (a handful of rules read them): the current
/// smoking history, or the latest BMI; and, for the blood-pressure rule, the latest reading.
/// Each walks the patient's index newest first and stops at the first row that counts.
fn per_candidate_columns(rule: &Rule) -> Vec<&'static str> {
    let mut cols = vec![match rule.condition {
        Condition::EverSmoked | Condition::LungScreening => {
            "(SELECT h.status || char(9) || ifnull(h.pack_years, '') || char(9) || ifnull(h.quit_date, '')
              FROM social_history h WHERE h.patient_id = p.id AND h.kind = 'smoking'
                AND h.superseded_at IS NULL AND h.entered_in_error_at IS NULL
              ORDER BY h.recorded_at DESC LIMIT 1)"
        }
        Condition::Overweight => "(SELECT v.bmi || char(9) || v.taken_at FROM vitals v
              WHERE v.patient_id = p.id AND v.bmi IS NOT NULL AND v.entered_in_error_at IS NULL
              ORDER BY v.taken_at DESC LIMIT 1)",
        _ => "NULL",
    }];
    if rule
        .satisfiers
        .iter()
        .any(|s| matches!(s.kind, SatisfierKind::BloodPressure))
    {
        cols.push(
            "(SELECT v.taken_at FROM vitals v
              WHERE v.patient_id = p.id AND v.systolic IS NOT NULL AND v.entered_in_error_at IS NULL
              ORDER BY v.taken_at DESC LIMIT 1)",
        );
    } else {
        cols.push("NULL");
    }
    cols
}

/// The active patients in the rule's birth-date range and sex, each as the register lists
/// them (in name order) with the facts the rule reads: the first not-applicable problem, the
/// open decision, the smoking history or BMI its condition needs, and the latest date of
/// each satisfier. The range is widened by a few days (leap days); the engine decides the
/// exact age.
pub fn registry_candidates(
    conn: &Connection,
    rule: &Rule,
    today: NaiveDate,
) -> CoreResult<Vec<(PatientLine, PatientFacts)>> {
    let oldest = match rule.max_age {
        Some(max) => years_before(today, max + 1) - chrono::Duration::days(3),
        None => NaiveDate::MIN,
    };
    let youngest = years_before(today, rule.min_age) + chrono::Duration::days(3);
    let sex = match rule.sex {
        RuleSex::Any => "",
        RuleSex::Female => " AND p.sex_at_birth = 'female'",
        RuleSex::Male => " AND p.sex_at_birth = 'male'",
    };
    let sql = format!(
        "SELECT p.id, p.date_of_birth, p.sex_at_birth, {}, p.family_name, p.given_name, p.mrn,
                p.restricted, p.family_fold, p.given_fold
           FROM patients p
          WHERE p.date_of_birth > ?1 AND p.date_of_birth <= ?2 AND p.status = 'active'{sex}",
        per_candidate_columns(rule).join(", ")
    );
    let problems = not_applicable_problems(conn, rule)?;
    let decisions = open_decisions(conn, &rule.id)?;
    let mut satisfied = Vec::with_capacity(rule.satisfiers.len());
    for s in &rule.satisfiers {
        satisfied.push(match &s.kind {
            SatisfierKind::Lab(code) => latest_per_patient(conn, LAB_LATEST, code)?,
            SatisfierKind::Procedure(kind) => {
                latest_per_patient(conn, PROCEDURE_LATEST, kind.as_str())?
            }
            SatisfierKind::Immunization(cvx) => latest_per_patient(conn, IMMUNIZATION_LATEST, cvx)?,
            SatisfierKind::BloodPressure => HashMap::new(),
        });
    }

    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![oldest.to_string(), youngest.to_string()])?;
    let mut out = Vec::new();
    let mut folds: Vec<(String, String)> = Vec::new();
    let mut decided: Vec<(usize, String)> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let dob: String = r.get(1)?;
        let date_of_birth = super::date_from_sql(&dob)?;
        let line = PatientLine {
            patient: patient_id(&id)?,
            family_name: r.get(5)?,
            given_name: r.get(6)?,
            date_of_birth,
            mrn: r.get(7)?,
            restricted: r.get(8)?,
        };
        folds.push((r.get(9)?, r.get(10)?));
        let mut f = PatientFacts {
            date_of_birth: Some(date_of_birth),
            sex: r.get(2)?,
            ..PatientFacts::default()
        };
        if let Some(problem) = problems.get(&id) {
            f.problems.push(problem.clone());
        }
        if let Some(decision) = decisions.get(&id) {
            decided.push((out.len(), decision.clone()));
        }
        let condition: Option<String> = r.get(3)?;
        match (rule.condition, condition) {
            (Condition::EverSmoked | Condition::LungScreening, Some(smoking)) => {
                let mut parts = smoking.split('\t');
                let status = parts.next().unwrap_or("").to_string();
                let pack_years = parts.next().and_then(|t| t.parse().ok());
                let quit = parts.next().filter(|t| !t.is_empty()).map(str::to_string);
                f.smoking = Some(smoking_fact(status, pack_years, quit));
            }
            (Condition::Overweight, Some(bmi)) => {
                if let Some((b, at)) = bmi.split_once('\t') {
                    if let Ok(b) = b.parse::<f64>() {
                        f.bmi = Some((b, day_of(at)?));
                    }
                }
            }
            _ => {}
        }
        let last_bp: Option<String> = r.get(4)?;
        for (s, latest) in rule.satisfiers.iter().zip(&satisfied) {
            let on = match &s.kind {
                SatisfierKind::BloodPressure => match &last_bp {
                    Some(at) => day_of(at)?,
                    None => continue,
                },
                _ => match latest.get(&id) {
                    Some(on) => *on,
                    None => continue,
                },
            };
            let done = Done { on, outside: false };
            match &s.kind {
                SatisfierKind::Lab(code) => {
                    f.labs.insert(code.clone(), done);
                }
                SatisfierKind::Procedure(kind) => {
                    f.procedures.insert(*kind, done);
                }
                SatisfierKind::BloodPressure => f.last_bp = Some(on),
                SatisfierKind::Immunization(cvx) => {
                    f.immunizations.insert(cvx.clone(), done);
                }
            }
        }
        out.push((line, f));
    }
    // Few patients have a decision on a rule: read those one by one.
    let mut stmt = conn.prepare_cached(&format!("{DECISION} WHERE d.id = ?1"))?;
    for (i, id) in decided {
        let d = stmt.query_row(params![id], |r| Ok(decision_row(r)))??;
        if let Some((_, f)) = out.get_mut(i) {
            f.decisions.push(d);
        }
    }
    // The register's order (as the other reports' ORDER BY family_fold, given_fold, mrn).
    let mut rows: Vec<_> = folds.into_iter().zip(out).collect();
    rows.sort_by(|(fa, a), (fb, b)| (fa, a.0.mrn).cmp(&(fb, b.0.mrn)));
    Ok(rows.into_iter().map(|(_, row)| row).collect())
}

/// Per patient, the first problem (not entered in error, any status) whose code starts with
/// one of the rule's not-applicable prefixes: (code, description).
fn not_applicable_problems(
    conn: &Connection,
    rule: &Rule,
) -> CoreResult<HashMap<String, (String, String)>> {
    let mut out = HashMap::new();
    if rule.not_applicable.is_empty() {
        return Ok(out);
    }
    // One range read per prefix: an OR of ranges would scan the whole index.
    let mut stmt = conn.prepare_cached(
        "SELECT pr.patient_id, pr.code, pr.description FROM problems pr
          WHERE pr.entered_in_error_at IS NULL AND pr.code >= ?1 AND pr.code < ?2",
    )?;
    for prefix in &rule.not_applicable {
        let (from, to) = prefix_range(prefix);
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let patient: String = r.get(0)?;
            let code: String = r.get(1)?;
            // The lowest code stands, whatever order the prefixes come in.
            match out.get(&patient) {
                Some((known, _)) if *known <= code => {}
                _ => {
                    out.insert(patient, (code, r.get(2)?));
                }
            }
        }
    }
    Ok(out)
}

/// Per patient, the id of the latest open decision (not withdrawn, not superseded) on `rule`.
fn open_decisions(conn: &Connection, rule: &str) -> CoreResult<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.patient_id, d.id FROM reminder_decisions d
          WHERE d.rule = ?1 AND d.superseded_at IS NULL AND d.withdrawn_at IS NULL
          ORDER BY d.recorded_at",
    )?;
    let mut rows = stmt.query(params![rule])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        // Later rows overwrite earlier ones: the latest decision stands.
        out.insert(r.get(0)?, r.get(1)?);
    }
    Ok(out)
}

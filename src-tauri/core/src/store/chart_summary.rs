//! SQL for the chart summary: each list is an index range on the patient bounded by `LIMIT`,
//! and each count is answered from an index (the partial indexes of `0005_chart/search.sql`
//! keep the few entered-in-error and unsigned rows apart, so no count reads the visit rows).

use super::instant_from_sql;
use crate::chart::common::VisitType;
use crate::chart::summary::{
    vital_rows, ChartSummary, SummaryAllergy, SummaryDiagnosis, SummaryFamilyEntry,
    SummaryHistories, SummaryOutsideVisit, SummaryProblem, SummarySocialEntry, SummaryVisit,
    VitalsSet, HISTORY_ROWS, LIST_ROWS, RECENT_VISITS,
};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AllergyId, HistoryEntryId, OutsideVisitId, PatientId, ProblemId, VisitId};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

/// How many of the latest vitals sets are read to find each measurement's previous value.
const VITALS_SETS: u32 = 12;

/// A stored id, or a `Corrupt` error naming the table.
pub(crate) fn id<T>(text: &str, parse: fn(&str) -> Option<T>, table: &str) -> CoreResult<T> {
    parse(text).ok_or_else(|| CoreError::Corrupt(format!("bad id {text:?} in {table}")))
}

pub fn read(
    conn: &Connection,
    patient: PatientId,
    diagnoses_since: DateTime<Utc>,
) -> CoreResult<ChartSummary> {
    let p = patient.to_string();
    let allergy_state = super::allergies::state(conn, patient)?;
    let (allergies, allergy_count) = allergies(conn, &p)?;
    let (problems, problem_count) = problems(conn, &p)?;
    let mut diagnoses = diagnoses(conn, &p, diagnoses_since)?;
    let diagnosis_count = diagnoses.len() as u32;
    diagnoses.truncate(LIST_ROWS as usize);
    let (vitals, vitals_count) = vitals(conn, &p)?;
    let (visits, visit_count, unsigned_notes) = visits(conn, &p)?;
    let (outside_visits, outside_visit_count) = outside_visits(conn, &p)?;
    Ok(ChartSummary {
        patient_id: patient,
        allergy_state,
        allergies,
        allergy_count,
        problems,
        problem_count,
        diagnoses,
        diagnosis_count,
        vitals,
        vitals_count,
        histories: histories(conn, &p)?,
        visits,
        visit_count,
        outside_visits,
        outside_visit_count,
        unsigned_notes,
    })
}

fn count(conn: &Connection, sql: &str, p: &str) -> CoreResult<u32> {
    Ok(conn.prepare_cached(sql)?.query_row([p], |r| r.get(0))?)
}

fn allergies(conn: &Connection, p: &str) -> CoreResult<(Vec<SummaryAllergy>, u32)> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, substance, substance_code IS NOT NULL, kind, reaction, criticality
         FROM allergies
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL
         ORDER BY criticality = 'high' DESC, recorded_at DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![p, LIST_ROWS], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let list = rows
        .into_iter()
        .map(|(i, substance, coded, kind, reaction, criticality)| {
            Ok(SummaryAllergy {
                id: id(&i, AllergyId::parse, "allergies")?,
                substance,
                coded,
                kind,
                reaction,
                criticality,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    let total = count(
        conn,
        "SELECT count(*) FROM allergies
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL",
        p,
    )?;
    Ok((list, total))
}

fn problems(conn: &Connection, p: &str) -> CoreResult<(Vec<SummaryProblem>, u32)> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, description, onset_date FROM problems
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL
         ORDER BY onset_date DESC, created_at DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![p, LIST_ROWS], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let list = rows
        .into_iter()
        .map(|(i, code, description, onset)| {
            Ok(SummaryProblem {
                id: id(&i, ProblemId::parse, "problems")?,
                code,
                description,
                onset,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    let total = count(
        conn,
        "SELECT count(*) FROM problems
         WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL",
        p,
    )?;
    Ok((list, total))
}

/// Distinct diagnoses of the visits since `since`, newest first: the practice's own and those
/// recorded elsewhere (an ICD-10-CM code as the practice's; another coding, or none, by its
/// words). The visits are found by their patient index range, their diagnoses by visit.
fn diagnoses(
    conn: &Connection,
    p: &str,
    since: DateTime<Utc>,
) -> CoreResult<Vec<SummaryDiagnosis>> {
    let since = super::instant_to_sql(since);
    let mut stmt = conn.prepare_cached(
        "SELECT d.code, d.description, max(v.started_at)
         FROM visits v JOIN visit_diagnoses d ON d.visit_id = v.id
         WHERE v.patient_id = ?1 AND v.started_at >= ?2
           AND v.entered_in_error_at IS NULL AND d.entered_in_error_at IS NULL
         GROUP BY d.code",
    )?;
    let own = stmt
        .query_map(params![p, since], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get::<_, String>(2)?))
        })?
        .collect::<Result<Vec<(String, String, String)>, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT CASE WHEN d.code_system = ?3 THEN d.code ELSE '' END, d.description,
                max(v.started_at)
         FROM outside_visits v JOIN outside_visit_diagnoses d ON d.outside_visit_id = v.id
         WHERE v.patient_id = ?1 AND v.started_at >= ?2 AND v.entered_in_error_at IS NULL
         GROUP BY 1, CASE WHEN d.code_system = ?3 THEN '' ELSE lower(d.description) END",
    )?;
    let outside = stmt
        .query_map(params![p, since, crate::fhir::ICD10CM], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get::<_, String>(2)?))
        })?
        .collect::<Result<Vec<(String, String, String)>, _>>()?;
    // One row per code (or, uncoded, per words), seen last at the later of its visits.
    let mut by_key: std::collections::HashMap<String, (String, String, String)> =
        std::collections::HashMap::new();
    for (code, description, at) in own.into_iter().chain(outside) {
        let key = if code.is_empty() {
            format!(" {}", description.to_lowercase())
        } else {
            code.clone()
        };
        match by_key.get_mut(&key) {
            Some(held) if held.2 >= at => {}
            Some(held) => *held = (code, description, at),
            None => {
                by_key.insert(key, (code, description, at));
            }
        }
    }
    let mut rows: Vec<_> = by_key.into_values().collect();
    // Instants are stored in one UTC format, so they order as text.
    rows.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    rows.into_iter()
        .map(|(code, description, at)| {
            Ok(SummaryDiagnosis {
                code,
                description,
                last_seen_at: instant_from_sql(&at)?,
            })
        })
        .collect()
}

fn vitals(
    conn: &Connection,
    p: &str,
) -> CoreResult<(Vec<crate::chart::summary::SummaryVital>, u32)> {
    let mut stmt = conn.prepare_cached(
        "SELECT taken_at, systolic, diastolic, pulse, weight_kg, bmi, temperature_c, spo2
         FROM vitals WHERE patient_id = ?1 AND entered_in_error_at IS NULL
         ORDER BY taken_at DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![p, VITALS_SETS], |r| {
            Ok((
                r.get::<_, String>(0)?,
                [
                    r.get::<_, Option<f64>>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ],
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let sets = rows
        .into_iter()
        .map(|(at, v)| {
            Ok(VitalsSet {
                taken_at: instant_from_sql(&at)?,
                systolic: v[0],
                diastolic: v[1],
                pulse: v[2],
                weight_kg: v[3],
                bmi: v[4],
                temperature_c: v[5],
                spo2: v[6],
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    let all = count(conn, "SELECT count(*) FROM vitals WHERE patient_id = ?1", p)?;
    let in_error = count(
        conn,
        "SELECT count(*) FROM vitals WHERE patient_id = ?1 AND entered_in_error_at IS NOT NULL",
        p,
    )?;
    Ok((vital_rows(&sets), all.saturating_sub(in_error)))
}

/// The latest visits, how many there are, and how many notes wait for a signature.
fn visits(conn: &Connection, p: &str) -> CoreResult<(Vec<SummaryVisit>, u32, u32)> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.started_at, v.visit_type, u.display_name, v.reason,
                v.signed_at IS NOT NULL
         FROM visits v JOIN users u ON u.id = v.provider_id
         WHERE v.patient_id = ?1 AND v.entered_in_error_at IS NULL
         ORDER BY v.started_at DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![p, RECENT_VISITS], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let list = rows
        .into_iter()
        .map(|(i, at, kind, provider_name, reason, signed)| {
            Ok(SummaryVisit {
                id: id(&i, VisitId::parse, "visits")?,
                started_at: instant_from_sql(&at)?,
                visit_type: VisitType::parse(&kind)
                    .ok_or_else(|| CoreError::Corrupt(format!("bad visit type {kind:?}")))?,
                provider_name,
                reason,
                signed,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    let all = count(conn, "SELECT count(*) FROM visits WHERE patient_id = ?1", p)?;
    let in_error = count(
        conn,
        "SELECT count(*) FROM visits WHERE patient_id = ?1 AND entered_in_error_at IS NOT NULL",
        p,
    )?;
    let unsigned = count(
        conn,
        "SELECT count(*) FROM visits
         WHERE patient_id = ?1 AND signed_at IS NULL AND entered_in_error_at IS NULL",
        p,
    )?;
    Ok((list, all.saturating_sub(in_error), unsigned))
}

/// The latest visits recorded elsewhere (not entered in error) and how many there are.
fn outside_visits(conn: &Connection, p: &str) -> CoreResult<(Vec<SummaryOutsideVisit>, u32)> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, started_at, visit_type, reason, clinician, place FROM outside_visits
         WHERE patient_id = ?1 AND entered_in_error_at IS NULL
         ORDER BY started_at DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![p, RECENT_VISITS], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let list = rows
        .into_iter()
        .map(|(i, at, visit_type, reason, clinician, place)| {
            Ok(SummaryOutsideVisit {
                id: id(&i, OutsideVisitId::parse, "outside_visits")?,
                started_at: instant_from_sql(&at)?,
                visit_type,
                reason,
                clinician,
                place,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    let count = count(
        conn,
        "SELECT count(*) FROM outside_visits WHERE patient_id = ?1 AND entered_in_error_at IS NULL",
        p,
    )?;
    Ok((list, count))
}

fn social(conn: &Connection, p: &str, kind: &str) -> CoreResult<Option<SummarySocialEntry>> {
    let row = conn
        .prepare_cached(
            "SELECT id, status, detail, pack_years FROM social_history
             WHERE patient_id = ?1 AND kind = ?2
               AND superseded_at IS NULL AND entered_in_error_at IS NULL
             ORDER BY recorded_at DESC LIMIT 1",
        )?
        .query_row(params![p, kind], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    row.map(|(i, status, detail, pack_years)| {
        Ok(SummarySocialEntry {
            id: id(&i, HistoryEntryId::parse, "social_history")?,
            status,
            detail,
            pack_years,
        })
    })
    .transpose()
}

fn histories(conn: &Connection, p: &str) -> CoreResult<SummaryHistories> {
    let family = conn
        .prepare_cached(
            "SELECT id, relative, condition, onset_age FROM family_history
             WHERE patient_id = ?1 AND superseded_at IS NULL AND entered_in_error_at IS NULL
             ORDER BY recorded_at LIMIT ?2",
        )?
        .query_map(params![p, HISTORY_ROWS], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|(i, relative, condition, onset_age)| {
            Ok(SummaryFamilyEntry {
                id: id(&i, HistoryEntryId::parse, "family_history")?,
                relative,
                condition,
                onset_age,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    let surgical = conn
        .prepare_cached(
            "SELECT id, procedure, performed_on FROM surgical_history
             WHERE patient_id = ?1 AND superseded_at IS NULL AND entered_in_error_at IS NULL
             ORDER BY recorded_at LIMIT ?2",
        )?
        .query_map(params![p, HISTORY_ROWS], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .map(|(i, procedure, performed_on)| {
            Ok(crate::chart::summary::SummarySurgicalEntry {
                id: id(&i, HistoryEntryId::parse, "surgical_history")?,
                procedure,
                performed_on,
            })
        })
        .collect::<CoreResult<Vec<_>>>()?;
    Ok(SummaryHistories {
        smoking: social(conn, p, "smoking")?,
        alcohol: social(conn, p, "alcohol")?,
        occupation: social(conn, p, "occupation")?,
        family,
        family_count: count(
            conn,
            "SELECT count(*) FROM family_history WHERE patient_id = ?1
             AND superseded_at IS NULL AND entered_in_error_at IS NULL",
            p,
        )?,
        surgical,
        surgical_count: count(
            conn,
            "SELECT count(*) FROM surgical_history WHERE patient_id = ?1
             AND superseded_at IS NULL AND entered_in_error_at IS NULL",
            p,
        )?,
    })
}

#[cfg(test)]
mod tests {
    use crate::db::ChartDb;

    /// The plan of every statement the summary and the search run against one patient: each
    /// must search an index on the patient (or the visit), never scan a table.
    #[test]
    fn every_summary_and_search_query_searches_an_index() {
        let db = ChartDb::open_in_memory().unwrap();
        let statements = [
            "SELECT id FROM allergies WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL ORDER BY criticality = 'high' DESC, recorded_at DESC LIMIT 8",
            "SELECT id FROM problems WHERE patient_id = ?1 AND status = 'active' AND entered_in_error_at IS NULL ORDER BY onset_date DESC, created_at DESC LIMIT 8",
            "SELECT d.code, d.description, max(v.started_at) FROM visits v JOIN visit_diagnoses d ON d.visit_id = v.id WHERE v.patient_id = ?1 AND v.started_at >= ?2 AND v.entered_in_error_at IS NULL AND d.entered_in_error_at IS NULL GROUP BY d.code ORDER BY 3 DESC, d.code",
            "SELECT taken_at FROM vitals WHERE patient_id = ?1 AND entered_in_error_at IS NULL ORDER BY taken_at DESC LIMIT 12",
            "SELECT count(*) FROM vitals WHERE patient_id = ?1",
            "SELECT count(*) FROM vitals WHERE patient_id = ?1 AND entered_in_error_at IS NOT NULL",
            "SELECT v.id, u.display_name FROM visits v JOIN users u ON u.id = v.provider_id WHERE v.patient_id = ?1 AND v.entered_in_error_at IS NULL ORDER BY v.started_at DESC LIMIT 5",
            "SELECT count(*) FROM visits WHERE patient_id = ?1",
            "SELECT count(*) FROM visits WHERE patient_id = ?1 AND entered_in_error_at IS NOT NULL",
            "SELECT id, started_at FROM outside_visits WHERE patient_id = ?1 AND entered_in_error_at IS NULL ORDER BY started_at DESC LIMIT 5",
            "SELECT d.description, max(v.started_at) FROM outside_visits v JOIN outside_visit_diagnoses d ON d.outside_visit_id = v.id WHERE v.patient_id = ?1 AND v.started_at >= ?2 AND v.entered_in_error_at IS NULL GROUP BY lower(d.description)",
            "SELECT count(*) FROM outside_visits WHERE patient_id = ?1 AND entered_in_error_at IS NULL",
            "SELECT count(*) FROM visits WHERE patient_id = ?1 AND signed_at IS NULL AND entered_in_error_at IS NULL",
            "SELECT id FROM social_history WHERE patient_id = ?1 AND kind = ?2 AND superseded_at IS NULL AND entered_in_error_at IS NULL ORDER BY recorded_at DESC LIMIT 1",
            "SELECT id FROM family_history WHERE patient_id = ?1 AND superseded_at IS NULL AND entered_in_error_at IS NULL ORDER BY recorded_at LIMIT 3",
            "SELECT id FROM surgical_history WHERE patient_id = ?1 AND superseded_at IS NULL AND entered_in_error_at IS NULL ORDER BY recorded_at LIMIT 3",
            "SELECT id FROM visits WHERE patient_id = ?1 AND entered_in_error_at IS NULL",
            "SELECT a.id FROM note_amendments a WHERE a.visit_id IN (SELECT id FROM visits WHERE patient_id = ?1)",
            "SELECT id FROM visit_diagnoses WHERE patient_id = ?1 AND entered_in_error_at IS NULL",
        ];
        for sql in statements {
            let plan: Vec<String> = db
                .read(|c| {
                    let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
                    let args = ["p", "2026"].into_iter().take(stmt.parameter_count());
                    let rows = stmt
                        .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))?
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(rows)
                })
                .unwrap();
            // SEARCH is an index range; SCAN would read a whole table or index.
            assert!(
                plan.iter().all(|step| !step.starts_with("SCAN")),
                "{sql}\n{plan:#?}"
            );
        }
    }
}

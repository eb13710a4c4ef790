//! SQL for the practice reports: whole-practice reads, each one statement over indexed columns
//! (no per-patient round trips), answering the rows a report is computed from.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, params_from_iter, Connection, Row};

/// HbA1c (LOINC 4548-4) in NGSP %: the canonical value, a value typed in %, or an IFCC
/// mmol/mol value converted by the NGSP master equation (% = 0.09148 × mmol/mol + 2.152).
const A1C_PERCENT: &str = "CASE WHEN r.canonical_unit = '%' THEN r.canonical_value
     WHEN r.unit = '%' THEN r.value_num
     WHEN r.unit = 'mmol/mol' THEN round(r.value_num * 0.09148 + 2.152, 1) END";

/// A current (not superseded, not entered in error, nor its report) HbA1c result `r`.
const A1C_CURRENT: &str = "r.loinc = '4548-4' AND r.entered_in_error_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM lab_results s
                     WHERE s.supersedes = r.id AND s.entered_in_error_at IS NULL)
     AND r.report_id NOT IN (SELECT lr.id FROM lab_reports lr
                             WHERE lr.entered_in_error_at IS NOT NULL)";

/// Visits entered in error, as one small set (a diagnosis on one does not count).
const VISITS_IN_ERROR: &str = "(SELECT v.id FROM visits v WHERE v.entered_in_error_at IS NOT NULL)";

/// Who a listed patient is, as the register shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct PatientLine {
    pub patient: PatientId,
    pub family_name: String,
    pub given_name: String,
    pub date_of_birth: NaiveDate,
    pub mrn: u32,
    pub restricted: bool,
}

const PATIENT_COLUMNS: &str =
    "p.id, p.family_name, p.given_name, p.date_of_birth, p.mrn, p.restricted";

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad stored {what} {text:?}"))
}

/// The raw patient columns at `at..at+6`, checked after the row is read.
type RawPatient = (String, String, String, String, u32, bool);

fn raw_patient(r: &Row<'_>, at: usize) -> rusqlite::Result<RawPatient> {
    Ok((
        r.get(at)?,
        r.get(at + 1)?,
        r.get(at + 2)?,
        r.get(at + 3)?,
        r.get(at + 4)?,
        r.get(at + 5)?,
    ))
}

fn patient_line(raw: RawPatient) -> CoreResult<PatientLine> {
    let (id, family_name, given_name, dob, mrn, restricted) = raw;
    Ok(PatientLine {
        patient: PatientId::parse(&id).ok_or_else(|| corrupt("patient id", &id))?,
        family_name,
        given_name,
        date_of_birth: date_from_sql(&dob)?,
        mrn,
        restricted,
    })
}

/// A patient with their last qualifying value in the period (none: nothing in the period).
#[derive(Debug, Clone, PartialEq)]
pub struct LastValue<T> {
    pub who: PatientLine,
    pub last: Option<(T, DateTime<Utc>)>,
}

fn last_values<T: rusqlite::types::FromSql>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    width: usize,
) -> CoreResult<Vec<LastValue<Vec<T>>>> {
    let mut stmt = conn.prepare(sql)?;
    let raw = stmt
        .query_map(params, |r| {
            let mut values = Vec::with_capacity(width);
            let at: Option<String> = r.get(6)?;
            for i in 0..width {
                values.push(r.get::<_, Option<T>>(7 + i)?);
            }
            Ok((raw_patient(r, 0)?, at, values))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(p, at, values)| {
            let last = match (at, values.into_iter().collect::<Option<Vec<T>>>()) {
                (Some(at), Some(values)) => Some((values, instant_from_sql(&at)?)),
                _ => None,
            };
            Ok(LastValue {
                who: patient_line(p)?,
                last,
            })
        })
        .collect()
}

/// Active patients born in `born` (inclusive) with diabetes — an active problem or a visit
/// diagnosis E10–E13, or any HbA1c ≥ 6.5 % — and their last HbA1c (in %) collected since
/// `since`.
pub fn diabetes_control(
    conn: &Connection,
    born: (NaiveDate, NaiveDate),
    since: DateTime<Utc>,
) -> CoreResult<Vec<LastValue<f64>>> {
    // Every read here is answered from an index carrying the patient (migration 8's report
    // indexes); the last HbA1c comes back as "collected_at<TAB>percent" from the HbA1c index
    // instead of a join back to the result row.
    let sql = format!(
        "WITH diabetic AS (
             SELECT patient_id FROM problems
              WHERE code >= 'E10' AND code < 'E14' AND status = 'active'
                AND entered_in_error_at IS NULL
             UNION
             SELECT d.patient_id FROM visit_diagnoses d
              WHERE d.code >= 'E10' AND d.code < 'E14' AND d.entered_in_error_at IS NULL
                AND d.visit_id NOT IN {VISITS_IN_ERROR}
             UNION
             SELECT r.patient_id FROM lab_results r INDEXED BY lab_results_hba1c
              WHERE {A1C_CURRENT} AND ({A1C_PERCENT}) >= 6.5)
         SELECT {PATIENT_COLUMNS},
                (SELECT r.collected_at || char(9) || ({A1C_PERCENT})
                   FROM lab_results r INDEXED BY lab_results_hba1c
                  WHERE r.patient_id = p.id AND r.loinc = '4548-4' AND r.collected_at >= ?3
                    AND {A1C_CURRENT} AND ({A1C_PERCENT}) IS NOT NULL
                  ORDER BY r.collected_at DESC LIMIT 1)
           FROM diabetic JOIN patients p ON p.id = diabetic.patient_id
          WHERE p.status = 'active' AND p.date_of_birth >= ?1 AND p.date_of_birth <= ?2
          ORDER BY p.family_fold, p.given_fold, p.mrn"
    );
    let mut stmt = conn.prepare(&sql)?;
    let raw = stmt
        .query_map(
            params![
                born.0.to_string(),
                born.1.to_string(),
                instant_to_sql(since)
            ],
            |r| Ok((raw_patient(r, 0)?, r.get::<_, Option<String>>(6)?)),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(p, last)| {
            let last = match last {
                Some(text) => {
                    let (at, pct) = text
                        .split_once('\t')
                        .ok_or_else(|| corrupt("HbA1c", &text))?;
                    let pct: f64 = pct.parse().map_err(|_| corrupt("HbA1c", &text))?;
                    Some((pct, instant_from_sql(at)?))
                }
                None => None,
            };
            Ok(LastValue {
                who: patient_line(p)?,
                last,
            })
        })
        .collect()
}

/// Active patients born in `born` (inclusive) with hypertension — an active problem or a visit
/// diagnosis I10–I16 — and their last blood pressure (systolic, diastolic) taken since `since`.
pub fn blood_pressure_control(
    conn: &Connection,
    born: (NaiveDate, NaiveDate),
    since: DateTime<Utc>,
) -> CoreResult<Vec<LastValue<(i64, i64)>>> {
    let sql = format!(
        "WITH hypertensive AS (
             SELECT patient_id FROM problems
              WHERE code >= 'I10' AND code < 'I17' AND status = 'active'
                AND entered_in_error_at IS NULL
             UNION
             SELECT d.patient_id FROM visit_diagnoses d
              WHERE d.code >= 'I10' AND d.code < 'I17' AND d.entered_in_error_at IS NULL
                AND d.visit_id NOT IN {VISITS_IN_ERROR})
         SELECT {PATIENT_COLUMNS}, last.taken_at, last.systolic, last.diastolic
           FROM hypertensive JOIN patients p ON p.id = hypertensive.patient_id
           LEFT JOIN vitals last ON last.id = (
                SELECT v.id FROM vitals v
                 WHERE v.patient_id = p.id AND v.taken_at >= ?3 AND v.systolic IS NOT NULL
                   AND v.entered_in_error_at IS NULL
                 ORDER BY v.taken_at DESC LIMIT 1)
          WHERE p.status = 'active' AND p.date_of_birth >= ?1 AND p.date_of_birth <= ?2
          ORDER BY p.family_fold, p.given_fold, p.mrn"
    );
    let rows = last_values::<i64>(
        conn,
        &sql,
        params![
            born.0.to_string(),
            born.1.to_string(),
            instant_to_sql(since)
        ],
        2,
    )?;
    Ok(rows
        .into_iter()
        .map(|row| LastValue {
            who: row.who,
            last: row.last.and_then(|(v, at)| match v.as_slice() {
                [s, d] => Some(((*s, *d), at)),
                _ => None,
            }),
        })
        .collect())
}

/// A patient and the vaccine doses on record (given here or historical; not refusals, not
/// entered in error): (CVX, date), oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct DosesOnRecord {
    pub who: PatientLine,
    pub doses: Vec<(String, NaiveDate)>,
}

/// Every active patient born in `born` (inclusive), with their doses.
pub fn doses_by_birth(
    conn: &Connection,
    born: (NaiveDate, NaiveDate),
) -> CoreResult<Vec<DosesOnRecord>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PATIENT_COLUMNS}, i.cvx, i.given_on
           FROM patients p
           LEFT JOIN immunizations i ON i.patient_id = p.id AND i.kind IN ('given', 'historical')
                AND i.entered_in_error_at IS NULL
          WHERE p.status = 'active' AND p.date_of_birth >= ?1 AND p.date_of_birth <= ?2
          ORDER BY p.family_fold, p.given_fold, p.mrn, p.id, i.given_on"
    ))?;
    let raw = stmt
        .query_map(params![born.0.to_string(), born.1.to_string()], |r| {
            Ok((
                raw_patient(r, 0)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out: Vec<DosesOnRecord> = Vec::new();
    for (p, cvx, on) in raw {
        if out
            .last()
            .is_none_or(|last| last.who.patient.to_string() != p.0)
        {
            out.push(DosesOnRecord {
                who: patient_line(p)?,
                doses: Vec::new(),
            });
        }
        if let (Some(cvx), Some(on), Some(last)) = (cvx, on, out.last_mut()) {
            last.doses.push((cvx, date_from_sql(&on)?));
        }
    }
    Ok(out)
}

/// How many active patients were born on or before `born_by`, and how many of them have a
/// dose of one of `cvx` on or after `since`.
pub fn dose_coverage(
    conn: &Connection,
    born_by: NaiveDate,
    cvx: &[&str],
    since: NaiveDate,
) -> CoreResult<(u32, u32)> {
    let eligible: u32 = conn.query_row(
        "SELECT count(*) FROM patients WHERE status = 'active' AND date_of_birth <= ?1",
        [born_by.to_string()],
        |r| r.get(0),
    )?;
    let marks = vec!["?"; cvx.len()].join(", ");
    let sql = format!(
        "SELECT count(DISTINCT i.patient_id) FROM immunizations i
           JOIN patients p ON p.id = i.patient_id
          WHERE i.cvx IN ({marks}) AND i.given_on >= ? AND i.kind IN ('given', 'historical')
            AND i.entered_in_error_at IS NULL AND p.status = 'active' AND p.date_of_birth <= ?"
    );
    let mut values: Vec<String> = cvx.iter().map(|c| c.to_string()).collect();
    values.push(since.to_string());
    values.push(born_by.to_string());
    let covered: u32 = conn.query_row(&sql, params_from_iter(values), |r| r.get(0))?;
    Ok((eligible, covered))
}

/// Per provider and month: (provider, name, month index, count, no-shows).
#[derive(Debug, Clone, PartialEq)]
pub struct MonthCount {
    pub provider: UserId,
    pub provider_name: String,
    pub month: usize,
    pub count: u32,
    pub no_shows: u32,
}

fn month_values(months: &[(DateTime<Utc>, DateTime<Utc>)]) -> (String, Vec<String>) {
    let rows: Vec<String> = (0..months.len())
        .map(|i| format!("({i}, ?{}, ?{})", 2 * i + 1, 2 * i + 2))
        .collect();
    let values = months
        .iter()
        .flat_map(|(lo, hi)| [instant_to_sql(*lo), instant_to_sql(*hi)])
        .collect();
    (rows.join(", "), values)
}

fn month_counts(conn: &Connection, sql: &str, values: Vec<String>) -> CoreResult<Vec<MonthCount>> {
    let mut stmt = conn.prepare(sql)?;
    let raw = stmt
        .query_map(params_from_iter(values), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, u32>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(id, provider_name, month, count, no_shows)| {
            Ok(MonthCount {
                provider: UserId::parse(&id).ok_or_else(|| corrupt("user id", &id))?,
                provider_name,
                month: usize::try_from(month).map_err(|_| corrupt("month", &id))?,
                count,
                no_shows,
            })
        })
        .collect()
}

/// Visits (not entered in error) per provider in each `[from, to)` month.
pub fn visits_per_month(
    conn: &Connection,
    months: &[(DateTime<Utc>, DateTime<Utc>)],
) -> CoreResult<Vec<MonthCount>> {
    let (rows, values) = month_values(months);
    let sql = format!(
        "WITH months(i, lo, hi) AS (VALUES {rows})
         SELECT v.provider_id, u.display_name, m.i, count(*), 0
           FROM months m
           JOIN visits v ON v.started_at >= m.lo AND v.started_at < m.hi
           JOIN users u ON u.id = v.provider_id
          WHERE v.entered_in_error_at IS NULL
          GROUP BY v.provider_id, m.i
          ORDER BY u.display_name, v.provider_id, m.i"
    );
    month_counts(conn, &sql, values)
}

/// Appointments that were due to happen (not cancelled) per provider in each `[from, to)`
/// month, with how many were no-shows.
pub fn appointments_per_month(
    conn: &Connection,
    months: &[(DateTime<Utc>, DateTime<Utc>)],
) -> CoreResult<Vec<MonthCount>> {
    let (rows, values) = month_values(months);
    let sql = format!(
        "WITH months(i, lo, hi) AS (VALUES {rows})
         SELECT a.provider_id, u.display_name, m.i, count(*), sum(a.status = 'noShow')
           FROM months m
           JOIN appointments a ON a.starts_at >= m.lo AND a.starts_at < m.hi
           JOIN users u ON u.id = a.provider_id
          WHERE a.status <> 'cancelled'
          GROUP BY a.provider_id, m.i
          ORDER BY u.display_name, a.provider_id, m.i"
    );
    month_counts(conn, &sql, values)
}

/// Patients with a no-show starting in `[from, to)`: how many, and the last one's start.
pub fn no_show_patients(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CoreResult<Vec<(PatientLine, u32, DateTime<Utc>)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PATIENT_COLUMNS}, count(*), max(a.starts_at)
           FROM appointments a JOIN patients p ON p.id = a.patient_id
          WHERE a.status = 'noShow' AND a.starts_at >= ?1 AND a.starts_at < ?2
          GROUP BY p.id
          ORDER BY count(*) DESC, p.family_fold, p.given_fold, p.mrn"
    ))?;
    let raw = stmt
        .query_map(params![instant_to_sql(from), instant_to_sql(to)], |r| {
            Ok((
                raw_patient(r, 0)?,
                r.get::<_, u32>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(p, n, last)| Ok((patient_line(p)?, n, instant_from_sql(&last)?)))
        .collect()
}

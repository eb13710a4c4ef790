//! The Results tab's reads, each audited: the patient's reports with their results, the
//! results table (tests × collection dates) and one test's trend.

use super::catalogue;
use super::ops::patient_of;
use super::report::{is_computed, present_report, LabReport};
use super::LabFlag;
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::error::CoreResult;
use crate::ids::{LabResultId, PatientId};
use crate::permissions::Operation;
use crate::practice::practice_zone;
use crate::store;
use crate::store::lab_results::StoredResult;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// One point of a trend: a result's value in the test's canonical unit.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    pub result_id: LabResultId,
    #[ts(type = "string")]
    pub collected_at: DateTime<Utc>,
    pub value: f64,
    pub flag: LabFlag,
    /// Charta computed it (the eGFR from a creatinine).
    pub computed: bool,
}

/// One test's values over time for one patient, oldest first: results entered in error are
/// left out and a corrected result is replaced by its correction.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabTrend {
    pub loinc: String,
    pub name: String,
    pub unit: Option<String>,
    pub points: Vec<TrendPoint>,
    /// The reference range for the patient today (canonical unit), for the plot's band.
    pub ref_low: Option<f64>,
    pub ref_high: Option<f64>,
    pub decimals: u8,
}

/// One cell of the results table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabTableCell {
    pub result_id: LabResultId,
    /// The value as shown: canonical unit with the test's decimals, else as reported.
    pub display: String,
    pub flag: LabFlag,
    pub computed: bool,
}

/// One test's row: a cell per column (none: not done that day).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabTableRow {
    pub loinc: String,
    pub short_name: String,
    pub unit: Option<String>,
    pub cells: Vec<Option<LabTableCell>>,
}

/// The patient's standing results as a grid: columns are collection instants, newest first;
/// rows are tests in catalogue order (tests the catalogue does not know last).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabResultsTable {
    #[ts(type = "string[]")]
    pub columns: Vec<DateTime<Utc>>,
    pub rows: Vec<LabTableRow>,
}

/// A result still standing: not in error, not superseded by a correction that stands.
fn standing(r: &StoredResult) -> bool {
    r.entered_in_error.is_none() && r.superseded_by.is_none()
}

pub(crate) fn display(r: &StoredResult) -> String {
    let decimals = catalogue::test(&r.loinc).map_or(2, |t| usize::from(t.decimals));
    match (r.canonical_value, &r.value) {
        (Some(v), _) => format!("{v:.decimals$}"),
        (None, super::LabValue::Number(n)) => format!("{n} {}", r.unit.as_deref().unwrap_or(""))
            .trim()
            .to_string(),
        (None, super::LabValue::Text(t)) => t.clone(),
    }
}

impl AsUser<'_> {
    /// The patient's lab reports, newest collected first, each with its results (those
    /// entered in error and superseded ones included, marked). `ViewClinical`; audited
    /// `view_lab_reports`.
    pub fn lab_reports(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<LabReport>> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_lab_reports", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let reports = store::lab_results::reports(tx, patient)?;
            let results = store::lab_results::results_of_patient(tx, patient)?;
            let event = actor
                .event(now, "view_lab_reports", Outcome::Ok)
                .entity("patient", patient)
                .patient(patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(reports
                .iter()
                .map(|r| present_report(r, &results))
                .collect())
        })
    }

    /// The patient's standing results as a tests × dates grid (`ViewClinical`; audited
    /// `view_lab_reports`).
    pub fn lab_results_table(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<LabResultsTable> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_lab_reports", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let errored: Vec<_> = store::lab_results::reports(tx, patient)?
                .into_iter()
                .filter(|r| r.entered_in_error.is_some())
                .map(|r| r.id)
                .collect();
            let results: Vec<StoredResult> = store::lab_results::results_of_patient(tx, patient)?
                .into_iter()
                .filter(|r| standing(r) && !errored.contains(&r.report))
                .collect();
            let mut columns: Vec<DateTime<Utc>> = results.iter().map(|r| r.collected_at).collect();
            columns.sort_by(|a, b| b.cmp(a));
            columns.dedup();
            let mut codes: Vec<&str> = results.iter().map(|r| r.loinc.as_str()).collect();
            let order = |code: &str| {
                catalogue::tests()
                    .iter()
                    .position(|t| t.loinc == code)
                    .unwrap_or(usize::MAX)
            };
            codes.sort_by_key(|c| (order(c), c.to_string()));
            codes.dedup();
            let rows = codes
                .iter()
                .map(|code| {
                    let test = catalogue::test(code);
                    let mine: Vec<&StoredResult> =
                        results.iter().filter(|r| r.loinc == *code).collect();
                    LabTableRow {
                        loinc: code.to_string(),
                        short_name: test.map_or_else(
                            || mine.first().map_or_else(String::new, |r| r.name.clone()),
                            |t| t.short_name.clone(),
                        ),
                        unit: test.and_then(|t| t.canonical_unit.clone()),
                        cells: columns
                            .iter()
                            .map(|at| {
                                mine.iter().rev().find(|r| r.collected_at == *at).map(|r| {
                                    LabTableCell {
                                        result_id: r.id,
                                        display: display(r),
                                        flag: r.flag,
                                        computed: is_computed(&r.loinc, r.comment.as_deref()),
                                    }
                                })
                            })
                            .collect(),
                    }
                })
                .collect();
            let event = actor
                .event(now, "view_lab_reports", Outcome::Ok)
                .entity("patient", patient)
                .patient(patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(LabResultsTable { columns, rows })
        })
    }

    /// One test's trend for the patient (`ViewClinical`; audited `view_lab_trend`).
    pub fn lab_trend(
        &mut self,
        patient: PatientId,
        loinc: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<LabTrend> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_lab_trend", patient, now)?;
        let tz = practice_zone(self.db)?;
        let actor = self.actor;
        let loinc = loinc.trim();
        self.db.write_relaxed(|tx| {
            let who = patient_of(tx, patient)?;
            let points = store::lab_results::trend(tx, patient, loinc)?;
            let test = catalogue::test(loinc);
            let today = now.with_timezone(&tz).date_naive();
            let range =
                test.and_then(|t| catalogue::range_for(t, who.sex, Some(who.age_days(today))));
            let event = actor
                .event(now, "view_lab_trend", Outcome::Ok)
                .entity("patient", patient)
                .patient(patient)
                .emergency(access == Access::Emergency)
                .detail(loinc);
            audit::append(tx, &event)?;
            Ok(LabTrend {
                loinc: loinc.to_string(),
                name: test.map_or_else(|| loinc.to_string(), |t| t.short_name.clone()),
                unit: test.and_then(|t| t.canonical_unit.clone()),
                points: points
                    .into_iter()
                    .map(|p| TrendPoint {
                        result_id: p.id,
                        collected_at: p.collected_at,
                        value: p.value,
                        flag: p.flag,
                        computed: is_computed(loinc, p.comment.as_deref()),
                    })
                    .collect(),
                ref_low: range.and_then(|r| r.low),
                ref_high: range.and_then(|r| r.high),
                decimals: test.map_or(2, |t| t.decimals),
            })
        })
    }
}

/// The patient's latest eGFR within a year of `today` for the prescribing checks: a reported
/// or computed eGFR result, or one computed from a creatinine (CKD-EPI 2021), whichever was
/// collected last.
pub(crate) fn latest_egfr(
    conn: &rusqlite::Connection,
    patient: PatientId,
    today: chrono::NaiveDate,
) -> CoreResult<Option<f64>> {
    let since = (today - chrono::Duration::days(365))
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc());
    let Some(since) = since else {
        return Ok(None);
    };
    let reported = store::lab_results::latest_value(conn, patient, catalogue::EGFR_CODES, since)?;
    let creatinine =
        store::lab_results::latest_value(conn, patient, &[catalogue::CREATININE_LOINC], since)?;
    let computed = match (
        creatinine,
        store::lab_results::patient_facts(conn, patient)?,
    ) {
        (Some((at, scr)), Some((born, Some(sex)))) => {
            let who = super::validate::Patient {
                born,
                sex: Some(sex),
            };
            u32::try_from(who.age_years(at.date_naive()))
                .ok()
                .and_then(|age| super::egfr::ckd_epi_2021(scr, age, sex))
                .map(|v| (at, v))
        }
        _ => None,
    };
    Ok(match (reported, computed) {
        (Some(r), Some(c)) => Some(if c.0 > r.0 { c.1 } else { r.1 }),
        (r, c) => r.or(c).map(|(_, v)| v),
    })
}

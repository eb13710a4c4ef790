//! The clinical reports: reminder registries, diabetes control (CMS122v12), blood-pressure
//! control (CMS165v12) and immunization coverage by age band. Each is computed from one or
//! a few whole-practice reads (`store::reports`), never a read per patient.

use super::coverage::{self, Requirement, ADOLESCENT, CHILD, OLDER_ADULT};
use super::period::{born_aged, flu_season_start, months_before, twelve_months_from};
use super::{
    percent, ChartSeries, ChartStyle, PracticeReport, ReportChart, ReportKind, ReportPatient,
};
use crate::error::CoreResult;
use crate::reminders::{self, ReminderStatus};
use crate::store;
use crate::store::reports::{DosesOnRecord, PatientLine};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

/// The reminder rules the reports offer, (rule id, title), from the reminders' own rule table
/// (`assets/preventive-care/rules.tsv`); none when the table cannot be read.
pub fn reminder_rules() -> Vec<(&'static str, &'static str)> {
    crate::reminders::rules::rules()
        .map(|rules| {
            rules
                .iter()
                .map(|r| (r.id.as_str(), r.title.as_str()))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn listed(who: &PatientLine, values: Vec<String>) -> ReportPatient {
    ReportPatient {
        patient: who.patient,
        name: if who.restricted {
            "Restricted chart".into()
        } else {
            format!("{}, {}", who.family_name, who.given_name)
        },
        date_of_birth: (!who.restricted).then_some(who.date_of_birth),
        mrn: who.mrn,
        restricted: who.restricted,
        values,
    }
}

pub(super) fn local_date(zone: Tz, at: DateTime<Utc>) -> String {
    at.with_timezone(&zone).date_naive().to_string()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn bars(labels: &[&str], name: &str, values: &[u32], unit: &str) -> ReportChart {
    ReportChart {
        style: ChartStyle::Bars,
        labels: labels.iter().map(|l| l.to_string()).collect(),
        series: vec![ChartSeries {
            name: name.into(),
            values: values.iter().map(|v| f64::from(*v)).collect(),
        }],
        unit: unit.into(),
    }
}

/// An empty report of `kind`, for the builders to fill.
pub(super) fn blank(kind: ReportKind, title: &str, today: NaiveDate) -> PracticeReport {
    PracticeReport {
        title: title.into(),
        columns: Vec::new(),
        rows: Vec::new(),
        patient_count: 0,
        kind,
        definition: String::new(),
        source: String::new(),
        numerator: None,
        as_of: today,
        chart: ReportChart {
            style: ChartStyle::Bars,
            labels: Vec::new(),
            series: Vec::new(),
            unit: String::new(),
        },
        more_tables: Vec::new(),
        patient_list_title: String::new(),
        patient_columns: Vec::new(),
        patients: Vec::new(),
    }
}

fn status_label(status: ReminderStatus) -> &'static str {
    match status {
        ReminderStatus::Overdue => "Overdue",
        ReminderStatus::Due => "Due",
        ReminderStatus::UpToDate => "Up to date",
        ReminderStatus::DoneElsewhere => "Done elsewhere",
        ReminderStatus::Declined => "Declined",
        ReminderStatus::NotApplicable => "Not applicable",
    }
}

/// Patients due or overdue for `rule` (its registry), or with an empty rule the count for
/// every rule.
pub fn reminders_due(
    conn: &Connection,
    rule: &str,
    today: NaiveDate,
) -> CoreResult<PracticeReport> {
    let kind = ReportKind::RemindersDue { rule: rule.into() };
    let source =
        "USPSTF A and B recommendations (the reminders' rule table, assets/preventive-care/)";
    let known = reminder_rules();
    let rules: Vec<(&str, &str)> = if rule.is_empty() {
        known
    } else {
        let title = known
            .iter()
            .find(|(id, _)| *id == rule)
            .map_or(rule, |(_, t)| *t);
        vec![(rule, title)]
    };
    let title = if rule.is_empty() {
        "Reminders due".to_string()
    } else {
        format!("Due for {}", super::in_sentence(rules[0].1))
    };
    let mut report = blank(kind, &title, today);
    report.source = source.into();
    report.columns = vec![
        "Reminder".into(),
        "Due".into(),
        "Overdue".into(),
        "Total".into(),
    ];
    let mut due_counts = Vec::new();
    let mut overdue_counts = Vec::new();
    let mut registry = Vec::new();
    for (id, rule_title) in &rules {
        let rows = reminders::due_registry_listed(conn, id, today)?;
        let overdue = count(
            rows.iter()
                .filter(|(r, _)| r.status == ReminderStatus::Overdue)
                .count(),
        );
        let due = count(rows.len()) - overdue;
        report.rows.push(vec![
            rule_title.to_string(),
            due.to_string(),
            overdue.to_string(),
            (due + overdue).to_string(),
        ]);
        due_counts.push(f64::from(due));
        overdue_counts.push(f64::from(overdue));
        report.patient_count += due + overdue;
        registry = rows;
    }
    report.chart = ReportChart {
        style: ChartStyle::Bars,
        labels: rules.iter().map(|(_, t)| t.to_string()).collect(),
        series: vec![
            ChartSeries {
                name: "Due".into(),
                values: due_counts,
            },
            ChartSeries {
                name: "Overdue".into(),
                values: overdue_counts,
            },
        ],
        unit: "patients".into(),
    };
    if rule.is_empty() {
        report.definition = format!(
            "Active patients each preventive-care rule applies to who are due or overdue on {today} \
             (not up to date, not done elsewhere, declined or not applicable). Choose a rule to list its patients."
        );
        return Ok(report);
    }
    report.definition = format!(
        "Active patients the rule \"{}\" applies to (by age, sex, problems and histories) who are due or \
         overdue on {today}: nothing on record satisfies it within its interval (a lab, procedure, \
         immunization or outside result) and no decision (done elsewhere, declined, not applicable) stands.",
        rules[0].1
    );
    report.patient_list_title = "Patients due or overdue".into();
    report.patient_columns = vec!["Status".into(), "Due since".into()];
    report.patients = registry
        .iter()
        .map(|(row, line)| {
            listed(
                line,
                vec![
                    status_label(row.status).into(),
                    row.due_on.map(|d| d.to_string()).unwrap_or_default(),
                ],
            )
        })
        .collect();
    Ok(report)
}

/// CMS122v12: diabetics aged 18–75 whose last HbA1c in the 12 months is > 9 %, or who have none.
pub fn diabetes_control(
    conn: &Connection,
    zone: Tz,
    today: NaiveDate,
) -> CoreResult<PracticeReport> {
    let since = twelve_months_from(zone, today);
    let rows = store::reports::diabetes_control(conn, born_aged(today, 18, 75), since)?;
    let mut report = blank(
        ReportKind::DiabetesControl,
        "Diabetes: HbA1c poor control (> 9 %)",
        today,
    );
    report.source = "CMS122v12 — Diabetes: Hemoglobin A1c (HbA1c) Poor Control (> 9 %), eCQM (eCQI Resource Center)".into();
    report.definition = format!(
        "Denominator: active patients aged 18–75 on {today} with diabetes — an active problem or a visit \
         diagnosis coded ICD-10-CM E10–E13, or any HbA1c of 6.5 % or more. Numerator (poor control; a \
         lower rate is better): the most recent HbA1c (LOINC 4548-4, in NGSP %; mmol/mol converted) \
         collected from {} to {today} is above 9.0 %, or there is none. Results entered in error or \
         superseded by a correction do not count. Not applied: CMS122's hospice, palliative-care, \
         frailty and advanced-illness exclusions and its qualifying-visit requirement.",
        local_date(zone, since)
    );
    let labels = [
        "Below 7 %",
        "7–8 %",
        "8–9 %",
        "Above 9 %",
        "None in 12 months",
    ];
    let mut buckets = [0u32; 5];
    let mut poor = Vec::new();
    for row in &rows {
        let bucket = match row.last {
            Some((v, _)) if v < 7.0 => 0,
            Some((v, _)) if v < 8.0 => 1,
            Some((v, _)) if v <= 9.0 => 2,
            Some(_) => 3,
            None => 4,
        };
        buckets[bucket] += 1;
        if bucket >= 3 {
            let values = match row.last {
                Some((v, at)) => vec![format!("{v:.1} %"), local_date(zone, at)],
                None => vec!["none in 12 months".into(), String::new()],
            };
            poor.push(listed(&row.who, values));
        }
    }
    let denominator = count(rows.len());
    let numerator = buckets[3] + buckets[4];
    report.patient_count = denominator;
    report.numerator = Some(numerator);
    report.columns = vec!["Last HbA1c".into(), "Patients".into(), "Share".into()];
    report.rows = labels
        .iter()
        .zip(buckets.iter())
        .map(|(l, n)| vec![l.to_string(), n.to_string(), percent(*n, denominator)])
        .collect();
    report.rows.push(vec![
        "Poor control (numerator)".into(),
        numerator.to_string(),
        percent(numerator, denominator),
    ]);
    report.rows.push(vec![
        "Patients with diabetes (denominator)".into(),
        denominator.to_string(),
        String::new(),
    ]);
    report.chart = bars(&labels, "Patients", &buckets, "patients");
    report.patient_list_title = "Poor control: HbA1c above 9 % or none in 12 months".into();
    report.patient_columns = vec!["Last HbA1c".into(), "Collected".into()];
    report.patients = poor;
    Ok(report)
}

/// CMS165v12: hypertensives aged 18–85 whose last blood pressure in the 12 months is < 140/90.
pub fn blood_pressure_control(
    conn: &Connection,
    zone: Tz,
    today: NaiveDate,
) -> CoreResult<PracticeReport> {
    let since = twelve_months_from(zone, today);
    let rows = store::reports::blood_pressure_control(conn, born_aged(today, 18, 85), since)?;
    let mut report = blank(
        ReportKind::BloodPressureControl,
        "Controlling high blood pressure (< 140/90)",
        today,
    );
    report.source =
        "CMS165v12 — Controlling High Blood Pressure, eCQM (eCQI Resource Center)".into();
    report.definition = format!(
        "Denominator: active patients aged 18–85 on {today} with hypertension — an active problem or a \
         visit diagnosis coded ICD-10-CM I10–I16. Numerator (controlled; a higher rate is better): the \
         most recent blood pressure taken from {} to {today} is below 140 systolic and below 90 \
         diastolic. No reading in the period counts as not controlled. Readings entered in error do \
         not count. Not applied: CMS165's exclusions (end-stage renal disease, pregnancy, hospice, \
         frailty) and its lowest-reading-of-the-day rule.",
        local_date(zone, since)
    );
    let mut groups: [Vec<ReportPatient>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for row in &rows {
        let (group, values) = match row.last {
            Some(((s, d), at)) if s < 140 && d < 90 => (
                2,
                vec![
                    "Controlled".into(),
                    format!("{s}/{d}"),
                    local_date(zone, at),
                ],
            ),
            Some(((s, d), at)) => (
                0,
                vec![
                    "Not controlled".into(),
                    format!("{s}/{d}"),
                    local_date(zone, at),
                ],
            ),
            None => (
                1,
                vec![
                    "No reading in 12 months".into(),
                    String::new(),
                    String::new(),
                ],
            ),
        };
        groups[group].push(listed(&row.who, values));
    }
    let [high, none, controlled] = groups;
    let denominator = count(rows.len());
    let numerator = count(controlled.len());
    report.patient_count = denominator;
    report.numerator = Some(numerator);
    report.columns = vec![
        "Last blood pressure".into(),
        "Patients".into(),
        "Share".into(),
    ];
    let counts = [numerator, count(high.len()), count(none.len())];
    let labels = [
        "Below 140/90 (controlled)",
        "140/90 or above",
        "No reading in 12 months",
    ];
    report.rows = labels
        .iter()
        .zip(counts.iter())
        .map(|(l, n)| vec![l.to_string(), n.to_string(), percent(*n, denominator)])
        .collect();
    report.rows.push(vec![
        "Patients with hypertension (denominator)".into(),
        denominator.to_string(),
        String::new(),
    ]);
    report.chart = bars(&labels, "Patients", &counts, "patients");
    report.patient_list_title = "Patients with hypertension, not controlled first".into();
    report.patient_columns = vec!["Status".into(), "Last BP".into(), "Taken".into()];
    report.patients = high.into_iter().chain(none).chain(controlled).collect();
    Ok(report)
}

/// One band's rows (each antigen, then the combination) and its uncovered patients.
fn band(
    report: &mut PracticeReport,
    name: &str,
    measure: &str,
    patients: &[DosesOnRecord],
    requirements: &[Requirement],
    chart: &mut Vec<(String, f64)>,
) {
    let total = count(patients.len());
    for r in requirements {
        let covered = count(
            patients
                .iter()
                .filter(|p| coverage::doses_in_window(p, r) >= r.doses)
                .count(),
        );
        report.rows.push(vec![
            name.into(),
            format!("{} ≥ {}", r.group.label(), r.doses),
            total.to_string(),
            covered.to_string(),
            percent(covered, total),
        ]);
    }
    let mut complete = 0u32;
    for p in patients {
        let missing = coverage::missing(p, requirements);
        if missing.is_empty() {
            complete += 1;
        } else {
            report
                .patients
                .push(listed(&p.who, vec![name.into(), missing.join(", ")]));
        }
    }
    report.rows.push(vec![
        name.into(),
        measure.into(),
        total.to_string(),
        complete.to_string(),
        percent(complete, total),
    ]);
    let share = if total == 0 {
        0.0
    } else {
        f64::from(complete) * 100.0 / f64::from(total)
    };
    chart.push((format!("{name}: {measure}"), (share * 10.0).round() / 10.0));
    report.patient_count += total;
}

/// Coverage by age band: 2-year-olds, 13-year-olds, adults ≥ 65, and this season's influenza.
pub fn immunization_coverage(conn: &Connection, today: NaiveDate) -> CoreResult<PracticeReport> {
    let mut report = blank(
        ReportKind::ImmunizationCoverage,
        "Immunization coverage by age band",
        today,
    );
    report.source = "CMS117v12 Childhood Immunization Status (HEDIS CIS Combination 3: 4:3:1:3:3:1:4); \
        HEDIS IMA Immunizations for Adolescents; CMS127v12 Pneumococcal Vaccination Status for Older \
        Adults; HEDIS AIS-E (zoster); CMS147v13 influenza season"
        .into();
    let season = flu_season_start(today);
    report.definition = format!(
        "Doses given here or recorded as historical count (refusals and entries in error do not; two \
         doses of one antigen on the same day count once; combination vaccines count toward each of \
         their antigens). 2-year-olds (aged 2 on {today}): by the 2nd birthday DTaP ≥ 4, IPV ≥ 3, MMR ≥ 1 \
         and VAR ≥ 1 (both on or after the 1st birthday), Hib ≥ 3, HepB ≥ 3, PCV ≥ 4; the combination \
         is all seven. 13-year-olds (aged 13): by the 13th birthday Tdap ≥ 1 (from the 10th), MenACWY \
         ≥ 1 (from the 11th), HPV ≥ 2 (from the 9th). Adults 65 and older: any pneumococcal vaccine \
         from the 19th birthday; zoster ≥ 2 doses (or one live zoster vaccine) from the 50th. \
         Influenza: patients aged 6 months or more with a dose since {season} (the season starts 1 \
         August). Only active patients. The list shows each 2-, 13- and ≥ 65-year-old missing \
         something, with what is missing."
    );
    report.columns = vec![
        "Age band".into(),
        "Vaccine / series".into(),
        "Patients".into(),
        "Covered".into(),
        "Coverage".into(),
    ];
    let mut chart = Vec::new();
    let children = store::reports::doses_by_birth(conn, born_aged(today, 2, 2))?;
    band(
        &mut report,
        "2-year-olds",
        "all seven (combination)",
        &children,
        CHILD,
        &mut chart,
    );
    let teens = store::reports::doses_by_birth(conn, born_aged(today, 13, 13))?;
    band(
        &mut report,
        "13-year-olds",
        "all three",
        &teens,
        ADOLESCENT,
        &mut chart,
    );
    let older = store::reports::doses_by_birth(conn, born_aged(today, 65, 150))?;
    band(
        &mut report,
        "65 and older",
        "both",
        &older,
        OLDER_ADULT,
        &mut chart,
    );
    let flu_codes = coverage::codes_of(coverage::CvxGroup::Influenza);
    let (eligible, covered) =
        store::reports::dose_coverage(conn, months_before(today, 6), &flu_codes, season)?;
    report.rows.push(vec![
        "6 months and older".into(),
        format!("Influenza since {season}"),
        eligible.to_string(),
        covered.to_string(),
        percent(covered, eligible),
    ]);
    let share = if eligible == 0 {
        0.0
    } else {
        f64::from(covered) * 100.0 / f64::from(eligible)
    };
    chart.push((
        "Influenza this season".into(),
        (share * 10.0).round() / 10.0,
    ));
    report.chart = ReportChart {
        style: ChartStyle::Bars,
        labels: chart.iter().map(|(l, _)| l.clone()).collect(),
        series: vec![ChartSeries {
            name: "Coverage".into(),
            values: chart.iter().map(|(_, v)| *v).collect(),
        }],
        unit: "%".into(),
    };
    report.patient_list_title = "Patients missing a vaccine in their band".into();
    report.patient_columns = vec!["Band".into(), "Missing".into()];
    Ok(report)
}

//! The operational reports the front desk may run too: visits per provider per month and the
//! no-show rate. Counts and, for no-shows, who missed appointments — never a diagnosis or a
//! result.

use super::clinical::{blank, listed, local_date};
use super::period::last_twelve_months;
use super::{
    percent, ChartSeries, ChartStyle, PracticeReport, ReportChart, ReportKind, ReportTable,
};
use crate::error::CoreResult;
use crate::ids::UserId;
use crate::store;
use crate::store::reports::MonthCount;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

/// Each provider's counts per month: (provider, name, [count; months], [no-shows; months]).
type PerProvider = Vec<(UserId, String, Vec<u32>, Vec<u32>)>;

fn per_provider(counts: &[MonthCount], months: usize) -> PerProvider {
    let mut out: PerProvider = Vec::new();
    for c in counts {
        if out.last().is_none_or(|(id, ..)| *id != c.provider) {
            out.push((
                c.provider,
                c.provider_name.clone(),
                vec![0; months],
                vec![0; months],
            ));
        }
        if let Some((_, _, n, missed)) = out.last_mut() {
            if c.month < months {
                n[c.month] += c.count;
                missed[c.month] += c.no_shows;
            }
        }
    }
    out
}

/// Visits (not entered in error) per provider in each of the 12 calendar months ending with
/// this one.
pub fn visits_per_provider(
    conn: &Connection,
    zone: Tz,
    today: NaiveDate,
) -> CoreResult<PracticeReport> {
    let months = last_twelve_months(zone, today);
    let bounds: Vec<_> = months.iter().map(|(_, lo, hi)| (*lo, *hi)).collect();
    let providers = per_provider(
        &store::reports::visits_per_month(conn, &bounds)?,
        months.len(),
    );
    let mut report = blank(
        ReportKind::VisitsPerProvider,
        "Visits per provider per month",
        today,
    );
    report.definition = format!(
        "Chart visits (office, telephone and home; signed or not; not those entered in error) by the \
         provider they were recorded for, by the calendar month (in the practice's time zone) they \
         started, over the 12 months {} to {}.",
        months.first().map_or(String::new(), |m| m.0.clone()),
        months.last().map_or(String::new(), |m| m.0.clone()),
    );
    report.columns = std::iter::once("Provider".to_string())
        .chain(months.iter().map(|m| m.0.clone()))
        .chain(std::iter::once("Total".to_string()))
        .collect();
    let mut totals = vec![0u32; months.len()];
    for (_, name, n, _) in &providers {
        let mut row = vec![name.clone()];
        row.extend(n.iter().map(|v| v.to_string()));
        row.push(n.iter().sum::<u32>().to_string());
        report.rows.push(row);
        for (t, v) in totals.iter_mut().zip(n) {
            *t += v;
        }
    }
    let mut row = vec!["All providers".to_string()];
    row.extend(totals.iter().map(|v| v.to_string()));
    row.push(totals.iter().sum::<u32>().to_string());
    report.rows.push(row);
    report.patient_count = totals.iter().sum();
    report.chart = ReportChart {
        style: ChartStyle::Lines,
        labels: months.iter().map(|m| m.0.clone()).collect(),
        series: providers
            .iter()
            .map(|(_, name, n, _)| ChartSeries {
                name: name.clone(),
                values: n.iter().map(|v| f64::from(*v)).collect(),
            })
            .collect(),
        unit: "visits".into(),
    };
    Ok(report)
}

/// No-shows over appointments that were due to happen, per month and per provider.
pub fn no_show_rate(
    conn: &Connection,
    zone: Tz,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> CoreResult<PracticeReport> {
    // Only appointments already due: a booking later today or next week is no one's no-show yet.
    let months: Vec<_> = last_twelve_months(zone, today)
        .into_iter()
        .map(|(label, lo, hi)| (label, lo, hi.min(now)))
        .collect();
    let bounds: Vec<_> = months.iter().map(|(_, lo, hi)| (*lo, *hi)).collect();
    let providers = per_provider(
        &store::reports::appointments_per_month(conn, &bounds)?,
        months.len(),
    );
    let mut report = blank(ReportKind::NoShowRate, "No-show rate", today);
    report.definition = format!(
        "No-shows (appointments marked \"no show\") over booked appointments (every status except \
         cancelled) that started from {} up to now, by the calendar month (practice time zone) they \
         started and by provider. Cancellations are left out of both counts; appointments still to \
         come are not counted.",
        months.first().map_or(String::new(), |m| m.0.clone()),
    );
    report.columns = vec![
        "Month".into(),
        "Booked".into(),
        "No-shows".into(),
        "Rate".into(),
    ];
    let mut booked = vec![0u32; months.len()];
    let mut missed = vec![0u32; months.len()];
    for (_, _, n, m) in &providers {
        for i in 0..months.len() {
            booked[i] += n[i];
            missed[i] += m[i];
        }
    }
    for (i, (label, ..)) in months.iter().enumerate() {
        report.rows.push(vec![
            label.clone(),
            booked[i].to_string(),
            missed[i].to_string(),
            percent(missed[i], booked[i]),
        ]);
    }
    let (all_booked, all_missed) = (booked.iter().sum::<u32>(), missed.iter().sum::<u32>());
    report.rows.push(vec![
        "12 months".into(),
        all_booked.to_string(),
        all_missed.to_string(),
        percent(all_missed, all_booked),
    ]);
    report.numerator = Some(all_missed);
    report.more_tables.push(ReportTable {
        title: "By provider".into(),
        columns: vec![
            "Provider".into(),
            "Booked".into(),
            "No-shows".into(),
            "Rate".into(),
        ],
        rows: providers
            .iter()
            .map(|(_, name, n, m)| {
                let (b, x) = (n.iter().sum::<u32>(), m.iter().sum::<u32>());
                vec![name.clone(), b.to_string(), x.to_string(), percent(x, b)]
            })
            .collect(),
    });
    report.chart = ReportChart {
        style: ChartStyle::Lines,
        labels: months.iter().map(|m| m.0.clone()).collect(),
        series: vec![ChartSeries {
            name: "No-show rate".into(),
            values: booked
                .iter()
                .zip(&missed)
                .map(|(b, m)| {
                    if *b == 0 {
                        0.0
                    } else {
                        (f64::from(*m) * 1000.0 / f64::from(*b)).round() / 10.0
                    }
                })
                .collect(),
        }],
        unit: "%".into(),
    };
    let from = bounds.first().map_or(now, |b| b.0);
    let listed_patients = store::reports::no_show_patients(conn, from, now)?;
    report.patient_count = u32::try_from(listed_patients.len()).unwrap_or(u32::MAX);
    report.patient_list_title = "Patients who missed appointments".into();
    report.patient_columns = vec!["No-shows".into(), "Last no-show".into()];
    report.patients = listed_patients
        .iter()
        .map(|(who, n, last)| listed(who, vec![n.to_string(), local_date(zone, *last)]))
        .collect();
    Ok(report)
}

//! A read file turned into the reports Charta stores: each OBR one report, each OBX one
//! result judged by the catalogue when it knows the test, else kept as the lab sent it (code,
//! name, unit, range) with the lab's own flag mapped; a corrected result (OBX-11 C) supersedes
//! the current result of the same order and test.

use super::hl7::oru::{Observation, OruMessage};
use crate::error::CoreResult;
use crate::ids::{Hl7ImportId, LabReportId, LabResultId, PatientId, UserId};
use crate::labs::{
    catalogue, LabFlag, LabValue, NewLabReport, NewLabResult, ReportSource, ResultStatus,
};
use crate::patient::SexAtBirth;
use crate::store;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

/// An id derived from the import's id, so one call's many rows need one id passed in.
pub fn derived(import: Hl7ImportId, label: &str) -> u128 {
    let mut h = Sha256::new();
    h.update(import.as_u128().to_be_bytes());
    h.update(label.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    // Shape it like a v4 uuid so it reads as one.
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    u128::from_be_bytes(b)
}

/// The lab's OBX-8 flag as Charta's.
pub fn lab_flag(flag: Option<&str>) -> Option<LabFlag> {
    match flag?.trim() {
        "H" | ">" => Some(LabFlag::High),
        "L" | "<" => Some(LabFlag::Low),
        "HH" => Some(LabFlag::CriticalHigh),
        "LL" => Some(LabFlag::CriticalLow),
        "A" | "AA" => Some(LabFlag::Abnormal),
        "N" => Some(LabFlag::Normal),
        _ => None,
    }
}

fn range_flag(value: &LabValue, low: Option<f64>, high: Option<f64>) -> LabFlag {
    match value {
        LabValue::Number(v) => match (low, high) {
            (None, None) => LabFlag::None,
            (Some(l), _) if *v < l => LabFlag::Low,
            (_, Some(h)) if *v > h => LabFlag::High,
            _ => LabFlag::Normal,
        },
        LabValue::Text(_) => LabFlag::None,
    }
}

/// Who the results are judged for.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    pub patient: PatientId,
    pub sex: Option<SexAtBirth>,
    pub born: NaiveDate,
}

pub fn sex_from_sql(text: &str) -> Option<SexAtBirth> {
    match text {
        "female" => Some(SexAtBirth::Female),
        "male" => Some(SexAtBirth::Male),
        "intersex" => Some(SexAtBirth::Intersex),
        _ => None,
    }
}

fn judged(obs: &Observation, subject: Subject, collected: DateTime<Utc>) -> NewLabResultParts {
    let lab = lab_flag(obs.lab_flag.as_deref());
    let age_days = (collected.date_naive() - subject.born).num_days();
    let fallback = lab.unwrap_or_else(|| range_flag(&obs.value, obs.ref_low, obs.ref_high));
    match catalogue::test(&obs.code) {
        Some(test) => {
            let j = catalogue::judge(
                test,
                &obs.value,
                obs.unit.as_deref(),
                subject.sex,
                Some(age_days),
            );
            // The catalogue's judgement when it has one for this unit and patient; else the lab's.
            let flag = if j.flag == LabFlag::None {
                fallback
            } else {
                j.flag
            };
            NewLabResultParts {
                name: test.name.clone(),
                canonical_value: j.canonical_value,
                canonical_unit: j.canonical_unit,
                ref_low: j.ref_low.or(obs.ref_low),
                ref_high: j.ref_high.or(obs.ref_high),
                flag,
            }
        }
        None => NewLabResultParts {
            name: if obs.name.is_empty() {
                obs.code.clone()
            } else {
                obs.name.clone()
            },
            canonical_value: None,
            canonical_unit: None,
            ref_low: obs.ref_low,
            ref_high: obs.ref_high,
            flag: fallback,
        },
    }
}

struct NewLabResultParts {
    name: String,
    canonical_value: Option<f64>,
    canonical_unit: Option<String>,
    ref_low: Option<f64>,
    ref_high: Option<f64>,
    flag: LabFlag,
}

/// The reports of a file for this patient, each order given to its physician.
pub fn reports(
    conn: &Connection,
    message: &OruMessage,
    import: Hl7ImportId,
    subject: Subject,
    physicians: &[UserId],
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<Vec<NewLabReport>> {
    let mut out = Vec::with_capacity(message.orders.len());
    for (i, order) in message.orders.iter().enumerate() {
        let report_id = LabReportId::from_u128(derived(import, &format!("report-{i}")));
        let mut results = Vec::with_capacity(order.observations.len());
        for (j, obs) in order.observations.iter().enumerate() {
            let parts = judged(obs, subject, order.collected_at);
            let supersedes = match (&order.placer_order, obs.status) {
                (Some(placer), ResultStatus::Corrected) => {
                    store::hl7_imports::current_result_of_order(
                        conn,
                        subject.patient,
                        placer,
                        &obs.code,
                    )?
                }
                _ => None,
            };
            let mut comments = obs.comments.clone();
            if j == 0 && !order.comments.is_empty() {
                comments.insert(0, format!("Report note: {}", order.comments.join("\n")));
            }
            results.push(NewLabResult {
                id: LabResultId::from_u128(derived(import, &format!("result-{i}-{j}"))),
                loinc: obs.code.clone(),
                name: parts.name,
                value: obs.value.clone(),
                unit: obs.unit.clone(),
                canonical_value: parts.canonical_value,
                canonical_unit: parts.canonical_unit,
                ref_low: parts.ref_low,
                ref_high: parts.ref_high,
                ref_text: obs.ref_text.clone(),
                flag: parts.flag,
                lab_flag: obs.lab_flag.clone(),
                status: obs.status,
                comment: (!comments.is_empty()).then(|| comments.join("\n")),
                supersedes,
            });
        }
        out.push(NewLabReport {
            id: report_id,
            patient: subject.patient,
            source: ReportSource::Hl7,
            panel_code: order.panel_code.clone(),
            panel_name: order.panel_name.clone(),
            responsible: physicians.get(i).copied(),
            collected_at: order.collected_at,
            received_at: now,
            performing_lab: message.sending_facility.clone(),
            status: order.status,
            hl7_import: Some(import),
            placer_order: order.placer_order.clone(),
            entered_by: by,
            entered_at: now,
            results,
        });
    }
    Ok(out)
}

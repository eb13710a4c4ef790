//! Writes a planned list: each row, its history versions (drafted, signed, then superseded,
//! stopped or completed; reported, then stopped), the alerts it was signed with, the
//! reconciliation, and the benchmark patients' extra allergies.

use super::{Context, Ending, Plan, Staff};
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::store::chart_seed::{self, SeedAllergy};
use crate::store::medication_seed::{self as seed, SeedMedication};
use chrono::{DateTime, Duration, TimeZone, Utc};
use rusqlite::Connection;

/// What one transaction wrote.
#[derive(Debug, Default)]
pub(crate) struct Written {
    pub medications: u64,
    pub active: u64,
    pub drafts: u32,
    pub reconciliations: u32,
    pub listed: Vec<PatientId>,
    pub polypharmacy: Vec<PatientId>,
    pub checked: Vec<PatientId>,
}

fn json<T: serde::Serialize>(value: &T) -> CoreResult<String> {
    serde_json::to_string(value).map_err(|e| CoreError::Corrupt(format!("generated snapshot: {e}")))
}

/// The entry's fields at one version, as JSON.
fn snapshot(m: &SeedMedication, status: &str) -> CoreResult<String> {
    Ok(format!(
        r#"{{"status":{},"origin":{},"productCode":{},"name":{},"sig":{},"sigText":{},"quantity":{},"quantityUnit":{},"refills":{},"indication":{},"startDate":{},"endDate":{},"renews":{},"replaces":{}}}"#,
        json(&status)?,
        json(&m.origin)?,
        json(&m.product_code)?,
        json(&m.name)?,
        m.sig.as_deref().unwrap_or("null"),
        json(&m.sig_text)?,
        json(&m.quantity)?,
        json(&m.quantity_unit)?,
        m.refills,
        json(&m.indication)?,
        json(&m.start_date)?,
        json(&m.end_date)?,
        json(&m.renews)?,
        json(&m.replaces)?,
    ))
}

/// One history version: `(change, at, by, reason, status then)`.
type Version = (
    &'static str,
    DateTime<Utc>,
    String,
    Option<String>,
    &'static str,
);

/// Every version of a row.
fn versions(m: &SeedMedication, first_change: &'static str, ending: Ending) -> Vec<Version> {
    let mut out = Vec::with_capacity(3);
    if m.origin == "reported" {
        out.push((
            "reported",
            m.written_at,
            m.written_by.clone(),
            None,
            "active",
        ));
    } else {
        out.push((
            first_change,
            m.written_at,
            m.written_by.clone(),
            None,
            "draft",
        ));
        if let Some((at, by)) = &m.signed {
            out.push(("signed", *at, by.clone(), None, "active"));
        }
    }
    let signer = m.signed.as_ref().map_or(&m.written_by, |s| &s.1);
    match (ending, &m.ended) {
        (Ending::Superseded, Some(e)) => {
            out.push(("superseded", e.at, e.by.clone(), None, "superseded"))
        }
        (Ending::Stopped, Some(e)) => {
            out.push(("stopped", e.at, e.by.clone(), e.reason.clone(), "stopped"))
        }
        (Ending::Completed, _) => {
            let day = m.end_date.unwrap_or(m.written_at.date_naive()) + Duration::days(1);
            let at = Utc.from_utc_datetime(&day.and_hms_opt(6, 0, 0).unwrap_or_default());
            out.push(("completed", at, signer.clone(), None, "completed"));
        }
        _ => {}
    }
    out
}

impl Plan {
    pub fn write(
        mut self,
        tx: &Connection,
        ctx: &Context<'_>,
        staff: &Staff,
        written: &mut Written,
    ) -> CoreResult<()> {
        for row in &mut self.rows {
            let versions = versions(&row.med, row.first_change, row.ending);
            row.med.version = versions.len() as u32;
            seed::medication(tx, &row.med)?;
            for (n, (change, at, by, reason, status)) in versions.iter().enumerate() {
                let snap = snapshot(&row.med, status)?;
                seed::history(
                    tx,
                    &row.med.id,
                    n as u32 + 1,
                    change,
                    &snap,
                    *at,
                    by,
                    reason.as_deref(),
                )?;
            }
            written.medications += 1;
            match row.med.status {
                "active" => written.active += 1,
                "draft" => written.drafts += 1,
                _ => {}
            }
        }
        for alert in &self.alerts {
            seed::alert(tx, alert)?;
        }
        if let Some(r) = &self.reconciliation {
            seed::reconciliation(tx, &r.id, &ctx.pid, Some(&r.visit), r.at, &r.by, &r.items)?;
            written.reconciliations += 1;
        }
        if let (false, Some(first)) = (self.extra_allergies.is_empty(), ctx.visits.first()) {
            let at = first.started_at + Duration::minutes(6);
            crate::store::allergies::withdraw_statements(
                tx,
                ctx.patient.id,
                &[crate::store::allergies::NKDA, crate::store::allergies::NKA],
                staff.recorder_id,
                at,
            )?;
            for (id, (code, category, substance, reaction)) in &self.extra_allergies {
                chart_seed::allergy(
                    tx,
                    &SeedAllergy {
                        id: id.clone(),
                        patient: ctx.pid.clone(),
                        code: Some(code),
                        substance,
                        category,
                        reaction,
                        severity: "moderate",
                        criticality: "low",
                        at,
                        by: staff.recorder.clone(),
                    },
                )?;
            }
        }
        if !self.rows.is_empty() {
            written.listed.push(ctx.patient.id);
        }
        if self.polypharmacy {
            written.polypharmacy.push(ctx.patient.id);
        }
        if self.checked {
            written.checked.push(ctx.patient.id);
        }
        Ok(())
    }
}

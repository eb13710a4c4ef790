//! Generated medication lists for a charted synthetic practice: from each patient's generated
//! problems, visits and allergies, the prescriptions the practice's physicians wrote at those
//! visits (signed; long-term ones renewed about yearly in superseded chains, some changed or
//! stopped with a reason, acute courses completed), medications the patient reported
//! (coded over-the-counter products and uncoded free text), a few drafts waiting for a
//! prescriber, alerts overridden when some were signed, and reconciliations at some visits.
//! About 1–2 % of patients take 15 or more. Deterministic from the seed and the chart; written
//! in large transactions, one audit row each.

mod catalogue;
mod patient;
mod scenarios;
#[cfg(test)]
mod tests;

pub use scenarios::{DemoScenarios, PAULA_BRENNAN, WALTER_IBSEN};

use super::{ChartProviders, Rng};
use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::medications::Sig;
use crate::schedule::time::practice_zone;
use crate::store::chart_seed;
use crate::store::medication_seed as seed;
use catalogue::Regimen;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::rc::Rc;

/// Patients per transaction.
const BATCH: usize = 500;
/// Drafts waiting in the prescription queue, at most, however large the practice.
const MAX_DRAFTS: u32 = 40;

/// What [`ChartDb::add_generated_medications`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GeneratedMedications {
    pub patients: u32,
    /// Rows of `medications` (every prescription of a chain counts).
    pub medications: u64,
    /// Entries active at the end.
    pub active: u64,
    pub drafts: u32,
    pub reconciliations: u32,
    /// Patients with at least one entry, in chart-number order.
    pub listed: Vec<PatientId>,
    /// Patients with 15 or more active medications.
    pub polypharmacy: Vec<PatientId>,
    /// Patients with exactly 15 active medications and 5 active allergies (the
    /// `prescribe_checked` benchmark's patients).
    pub checked: Vec<PatientId>,
}

impl ChartDb {
    /// The patients with a medication list, read back from a practice generated earlier
    /// (charta-bench's `--reuse`); the rest of [`GeneratedMedications`] is left empty.
    pub fn kept_medication_lists(&self) -> CoreResult<GeneratedMedications> {
        let listed = self.read(seed::kept_listed)?;
        Ok(GeneratedMedications {
            listed: listed
                .iter()
                .filter_map(|id| PatientId::parse(id))
                .collect(),
            ..GeneratedMedications::default()
        })
    }
}

impl ChartDb {
    /// Gives every charted patient a generated medication list (see the module comment).
    /// Public like [`ChartDb::add_generated_charts`], for the demo and the benchmark; run it
    /// after the charting (it prescribes at the generated visits, for the generated problems,
    /// around the generated allergies). Refused once any medication exists, so generated
    /// prescriptions never mix into a real list. Audited `add_generated_medications`, one row
    /// per transaction.
    pub fn add_generated_medications(
        &mut self,
        seed: u64,
        providers: &ChartProviders,
        now: DateTime<Utc>,
    ) -> CoreResult<GeneratedMedications> {
        let staff = patient::Staff::new(providers)?;
        if self.read(seed::any_medication)? {
            return Err(CoreError::Forbidden(
                "Generated medications go only into a practice without medications".into(),
            ));
        }
        let zone = self.read(practice_zone)?;
        let patients = self.read(chart_seed::patients)?;
        let mut result = GeneratedMedications::default();
        let mut sigs = Sigs::default();
        let mut next_id: u128 = 0;
        for (batch_no, batch) in patients.chunks(BATCH).enumerate() {
            self.write(|tx| {
                let mut ids = patient::Ids(next_id);
                let mut written = patient::Written::default();
                for (i, p) in batch.iter().enumerate() {
                    let index = (batch_no * BATCH + i) as u64;
                    let mut rng = Rng::new(seed ^ index.wrapping_mul(0x9FB2_1C65_1E98_DF25));
                    let drafts_left = MAX_DRAFTS.saturating_sub(result.drafts + written.drafts);
                    let context = patient::Context::load(tx, p)?;
                    let plan = patient::Planner::new(
                        &mut rng, &context, &staff, &mut sigs, &mut ids, zone, now,
                    )
                    .plan(drafts_left > 0)?;
                    plan.write(tx, &context, &staff, &mut written)?;
                }
                let event =
                    AuditEvent::new(now, None, "setup", "add_generated_medications", Outcome::Ok)
                        .detail(format!(
                            "medication lists for {} synthetic patients: {} entries, {} active",
                            batch.len(),
                            written.medications,
                            written.active
                        ));
                crate::audit::append(tx, &event)?;
                next_id = ids.0;
                result.medications += written.medications;
                result.active += written.active;
                result.drafts += written.drafts;
                result.reconciliations += written.reconciliations;
                result.listed.extend(written.listed);
                result.polypharmacy.extend(written.polypharmacy);
                result.checked.extend(written.checked);
                Ok(())
            })?;
            result.patients += batch.len() as u32;
            self.checkpoint()?;
        }
        Ok(result)
    }
}

/// A regimen as written on every row that uses it: the resolved product, the sig as JSON and
/// its plain-language text. Made once per regimen per run.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub product: catalogue::Resolved,
    pub sig_json: String,
    pub sig_text: String,
    pub quantity_unit: String,
}

/// The prepared regimens, by the regimen's address (every regimen is a `static`).
#[derive(Debug, Default)]
pub(crate) struct Sigs(HashMap<usize, Rc<Prepared>>);

impl Sigs {
    pub fn get(&mut self, regimen: &'static Regimen) -> CoreResult<Rc<Prepared>> {
        let key = regimen as *const Regimen as usize;
        if let Some(p) = self.0.get(&key) {
            return Ok(Rc::clone(p));
        }
        let prepared = Rc::new(prepare(regimen)?);
        self.0.insert(key, Rc::clone(&prepared));
        Ok(prepared)
    }
}

fn prepare(regimen: &'static Regimen) -> CoreResult<Prepared> {
    let product = catalogue::product(regimen.product).ok_or_else(|| {
        CoreError::Corrupt(format!(
            "generator regimen names unknown product {}",
            regimen.product
        ))
    })?;
    let product = catalogue::resolve(product);
    let sig = Sig {
        dose: regimen.dose,
        dose_unit: product.dose_unit.clone(),
        route: product.route,
        frequency: regimen.frequency,
        prn: regimen.prn.is_some(),
        prn_indication: regimen.prn.map(|w| format!("for {w}")).unwrap_or_default(),
        duration_days: regimen.days,
        extra: regimen.extra.to_string(),
    };
    let sig_json = serde_json::to_string(&sig)
        .map_err(|e| CoreError::Corrupt(format!("generated sig: {e}")))?;
    let sig_text = crate::medications::sig::describe(&sig);
    let quantity_unit = if regimen.quantity_unit.is_empty() {
        product.dose_unit.clone()
    } else {
        regimen.quantity_unit.to_string()
    };
    Ok(Prepared {
        product,
        sig_json,
        sig_text,
        quantity_unit,
    })
}

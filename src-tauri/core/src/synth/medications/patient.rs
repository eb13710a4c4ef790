//! One patient's generated medication list: long-term therapies for the chart's problems
//! (renewed about yearly, some changed or stopped), courses for same-day problems, reported
//! medications, extra long-term ones for the few patients on 15 or more, a renewal draft now
//! and then, and a reconciliation at a recent visit. Everything is planned in memory, then
//! written by [`Plan::write`] (see `write.rs`).

use super::catalogue::{self as cat, Regimen};
use super::Sigs;
use crate::error::{CoreError, CoreResult};
use crate::ids::UserId;
use crate::store::chart_seed::SeedPatient;
use crate::store::medication_seed::{self as seed, ChartProblem, ChartVisit, SeedAlert};
use crate::synth::{ChartProviders, Rng};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

mod courses;
mod therapies;
mod write;

pub(super) use write::Written;

/// Who prescribes and who records.
pub(crate) struct Staff {
    pub physicians: Vec<String>,
    /// Records reported medications and drafts renewals: the nurse, else the first physician.
    pub recorder: String,
    pub recorder_id: UserId,
}

impl Staff {
    pub fn new(providers: &ChartProviders) -> CoreResult<Staff> {
        let first = *providers.physicians.first().ok_or_else(|| {
            CoreError::invalid("physicians", "Generated prescriptions need a physician")
        })?;
        let recorder_id = providers.nurse.unwrap_or(first);
        Ok(Staff {
            physicians: providers.physicians.iter().map(|u| u.to_string()).collect(),
            recorder: recorder_id.to_string(),
            recorder_id,
        })
    }
}

/// Sequential ids, so a generated practice is the same on every run.
pub(crate) struct Ids(pub u128);

const MEDICATION: u128 = 0x3ED1;
const RECONCILIATION: u128 = 0x4EC0;
pub(super) const ALLERGY: u128 = 0xA11F;

impl Ids {
    pub fn next(&mut self, kind: u128) -> String {
        self.0 += 1;
        uuid::Uuid::from_u128((kind << 112) | self.0).to_string()
    }
}

/// What the generator reads of one patient's chart.
pub(crate) struct Context<'a> {
    pub patient: &'a SeedPatient,
    pub pid: String,
    pub problems: Vec<ChartProblem>,
    pub visits: Vec<ChartVisit>,
    /// Active allergies: `(id, substance code)`.
    pub allergies: Vec<(String, Option<String>)>,
}

impl<'a> Context<'a> {
    pub fn load(tx: &Connection, patient: &'a SeedPatient) -> CoreResult<Context<'a>> {
        let pid = patient.id.to_string();
        Ok(Context {
            patient,
            problems: seed::problems(tx, &pid)?,
            visits: seed::visits(tx, &pid)?,
            allergies: seed::allergies(tx, &pid)?,
            pid,
        })
    }
}

/// How an entry's story ended, for its last history version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    Open,
    Superseded,
    Stopped,
    Completed,
}

/// One planned row.
pub(crate) struct Row {
    pub med: seed::SeedMedication,
    pub regimen: Option<&'static Regimen>,
    /// The first history version's change: drafted, renewal_drafted, change_drafted, reported.
    pub first_change: &'static str,
    pub ending: Ending,
}

/// A planned reconciliation: id, visit, when, by whom, and each entry's
/// `(medication id, action, note)`.
pub(crate) struct Reconciliation {
    pub id: String,
    pub visit: String,
    pub at: DateTime<Utc>,
    pub by: String,
    pub items: Vec<(String, &'static str, &'static str)>,
}

/// A patient's planned list, ready to write.
pub(crate) struct Plan {
    pub rows: Vec<Row>,
    pub alerts: Vec<SeedAlert>,
    pub reconciliation: Option<Reconciliation>,
    /// Allergies to add so the patient has five (the benchmark's patients).
    pub extra_allergies: Vec<(String, &'static Allergen)>,
    pub polypharmacy: bool,
    pub checked: bool,
}

/// An allergy the benchmark's patients get when they have fewer than five.
pub(crate) type Allergen = (&'static str, &'static str, &'static str, &'static str);

pub(crate) const EXTRA_ALLERGENS: &[Allergen] = &[
    ("drug:codeine", "drug", "Codeine", "Nausea and vomiting"),
    (
        "class:sulfonamide-antibiotics",
        "drug_class",
        "Sulfonamide antibiotics",
        "Rash",
    ),
    (
        "class:fluoroquinolones",
        "drug_class",
        "Fluoroquinolones",
        "Tendon pain",
    ),
    (
        "drug:erythromycin",
        "drug",
        "Erythromycin",
        "Stomach cramps",
    ),
    (
        "class:tetracyclines",
        "drug_class",
        "Tetracyclines",
        "Rash in the sun",
    ),
    ("drug:morphine", "drug", "Morphine", "Itching"),
    ("env:latex", "environment", "Latex", "Contact dermatitis"),
];

pub(crate) struct Planner<'a> {
    pub rng: &'a mut Rng,
    pub ctx: &'a Context<'a>,
    pub staff: &'a Staff,
    pub sigs: &'a mut Sigs,
    pub ids: &'a mut Ids,
    pub zone: Tz,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    /// The physician who usually sees the patient.
    pub physician: String,
    pub rows: Vec<Row>,
    pub alerts: Vec<SeedAlert>,
}

pub(crate) fn age_at(dob: NaiveDate, day: NaiveDate) -> f64 {
    (day - dob).num_days() as f64 / 365.25
}

impl<'a> Planner<'a> {
    pub fn new(
        rng: &'a mut Rng,
        ctx: &'a Context<'a>,
        staff: &'a Staff,
        sigs: &'a mut Sigs,
        ids: &'a mut Ids,
        zone: Tz,
        now: DateTime<Utc>,
    ) -> Planner<'a> {
        let physician = ctx
            .visits
            .iter()
            .map(|v| &v.provider)
            .find(|p| staff.physicians.contains(p))
            .cloned()
            .unwrap_or_else(|| staff.physicians[0].clone());
        Planner {
            rng,
            ctx,
            staff,
            sigs,
            ids,
            zone,
            now,
            today: crate::schedule::time::local_date(zone, now),
            physician,
            rows: Vec::new(),
            alerts: Vec::new(),
        }
    }

    /// The whole list. `may_draft`: whether a renewal draft may still go to the queue.
    pub fn plan(mut self, may_draft: bool) -> CoreResult<Plan> {
        let p = self.ctx.patient;
        let age = age_at(p.date_of_birth, self.today);
        let alive = p.deceased_on.is_none();
        let heavy = self.ctx.visits.len() >= 100;
        self.therapies()?;
        for i in 0..self.ctx.visits.len() {
            self.acute(i)?;
        }
        self.reported(age)?;
        self.later_life(age)?;
        let polypharmacy_wanted =
            alive && !self.ctx.visits.is_empty() && (heavy || (age >= 65.0 && self.rng.chance(15)));
        let mut checked = false;
        if polypharmacy_wanted {
            // Every other such patient gets exactly 15 (and five allergies): the benchmark's.
            let exact = self.rng.chance(500);
            let target = if exact {
                15
            } else {
                15 + self.rng.below(5) as usize
            };
            self.polypharmacy(target)?;
            checked = exact && self.active() == 15;
        }
        if may_draft && alive && self.rng.chance(if heavy { 300 } else { 4 }) {
            self.renewal_draft()?;
        }
        let reconciliation = self.reconciliation();
        let extra_allergies = if checked {
            self.extra_allergies()
        } else {
            Vec::new()
        };
        let checked = checked && self.ctx.allergies.len() + extra_allergies.len() == 5;
        Ok(Plan {
            polypharmacy: self.active() >= 15,
            rows: self.rows,
            alerts: self.alerts,
            reconciliation,
            extra_allergies,
            checked,
        })
    }

    pub fn active(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.med.status == "active")
            .count()
    }

    pub fn visit(&self, i: usize) -> &'a ChartVisit {
        &self.ctx.visits[i]
    }

    /// Who signs at a visit: its provider when a physician (a nurse's telephone visit goes to
    /// the patient's physician).
    pub fn signer(&self, i: usize) -> String {
        let v = self.visit(i);
        if self.staff.physicians.contains(&v.provider) {
            v.provider.clone()
        } else {
            self.physician.clone()
        }
    }

    /// The age in years at a visit.
    pub fn age_at_visit(&self, i: usize) -> f64 {
        age_at(
            self.ctx.patient.date_of_birth,
            self.visit(i).started_at.date_naive(),
        )
    }

    /// The active allergy covering any ingredient of the regimen's product.
    pub fn allergy_to(&mut self, regimen: &'static Regimen) -> CoreResult<Option<String>> {
        let prepared = self.sigs.get(regimen)?;
        Ok(self
            .ctx
            .allergies
            .iter()
            .find(|(_, code)| {
                code.as_deref().is_some_and(|a| {
                    prepared
                        .product
                        .ingredient_codes
                        .split(' ')
                        .any(|i| i == a || crate::allergens::covers(a, i))
                })
            })
            .map(|(id, _)| id.clone()))
    }

    /// A random visit after `after`, at least `days` later.
    pub fn later_visit(&mut self, after: usize, days: i64) -> Option<usize> {
        let from = self.visit(after).started_at + Duration::days(days);
        let candidates: Vec<usize> = (after + 1..self.ctx.visits.len())
            .filter(|&j| self.visit(j).started_at >= from)
            .collect();
        if candidates.is_empty() {
            None
        } else {
            Some(*self.rng.pick(&candidates))
        }
    }

    /// A signed prescription at visit `i`. `renews` / `replaces` supersede that row.
    pub fn prescribe(
        &mut self,
        regimen: &'static Regimen,
        i: usize,
        indication: &str,
        renews: Option<usize>,
        replaces: Option<(usize, &'static str)>,
    ) -> CoreResult<usize> {
        let prepared = self.sigs.get(regimen)?;
        let v = self.visit(i);
        let by = self.signer(i);
        let written_at = v.started_at + Duration::minutes(12 + self.rng.below(20) as i64);
        let signed_at = written_at + Duration::seconds(30 + self.rng.below(120) as i64);
        let start = crate::schedule::time::local_date(self.zone, v.started_at);
        let end_date = regimen
            .days
            .map(|d| start + Duration::days(i64::from(d.max(1)) - 1));
        let finished = end_date.is_some_and(|e| e < self.today);
        let id = self.ids.next(MEDICATION);
        for previous in renews.iter().chain(replaces.as_ref().map(|(r, _)| r)) {
            let row = &mut self.rows[*previous];
            row.med.status = "superseded";
            row.ending = Ending::Superseded;
            row.med.ended = Some(seed::SeedEnd {
                at: signed_at,
                by: by.clone(),
                reason: None,
            });
        }
        let first_change = match (renews, replaces) {
            (Some(_), _) => "renewal_drafted",
            (_, Some(_)) => "change_drafted",
            _ => "drafted",
        };
        let med = seed::SeedMedication {
            id,
            patient: self.ctx.pid.clone(),
            origin: "prescribed",
            status: if finished { "completed" } else { "active" },
            product_code: Some(prepared.product.code.to_string()),
            rxcui: Some(prepared.product.rxcui.clone()),
            name: prepared.product.name.clone(),
            ingredient_codes: prepared.product.ingredient_codes.clone(),
            controlled: prepared.product.controlled.map(|c| c.as_str()),
            sig: Some(prepared.sig_json.clone()),
            sig_text: prepared.sig_text.clone(),
            quantity: Some(regimen.quantity),
            quantity_unit: prepared.quantity_unit.clone(),
            refills: regimen.refills,
            indication: indication.to_string(),
            reported_by: String::new(),
            visit_id: Some(v.id.clone()),
            start_date: Some(start),
            end_date,
            written_at,
            written_by: by.clone(),
            signed: Some((signed_at, by)),
            renews: renews.map(|r| self.rows[r].med.id.clone()),
            replaces: replaces.map(|(r, _)| self.rows[r].med.id.clone()),
            change_reason: replaces.map(|(_, why)| why.to_string()),
            ended: None,
            version: 0,
        };
        self.rows.push(Row {
            med,
            regimen: Some(regimen),
            first_change,
            ending: if finished {
                Ending::Completed
            } else {
                Ending::Open
            },
        });
        Ok(self.rows.len() - 1)
    }

    /// Stops an active row at `at` with a reason.
    pub fn stop(&mut self, row: usize, at: DateTime<Utc>, by: String, reason: &str) {
        let r = &mut self.rows[row];
        if r.med.status != "active" {
            return;
        }
        r.med.status = "stopped";
        r.ending = Ending::Stopped;
        r.med.ended = Some(seed::SeedEnd {
            at,
            by,
            reason: Some(reason.to_string()),
        });
    }

    /// A medication the patient reports, recorded at visit `i` (coded or free text).
    pub fn report(
        &mut self,
        i: usize,
        code: Option<&'static str>,
        name: &str,
        how: &str,
    ) -> CoreResult<usize> {
        let v = self.visit(i);
        let (product_code, rxcui, name, ingredients) = match code.and_then(cat::product) {
            Some(product) => {
                let r = cat::resolve(product);
                (
                    Some(r.code.to_string()),
                    Some(r.rxcui),
                    r.name,
                    r.ingredient_codes,
                )
            }
            None => (None, None, name.to_string(), String::new()),
        };
        let by = self.staff.recorder.clone();
        let med = seed::SeedMedication {
            id: self.ids.next(MEDICATION),
            patient: self.ctx.pid.clone(),
            origin: "reported",
            status: "active",
            product_code,
            rxcui,
            name,
            ingredient_codes: ingredients,
            controlled: None,
            sig: None,
            sig_text: how.to_string(),
            quantity: None,
            quantity_unit: String::new(),
            refills: 0,
            indication: String::new(),
            reported_by: "patient".into(),
            visit_id: Some(v.id.clone()),
            start_date: None,
            end_date: None,
            written_at: v.started_at + Duration::minutes(4 + self.rng.below(6) as i64),
            written_by: by,
            signed: None,
            renews: None,
            replaces: None,
            change_reason: None,
            ended: None,
            version: 0,
        };
        self.rows.push(Row {
            med,
            regimen: None,
            first_change: "reported",
            ending: Ending::Open,
        });
        Ok(self.rows.len() - 1)
    }

    /// A nurse's renewal draft of one active long-term prescription, waiting for a prescriber.
    fn renewal_draft(&mut self) -> CoreResult<()> {
        let candidates: Vec<usize> = (0..self.rows.len())
            .filter(|&r| {
                let row = &self.rows[r];
                row.med.status == "active" && row.regimen.is_some_and(|g| g.days.is_none())
            })
            .collect();
        let Some(&old) = candidates.first() else {
            return Ok(());
        };
        let Some(regimen) = self.rows[old].regimen else {
            return Ok(());
        };
        let written_at = self.now - Duration::hours(2 + self.rng.below(24 * 10) as i64);
        let template = &self.rows[old].med;
        let med = seed::SeedMedication {
            id: self.ids.next(MEDICATION),
            status: "draft",
            visit_id: None,
            start_date: None,
            end_date: None,
            written_at,
            written_by: self.staff.recorder.clone(),
            signed: None,
            renews: Some(template.id.clone()),
            replaces: None,
            change_reason: None,
            ended: None,
            version: 0,
            ..template.clone()
        };
        self.rows.push(Row {
            med,
            regimen: Some(regimen),
            first_change: "renewal_drafted",
            ending: Ending::Open,
        });
        Ok(())
    }

    /// A reconciliation at the last office visit of the past three years, for some patients
    /// with two or more entries active then: each confirmed (a reported one now and then
    /// stopped, as the patient no longer takes it).
    fn reconciliation(&mut self) -> Option<Reconciliation> {
        let i = (0..self.ctx.visits.len())
            .rev()
            .find(|&i| self.visit(i).office)?;
        let v = self.visit(i);
        if v.started_at < self.now - Duration::days(3 * 365) || !self.rng.chance(450) {
            return None;
        }
        let at = v.started_at + Duration::minutes(40);
        let by = self.signer(i);
        // Keeps the count of a patient on many (the benchmark's need exactly 15).
        let may_stop = self.active() < 15;
        let mut items = Vec::new();
        for r in 0..self.rows.len() {
            let row = &self.rows[r];
            let started = row.med.signed.as_ref().map_or(row.med.written_at, |s| s.0);
            let ended_after = row.med.ended.as_ref().is_none_or(|e| e.at > at);
            let draft = row.med.status == "draft";
            if draft || started > at || !ended_after {
                continue;
            }
            let still_open = row.med.status == "active" && row.med.ended.is_none();
            if row.med.origin == "reported" && still_open && may_stop && self.rng.chance(120) {
                self.stop(
                    r,
                    at,
                    by.clone(),
                    "No longer taking it (medication reconciliation)",
                );
                items.push((
                    self.rows[r].med.id.clone(),
                    "stopped",
                    "No longer taking it",
                ));
            } else if row.med.origin == "reported" && self.rng.chance(60) {
                items.push((
                    row.med.id.clone(),
                    "changed",
                    "Takes it only a few days a week",
                ));
            } else {
                items.push((row.med.id.clone(), "confirmed", ""));
            }
        }
        if items.len() < 2 {
            return None;
        }
        Some(Reconciliation {
            id: self.ids.next(RECONCILIATION),
            visit: v.id.clone(),
            at,
            by,
            items,
        })
    }

    /// Allergies for a benchmark patient, up to five, none covering what they take.
    fn extra_allergies(&mut self) -> Vec<(String, &'static Allergen)> {
        let have: Vec<&str> = self
            .ctx
            .allergies
            .iter()
            .filter_map(|(_, c)| c.as_deref())
            .collect();
        // Nothing they take or ever took: an allergy found later would have been charted.
        let taking: Vec<&str> = self
            .rows
            .iter()
            .flat_map(|r| r.med.ingredient_codes.split(' '))
            .collect();
        let mut out = Vec::new();
        let mut count = self.ctx.allergies.len();
        for a in EXTRA_ALLERGENS {
            if count >= 5 {
                break;
            }
            let clashes = taking
                .iter()
                .any(|i| *i == a.0 || crate::allergens::covers(a.0, i));
            if have.contains(&a.0) || clashes {
                continue;
            }
            out.push((self.ids.next(ALLERGY), a));
            count += 1;
        }
        out
    }
}

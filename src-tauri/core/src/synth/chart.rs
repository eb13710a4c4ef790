//! Fifteen years of generated charting for every patient of a synthetic practice: visits with
//! signed SOAP notes composed from the sentence banks of [`super::banks`], their ICD-10-CM
//! diagnoses, problems, allergies, vitals, histories, a few drafts and amendments.
//! Deterministic from the seed and the patients; written in large transactions.

use super::banks::{self, Chronic};
use super::Rng;
use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, UserId};
use crate::store::chart_seed::{self as seed, SeedPatient};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::Connection;
use std::collections::HashMap;

/// Patients per transaction: a few thousand visits, then the WAL is checkpointed.
const BATCH: usize = 500;
/// Years of charting before `now`.
const YEARS: i64 = 15;
/// Mean visits of an ordinary patient (the heavy 1% bring the practice to about 14).
const MEAN_VISITS: f64 = 7.0;
/// One patient in this many has a very long chart.
const HEAVY_EVERY: usize = 100;

/// Who the generated visits are charted by: visits by the physicians (who sign), vitals and
/// some telephone notes by the nurse.
#[derive(Debug, Clone)]
pub struct ChartProviders {
    pub physicians: Vec<UserId>,
    pub nurse: Option<UserId>,
}

/// What [`ChartDb::add_generated_charts`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCharts {
    pub patients: u32,
    pub visits: u64,
    /// The patients with 700 or more visits.
    pub heavy: Vec<PatientId>,
}

impl ChartDb {
    /// Every patient and the 700-visit ones, read back from a practice generated earlier
    /// (charta-bench's `--reuse`).
    pub fn kept_chart_lists(&self) -> CoreResult<(Vec<PatientId>, Vec<PatientId>)> {
        let (all, heavy) = self.read(seed::kept_lists)?;
        let parse = |ids: Vec<String>| ids.iter().filter_map(|id| PatientId::parse(id)).collect();
        Ok((parse(all), parse(heavy)))
    }
}

impl ChartDb {
    /// Charts every registered patient: 15 years before `now` of visits, notes, diagnoses,
    /// problems, allergies, vitals and histories. Public like
    /// [`ChartDb::add_generated_patients`], for the demo and the benchmark; refused once any
    /// visit exists, so generated charting never mixes into a real chart. One audit row per
    /// transaction.
    pub fn add_generated_charts(
        &mut self,
        seed: u64,
        providers: &ChartProviders,
        now: DateTime<Utc>,
    ) -> CoreResult<GeneratedCharts> {
        let first = providers
            .physicians
            .first()
            .ok_or_else(|| CoreError::invalid("physicians", "Generated visits need a physician"))?;
        if self.read(seed::any_visit)? {
            return Err(CoreError::Forbidden(
                "Generated charting goes only into a practice without visits".into(),
            ));
        }
        let patients = self.read(seed::patients)?;
        let codes = code_descriptions()?;
        let staff = Staff {
            physicians: providers.physicians.iter().map(|u| u.to_string()).collect(),
            nurse: providers.nurse.unwrap_or(*first).to_string(),
            has_nurse: providers.nurse.is_some(),
        };
        let mut result = GeneratedCharts {
            patients: 0,
            visits: 0,
            heavy: Vec::new(),
        };
        let mut heavy_due = 0usize;
        let mut next_id: u128 = 1;
        for (batch_no, batch) in patients.chunks(BATCH).enumerate() {
            self.write(|tx| {
                seed::defer_foreign_keys(tx)?;
                let mut writer = Writer {
                    tx,
                    codes: &codes,
                    staff: &staff,
                    now,
                    next_id,
                    visits: 0,
                };
                for (i, patient) in batch.iter().enumerate() {
                    let index = batch_no * BATCH + i;
                    if index % HEAVY_EVERY == HEAVY_EVERY / 2 {
                        heavy_due += 1;
                    }
                    let adult = age_at(patient.date_of_birth, now.date_naive()) >= 30.0
                        && patient.deceased_on.is_none();
                    let heavy = heavy_due > 0 && adult;
                    if heavy {
                        heavy_due -= 1;
                        result.heavy.push(patient.id);
                    }
                    let mut rng =
                        Rng::new(seed ^ (index as u64).wrapping_mul(0xA076_1D64_78BD_642F));
                    writer.patient(&mut rng, patient, heavy)?;
                }
                let event =
                    AuditEvent::new(now, None, "setup", "add_generated_charts", Outcome::Ok)
                        .detail(format!(
                            "charting for {} synthetic patients, {} visits",
                            batch.len(),
                            writer.visits
                        ));
                crate::audit::append(tx, &event)?;
                next_id = writer.next_id;
                result.visits += writer.visits;
                Ok(())
            })?;
            result.patients += batch.len() as u32;
            self.checkpoint()?;
        }
        Ok(result)
    }
}

/// Every code the banks use, with its description from the embedded ICD-10-CM table.
fn code_descriptions() -> CoreResult<HashMap<&'static str, String>> {
    let codes = banks::CHRONIC
        .iter()
        .map(|c| c.code)
        .chain(banks::ACUTE.iter().map(|a| a.code))
        .chain(banks::FAMILY_CONDITIONS.iter().map(|f| f.1))
        .chain([
            banks::WELLNESS_ADULT,
            banks::WELLNESS_ADULT_FINDINGS,
            banks::WELLNESS_CHILD,
        ]);
    let mut out = HashMap::new();
    for code in codes {
        let hit = crate::icd10::search(code, 5)?
            .into_iter()
            .find(|h| h.code == code)
            .ok_or_else(|| CoreError::Corrupt(format!("generator code {code} is not billable")))?;
        out.insert(code, hit.description);
    }
    Ok(out)
}

struct Staff {
    physicians: Vec<String>,
    nurse: String,
    has_nurse: bool,
}

fn age_at(dob: NaiveDate, day: NaiveDate) -> f64 {
    (day - dob).num_days() as f64 / 365.25
}

/// A condition the patient has, as charted.
struct Condition {
    chronic: &'static Chronic,
    problem_id: String,
    onset: DateTime<Utc>,
    resolved: Option<DateTime<Utc>>,
}

/// The patient's stable body measurements, drifting a little between visits.
struct Body {
    adult_height: f64,
    bmi: f64,
    systolic: f64,
    pulse: f64,
    /// The child's growth curves (vitals before 18 follow them).
    growth: growth::Growth,
}

struct Writer<'a> {
    tx: &'a Connection,
    codes: &'a HashMap<&'static str, String>,
    staff: &'a Staff,
    now: DateTime<Utc>,
    next_id: u128,
    visits: u64,
}

/// Ids are sequential per kind, so a generated practice is the same on every run.
const VISIT: u128 = 0x5157;
const DIAGNOSIS: u128 = 0xD1A6;
const PROBLEM: u128 = 0x9B0B;
const ALLERGY: u128 = 0xA11E;
const VITALS: u128 = 0x5175;
const HISTORY: u128 = 0x4157;
const AMENDMENT: u128 = 0xA3E0;

impl Writer<'_> {
    fn id(&mut self, kind: u128) -> String {
        self.next_id += 1;
        uuid::Uuid::from_u128((kind << 112) | self.next_id).to_string()
    }

    fn description(&self, code: &str) -> String {
        self.codes
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    fn patient(&mut self, rng: &mut Rng, p: &SeedPatient, heavy: bool) -> CoreResult<()> {
        let today = self.now.date_naive();
        let end = match p.deceased_on {
            Some(d) => noon(d).min(self.now - Duration::hours(2)),
            None => self.now - Duration::hours(2),
        };
        let start =
            (self.now - Duration::days(YEARS * 365)).max(noon(p.date_of_birth) + Duration::days(2));
        if start >= end {
            return Ok(());
        }
        let age_now = age_at(p.date_of_birth, today);
        let pid = p.id.to_string();
        let physician = rng.pick(&self.staff.physicians).clone();
        let span = (end - start).num_seconds().max(1) as u64;
        let at = |rng: &mut Rng| start + Duration::seconds(rng.below(span) as i64);

        let count = if heavy {
            700 + rng.below(80) as usize
        } else {
            let u = (rng.below(1_000_000) as f64 + 1.0) / 1_000_001.0;
            let years = (span as f64 / (365.25 * 86_400.0)).min(YEARS as f64);
            ((-u.ln() * MEAN_VISITS) * (years / YEARS as f64).max(0.3)) as usize
        };
        let mut times: Vec<(DateTime<Utc>, bool)> = (0..count)
            .map(|_| (office_hours_before(at(rng), end), false))
            .collect();
        // A child in the window also has the well-child visits the family kept, from their
        // own stream (an adult's charting stays what it was before they were added).
        if age_now < 19.0 {
            let mut well = Rng::new(rng.next_u64());
            let keeps = if well.chance(80) { 450 } else { 1000 };
            for days in growth::well_child_ages() {
                let t = office_hours(noon(p.date_of_birth) + Duration::days(days));
                if t >= start && t < end && growth::attends(&mut well, days, keeps) {
                    times.push((t, true));
                }
            }
        }
        times.sort();

        // Conditions: chances by age; a heavy chart is a patient with several.
        let mut conditions = Vec::new();
        for chronic in banks::CHRONIC {
            let boost = if heavy { 3 } else { 1 };
            if age_now >= f64::from(chronic.min_age) && rng.chance(chronic.per_mille * boost) {
                let onset = at(rng);
                let resolved = (chronic.may_resolve && rng.chance(300))
                    .then(|| onset + Duration::days(60 + rng.below(900) as i64))
                    .filter(|r| *r < end);
                conditions.push(Condition {
                    chronic,
                    problem_id: self.id(PROBLEM),
                    onset,
                    resolved,
                });
            }
        }
        for c in &conditions {
            let status = if c.resolved.is_some() {
                "resolved"
            } else {
                "active"
            };
            let created_at = times
                .iter()
                .map(|(t, _)| *t)
                .find(|t| *t >= c.onset)
                .unwrap_or(c.onset);
            seed::problem(
                self.tx,
                &seed::SeedProblem {
                    id: c.problem_id.clone(),
                    patient: pid.clone(),
                    code: c.chronic.code.to_string(),
                    description: self.description(c.chronic.code),
                    status,
                    onset: Some(if rng.chance(500) {
                        c.onset.format("%Y-%m").to_string()
                    } else {
                        c.onset.format("%Y").to_string()
                    }),
                    resolved: c.resolved.map(|r| r.format("%Y-%m-%d").to_string()),
                    created_at,
                    created_by: physician.clone(),
                },
            )?;
        }

        let first_contact = times.first().map(|(t, _)| *t).unwrap_or(start);
        self.allergies(rng, &pid, first_contact)?;
        if age_now >= 15.0 {
            self.histories(rng, p, &pid, first_contact, age_now)?;
        }

        let adult_height = if p.female {
            152.0 + rng.below(23) as f64
        } else {
            165.0 + rng.below(25) as f64
        };
        let bmi = 20.0 + rng.below(120) as f64 / 10.0;
        let systolic = 112.0 + rng.below(16) as f64;
        let pulse = 62.0 + rng.below(20) as f64;
        let obese = conditions.iter().any(|c| c.chronic.code == "E66.9");
        // From the patient's id, not `rng`: an adult's stream stays as it was.
        let mut growth_rng = Rng::new(p.id.as_uuid().as_u128() as u64 ^ 0x6A0F_7C11_D2E5_49B3);
        let mut body = Body {
            adult_height,
            bmi,
            systolic,
            pulse,
            growth: growth::Growth::new(&mut growth_rng, p.female, adult_height, obese),
        };
        for c in &conditions {
            match c.chronic.code {
                "I10" => body.systolic += 14.0,
                "E66.9" => body.bmi += 7.0,
                _ => {}
            }
        }
        let last = times.len().saturating_sub(1);
        for (i, (t, well_child)) in times.iter().enumerate() {
            let draft = i == last && rng.chance(if heavy { 500 } else { 8 });
            let visit = visit::Planned {
                at: *t,
                well_child: *well_child,
                draft,
            };
            self.visit(rng, p, &pid, &physician, visit, &conditions, &mut body)?;
        }
        Ok(())
    }

    fn allergies(&mut self, rng: &mut Rng, pid: &str, at: DateTime<Utc>) -> CoreResult<()> {
        let by = self.staff.nurse.clone();
        match rng.below(100) {
            // Asked, none known.
            0..=39 => {
                let id = self.id(ALLERGY);
                seed::no_known_drug_allergies(self.tx, &id, pid, at, &by)
            }
            40..=64 => {
                let n = 1 + rng.below(3) as usize;
                let mut used = Vec::new();
                for _ in 0..n {
                    let k = rng.below(banks::ALLERGENS.len() as u64) as usize;
                    if used.contains(&k) {
                        continue;
                    }
                    used.push(k);
                    let (code, category, substance, reactions) = banks::ALLERGENS[k];
                    let reaction = *rng.pick(reactions);
                    let severe = reaction == "Anaphylaxis" || reaction.starts_with("Swelling of");
                    let id = self.id(ALLERGY);
                    seed::allergy(
                        self.tx,
                        &seed::SeedAllergy {
                            id,
                            patient: pid.to_string(),
                            code,
                            substance,
                            category,
                            reaction,
                            severity: if severe { "severe" } else { "mild" },
                            criticality: if severe { "high" } else { "low" },
                            at,
                            by: by.clone(),
                        },
                    )?;
                }
                Ok(())
            }
            // Never asked.
            _ => Ok(()),
        }
    }

    fn histories(
        &mut self,
        rng: &mut Rng,
        p: &SeedPatient,
        pid: &str,
        at: DateTime<Utc>,
        age: f64,
    ) -> CoreResult<()> {
        let by = self.staff.nurse.clone();
        let as_of = at.date_naive();
        if rng.chance(850) {
            let (status, smoking) = match rng.below(100) {
                0..=57 => ("never", None),
                58..=84 => (
                    "former",
                    Some((0.5 + rng.below(3) as f64 * 0.5, 5.0 + rng.below(25) as f64)),
                ),
                85..=95 => (
                    "current_every_day",
                    Some((0.5 + rng.below(3) as f64 * 0.5, 3.0 + rng.below(30) as f64)),
                ),
                _ => (
                    "current_some_days",
                    Some((0.25, 2.0 + rng.below(10) as f64)),
                ),
            };
            let smoking = smoking.map(|(packs, years): (f64, f64)| {
                (packs, years.min((age - 14.0).max(1.0)).round())
            });
            let id = self.id(HISTORY);
            seed::social(
                self.tx, &id, pid, "smoking", status, "", smoking, at, as_of, &by,
            )?;
        }
        if age >= 18.0 && rng.chance(700) {
            let (status, detail) = *rng.pick(&[
                ("none", "Does not drink alcohol"),
                ("occasional", "A glass of wine on weekends"),
                // The form's statuses (`SocialKind::statuses`): most evenings is weekly.
                ("weekly", "Two beers most evenings"),
                ("occasional", "Drinks at family gatherings only"),
            ]);
            let id = self.id(HISTORY);
            seed::social(
                self.tx, &id, pid, "alcohol", status, detail, None, at, as_of, &by,
            )?;
        }
        if age >= 18.0 && rng.chance(550) {
            let (status, detail) = if age >= 67.0 {
                (
                    "retired",
                    format!("Retired {}", rng.pick(banks::OCCUPATIONS).to_lowercase()),
                )
            } else {
                ("employed", rng.pick(banks::OCCUPATIONS).to_string())
            };
            let id = self.id(HISTORY);
            seed::social(
                self.tx,
                &id,
                pid,
                "occupation",
                status,
                &detail,
                None,
                at,
                as_of,
                &by,
            )?;
        }
        for _ in 0..rng.below(4) {
            let (condition, code, onset) = *rng.pick(banks::FAMILY_CONDITIONS);
            let relative = *rng.pick(banks::RELATIVES);
            let id = self.id(HISTORY);
            let onset = onset.saturating_sub(10) + rng.below(20) as u32;
            seed::family(self.tx, &id, pid, relative, condition, code, onset, at, &by)?;
        }
        if rng.chance(350) {
            for _ in 0..1 + rng.below(2) {
                let procedure = *rng.pick(banks::SURGERIES);
                if procedure == "Cesarean section" && !p.female {
                    continue;
                }
                let years_ago = rng.below((age as u64).saturating_sub(10).max(1));
                let year = at.year() - years_ago as i32;
                let id = self.id(HISTORY);
                seed::surgical(self.tx, &id, pid, procedure, &year.to_string(), at, &by)?;
            }
        }
        Ok(())
    }
}

mod growth;
mod visit;

pub(crate) use growth::normal as growth_normal;
pub(crate) use growth::Growth;

/// A child's growth curves as the charting draws them (for the demo's scenario children).
pub(crate) fn growth_curve(rng: &mut Rng, female: bool, adult_height: f64, obese: bool) -> Growth {
    Growth::new(rng, female, adult_height, obese)
}

use visit::{noon, office_hours, office_hours_before};

#[cfg(test)]
mod tests;

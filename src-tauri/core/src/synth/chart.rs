//! Fifteen years of generated charting for every patient of a synthetic practice: visits with
//! signed SOAP notes composed from the sentence banks of [`super::banks`], their ICD-10-CM
//! diagnoses, problems, allergies, vitals, histories, a few drafts and amendments.
//! Deterministic from the seed and the patients; written in large transactions.

use super::banks::{self, Acute, Chronic};
use super::Rng;
use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, UserId};
use crate::store::chart_seed::{self as seed, SeedPatient, SeedVisit, SeedVitals};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use rusqlite::Connection;
use std::collections::HashMap;
use std::fmt::Write as _;

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
        let mut times: Vec<DateTime<Utc>> = (0..count).map(|_| office_hours(at(rng))).collect();
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
                .copied()
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

        let first_contact = times.first().copied().unwrap_or(start);
        self.allergies(rng, &pid, first_contact)?;
        if age_now >= 15.0 {
            self.histories(rng, p, &pid, first_contact, age_now)?;
        }

        let mut body = Body {
            adult_height: if p.female {
                152.0 + rng.below(23) as f64
            } else {
                165.0 + rng.below(25) as f64
            },
            bmi: 20.0 + rng.below(120) as f64 / 10.0,
            systolic: 112.0 + rng.below(16) as f64,
            pulse: 62.0 + rng.below(20) as f64,
        };
        for c in &conditions {
            match c.chronic.code {
                "I10" => body.systolic += 14.0,
                "E66.9" => body.bmi += 7.0,
                _ => {}
            }
        }
        let last = times.len().saturating_sub(1);
        for (i, t) in times.iter().enumerate() {
            let draft = i == last && rng.chance(if heavy { 500 } else { 8 });
            self.visit(rng, p, &pid, &physician, *t, &conditions, &mut body, draft)?;
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
                ("moderate", "Two beers most evenings"),
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

    #[allow(clippy::too_many_arguments)] // the visit's whole context
    fn visit(
        &mut self,
        rng: &mut Rng,
        p: &SeedPatient,
        pid: &str,
        physician: &str,
        t: DateTime<Utc>,
        conditions: &[Condition],
        body: &mut Body,
        draft: bool,
    ) -> CoreResult<()> {
        let age = age_at(p.date_of_birth, t.date_naive());
        let active: Vec<&Condition> = conditions
            .iter()
            .filter(|c| c.onset <= t && c.resolved.is_none_or(|r| r > t))
            .collect();
        let roll = rng.below(100);
        let (visit_type, provider) = if roll < 10 {
            let nurse = self.staff.has_nurse && rng.chance(400);
            (
                "telephone",
                if nurse {
                    self.staff.nurse.clone()
                } else {
                    physician.to_string()
                },
            )
        } else if roll < 12 && age >= 70.0 {
            ("home", physician.to_string())
        } else {
            ("office", physician.to_string())
        };
        let mut note = Note::default();
        let mut codes: Vec<&'static str> = Vec::new();
        let mut addressed: Vec<&Condition> = Vec::new();
        let mut febrile = false;
        let reason: String;
        if visit_type == "telephone" {
            let (r, line) = *rng.pick(banks::TELEPHONE);
            reason = r.to_string();
            note.s.push_str(line);
            if let Some(c) = active.first() {
                let _ = write!(
                    note.a,
                    "{} ({}): discussed by telephone.",
                    self.description(c.chronic.code),
                    c.chronic.code
                );
                codes.push(c.chronic.code);
                addressed.push(c);
            } else {
                note.a.push_str("Telephone contact, no new problem.");
            }
            note.p.push_str(*rng.pick(banks::GENERAL_PLAN));
        } else if rng.chance(150) {
            let child = age < 18.0;
            reason = if child {
                "Well-child visit".into()
            } else {
                "Annual physical".into()
            };
            let bank = if child {
                banks::CHILD_PHYSICAL
            } else {
                banks::PHYSICAL_SUBJECTIVE
            };
            note.sentences(rng, bank, 4);
            note.sentences(rng, banks::GENERAL_SUBJECTIVE, 2);
            note.exam(rng, 6);
            let code = if child {
                banks::WELLNESS_CHILD
            } else if active.is_empty() {
                banks::WELLNESS_ADULT
            } else {
                banks::WELLNESS_ADULT_FINDINGS
            };
            codes.push(code);
            let _ = write!(note.a, "{}.", self.description(code));
            for c in active.iter().take(2) {
                let _ = write!(
                    note.a,
                    " {} ({}), {}.",
                    self.description(c.chronic.code),
                    c.chronic.code,
                    rng.pick(STATUS)
                );
                codes.push(c.chronic.code);
                addressed.push(c);
            }
            note.sentences_to_plan(rng, banks::PHYSICAL_PLAN, 3);
        } else if !active.is_empty() && rng.chance(550) {
            let n = 1 + rng.below(active.len().min(3) as u64) as usize;
            let start = rng.below(active.len() as u64) as usize;
            for k in 0..n {
                addressed.push(active[(start + k) % active.len()]);
            }
            reason = format!(
                "Follow-up of {}",
                addressed
                    .iter()
                    .map(|c| c.chronic.name)
                    .collect::<Vec<_>>()
                    .join(" and ")
            );
            let _ = write!(
                note.s,
                "Here for follow-up of {}.",
                addressed[0].chronic.name
            );
            for c in &addressed {
                note.sentences(rng, c.chronic.subjective, 2);
                codes.push(c.chronic.code);
            }
            note.sentences(rng, banks::GENERAL_SUBJECTIVE, 3);
            note.exam(rng, 5);
            for c in &addressed {
                let _ = write!(
                    note.a,
                    "{}{} ({}), {}.",
                    sep(&note.a),
                    self.description(c.chronic.code),
                    c.chronic.code,
                    rng.pick(STATUS)
                );
                note.sentences_to_plan(rng, c.chronic.plan, 2);
            }
            note.sentences_to_plan(rng, banks::GENERAL_PLAN, 2);
        } else {
            let child = age < 18.0;
            let fits: Vec<&'static Acute> = banks::ACUTE
                .iter()
                .filter(|a| if child { a.child } else { a.adult })
                .collect();
            let acute = *rng.pick(&fits);
            febrile = acute.febrile && rng.chance(400);
            reason = acute.reason.to_string();
            note.sentences(rng, acute.subjective, 1);
            if febrile {
                note.s
                    .push_str(" Fever since yesterday, up to 38.6 at home.");
            }
            note.sentences(rng, banks::GENERAL_SUBJECTIVE, 3);
            note.sentences_to_exam(rng, acute.exam, 1);
            note.exam(rng, 4);
            let _ = write!(note.a, "{} ({}).", self.description(acute.code), acute.code);
            codes.push(acute.code);
            note.sentences_to_plan(rng, acute.plan, 2);
            note.sentences_to_plan(rng, banks::GENERAL_PLAN, 2);
        }

        let vitals = (visit_type != "telephone" && rng.chance(900))
            .then(|| self.vitals_for(rng, age, body, febrile, conditions));
        if let Some(v) = &vitals {
            let mut line = String::new();
            if let (Some(s), Some(d)) = (v.systolic, v.diastolic) {
                let _ = write!(line, "BP {s}/{d}, ");
            }
            if let Some(x) = v.pulse {
                let _ = write!(line, "pulse {x}, ");
            }
            if let Some(x) = v.temperature_c {
                let _ = write!(line, "temperature {x:.1} °C, ");
            }
            if let Some(x) = v.spo2 {
                let _ = write!(line, "SpO2 {x}%, ");
            }
            if let (Some(w), Some(b)) = (v.weight_kg, v.bmi) {
                let _ = write!(line, "weight {w:.1} kg (BMI {b:.1}).");
            }
            note.o = format!("{} {}", line.trim_end_matches([',', ' ']), note.o)
                .trim()
                .to_string();
        }

        let saved_at = t + Duration::minutes(20 + rng.below(40) as i64);
        let signer = if self.staff.physicians.iter().any(|d| *d == provider) {
            provider.clone()
        } else {
            physician.to_string()
        };
        let visit = SeedVisit {
            id: self.id(VISIT),
            patient: pid.to_string(),
            provider: provider.clone(),
            started_at: t,
            visit_type,
            reason,
            soap: [note.s, note.o, note.a, note.p],
            saved_at,
            signed: (!draft).then(|| {
                (
                    saved_at + Duration::minutes(1 + rng.below(180) as i64),
                    signer.clone(),
                )
            }),
        };
        let mut unique: Vec<&str> = Vec::new();
        codes.retain(|c| {
            !unique.contains(c) && {
                unique.push(c);
                true
            }
        });
        for (position, code) in codes.iter().enumerate() {
            let id = self.id(DIAGNOSIS);
            seed::diagnosis(
                self.tx,
                &id,
                &visit,
                code,
                &self.description(code),
                position as u32,
                &signer,
            )?;
        }
        // After its diagnoses: a signed visit takes none (their key waits for the commit).
        seed::visit(self.tx, &visit)?;
        self.visits += 1;
        for c in &addressed {
            seed::problem_visit(self.tx, &c.problem_id, &visit.id, saved_at, &signer)?;
        }
        if let Some(v) = &vitals {
            let id = self.id(VITALS);
            let by = self.staff.nurse.clone();
            seed::vitals(self.tx, &id, &visit, &by, v)?;
        }
        if let Some((signed_at, by)) = &visit.signed {
            if rng.chance(4) {
                let (reason, text) = *rng.pick(banks::AMENDMENT_REASONS);
                let id = self.id(AMENDMENT);
                let at = (*signed_at + Duration::days(1 + rng.below(5) as i64))
                    .min(self.now - Duration::hours(1));
                seed::amendment(
                    self.tx,
                    &id,
                    &visit.id,
                    by,
                    at.max(*signed_at),
                    reason,
                    text,
                )?;
            }
        }
        Ok(())
    }

    fn vitals_for(
        &self,
        rng: &mut Rng,
        age: f64,
        body: &mut Body,
        febrile: bool,
        conditions: &[Condition],
    ) -> SeedVitals {
        let jitter = |rng: &mut Rng, spread: u64| rng.below(spread * 2 + 1) as f64 - spread as f64;
        let copd = conditions.iter().any(|c| c.chronic.code == "J44.9");
        let height = body.adult_height * growth_fraction(age);
        let bmi = if age < 18.0 {
            let base = if age < 1.0 {
                16.5
            } else if age < 6.0 {
                15.8
            } else {
                16.0 + (age - 6.0) * 0.45
            };
            base + jitter(rng, 10) / 10.0
        } else {
            body.bmi += jitter(rng, 3) / 10.0;
            body.bmi = body.bmi.clamp(17.0, 48.0);
            body.bmi
        };
        let weight = (bmi * (height / 100.0).powi(2) * 10.0).round() / 10.0;
        let bmi = (weight / (height / 100.0).powi(2) * 10.0).round() / 10.0;
        let (pulse, respiration) = if age < 1.0 {
            (125.0 + jitter(rng, 15), 30.0 + jitter(rng, 5))
        } else if age < 6.0 {
            (100.0 + jitter(rng, 12), 24.0 + jitter(rng, 3))
        } else if age < 13.0 {
            (88.0 + jitter(rng, 10), 20.0 + jitter(rng, 2))
        } else {
            (body.pulse + jitter(rng, 6), 15.0 + jitter(rng, 3))
        };
        let bp = (age >= 3.0).then(|| {
            let systolic = if age < 13.0 {
                100.0 + jitter(rng, 8)
            } else {
                body.systolic + jitter(rng, 9)
            };
            let diastolic = (systolic * 0.63 + jitter(rng, 5)).round();
            (systolic.round() as i64, diastolic as i64)
        });
        let temperature = if febrile {
            37.9 + rng.below(13) as f64 / 10.0
        } else {
            36.4 + rng.below(9) as f64 / 10.0
        };
        SeedVitals {
            systolic: bp.map(|b| b.0),
            diastolic: bp.map(|b| b.1),
            pulse: Some((pulse + if febrile { 12.0 } else { 0.0 }).round() as i64),
            respiration: Some(respiration.round() as i64),
            temperature_c: Some((temperature * 10.0).round() / 10.0),
            spo2: Some(if copd {
                92 + rng.below(5) as i64
            } else {
                96 + rng.below(4) as i64
            }),
            height_cm: Some((height * 10.0).round() / 10.0),
            weight_kg: Some(weight),
            bmi: Some(bmi),
            head_circumference_cm: (age < 2.0)
                .then(|| ((35.0 + 12.0 * (age / 2.0).sqrt()) * 10.0).round() / 10.0),
        }
    }
}

const STATUS: &[&str] = &[
    "stable",
    "well controlled",
    "improving",
    "not yet at goal",
    "unchanged since the last visit",
];

fn sep(s: &str) -> &'static str {
    if s.is_empty() {
        ""
    } else {
        " "
    }
}

/// A child's height as a share of the adult height, by age.
fn growth_fraction(age: f64) -> f64 {
    const AT: [f64; 11] = [
        0.29, 0.43, 0.50, 0.59, 0.67, 0.74, 0.80, 0.86, 0.93, 0.97, 1.0,
    ];
    if age >= 18.0 {
        return 1.0;
    }
    // Points at ages 0, 1, 2, 4, 6, … 18.
    let (i, frac) = if age < 2.0 {
        (age.floor() as usize, age.fract())
    } else {
        let k = (age - 2.0) / 2.0;
        (2 + k.floor() as usize, k.fract())
    };
    let lo = AT[i.min(10)];
    let hi = AT[(i + 1).min(10)];
    lo + (hi - lo) * frac
}

/// The same day at a time inside office hours (8:00–17:00 in the US Central zone).
fn office_hours(t: DateTime<Utc>) -> DateTime<Utc> {
    let seconds = 14 * 3600 + (t.timestamp().rem_euclid(9 * 3600));
    Utc.from_utc_datetime(&t.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default())
        + Duration::seconds(seconds)
}

fn noon(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(18, 0, 0).unwrap_or_default())
}

#[derive(Default)]
struct Note {
    s: String,
    o: String,
    a: String,
    p: String,
}

impl Note {
    fn push(target: &mut String, text: &str) {
        if !target.is_empty() {
            target.push(' ');
        }
        target.push_str(text);
    }

    /// Up to `n` distinct sentences of `bank` into the subjective.
    fn sentences(&mut self, rng: &mut Rng, bank: &[&str], n: usize) {
        for s in pick_some(rng, bank, n) {
            Self::push(&mut self.s, s);
        }
    }

    fn sentences_to_exam(&mut self, rng: &mut Rng, bank: &[&str], n: usize) {
        for s in pick_some(rng, bank, n) {
            Self::push(&mut self.o, s);
        }
    }

    fn sentences_to_plan(&mut self, rng: &mut Rng, bank: &[&str], n: usize) {
        for s in pick_some(rng, bank, n) {
            Self::push(&mut self.p, s);
        }
    }

    fn exam(&mut self, rng: &mut Rng, n: usize) {
        self.sentences_to_exam(rng, banks::GENERAL_EXAM, n);
    }
}

/// `n` different items of `bank` (all of them if it is shorter), in bank order.
fn pick_some<'a>(rng: &mut Rng, bank: &[&'a str], n: usize) -> Vec<&'a str> {
    let mut order: Vec<usize> = (0..bank.len()).collect();
    let n = n.min(bank.len());
    for i in 0..n {
        let j = i + rng.below((bank.len() - i) as u64) as usize;
        order.swap(i, j);
    }
    order.truncate(n);
    order.sort_unstable();
    order.into_iter().map(|i| bank[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_the_generator_uses_is_a_billable_icd10_code() {
        let codes = code_descriptions().unwrap();
        assert!(codes.len() > 30);
        assert!(codes["E11.9"].to_lowercase().contains("diabetes"));
    }

    fn charted_practice(patients: u32) -> (ChartDb, GeneratedCharts) {
        let mut db = ChartDb::open_in_memory().unwrap();
        let now = crate::testing::test_now();
        let staff = crate::testing::staffed_practice(&mut db, now).unwrap();
        let mut generator = super::super::PracticeGenerator::new(11);
        db.add_generated_patients(&mut generator, patients, 1, now)
            .unwrap();
        let providers = ChartProviders {
            physicians: vec![staff.physician.user_id()],
            nurse: Some(staff.nurse.user_id()),
        };
        let charts = db.add_generated_charts(5, &providers, now).unwrap();
        (db, charts)
    }

    fn number(db: &ChartDb, sql: &str) -> f64 {
        db.read(|c| Ok(c.query_row(sql, [], |r| r.get::<_, f64>(0))?))
            .unwrap()
    }

    #[test]
    fn a_generated_practice_has_fifteen_years_of_plausible_charting() {
        let (db, charts) = charted_practice(400);
        assert_eq!(charts.patients, 400);
        assert_eq!(charts.heavy.len(), 4, "one patient in a hundred");
        let per_patient = charts.visits as f64 / 400.0;
        let note = number(
            &db,
            "SELECT avg(length(subjective) + length(objective) + length(assessment) + length(plan)) FROM visits",
        );
        let drafts = number(&db, "SELECT count(*) FROM visits WHERE signed_at IS NULL");
        let with_dx = number(
            &db,
            "SELECT avg(EXISTS (SELECT 1 FROM visit_diagnoses d WHERE d.visit_id = v.id)) FROM visits v",
        );
        let with_vitals = number(
            &db,
            "SELECT avg(EXISTS (SELECT 1 FROM vitals s WHERE s.visit_id = v.id)) FROM visits v",
        );
        let amendments = number(&db, "SELECT count(*) FROM note_amendments");
        let nkda = number(&db, "SELECT count(*) FROM allergy_statements");
        let allergic = number(&db, "SELECT count(DISTINCT patient_id) FROM allergies");
        let heaviest = number(
            &db,
            "SELECT max(n) FROM (SELECT count(*) AS n FROM visits GROUP BY patient_id)",
        );
        println!(
            "visits/patient {per_patient:.1}, note {note:.0} chars, drafts {drafts}, \
             diagnosed {with_dx:.2}, vitals {with_vitals:.2}, amendments {amendments}, \
             nkda {nkda}, allergic {allergic}, heaviest {heaviest}"
        );
        assert!((10.0..20.0).contains(&per_patient), "{per_patient}");
        assert!((400.0..2500.0).contains(&note), "{note}");
        assert!(drafts >= 1.0 && drafts < 40.0, "{drafts}");
        assert!(with_dx > 0.8 && with_vitals > 0.5);
        assert!(nkda > 80.0 && allergic > 40.0);
        assert!(heaviest >= 700.0);
        // Nothing generated breaks a rule of the schema (keys, checks, the signed-note triggers).
        let broken = number(&db, "SELECT count(*) FROM pragma_foreign_key_check");
        assert_eq!(broken, 0.0);
    }

    #[test]
    fn the_same_seed_charts_the_same_practice() {
        let sum = |db: &ChartDb| {
            db.read(|c| {
                Ok(c.query_row(
                    "SELECT group_concat(id || reason || subjective || plan, '|') FROM visits",
                    [],
                    |r| r.get::<_, String>(0),
                )?)
            })
            .unwrap()
        };
        let (a, _) = charted_practice(60);
        let (b, _) = charted_practice(60);
        assert_eq!(sum(&a), sum(&b));
    }

    #[test]
    fn generated_charting_never_goes_into_a_practice_with_visits() {
        let (mut db, _) = charted_practice(20);
        let providers = ChartProviders {
            physicians: vec![UserId::from_u128(2)],
            nurse: None,
        };
        let err = db
            .add_generated_charts(5, &providers, crate::testing::test_now())
            .unwrap_err();
        assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    }

    #[test]
    fn children_grow_towards_their_adult_height() {
        assert!((growth_fraction(0.0) - 0.29).abs() < 1e-9);
        assert!(growth_fraction(5.0) > growth_fraction(4.0));
        assert!((growth_fraction(30.0) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn picked_sentences_are_distinct() {
        let mut rng = Rng::new(3);
        for _ in 0..200 {
            let picked = pick_some(&mut rng, banks::GENERAL_EXAM, 3);
            let mut unique = picked.clone();
            unique.dedup();
            assert_eq!(unique.len(), 3);
        }
    }
}

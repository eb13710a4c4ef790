//! One generated visit: its kind (telephone, physical, follow-up of the patient's conditions,
//! or a same-day problem), the SOAP note composed from the banks, its diagnoses, vitals and
//! the occasional amendment.

use super::super::banks::{self, Acute};
use super::super::Rng;
use super::{age_at, Body, Condition, Writer, AMENDMENT, DIAGNOSIS, VISIT, VITALS};
use crate::error::CoreResult;
use crate::store::chart_seed::{self as seed, SeedPatient, SeedVisit, SeedVitals};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use std::fmt::Write as _;

/// A visit the patient's timeline has: when, whether it is a well-child visit of the schedule,
/// and whether its note is left a draft.
pub(super) struct Planned {
    pub at: DateTime<Utc>,
    pub well_child: bool,
    pub draft: bool,
}

impl Writer<'_> {
    #[allow(clippy::too_many_arguments)] // the visit's whole context
    pub(super) fn visit(
        &mut self,
        rng: &mut Rng,
        p: &SeedPatient,
        pid: &str,
        physician: &str,
        planned: Planned,
        conditions: &[Condition],
        body: &mut Body,
    ) -> CoreResult<()> {
        let Planned {
            at: t,
            well_child,
            draft,
        } = planned;
        let age = age_at(p.date_of_birth, t.date_naive());
        let active: Vec<&Condition> = conditions
            .iter()
            .filter(|c| c.onset <= t && c.resolved.is_none_or(|r| r > t))
            .collect();
        let roll = rng.below(100);
        let (visit_type, provider) = if well_child {
            ("office", physician.to_string())
        } else if roll < 10 {
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
            let line: &str = rng.pick::<&str>(banks::GENERAL_PLAN);
            note.p.push_str(line);
        } else if well_child || rng.chance(150) {
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

        let vitals = (visit_type != "telephone" && (rng.chance(900) || well_child))
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
        let signer = if self.staff.physicians.contains(&provider) {
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
        // A child follows its growth curves; an adult keeps a slowly drifting BMI.
        let (height, weight) = if age < 18.0 {
            let weight = body.growth.weight(rng, age);
            (body.growth.height(age), (weight * 10.0).round() / 10.0)
        } else {
            body.bmi += jitter(rng, 3) / 10.0;
            body.bmi = body.bmi.clamp(17.0, 48.0);
            let height = body.adult_height;
            (
                height,
                (body.bmi * (height / 100.0).powi(2) * 10.0).round() / 10.0,
            )
        };
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
            head_circumference_cm: (age < 3.0)
                .then(|| (body.growth.head(age) * 10.0).round() / 10.0),
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

/// The same day at a time inside office hours (8:00–17:00 in the US Central zone).
pub(super) fn office_hours(t: DateTime<Utc>) -> DateTime<Utc> {
    let seconds = 14 * 3600 + (t.timestamp().rem_euclid(9 * 3600));
    Utc.from_utc_datetime(&t.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default())
        + Duration::seconds(seconds)
}

/// [`office_hours`] on `t`'s day, or the day before when that is not before `end`: office
/// hours on the last day may still be ahead of `now`, and nothing generated is in the future.
pub(super) fn office_hours_before(t: DateTime<Utc>, end: DateTime<Utc>) -> DateTime<Utc> {
    let at = office_hours(t);
    if at >= end {
        at - Duration::days(1)
    } else {
        at
    }
}

pub(super) fn noon(d: NaiveDate) -> DateTime<Utc> {
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
pub(super) fn pick_some<'a>(rng: &mut Rng, bank: &[&'a str], n: usize) -> Vec<&'a str> {
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

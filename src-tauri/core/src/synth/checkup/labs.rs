//! One adult's generated lab history: check-up panels about yearly on past office visits
//! (CMP or BMP, lipid panel, CBC; TSH for hypothyroidism, PSA for some men 50–70, UACR for
//! diabetes or kidney disease, an HbA1c screen now and then), HbA1c every 3–6 months for a
//! diabetic (some well controlled, some above 9 %, some with none in the last year), and INR
//! every 3–8 weeks for a patient on warfarin. Values are drawn around a per-patient level,
//! shifted by sex, age and conditions, and kept inside physiological limits.

use super::super::chart::growth_normal as normal;
use super::super::Rng;
use super::tests_table::{self as tt, TestDef};
use super::Context;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use std::collections::HashMap;

/// Years of lab history before `now` (the charting has 15; labs from a lab interface are
/// kept for the recent ones, which keeps a 100,000-patient practice's file reasonable).
pub const LAB_YEARS: i64 = 6;

/// One report to write: its panel, when, and its values.
#[derive(Debug, Clone)]
pub struct PlannedReport {
    pub panel_code: &'static str,
    pub panel_fallback: &'static str,
    pub collected_at: DateTime<Utc>,
    /// The visit's physician (none: the patient's own physician).
    pub physician: Option<String>,
    pub values: Vec<(&'static str, f64)>,
}

/// The patient's own levels, drawn once: every result of a test sits around it.
struct Levels<'a> {
    ctx: &'a Context,
    z: HashMap<&'static str, f64>,
    /// A diabetic's usual control, and the current HbA1c around it.
    a1c_level: f64,
    a1c: f64,
}

impl Levels<'_> {
    fn z(&mut self, rng: &mut Rng, loinc: &'static str) -> f64 {
        *self.z.entry(loinc).or_insert_with(|| 0.8 * normal(rng))
    }

    /// One value of `loinc` at `t` (age in years).
    fn value(&mut self, rng: &mut Rng, loinc: &'static str, age: f64) -> f64 {
        let c = self.ctx;
        let female = c.patient.female;
        let z = self.z(rng, loinc) + 0.55 * normal(rng);
        let (mean, sd, log) = match loinc {
            tt::GLUCOSE if c.diabetic => (150.0, 35.0, false),
            tt::GLUCOSE => (91.0, 8.0, false),
            tt::BUN if c.kidney => (30.0, 7.0, false),
            tt::BUN => (14.0 + (age - 40.0).max(0.0) * 0.08, 3.5, false),
            tt::CREATININE if c.kidney => (1.7, 0.3, false),
            tt::CREATININE if female => (0.76 + (age - 50.0).max(0.0) * 0.003, 0.12, false),
            tt::CREATININE => (0.98 + (age - 50.0).max(0.0) * 0.004, 0.14, false),
            tt::SODIUM => (140.0, 2.0, false),
            tt::POTASSIUM if c.kidney => (4.8, 0.35, false),
            tt::POTASSIUM => (4.2, 0.3, false),
            tt::CHLORIDE => (103.0, 2.3, false),
            tt::CO2 if c.kidney => (22.5, 2.2, false),
            tt::CO2 => (25.5, 2.0, false),
            tt::CALCIUM => (9.5, 0.3, false),
            tt::PROTEIN => (7.1, 0.35, false),
            tt::ALBUMIN => (4.2, 0.25, false),
            tt::BILIRUBIN => (0.6, 0.35, true),
            tt::ALP => (75.0, 0.25, true),
            tt::ALT if c.diabetic || c.obese => (32.0, 0.4, true),
            tt::ALT => (22.0, 0.35, true),
            tt::AST => (22.0, 0.28, true),
            tt::TRIGLYCERIDES if c.diabetic || c.obese => (175.0, 0.38, true),
            tt::TRIGLYCERIDES => (115.0, 0.38, true),
            tt::HDL if female => (60.0 - if c.diabetic { 6.0 } else { 0.0 }, 11.0, false),
            tt::HDL => (48.0 - if c.diabetic { 5.0 } else { 0.0 }, 9.0, false),
            tt::LDL if c.lipids => (142.0, 30.0, false),
            tt::LDL => (108.0, 27.0, false),
            tt::WBC => (7.0, 0.22, true),
            tt::RBC if female => (4.55, 0.28, false),
            tt::RBC => (5.05, 0.32, false),
            tt::HEMOGLOBIN if female => (13.6 - if c.kidney { 1.2 } else { 0.0 }, 0.9, false),
            tt::HEMOGLOBIN => (15.1 - if c.kidney { 1.2 } else { 0.0 }, 0.95, false),
            tt::HEMATOCRIT if female => (40.5, 2.6, false),
            tt::HEMATOCRIT => (45.0, 2.8, false),
            tt::CHOLESTEROL => (190.0, 35.0, false),
            tt::HBA1C => (5.4, 0.3, false),
            tt::MCV => (90.0, 4.0, false),
            tt::MCH => (30.2, 1.4, false),
            tt::MCHC => (33.6, 0.7, false),
            tt::PLATELETS => (255.0, 0.2, true),
            tt::TSH if c.hypothyroid => (2.8, 0.65, true),
            tt::TSH => (1.7, 0.42, true),
            tt::PSA => (0.7 * (1.0 + (age - 50.0).max(0.0) * 0.05), 0.75, true),
            tt::UACR => (20.0, 1.0, true),
            tt::INR => (2.5, 0.42, false),
            _ => (0.0, 0.0, false),
        };
        let v = if log {
            mean * (sd * z).exp()
        } else {
            mean + sd * z
        };
        clamp(loinc, v)
    }

    /// The next HbA1c of a diabetic: drifting, pulled back towards the patient's control.
    fn next_a1c(&mut self, rng: &mut Rng) -> f64 {
        self.a1c = self.a1c_level + 0.75 * (self.a1c - self.a1c_level) + 0.3 * normal(rng);
        clamp(tt::HBA1C, self.a1c + 0.2 * normal(rng))
    }
}

/// Inside the test's physiological limits, rounded to its decimals.
fn clamp(loinc: &str, v: f64) -> f64 {
    let Some(d) = tt::def(loinc) else { return v };
    round(v.clamp(d.limits.0, d.limits.1), d)
}

fn round(v: f64, d: &TestDef) -> f64 {
    let f = 10f64.powi(i32::from(d.decimals));
    (v * f).round() / f
}

fn age_at(dob: NaiveDate, t: DateTime<Utc>) -> f64 {
    (t.date_naive() - dob).num_days() as f64 / 365.25
}

/// A morning draw on `day` (8–11 in the practice's US Central zone).
fn morning(rng: &mut Rng, day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(14, 0, 0).unwrap_or_default())
        + Duration::minutes(rng.below(180) as i64)
}

/// The patient's reports over the last [`LAB_YEARS`], oldest first.
pub fn plan(rng: &mut Rng, ctx: &Context, now: DateTime<Utc>) -> Vec<PlannedReport> {
    let dob = ctx.patient.date_of_birth;
    let from = now - Duration::days(LAB_YEARS * 365);
    let until = match ctx.patient.deceased_on {
        Some(d) => Utc.from_utc_datetime(&d.and_hms_opt(12, 0, 0).unwrap_or_default()),
        None => now - Duration::hours(3),
    };
    // A diabetic's control, and whether they have been lost to follow-up for a year or more.
    let a1c = match rng.below(100) {
        0..=29 => 6.3 + rng.below(8) as f64 / 10.0,
        30..=64 => 7.0 + rng.below(10) as f64 / 10.0,
        65..=84 => 8.0 + rng.below(10) as f64 / 10.0,
        _ => 9.1 + rng.below(20) as f64 / 10.0,
    };
    let lapsed = ctx.diabetic && rng.chance(150);
    let last_draw = if lapsed {
        until - Duration::days(400 + rng.below(300) as i64)
    } else {
        until
    };
    let mut levels = Levels {
        ctx,
        z: HashMap::new(),
        a1c_level: a1c,
        a1c,
    };
    let psa_screened = !ctx.patient.female && rng.chance(450);
    let mut out = Vec::new();
    let mut last_checkup: Option<DateTime<Utc>> = None;
    for v in &ctx.visits {
        let t = v.started_at + Duration::minutes(20);
        if !v.office || t < from || t > last_draw || age_at(dob, t) < 18.0 {
            continue;
        }
        if last_checkup.is_some_and(|l| (t - l).num_days() < 300) {
            continue;
        }
        let age = age_at(dob, t);
        let chronic = ctx.diabetic || ctx.hypertensive || ctx.kidney || ctx.lipids;
        let p = if chronic {
            750
        } else if age >= 40.0 {
            550
        } else {
            300
        };
        if !rng.chance(p) {
            continue;
        }
        last_checkup = Some(t);
        let panel = |code: (&'static str, &'static str, &'static [&'static str]),
                     levels: &mut Levels<'_>,
                     rng: &mut Rng| {
            let mut values: Vec<(&'static str, f64)> = Vec::new();
            for loinc in code.2 {
                if *loinc == tt::EGFR {
                    continue; // computed from the creatinine below
                }
                values.push((loinc, levels.value(rng, loinc, age)));
            }
            PlannedReport {
                panel_code: code.0,
                panel_fallback: code.1,
                collected_at: t,
                physician: Some(v.provider.clone()),
                values,
            }
        };
        if age >= 40.0 || chronic || rng.chance(500) {
            let metabolic = if rng.chance(600) { tt::CMP } else { tt::BMP };
            out.push(panel(metabolic, &mut levels, rng));
        }
        if (age >= 35.0 || ctx.lipids || ctx.diabetic || rng.chance(300)) && rng.chance(850) {
            let mut lipids = panel(tt::LIPIDS, &mut levels, rng);
            total_cholesterol(&mut lipids.values);
            out.push(lipids);
        }
        if rng.chance(600) {
            out.push(panel(tt::CBC, &mut levels, rng));
        }
        let single = |loinc: &'static str, value: f64| PlannedReport {
            panel_code: loinc,
            panel_fallback: tt::def(loinc).map(|d| d.short).unwrap_or(loinc),
            collected_at: t,
            physician: Some(v.provider.clone()),
            values: vec![(loinc, value)],
        };
        if ctx.hypothyroid || rng.chance(80) {
            out.push(single(tt::TSH, levels.value(rng, tt::TSH, age)));
        }
        if psa_screened && (50.0..70.0).contains(&age) && rng.chance(800) {
            out.push(single(tt::PSA, levels.value(rng, tt::PSA, age)));
        }
        if (ctx.diabetic || ctx.kidney) && rng.chance(800) {
            let uacr = levels.value(rng, tt::UACR, age);
            out.push(single(tt::UACR, uacr));
        }
        if !ctx.diabetic && age >= 35.0 && rng.chance(250) {
            let screen = clamp(tt::HBA1C, 5.4 + 0.35 * normal(rng));
            out.push(single(tt::HBA1C, screen));
        }
    }
    // A diabetic's HbA1c every 3–6 months from the diagnosis (or the window's start).
    if let Some(onset) = ctx.diabetes_onset {
        let mut t = morning(rng, onset.max(from).date_naive()) + Duration::days(20);
        while t < last_draw {
            if age_at(dob, t) >= 18.0 {
                let value = levels.next_a1c(rng);
                out.push(PlannedReport {
                    panel_code: tt::HBA1C,
                    panel_fallback: "HbA1c",
                    collected_at: t,
                    physician: None,
                    values: vec![(tt::HBA1C, value)],
                });
            }
            let next = (t + Duration::days(90 + rng.below(95) as i64)).date_naive();
            t = morning(rng, next);
        }
    }
    // INR every 3–8 weeks on warfarin.
    if let Some(since) = ctx.warfarin_since {
        let start = Utc.from_utc_datetime(&since.and_hms_opt(14, 0, 0).unwrap_or_default());
        let mut t = morning(rng, start.max(from).date_naive()) + Duration::days(7);
        while t < until {
            let age = age_at(dob, t);
            out.push(PlannedReport {
                panel_code: tt::INR,
                panel_fallback: "INR",
                collected_at: t,
                physician: None,
                values: vec![(tt::INR, levels.value(rng, tt::INR, age))],
            });
            let next = (t + Duration::days(21 + rng.below(35) as i64)).date_naive();
            t = morning(rng, next);
        }
    }
    out.sort_by_key(|r| r.collected_at);
    out
}

/// Total cholesterol from its parts (Friedewald: LDL + HDL + TG/5), so the panel adds up.
fn total_cholesterol(values: &mut [(&'static str, f64)]) {
    let get = |code| values.iter().find(|(c, _)| *c == code).map(|(_, v)| *v);
    if let (Some(ldl), Some(hdl), Some(tg)) = (get(tt::LDL), get(tt::HDL), get(tt::TRIGLYCERIDES)) {
        let total = clamp(tt::CHOLESTEROL, ldl + hdl + tg / 5.0);
        for (code, v) in values.iter_mut() {
            if *code == tt::CHOLESTEROL {
                *v = total;
            }
        }
    }
}

//! One patient's generated immunizations: a child's doses on the CDC child and adolescent
//! schedule, kept on time by most families, late or stopped by some, a few refusing some
//! vaccines; an adult's influenza most seasons for many, Tdap/Td, zoster for some from 50,
//! pneumococcal from 65, COVID-19 for some, RSV for some from 75, and a few refusals.
//!
//! CVX codes and manufacturers (MVX) are CDC's: "IIS: Current HL7 Standard Code Set CVX --
//! Vaccines Administered" and "MVX -- Manufacturers of Vaccines"
//! (https://www2a.cdc.gov/vaccines/iis/iisstandards/vaccines.asp?rpt=cvx), checked for every
//! row below; RSV and 2023–2024 COVID-19 codes from CDC's "Fall Season Respiratory Vaccine
//! Codes" crosswalk (303 Arexvy, 305 Abrysvo, 326 mRESVIA; 309 Comirnaty 2023–2024 formula,
//! 12 years and older). Schedules: CDC Child and Adolescent Immunization Schedule and Adult
//! Immunization Schedule (2024).

use super::super::Rng;
use super::Context;
use chrono::{Datelike, Duration, NaiveDate};

/// `(cvx, name, manufacturer MVX, route)` of every vaccine the generator gives.
#[rustfmt::skip]
pub const VACCINES: &[(&str, &str, &str, &str)] = &[
    ("08", "Hep B, adolescent or pediatric", "MSD", "IM"),
    ("116", "Rotavirus, pentavalent", "MSD", "PO"),
    ("20", "DTaP", "SKB", "IM"),
    ("49", "Hib (PRP-OMP)", "MSD", "IM"),
    ("133", "Pneumococcal conjugate PCV 13", "PFR", "IM"),
    ("215", "Pneumococcal conjugate PCV 15", "MSD", "IM"),
    ("216", "Pneumococcal conjugate PCV 20", "PFR", "IM"),
    ("10", "IPV", "PMC", "SC"),
    ("03", "MMR", "MSD", "SC"),
    ("21", "Varicella", "MSD", "SC"),
    ("83", "Hep A, ped/adol, 2 dose", "MSD", "IM"),
    ("115", "Tdap", "SKB", "IM"),
    ("113", "Td (adult), 5 Lf tetanus toxoid, preservative free, adsorbed", "PMC", "IM"),
    ("62", "HPV, quadrivalent", "MSD", "IM"),
    ("165", "HPV9", "MSD", "IM"),
    ("136", "Meningococcal MCV4O", "SKB", "IM"),
    ("140", "Influenza, seasonal, injectable, preservative free", "PMC", "IM"),
    ("150", "Influenza, injectable, quadrivalent, preservative free", "SKB", "IM"),
    ("135", "Influenza, high dose seasonal", "PMC", "IM"),
    ("197", "Influenza, high-dose, quadrivalent", "PMC", "IM"),
    ("121", "Zoster live", "MSD", "SC"),
    ("187", "Zoster recombinant", "SKB", "IM"),
    ("33", "Pneumococcal polysaccharide PPV23", "MSD", "IM"),
    ("208", "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose", "PFR", "IM"),
    ("207", "COVID-19, mRNA, LNP-S, PF, 100 mcg/0.5 mL dose", "MOD", "IM"),
    ("309", "COVID-19, mRNA, LNP-S, PF, tris-sucrose, 30 mcg/0.3 mL", "PFR", "IM"),
    ("303", "RSV, recombinant, protein subunit RSVpreF, adjuvant reconstituted, 0.5 mL, PF", "SKB", "IM"),
    ("305", "RSV, bivalent, protein subunit RSVpreF, diluent reconstituted, 0.5 mL, PF", "PFR", "IM"),
    ("326", "RSV, mRNA, injectable, PF", "MOD", "IM"),
];

/// One planned entry: a dose (given or reported) or a refusal.
#[derive(Debug, Clone)]
pub struct PlannedDose {
    pub cvx: &'static str,
    pub on: NaiveDate,
    pub dose_number: Option<u32>,
    pub refusal: Option<&'static str>,
}

const REFUSALS: &[&str] = &[
    "Declined: concerned about side effects",
    "Declined: prefers to wait until next visit",
    "Declined: does not believe it is needed",
];
const PARENT_REFUSALS: &[&str] = &[
    "Parent declined: concerned about vaccine safety",
    "Parent declined: prefers a delayed schedule",
];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// The pneumococcal conjugate a child gets on `day`: PCV13 until PCV15 (June 2022), then PCV20
/// (licensed for children April 2023).
fn child_pcv(day: NaiveDate) -> &'static str {
    if day < d(2022, 7, 1) {
        "133"
    } else if day < d(2023, 6, 1) {
        "215"
    } else {
        "216"
    }
}

/// The seasonal influenza vaccine for this season and age.
fn flu(day: NaiveDate, age: f64) -> &'static str {
    let season = if day.month() >= 7 {
        day.year()
    } else {
        day.year() - 1
    };
    match (age >= 65.0, season) {
        (true, s) if (2020..2024).contains(&s) => "197",
        (true, _) => "135",
        (false, s) if (2013..2024).contains(&s) => "150",
        (false, _) => "140",
    }
}

/// Everything for the patient, oldest first, up to `today` (exclusive) and the patient's death.
pub fn plan(rng: &mut Rng, ctx: &Context, today: NaiveDate) -> Vec<PlannedDose> {
    let dob = ctx.patient.date_of_birth;
    let end = ctx.patient.deceased_on.unwrap_or(today).min(today);
    let window = today - Duration::days(15 * 365);
    let age = |day: NaiveDate| (day - dob).num_days() as f64 / 365.25;
    let mut out: Vec<PlannedDose> = Vec::new();
    let mut counts: Vec<(&'static str, u32)> = Vec::new();
    let mut give =
        |out: &mut Vec<PlannedDose>, series: &'static str, cvx: &'static str, on: NaiveDate| {
            if on >= end || on < dob {
                return;
            }
            let n = match counts.iter_mut().find(|(s, _)| *s == series) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    counts.push((series, 1));
                    1
                }
            };
            out.push(PlannedDose {
                cvx,
                on,
                dose_number: Some(n),
                refusal: None,
            });
        };
    let refuse =
        |out: &mut Vec<PlannedDose>, cvx: &'static str, on: NaiveDate, why: &'static str| {
            if on < end && on >= window {
                out.push(PlannedDose {
                    cvx,
                    on,
                    dose_number: None,
                    refusal: Some(why),
                });
            }
        };

    // The child schedule, for anyone who was under 19 during the chart's window.
    if age(today) < 34.0 {
        // 0: on time, 1: late, 2: stopped part-way, 3: refuses some vaccines.
        let family = match rng.below(100) {
            0..=79 => 0,
            80..=91 => 1,
            92..=96 => 2,
            _ => 3,
        };
        let stop_after = if family == 2 {
            3 + rng.below(14) as usize
        } else {
            usize::MAX
        };
        let at = |days: i64, rng: &mut Rng| {
            let late = if family == 1 {
                20 + rng.below(130) as i64
            } else {
                rng.below(10) as i64
            };
            dob + Duration::days(days + late)
        };
        let schedule: &[(&str, i64)] = &[
            ("hepb", 0),
            ("hepb", 30),
            ("rota", 61),
            ("dtap", 61),
            ("hib", 61),
            ("pcv", 61),
            ("ipv", 61),
            ("rota", 122),
            ("dtap", 122),
            ("hib", 122),
            ("pcv", 122),
            ("ipv", 122),
            ("hepb", 183),
            ("rota", 183),
            ("dtap", 183),
            ("pcv", 183),
            ("ipv", 274),
            ("hib", 365),
            ("pcv", 365),
            ("mmr", 365),
            ("var", 365),
            ("hepa", 365),
            ("dtap", 456),
            ("hepa", 548),
            ("dtap", 1461),
            ("ipv", 1461),
            ("mmr", 1461),
            ("var", 1461),
        ];
        for (i, (series, days)) in schedule.iter().enumerate() {
            if i >= stop_after {
                break;
            }
            let on = at(*days, rng);
            if family == 3 && matches!(*series, "mmr" | "var") {
                if *days == 365 {
                    let cvx = if *series == "mmr" { "03" } else { "21" };
                    refuse(&mut out, cvx, on, rng.pick::<&str>(PARENT_REFUSALS));
                }
                continue;
            }
            let cvx = match *series {
                "hepb" => "08",
                "rota" => "116",
                "dtap" => "20",
                "hib" => "49",
                "pcv" => child_pcv(on),
                "ipv" => "10",
                "mmr" => "03",
                "var" => "21",
                _ => "83",
            };
            give(&mut out, series, cvx, on);
        }
        // Adolescents: Tdap, MenACWY at 11–12 and 16, HPV (two doses when started before 15).
        if stop_after == usize::MAX {
            let eleven = dob + Duration::days(11 * 365 + 60 + rng.below(300) as i64);
            if rng.chance(880) {
                give(&mut out, "tdap", "115", eleven);
            }
            if rng.chance(800) {
                give(&mut out, "mena", "136", eleven);
                if rng.chance(700) {
                    give(
                        &mut out,
                        "mena",
                        "136",
                        dob + Duration::days(16 * 365 + rng.below(200) as i64),
                    );
                }
            }
            if family == 3 {
                refuse(&mut out, "165", eleven, rng.pick::<&str>(PARENT_REFUSALS));
            } else if rng.chance(620) {
                let hpv = if eleven < d(2017, 1, 1) { "62" } else { "165" };
                give(&mut out, "hpv", hpv, eleven);
                if rng.chance(850) {
                    give(
                        &mut out,
                        "hpv",
                        hpv,
                        eleven + Duration::days(180 + rng.below(200) as i64),
                    );
                }
            }
        }
    }

    // Influenza: from 6 months, yearly for some, most seasons for many, never for a few.
    let keen = match rng.below(100) {
        0..=24 => 0,
        25..=59 => 450,
        _ => 880,
    } + if age(today) >= 65.0 { 80 } else { 0 };
    let mut flu_refused = false;
    for season in window.year()..=today.year() {
        let on = d(season, 9, 10) + Duration::days(rng.below(95) as i64);
        if age(on) < 0.5 || on >= end {
            continue;
        }
        if rng.chance(keen.min(950)) {
            give(&mut out, "flu", flu(on, age(on)), on);
        } else if keen == 0 && !flu_refused && age(on) >= 18.0 && rng.chance(30) {
            flu_refused = true;
            refuse(&mut out, "150", on, rng.pick::<&str>(REFUSALS));
        }
    }

    if age(today) >= 19.0 {
        // Tdap once as an adult for many; a Td booster ten years on for some.
        let adult_from = (dob + Duration::days(19 * 365)).max(window);
        let span = (end - adult_from).num_days();
        if span > 0 && rng.chance(550) {
            let on = adult_from + Duration::days(rng.below(span as u64) as i64);
            give(&mut out, "tdap", "115", on);
            if rng.chance(500) {
                give(
                    &mut out,
                    "tdap",
                    "113",
                    on + Duration::days(3650 + rng.below(200) as i64),
                );
            }
        }
        // Zoster: recombinant (from 2018, two doses 2–6 months apart) for some from 50.
        let fifty = (dob + Duration::days(50 * 365 + 13)).max(d(2018, 1, 15));
        let span = (end - fifty).num_days();
        if span > 0 {
            if rng.chance(400) {
                let on = fifty + Duration::days(rng.below(span as u64) as i64);
                give(&mut out, "zoster", "187", on);
                if rng.chance(850) {
                    give(
                        &mut out,
                        "zoster",
                        "187",
                        on + Duration::days(60 + rng.below(120) as i64),
                    );
                }
            } else if rng.chance(60) {
                let on = fifty + Duration::days(rng.below(span as u64) as i64);
                refuse(&mut out, "187", on, rng.pick::<&str>(REFUSALS));
            }
        }
        let sixty = (dob + Duration::days(60 * 365 + 15)).max(window);
        if sixty < d(2017, 10, 1) && rng.chance(150) {
            give(
                &mut out,
                "zoster-live",
                "121",
                sixty + Duration::days(rng.below(700) as i64),
            );
        }
        // Pneumococcal from 65: PCV20 since late 2021; PCV13 then PPSV23 a year later before.
        let sixty_five = (dob + Duration::days(65 * 365 + 17)).max(window);
        let span = (end - sixty_five).num_days();
        if span > 0 && rng.chance(600) {
            let on = sixty_five + Duration::days(rng.below(span as u64) as i64);
            if on >= d(2021, 11, 1) {
                give(&mut out, "pneumo", "216", on);
            } else {
                give(&mut out, "pneumo", "133", on);
                give(
                    &mut out,
                    "pneumo",
                    "33",
                    on + Duration::days(365 + rng.below(60) as i64),
                );
            }
        }
        // COVID-19: the 2021 primary series for many, a 2023–2024 and a 2024–2025 dose for some.
        if rng.chance(600) {
            let on = d(2021, 1, 20) + Duration::days(rng.below(150) as i64);
            let (cvx, gap) = if rng.chance(600) {
                ("208", 21)
            } else {
                ("207", 28)
            };
            give(&mut out, "covid", cvx, on);
            give(
                &mut out,
                "covid",
                cvx,
                on + Duration::days(gap + rng.below(7) as i64),
            );
            for (season, share) in [(2023, 380), (2024, 280)] {
                if rng.chance(share) {
                    let on = d(season, 9, 20) + Duration::days(rng.below(80) as i64);
                    give(&mut out, "covid", "309", on);
                }
            }
        } else if rng.chance(120) {
            refuse(
                &mut out,
                "208",
                d(2021, 4, 1) + Duration::days(rng.below(120) as i64),
                rng.pick::<&str>(REFUSALS),
            );
        }
        // RSV: once, for some from 75 (and some 60–74 with lung, heart or kidney disease).
        let at_risk = ctx.kidney || ctx.copd || ctx.diabetic;
        let rsv_age = if at_risk { 60.0 } else { 75.0 };
        let from = d(2023, 9, 15);
        let eligible = (dob + Duration::days((rsv_age * 365.25) as i64)).max(from);
        let span = (end - eligible).num_days();
        if span > 0 && rng.chance(if at_risk { 250 } else { 320 }) {
            let on = eligible + Duration::days(rng.below(span as u64) as i64);
            let cvx = if on >= d(2024, 9, 1) && rng.chance(250) {
                "326"
            } else if rng.chance(500) {
                "303"
            } else {
                "305"
            };
            give(&mut out, "rsv", cvx, on);
        }
    }
    out.retain(|p| p.on < end && p.on >= dob);
    out.sort_by_key(|p| p.on);
    out
}

/// The vaccine's row, by CVX.
pub fn vaccine(
    cvx: &str,
) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    VACCINES.iter().find(|v| v.0 == cvx)
}

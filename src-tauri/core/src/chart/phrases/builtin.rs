//! The built-in smart phrases, which fill in from the chart when they expand: today's vitals
//! on one line, the allergies, the active problems, the patient's age. Their wording is here;
//! their SQL in `store::phrases`.

use super::BuiltinPhrase;
use crate::chart::allergies::AllergyState;
use crate::dates::age_in_years;
use crate::db::ChartDb;
use crate::error::CoreResult;
use crate::ids::{PatientId, VisitId};
use crate::practice::{practice_today, practice_zone};
use crate::store;
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use rusqlite::Connection;

/// A built-in phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltIn {
    Vitals,
    Allergies,
    Problems,
    Age,
}

impl BuiltIn {
    pub const ALL: [BuiltIn; 4] = [
        BuiltIn::Vitals,
        BuiltIn::Allergies,
        BuiltIn::Problems,
        BuiltIn::Age,
    ];

    pub fn abbreviation(self) -> &'static str {
        match self {
            BuiltIn::Vitals => ".vitals",
            BuiltIn::Allergies => ".allergies",
            BuiltIn::Problems => ".problems",
            BuiltIn::Age => ".age",
        }
    }

    fn description(self) -> &'static str {
        match self {
            BuiltIn::Vitals => "This visit's vitals, else today's, on one line",
            BuiltIn::Allergies => "Active allergies and intolerances, or NKDA / not yet asked",
            BuiltIn::Problems => "Active problems from the problem list",
            BuiltIn::Age => "Age and sex, e.g. “54-year-old female”",
        }
    }

    pub fn parse(text: &str) -> Option<BuiltIn> {
        BuiltIn::ALL.into_iter().find(|b| b.abbreviation() == text)
    }
}

/// The built-ins as the editor lists them.
pub fn described() -> Vec<BuiltinPhrase> {
    BuiltIn::ALL
        .into_iter()
        .map(|b| BuiltinPhrase {
            abbreviation: b.abbreviation().into(),
            description: b.description().into(),
        })
        .collect()
}

/// The practice's today: its date and the UTC instants where it starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Today {
    pub date: NaiveDate,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

pub(crate) fn today_window(db: &ChartDb, now: DateTime<Utc>) -> CoreResult<Today> {
    let zone = practice_zone(db)?;
    let date = practice_today(db, now)?;
    let start_of = |d: NaiveDate| {
        let midnight = d.and_time(chrono::NaiveTime::MIN);
        // A zone whose clocks skip midnight starts the day at the first instant that exists.
        zone.from_local_datetime(&midnight)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| midnight.and_utc())
    };
    let next = date.checked_add_days(Days::new(1)).unwrap_or(date);
    Ok(Today {
        date,
        from: start_of(date),
        until: start_of(next),
    })
}

/// One set of vitals, canonical units, as the phrase shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct VitalsLine {
    pub systolic: Option<i64>,
    pub diastolic: Option<i64>,
    pub position: Option<String>,
    pub pulse: Option<i64>,
    pub respiration: Option<i64>,
    pub temperature_c: Option<f64>,
    pub spo2: Option<i64>,
    pub weight_kg: Option<f64>,
    pub height_cm: Option<f64>,
    pub bmi: Option<f64>,
    pub head_circumference_cm: Option<f64>,
    pub pain_score: Option<i64>,
}

/// An active allergy or intolerance, as the phrase shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AllergyLine {
    pub substance: String,
    pub reaction: String,
    pub severity: Option<String>,
    pub intolerance: bool,
}

/// "176" for a whole number, else one decimal.
fn trim_decimal(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

pub(crate) fn vitals_text(v: &VitalsLine) -> String {
    let mut parts = Vec::new();
    if let (Some(s), Some(d)) = (v.systolic, v.diastolic) {
        match &v.position {
            Some(p) => parts.push(format!("BP {s}/{d} {p}")),
            None => parts.push(format!("BP {s}/{d}")),
        }
    }
    if let Some(p) = v.pulse {
        parts.push(format!("P {p}"));
    }
    if let Some(r) = v.respiration {
        parts.push(format!("RR {r}"));
    }
    if let Some(t) = v.temperature_c {
        parts.push(format!("T {t:.1} °C"));
    }
    if let Some(s) = v.spo2 {
        parts.push(format!("SpO2 {s}%"));
    }
    if let Some(w) = v.weight_kg {
        parts.push(format!("Wt {w:.1} kg"));
    }
    if let Some(h) = v.height_cm {
        parts.push(format!("Ht {} cm", trim_decimal(h)));
    }
    if let Some(b) = v.bmi {
        parts.push(format!("BMI {b:.1}"));
    }
    if let Some(h) = v.head_circumference_cm {
        parts.push(format!("HC {h:.1} cm"));
    }
    if let Some(p) = v.pain_score {
        parts.push(format!("Pain {p}/10"));
    }
    parts.join(", ")
}

pub(crate) fn allergies_text(active: &[AllergyLine], state: &AllergyState) -> String {
    if active.is_empty() {
        return match state {
            AllergyState::NoKnownAllergies { drugs_only: true } => {
                "NKDA (no known drug allergies)".into()
            }
            AllergyState::NoKnownAllergies { drugs_only: false } => {
                "NKA (no known allergies)".into()
            }
            // Active ones were just read and none found; "not asked" is the honest answer.
            _ => "Allergies not yet asked".into(),
        };
    }
    let items: Vec<String> = active
        .iter()
        .map(|a| {
            let mut s = a.substance.clone();
            if a.intolerance {
                s.push_str(" (intolerance)");
            }
            let reaction = a.reaction.trim();
            match (reaction.is_empty(), &a.severity) {
                (false, Some(sev)) => s.push_str(&format!(": {reaction}, {sev}")),
                (false, None) => s.push_str(&format!(": {reaction}")),
                (true, Some(sev)) => s.push_str(&format!(": {sev}")),
                (true, None) => {}
            }
            s
        })
        .collect();
    format!("Allergies: {}", items.join("; "))
}

pub(crate) fn problems_text(active: &[(String, Option<String>)]) -> String {
    if active.is_empty() {
        return "No active problems on the problem list".into();
    }
    let items: Vec<String> = active
        .iter()
        .map(|(description, code)| match code {
            Some(c) => format!("{description} ({c})"),
            None => description.clone(),
        })
        .collect();
    format!("Active problems: {}", items.join("; "))
}

pub(crate) fn age_text(born: NaiveDate, sex: &str, today: NaiveDate) -> String {
    let years = age_in_years(born, today);
    let age = if years < 2 {
        let months = (today.year_ce().1 as i64 * 12 + i64::from(today.month0()))
            - (born.year_ce().1 as i64 * 12 + i64::from(born.month0()))
            - i64::from(today.day() < born.day());
        format!("{}-month-old", months.max(0))
    } else {
        format!("{years}-year-old")
    };
    match sex {
        "female" | "male" | "intersex" => format!("{age} {sex}"),
        _ => age,
    }
}

/// The text of `built_in` for `patient`, read in the caller's (audited) transaction.
pub(crate) fn expand(
    conn: &Connection,
    built_in: BuiltIn,
    patient: PatientId,
    visit: Option<VisitId>,
    today: Today,
) -> CoreResult<String> {
    Ok(match built_in {
        BuiltIn::Vitals => {
            // This visit's set first; a set taken today but not linked to the visit (recorded
            // from the chart before the visit was started) is still today's.
            let of_visit = match visit {
                Some(_) => {
                    store::phrases::latest_vitals(conn, patient, visit, today.from, today.until)?
                }
                None => None,
            };
            let found = match of_visit {
                Some(v) => Some(v),
                None => {
                    store::phrases::latest_vitals(conn, patient, None, today.from, today.until)?
                }
            };
            match found {
                Some(v) => vitals_text(&v),
                None => "No vitals recorded today".into(),
            }
        }
        BuiltIn::Allergies => {
            let active = store::phrases::active_allergies(conn, patient)?;
            let state = store::allergies::state(conn, patient)?;
            allergies_text(&active, &state)
        }
        BuiltIn::Problems => problems_text(&store::phrases::active_problems(conn, patient)?),
        BuiltIn::Age => match store::phrases::birth_and_sex(conn, patient)? {
            Some((born, sex)) => age_text(born, &sex, today.date),
            None => {
                return Err(crate::error::CoreError::NotFound {
                    entity: "patient",
                    id: patient.to_string(),
                })
            }
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_full_set_of_vitals_reads_as_one_line() {
        let v = VitalsLine {
            systolic: Some(128),
            diastolic: Some(82),
            position: Some("sitting".into()),
            pulse: Some(72),
            respiration: Some(14),
            temperature_c: Some(36.8),
            spo2: Some(98),
            weight_kg: Some(82.0),
            height_cm: Some(176.0),
            bmi: Some(26.47),
            ..Default::default()
        };
        assert_eq!(
            vitals_text(&v),
            "BP 128/82 sitting, P 72, RR 14, T 36.8 °C, SpO2 98%, Wt 82.0 kg, Ht 176 cm, BMI 26.5"
        );
    }

    #[test]
    fn missing_vitals_are_left_out_not_shown_empty() {
        let v = VitalsLine {
            pulse: Some(88),
            pain_score: Some(4),
            height_cm: Some(101.5),
            ..Default::default()
        };
        assert_eq!(vitals_text(&v), "P 88, Ht 101.5 cm, Pain 4/10");
    }

    #[test]
    fn no_allergies_says_which_of_the_three_states_it_is() {
        let none = |s| allergies_text(&[], &s);
        assert_eq!(none(AllergyState::NotAsked), "Allergies not yet asked");
        assert_eq!(
            none(AllergyState::NoKnownAllergies { drugs_only: true }),
            "NKDA (no known drug allergies)"
        );
        let listed = allergies_text(
            &[
                AllergyLine {
                    substance: "Penicillins".into(),
                    reaction: "hives".into(),
                    severity: Some("severe".into()),
                    intolerance: false,
                },
                AllergyLine {
                    substance: "Codeine".into(),
                    reaction: "nausea".into(),
                    severity: None,
                    intolerance: true,
                },
            ],
            &AllergyState::Allergies {
                active: 2,
                high_criticality: 0,
            },
        );
        assert_eq!(
            listed,
            "Allergies: Penicillins: hives, severe; Codeine (intolerance): nausea"
        );
    }

    #[test]
    fn ages_are_in_months_under_two_and_name_the_sex() {
        let today = date("2026-12-01");
        assert_eq!(
            age_text(date("1972-06-15"), "female", today),
            "54-year-old female"
        );
        assert_eq!(
            age_text(date("1972-12-02"), "male", today),
            "53-year-old male"
        );
        assert_eq!(
            age_text(date("2025-06-10"), "unknown", today),
            "17-month-old"
        );
    }
}

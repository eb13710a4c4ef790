//! Filling a letter template from the chart: the `{{…}}` fields a template may use, what each
//! says for one patient (active problems, current medications, allergies, the last year's
//! results, the latest of each test), and the check that a template uses only known fields.

use crate::chart::allergies::AllergyState;
use crate::error::CoreResult;
use crate::labs::reads::display;
use crate::medications::print::ops::{address_lines, full_name};
use crate::patient::Patient;
use crate::store;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::Connection;
use std::collections::HashSet;

/// Every field a template may use, with what it says (shown in the template editor).
pub const FIELDS: [(&str, &str); 14] = [
    ("patient.name", "the patient's full name"),
    ("patient.dob", "date of birth"),
    ("patient.mrn", "chart number"),
    ("patient.address", "the patient's address on one line"),
    ("today", "the letter's date"),
    ("physician.name", "the signing physician"),
    ("practice.name", "the practice's name"),
    ("practice.phone", "the practice's phone"),
    ("recipient", "whom the letter is to"),
    ("reason", "the reason given on the letter form"),
    ("problems", "active problems, one per line"),
    (
        "medications",
        "current medications with directions, one per line",
    ),
    ("allergies", "active allergies, or what is recorded instead"),
    (
        "recent_results",
        "the latest result of each test in the last year",
    ),
];

/// The fields a template names that Charta does not know.
pub fn unknown_fields(text: &str) -> Vec<String> {
    let known: HashSet<&str> = FIELDS.iter().map(|(name, _)| *name).collect();
    let mut unknown = Vec::new();
    for name in field_names(text) {
        if !known.contains(name.as_str()) && !unknown.contains(&name) {
            unknown.push(name);
        }
    }
    unknown
}

fn field_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        names.push(after[..end].trim().to_string());
        rest = &after[end + 2..];
    }
    names
}

/// What one letter's fields say.
#[derive(Debug)]
pub struct Facts {
    values: Vec<(&'static str, String)>,
}

impl Facts {
    /// Replaces every known field in `text`; an unknown one is left as written.
    pub fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                out.push_str(&rest[start..]);
                return out;
            };
            let name = after[..end].trim();
            match self.values.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(value),
                None => out.push_str(&rest[start..start + 2 + end + 2]),
            }
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        out
    }
}

fn bullets(lines: Vec<String>, none: &str) -> String {
    if lines.is_empty() {
        format!("- {none}")
    } else {
        lines
            .into_iter()
            .map(|l| format!("- {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Reads what the letter's fields say for the patient.
#[allow(clippy::too_many_arguments)]
pub fn facts(
    conn: &Connection,
    patient: &Patient,
    physician: &str,
    recipient: &str,
    reason: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> CoreResult<Facts> {
    let practice = store::practice::get(conn)?;
    let problems: Vec<String> = store::problems::list(conn, patient.id)?
        .into_iter()
        .filter(|p| {
            p.entered_in_error.is_none()
                && p.status == crate::chart::problems::ProblemStatus::Active
        })
        .map(|p| {
            let code = p.code.map(|c| format!(" ({c})")).unwrap_or_default();
            let since = p
                .onset
                .filter(|o| !o.trim().is_empty())
                .map(|o| format!(", since {o}"))
                .unwrap_or_default();
            format!("{}{code}{since}", p.description)
        })
        .collect();
    let medications: Vec<String> = store::printed_copies::active_for_print(conn, patient.id)?
        .into_iter()
        .map(|m| {
            let sig = m.sig_text.trim();
            if sig.is_empty() {
                m.name
            } else {
                format!("{}: {sig}", m.name)
            }
        })
        .collect();
    let allergies = allergies(conn, patient)?;
    let results = recent_results(conn, patient, now)?;
    let values = vec![
        ("patient.name", full_name(patient)),
        ("patient.dob", long_date(patient.date_of_birth)),
        ("patient.mrn", patient.mrn.to_string()),
        (
            "patient.address",
            address_lines(&patient.address).join(", "),
        ),
        ("today", long_date(today)),
        ("physician.name", physician.to_string()),
        (
            "practice.name",
            practice
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        ),
        (
            "practice.phone",
            practice.map(|p| p.phone).unwrap_or_default(),
        ),
        (
            "recipient",
            recipient
                .trim()
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string(),
        ),
        ("reason", reason.trim().to_string()),
        (
            "problems",
            bullets(problems, "No active problems are recorded."),
        ),
        (
            "medications",
            bullets(medications, "No current medications are recorded."),
        ),
        ("allergies", allergies),
        (
            "recent_results",
            bullets(results, "No results in the last twelve months."),
        ),
    ];
    Ok(Facts { values })
}

fn allergies(conn: &Connection, patient: &Patient) -> CoreResult<String> {
    let active: Vec<String> = store::visits::active_allergies(conn, patient.id)?
        .into_iter()
        .map(|a| {
            let reaction = a.reaction.trim();
            if reaction.is_empty() {
                a.substance
            } else {
                format!("{} ({reaction})", a.substance)
            }
        })
        .collect();
    if !active.is_empty() {
        return Ok(bullets(active, ""));
    }
    Ok(match store::allergies::state(conn, patient.id)? {
        AllergyState::NoKnownAllergies { drugs_only: true } => "- No known drug allergies".into(),
        AllergyState::NoKnownAllergies { drugs_only: false } => "- No known allergies".into(),
        AllergyState::NotAsked | AllergyState::Allergies { .. } => {
            "- Allergies not recorded".into()
        }
    })
}

/// The latest standing result of each test collected in the last year, newest first.
fn recent_results(
    conn: &Connection,
    patient: &Patient,
    now: DateTime<Utc>,
) -> CoreResult<Vec<String>> {
    let since = now - Duration::days(365);
    let mut results: Vec<_> = store::lab_results::results_of_patient(conn, patient.id)?
        .into_iter()
        .filter(|r| {
            r.entered_in_error.is_none() && r.superseded_by.is_none() && r.collected_at >= since
        })
        .collect();
    results.sort_by_key(|r| std::cmp::Reverse(r.collected_at));
    let mut seen = HashSet::new();
    let mut lines = Vec::new();
    for r in results {
        if !seen.insert(r.loinc.clone()) {
            continue;
        }
        let unit = match (&r.canonical_value, &r.canonical_unit) {
            (Some(_), Some(u)) => format!(" {u}"),
            _ => String::new(),
        };
        let flag = if r.flag.is_critical() {
            " (critical)"
        } else if r.flag.is_abnormal() {
            " (abnormal)"
        } else {
            ""
        };
        lines.push(format!(
            "{}: {}{unit}{flag}, {}",
            r.name,
            display(&r),
            r.collected_at.format("%-d %b %Y")
        ));
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_filled_and_unknown_ones_are_named_and_left_as_written() {
        let facts = Facts {
            values: vec![
                ("patient.name", "Ada Okafor".into()),
                ("reason", "chest pain".into()),
            ],
        };
        assert_eq!(
            facts.fill("Dear {{ patient.name }}, re {{reason}} and {{nope}} {{"),
            "Dear Ada Okafor, re chest pain and {{nope}} {{"
        );
        assert_eq!(
            unknown_fields("{{patient.name}} {{nope}} {{nope}} {{ problems }} {{x.y}}"),
            ["nope", "x.y"]
        );
    }
}

//! Who a result file is about and whose inbox it reaches. The patient: exactly one by MRN
//! whose name and birth date do not contradict the file; failing an MRN, exactly one by
//! family name, given name and birth date; anything else is held with the reason in words.
//! An MRN that names someone else is held, never re-routed by name: the file and the
//! register disagree and a human must look. The physician: OBR-16 matched to an active
//! physician by NPI, else by name; else the patient's last visit's physician; else held.

use super::hl7::oru::{FilePatient, OrderingProvider, OruMessage};
use crate::error::CoreResult;
use crate::ids::{PatientId, UserId};
use crate::store::hl7_imports::{self as store, Candidate};
use crate::text;
use rusqlite::Connection;

/// How the file's patient was found, or why not.
#[derive(Debug, Clone, PartialEq)]
pub enum PatientMatch {
    Found(Candidate),
    Held(String),
}

/// Given names agree when one is the other or starts it ("Ada" and "Ada Marie").
fn given_agrees(register: &str, file: &str) -> bool {
    let first = |s: &str| {
        s.split_whitespace()
            .next()
            .map(text::fold)
            .unwrap_or_default()
    };
    let (a, b) = (first(register), first(file));
    a.is_empty() || b.is_empty() || a == b
}

fn contradiction(c: &Candidate, file: &FilePatient) -> Option<String> {
    let family_ok =
        file.family_name.is_empty() || text::fold(&c.family_name) == text::fold(&file.family_name);
    let given_ok = given_agrees(&c.given_name, &file.given_name);
    let dob_ok = file.date_of_birth.is_none_or(|d| d == c.date_of_birth);
    if family_ok && given_ok && dob_ok {
        return None;
    }
    let register = format!("{} {}", c.given_name, c.family_name);
    let mut said = if file.name().is_empty() {
        "no name".to_string()
    } else {
        file.name()
    };
    if !dob_ok {
        if let Some(d) = file.date_of_birth {
            said.push_str(&format!(" born {d} (the chart says {})", c.date_of_birth));
        }
    }
    Some(format!(
        "MRN {} is {register}, but the file names {said}",
        c.mrn
    ))
}

/// Finds the file's patient.
pub fn match_patient(conn: &Connection, file: &FilePatient) -> CoreResult<PatientMatch> {
    let mrn_number = file
        .mrn
        .as_deref()
        .and_then(|m| m.trim().trim_start_matches('0').parse::<u32>().ok());
    if let Some(mrn) = mrn_number {
        if let Some(c) = store::patient_by_mrn(conn, mrn)? {
            return Ok(match contradiction(&c, file) {
                None => PatientMatch::Found(c),
                Some(why) => PatientMatch::Held(why),
            });
        }
    }
    let mrn_said = match &file.mrn {
        Some(m) => format!("no patient has MRN {m}, and "),
        None => "the file gives no MRN, and ".to_string(),
    };
    let (Some(born), false) = (file.date_of_birth, file.family_name.is_empty()) else {
        return Ok(PatientMatch::Held(format!(
            "{mrn_said}without a name and date of birth nobody can be matched"
        )));
    };
    let same: Vec<Candidate> = store::patients_by_family_and_birth(conn, &file.family_name, born)?
        .into_iter()
        .filter(|c| given_agrees(&c.given_name, &file.given_name))
        .collect();
    Ok(match same.as_slice() {
        [one] => PatientMatch::Found(one.clone()),
        [] => PatientMatch::Held(format!(
            "{mrn_said}no patient is named {} born {born}",
            file.name()
        )),
        many => PatientMatch::Held(format!(
            "{mrn_said}{} patients are named {} born {born} (MRN {})",
            if many.len() == 2 {
                "two".to_string()
            } else {
                many.len().to_string()
            },
            file.name(),
            many.iter()
                .map(|c| c.mrn.to_string())
                .collect::<Vec<_>>()
                .join(", MRN ")
        )),
    })
}

/// The active physician OBR-16 names: by NPI, else exactly one by family and given name.
pub fn physician_from_file(
    conn: &Connection,
    ordering: Option<&OrderingProvider>,
) -> CoreResult<Option<UserId>> {
    let Some(o) = ordering else {
        return Ok(None);
    };
    let physicians = store::physicians(conn)?;
    let npi = o.id.trim();
    if !npi.is_empty() {
        if let Some((id, _, _)) = physicians
            .iter()
            .find(|(_, _, n)| n.as_deref().map(str::trim) == Some(npi))
        {
            return Ok(Some(*id));
        }
    }
    if o.family_name.is_empty() {
        return Ok(None);
    }
    let family = text::fold(&o.family_name);
    let given = text::fold(&o.given_name);
    let named: Vec<UserId> = physicians
        .iter()
        .filter(|(_, name, _)| {
            let words: Vec<String> = name.split_whitespace().map(text::fold).collect();
            words.contains(&family) && (given.is_empty() || words.contains(&given))
        })
        .map(|(id, _, _)| *id)
        .collect();
    Ok(match named.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

/// Whose inbox an order goes to, or why nobody's.
pub fn match_physician(
    conn: &Connection,
    ordering: Option<&OrderingProvider>,
    patient: PatientId,
) -> CoreResult<Result<UserId, String>> {
    if let Some(id) = physician_from_file(conn, ordering)? {
        return Ok(Ok(id));
    }
    if let Some(usual) = store::last_visit_physician(conn, patient)? {
        return Ok(Ok(usual));
    }
    let said = match ordering {
        Some(o) if !o.name().is_empty() => format!(
            "the file's ordering provider {} is not a physician in Charta",
            o.name()
        ),
        Some(o) => format!(
            "the file's ordering provider {} is not a physician in Charta",
            o.id
        ),
        None => "the file names no ordering provider".to_string(),
    };
    Ok(Err(format!(
        "{said} and the patient has no visit with a physician: pick whose inbox it goes to"
    )))
}

/// Every order's physician, or the first reason one is missing.
pub fn match_physicians(
    conn: &Connection,
    message: &OruMessage,
    patient: PatientId,
) -> CoreResult<Result<Vec<UserId>, String>> {
    let mut out = Vec::with_capacity(message.orders.len());
    for order in &message.orders {
        match match_physician(conn, order.ordering.as_ref(), patient)? {
            Ok(id) => out.push(id),
            Err(why) => return Ok(Err(why)),
        }
    }
    Ok(Ok(out))
}

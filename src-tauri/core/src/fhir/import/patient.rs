//! A FHIR Patient as Charta's registration form: names, birth date, sex, phones, address,
//! emergency contact, language, status; and the identifier that says where it came from.

use super::fields::Fields;
use crate::fhir::{EXTENSION_BASE, MRN_SYSTEM};
use crate::patient::{
    EmergencyContact, PatientDraft, PatientStatus, Phone, PhoneKind, PostalAddress, SexAtBirth,
};
use serde_json::Value;

/// The patient as Charta would register them, with where the record came from.
pub(super) struct ImportedPatient {
    pub draft: PatientDraft,
    /// The chart number, when the file is a Charta export (kept if still free).
    pub mrn: Option<u32>,
    /// What identifies this person in the old system (`system|value`, else `Patient/id`):
    /// importing the same file twice finds the chart made the first time.
    pub source: String,
    pub display: String,
    /// Labelled restricted (or very restricted) in `meta.security`: the chart opens only
    /// through emergency access, as it did in the system it came from.
    pub restricted: bool,
}

/// The HL7 confidentiality codes that close a chart.
const CONFIDENTIALITY: &str = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

fn extension<'a>(f: &Fields<'a>, name: &str) -> Option<&'a Value> {
    let url = format!("{EXTENSION_BASE}/{name}");
    f.value
        .get("extension")?
        .as_array()?
        .iter()
        .find(|e| e.get("url").and_then(Value::as_str) == Some(url.as_str()))
}

fn extension_text(f: &Fields<'_>, name: &str, key: &str) -> String {
    extension(f, name)
        .and_then(|e| e.get(key))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn given(name: &Value) -> Vec<String> {
    name.get("given")
        .and_then(Value::as_array)
        .map(|g| {
            g.iter()
                .filter_map(Value::as_str)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn map(f: &mut Fields<'_>) -> ImportedPatient {
    let names = f.array("name");
    let official = names
        .iter()
        .find(|n| n.get("use").and_then(Value::as_str) == Some("official"))
        .or_else(|| names.first());
    let (family, given_names) = match official {
        Some(n) => (
            n.get("family")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim()
                .to_string(),
            given(n),
        ),
        None => {
            f.issue("name", "is missing; Charta needs the family and given name");
            (String::new(), Vec::new())
        }
    };
    let preferred = names
        .iter()
        .find(|n| n.get("use").and_then(Value::as_str) == Some("usual"))
        .map(given)
        .and_then(|g| g.into_iter().next())
        .unwrap_or_default();
    let birth = f
        .required_text("birthDate", "Charta needs the date of birth")
        .unwrap_or_default()
        .to_string();
    let gender = f.code("gender", &["male", "female", "other", "unknown"]);
    let sex = match extension_text(f, "sexAtBirth", "valueCode").as_str() {
        "female" => SexAtBirth::Female,
        "male" => SexAtBirth::Male,
        "intersex" => SexAtBirth::Intersex,
        _ => match gender {
            Some("female") => SexAtBirth::Female,
            Some("male") => SexAtBirth::Male,
            _ => SexAtBirth::Unknown,
        },
    };
    let mut phones = Vec::new();
    let mut email = String::new();
    let mut telecom: Vec<&Value> = f.array("telecom").iter().collect();
    telecom.sort_by_key(|t| t.get("rank").and_then(Value::as_u64).unwrap_or(u64::MAX));
    for t in telecom {
        let value = t.get("value").and_then(Value::as_str).unwrap_or("").trim();
        match t.get("system").and_then(Value::as_str) {
            Some("phone") | Some("sms") if !value.is_empty() => phones.push(Phone {
                kind: match t.get("use").and_then(Value::as_str) {
                    Some("home") => PhoneKind::Home,
                    Some("work") => PhoneKind::Work,
                    _ => PhoneKind::Mobile,
                },
                number: value.to_string(),
            }),
            Some("email") if email.is_empty() => email = value.to_string(),
            _ => {}
        }
    }
    let address = f.array("address").first().map(address).unwrap_or_default();
    let (status, deceased_on) = match f.text("deceasedDateTime") {
        Some(d) => (
            PatientStatus::Deceased,
            d.split('T').next().unwrap_or(d).to_string(),
        ),
        None if f.at("deceasedBoolean") == Some(&Value::Bool(true)) => {
            f.issue(
                "deceasedBoolean",
                "says the patient died but not when; Charta needs the date (deceasedDateTime)",
            );
            (PatientStatus::Deceased, String::new())
        }
        None if f.at("active") == Some(&Value::Bool(false)) => {
            (PatientStatus::Inactive, String::new())
        }
        None => (PatientStatus::Active, String::new()),
    };
    let language = f
        .array("communication")
        .iter()
        .find(|c| c.get("preferred") == Some(&Value::Bool(true)))
        .or_else(|| f.array("communication").first())
        .and_then(|c| c.get("language"))
        .and_then(|l| {
            l.get("text").and_then(Value::as_str).or_else(|| {
                l.get("coding")?
                    .as_array()?
                    .first()?
                    .get("display")
                    .and_then(Value::as_str)
            })
        })
        .unwrap_or_default()
        .to_string();
    let identifiers = f.array("identifier");
    let mrn = identifiers
        .iter()
        .find(|i| i.get("system").and_then(Value::as_str) == Some(MRN_SYSTEM))
        .and_then(|i| i.get("value")?.as_str()?.parse::<u32>().ok());
    let source = identifiers
        .iter()
        .find_map(|i| {
            let system = i.get("system")?.as_str()?;
            let value = i.get("value")?.as_str()?;
            Some(format!("{system}|{value}"))
        })
        .unwrap_or_else(|| f.name.clone());
    let mut given_iter = given_names.into_iter();
    let given_name = given_iter.next().unwrap_or_default();
    let middle_name = given_iter.collect::<Vec<_>>().join(" ");
    let display = format!("{family}, {given_name}");
    ImportedPatient {
        draft: PatientDraft {
            family_name: family,
            given_name,
            middle_name,
            preferred_name: preferred,
            date_of_birth: birth,
            sex_at_birth: Some(sex),
            gender_identity: extension_text(f, "genderIdentity", "valueString"),
            pronouns: extension_text(f, "pronouns", "valueString"),
            phones,
            email,
            address,
            preferred_language: language,
            emergency_contact: emergency(f),
            status,
            deceased_on,
        },
        mrn,
        source,
        display,
        restricted: f.array("meta.security").iter().any(|c| {
            c.get("system").and_then(Value::as_str) == Some(CONFIDENTIALITY)
                && matches!(c.get("code").and_then(Value::as_str), Some("R" | "V"))
        }),
    }
}

fn address(a: &Value) -> PostalAddress {
    let text = |key: &str| {
        a.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let lines: Vec<String> = a
        .get("line")
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(Value::as_str)
                .map(|s| s.trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    PostalAddress {
        line1: lines.first().cloned().unwrap_or_default(),
        line2: lines.get(1..).map(|l| l.join(", ")).unwrap_or_default(),
        city: text("city"),
        region: text("state"),
        postal_code: text("postalCode"),
        country: text("country"),
    }
}

fn emergency(f: &mut Fields<'_>) -> Option<EmergencyContact> {
    let contact = f.array("contact").first()?;
    let name = contact.get("name")?;
    let name = name
        .get("text")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| {
            let family = name.get("family").and_then(Value::as_str).unwrap_or("");
            format!("{} {family}", given(name).join(" "))
                .trim()
                .to_string()
        });
    let relationship = contact
        .get("relationship")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find_map(|r| r.get("text").and_then(Value::as_str))
        .unwrap_or_default()
        .to_string();
    let phone = contact
        .get("telecom")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|t| t.get("system").and_then(Value::as_str) == Some("phone"))
        .and_then(|t| t.get("value").and_then(Value::as_str))
        .unwrap_or_default()
        .to_string();
    (!name.is_empty()).then_some(EmergencyContact {
        name,
        relationship,
        phone,
    })
}

//! The people of the export: the patient (Patient), the practice (Organization) and its
//! users (Practitioner, with a PractitionerRole per role).

use super::build::{list, obj};
use super::{extension, reference, Sink, MRN_SYSTEM};
use crate::store::record_rows::StoredRow;
use serde_json::Value;

const NPI: &str = "http://hl7.org/fhir/sid/us-npi";

/// The practice's Organization id: a practice file holds one practice.
pub const PRACTICE_ID: &str = "practice";

pub(super) fn organization(practice: &StoredRow) -> Value {
    obj! {
        "resourceType": "Organization",
        "id": PRACTICE_ID,
        "active": true,
        "name": practice.text("name"),
        "telecom": practice.text("phone").map(|p| list![obj! { "system": "phone", "value": p }]),
        "address": practice.text("address").map(|a| list![obj! { "text": a }]),
        "extension": list![extension("timeZone", "valueString", practice.text("time_zone"))],
    }
}

pub(super) fn push_practitioner(user: &StoredRow, out: &mut dyn Sink) {
    let Some(id) = user.text("id") else { return };
    out.push(obj! {
        "resourceType": "Practitioner",
        "id": id,
        "active": user.flag("active"),
        "identifier": list![
            user.text("npi").map(|n| obj! { "system": NPI, "value": n }),
            user.text("licence_number")
                .map(|n| obj! { "system": "urn:charta:licence", "value": n }),
            user.text("dea").map(|n| obj! { "system": "urn:charta:dea", "value": n }),
            user.text("username")
                .map(|n| obj! { "system": "urn:charta:username", "value": n }),
        ],
        "name": list![obj! { "text": user.text("display_name") }],
    });
    for role in user.text("roles").unwrap_or_default().split_whitespace() {
        out.push(obj! {
            "resourceType": "PractitionerRole",
            "id": format!("{role}-{id}"),
            "active": user.flag("active"),
            "practitioner": reference("Practitioner", id),
            "organization": reference("Organization", PRACTICE_ID),
            "code": list![obj! { "coding": list![obj! { "system": "urn:charta:role", "code": role }] }],
        });
    }
}

fn gender(sex_at_birth: Option<&str>) -> &'static str {
    match sex_at_birth {
        Some("female") => "female",
        Some("male") => "male",
        Some("intersex") => "other",
        _ => "unknown",
    }
}

pub(super) fn patient(p: &StoredRow, phones: &[StoredRow]) -> Value {
    let mut telecom: Vec<Value> = phones
        .iter()
        .map(|ph| {
            obj! {
                "system": "phone",
                "value": ph.text("number"),
                "use": match ph.text("kind") {
                    Some("home") => "home",
                    Some("work") => "work",
                    _ => "mobile",
                },
                "rank": ph.int("position").map(|n| n + 1),
            }
        })
        .collect();
    if let Some(email) = p.text("email") {
        telecom.push(obj! { "system": "email", "value": email });
    }
    let address = obj! {
        "line": list![p.text("address_line1"), p.text("address_line2")],
        "city": p.text("address_city"),
        "state": p.text("address_region"),
        "postalCode": p.text("address_postal_code"),
        "country": p.text("address_country"),
    };
    let emergency = p.text("emergency_name").map(|name| {
        list![obj! {
            "relationship": list![
                obj! { "coding": list![obj! {
                    "system": "http://terminology.hl7.org/CodeSystem/v2-0131",
                    "code": "C",
                    "display": "Emergency Contact",
                }] },
                p.text("emergency_relationship").map(|r| obj! { "text": r }),
            ],
            "name": obj! { "text": name },
            "telecom": p.text("emergency_phone")
                .map(|ph| list![obj! { "system": "phone", "value": ph }]),
        }]
    });
    let restricted = p.flag("restricted").then(|| {
        obj! { "security": list![obj! {
            "system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
            "code": "R",
            "display": "restricted",
        }] }
    });
    obj! {
        "resourceType": "Patient",
        "id": p.text("id"),
        "meta": restricted,
        "extension": list![
            extension("sexAtBirth", "valueCode", p.text("sex_at_birth")),
            extension("genderIdentity", "valueString", p.text("gender_identity")),
            extension("pronouns", "valueString", p.text("pronouns")),
        ],
        "identifier": list![obj! {
            "use": "usual",
            "type": obj! { "coding": list![obj! {
                "system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                "code": "MR",
            }] },
            "system": MRN_SYSTEM,
            "value": p.int("mrn").map(|n| n.to_string()),
        }],
        "active": p.text("status") != Some("inactive"),
        "name": list![
            obj! {
                "use": "official",
                "family": p.text("family_name"),
                "given": list![p.text("given_name"), p.text("middle_name")],
            },
            p.text("preferred_name").map(|n| obj! { "use": "usual", "given": list![n] }),
        ],
        "telecom": telecom,
        "gender": gender(p.text("sex_at_birth")),
        "birthDate": p.text("date_of_birth"),
        "deceasedDateTime": p.text("deceased_on"),
        "address": list![address],
        "contact": emergency,
        "communication": p.text("preferred_language")
            .map(|l| list![obj! { "language": obj! { "text": l }, "preferred": true }]),
        "managingOrganization": reference("Organization", PRACTICE_ID),
    }
}

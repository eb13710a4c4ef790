//! Field-by-field validation of a patient form, worded for the front desk.

use super::{EmergencyContact, PatientDraft, PatientStatus, Phone, PostalAddress, SexAtBirth};
use crate::dates::parse_typed_date;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::text;
use chrono::NaiveDate;

const NAME_MAX: usize = 100;
/// The most phone numbers one patient may have.
pub const MAX_PHONES: usize = 5;
const SHORT_MAX: usize = 60;
const LINE_MAX: usize = 200;
const DATE_HINT: &str = "use 14 Mar 1980 as 1980-03-14, 03/14/1980 or 14.03.1980";

/// A draft that passed validation: trimmed, optional fields as `None`, dates parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPatient {
    pub family_name: String,
    pub given_name: String,
    pub middle_name: Option<String>,
    pub preferred_name: Option<String>,
    pub date_of_birth: NaiveDate,
    pub sex_at_birth: SexAtBirth,
    pub gender_identity: Option<String>,
    pub pronouns: Option<String>,
    pub phones: Vec<Phone>,
    pub email: Option<String>,
    pub address: PostalAddress,
    pub preferred_language: Option<String>,
    pub emergency_contact: Option<EmergencyContact>,
    pub status: PatientStatus,
    pub deceased_on: Option<NaiveDate>,
}

/// Checks every field of `draft` and returns all problems at once, so the form can show each
/// under its field. `today` is the practice's calendar date.
pub fn validate_draft(draft: &PatientDraft, today: NaiveDate) -> CoreResult<ValidPatient> {
    let mut errors = Vec::new();
    let family_name = required_name(&draft.family_name, "familyName", "Family name", &mut errors);
    let given_name = required_name(&draft.given_name, "givenName", "Given name", &mut errors);
    let middle_name = optional(
        &draft.middle_name,
        "middleName",
        "Middle name",
        NAME_MAX,
        &mut errors,
    );
    let preferred_name = optional(
        &draft.preferred_name,
        "preferredName",
        "Preferred name",
        NAME_MAX,
        &mut errors,
    );
    let gender_identity = optional(
        &draft.gender_identity,
        "genderIdentity",
        "Gender identity",
        SHORT_MAX,
        &mut errors,
    );
    let pronouns = optional(
        &draft.pronouns,
        "pronouns",
        "Pronouns",
        SHORT_MAX,
        &mut errors,
    );
    let preferred_language = optional(
        &draft.preferred_language,
        "preferredLanguage",
        "Preferred language",
        SHORT_MAX,
        &mut errors,
    );

    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
    let date_of_birth = match draft.date_of_birth.trim() {
        "" => {
            errors.push(FieldError::new("dateOfBirth", "Date of birth is required"));
            None
        }
        typed => match parse_typed_date(typed) {
            None => {
                errors.push(FieldError::new(
                    "dateOfBirth",
                    format!("\"{typed}\" is not a date we can read; {DATE_HINT}"),
                ));
                None
            }
            Some(d) if d > today => {
                errors.push(FieldError::new(
                    "dateOfBirth",
                    "Date of birth cannot be in the future",
                ));
                None
            }
            Some(d) if d < earliest => {
                errors.push(FieldError::new(
                    "dateOfBirth",
                    "Date of birth cannot be before 1900",
                ));
                None
            }
            Some(d) => Some(d),
        },
    };

    let sex_at_birth = draft.sex_at_birth;
    if sex_at_birth.is_none() {
        errors.push(FieldError::new(
            "sexAtBirth",
            "Choose the sex assigned at birth (\"Unknown\" if the patient does not say)",
        ));
    }

    if draft.phones.len() > MAX_PHONES {
        errors.push(FieldError::new(
            "phones",
            format!("A patient can have at most {MAX_PHONES} phone numbers"),
        ));
    }
    let mut phones = Vec::with_capacity(draft.phones.len().min(MAX_PHONES));
    for (i, phone) in draft.phones.iter().enumerate().take(MAX_PHONES) {
        let field = format!("phones.{i}.number");
        let number = phone.number.trim();
        if let Some(message) = phone_problem(number) {
            errors.push(FieldError::new(field, message));
        } else {
            phones.push(Phone {
                kind: phone.kind,
                number: number.to_string(),
            });
        }
    }

    let email = optional(&draft.email, "email", "Email", LINE_MAX, &mut errors);
    if let Some(address) = &email {
        if !looks_like_email(address) {
            errors.push(FieldError::new(
                "email",
                "Email should look like name@example.com",
            ));
        }
    }

    let address = PostalAddress {
        line1: bounded(
            &draft.address.line1,
            "address.line1",
            "Address",
            LINE_MAX,
            &mut errors,
        ),
        line2: bounded(
            &draft.address.line2,
            "address.line2",
            "Address",
            LINE_MAX,
            &mut errors,
        ),
        city: bounded(
            &draft.address.city,
            "address.city",
            "City",
            NAME_MAX,
            &mut errors,
        ),
        region: bounded(
            &draft.address.region,
            "address.region",
            "State",
            NAME_MAX,
            &mut errors,
        ),
        postal_code: bounded(
            &draft.address.postal_code,
            "address.postalCode",
            "Postal code",
            SHORT_MAX,
            &mut errors,
        ),
        country: bounded(
            &draft.address.country,
            "address.country",
            "Country",
            NAME_MAX,
            &mut errors,
        ),
    };

    let emergency_contact = draft
        .emergency_contact
        .as_ref()
        .and_then(|c| emergency_contact(c, &mut errors));

    let deceased_on = match (draft.status, draft.deceased_on.trim()) {
        (PatientStatus::Deceased, "") => {
            errors.push(FieldError::new("deceasedOn", "Enter the date of death"));
            None
        }
        (PatientStatus::Deceased, typed) => match parse_typed_date(typed) {
            None => {
                errors.push(FieldError::new(
                    "deceasedOn",
                    format!("\"{typed}\" is not a date we can read; {DATE_HINT}"),
                ));
                None
            }
            Some(d) if d > today => {
                errors.push(FieldError::new(
                    "deceasedOn",
                    "Date of death cannot be in the future",
                ));
                None
            }
            Some(d) if date_of_birth.is_some_and(|born| d < born) => {
                errors.push(FieldError::new(
                    "deceasedOn",
                    "Date of death cannot be before the date of birth",
                ));
                None
            }
            Some(d) => Some(d),
        },
        (_, "") => None,
        (_, _) => {
            errors.push(FieldError::new(
                "deceasedOn",
                "A date of death needs the status \"Deceased\"",
            ));
            None
        }
    };

    match (family_name, given_name, date_of_birth, sex_at_birth) {
        (Some(family_name), Some(given_name), Some(date_of_birth), Some(sex_at_birth))
            if errors.is_empty() =>
        {
            Ok(ValidPatient {
                family_name,
                given_name,
                middle_name,
                preferred_name,
                date_of_birth,
                sex_at_birth,
                gender_identity,
                pronouns,
                phones,
                email,
                address,
                preferred_language,
                emergency_contact,
                status: draft.status,
                deceased_on,
            })
        }
        _ => Err(CoreError::Invalid(errors)),
    }
}

fn required_name(
    value: &str,
    field: &str,
    label: &str,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        errors.push(FieldError::new(field, format!("{label} is required")));
        return None;
    }
    if v.chars().count() > NAME_MAX {
        errors.push(FieldError::new(
            field,
            format!("{label} is longer than {NAME_MAX} characters"),
        ));
        return None;
    }
    // A letter that folds away (a lone combining mark) would leave the name without a
    // search key: it could never be found by name.
    if text::fold(v).chars().all(|c| !c.is_alphabetic()) {
        errors.push(FieldError::new(
            field,
            format!("{label} must contain letters"),
        ));
        return None;
    }
    if let Some(message) = invisible_problem(v, label) {
        errors.push(FieldError::new(field, message));
        return None;
    }
    if v.chars().any(|c| c.is_control() || c.is_ascii_digit()) {
        errors.push(FieldError::new(
            field,
            format!("{label} cannot contain digits"),
        ));
        return None;
    }
    Some(v.to_string())
}

fn optional(
    value: &str,
    field: &str,
    label: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let v = bounded(value, field, label, max, errors);
    (!v.is_empty()).then_some(v)
}

fn bounded(
    value: &str,
    field: &str,
    label: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> String {
    let v = value.trim();
    if v.chars().count() > max {
        errors.push(FieldError::new(
            field,
            format!("{label} is longer than {max} characters"),
        ));
    } else if let Some(message) = invisible_problem(v, label) {
        errors.push(FieldError::new(field, message));
    } else if v.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            format!("{label} contains characters that cannot be stored"),
        ));
    }
    v.to_string()
}

/// Invisible and direction-changing characters make two different texts look the same (or a
/// name display as another), so identifying fields refuse them, naming the one found.
fn invisible_problem(value: &str, label: &str) -> Option<String> {
    text::invisible_character(value).map(|c| {
        format!(
            "{label} contains an invisible character (U+{:04X}); retype it without pasting",
            u32::from(c)
        )
    })
}

/// Why a typed phone number cannot be right, if it cannot.
pub(crate) fn phone_problem(number: &str) -> Option<String> {
    if number.is_empty() {
        return Some("Enter the phone number, or remove this line".into());
    }
    if let Some(bad) = number
        .chars()
        .find(|c| !(c.is_ascii_digit() || " +-().x".contains(*c)))
    {
        return Some(format!(
            "Phone numbers contain digits only; remove \"{bad}\""
        ));
    }
    let count = text::digits(number).len();
    if count < 7 {
        return Some("Phone number is too short; include the area code".into());
    }
    if count > 15 {
        return Some("Phone number has more than 15 digits".into());
    }
    None
}

fn looks_like_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !address.chars().any(char::is_whitespace)
}

fn emergency_contact(
    contact: &EmergencyContact,
    errors: &mut Vec<FieldError>,
) -> Option<EmergencyContact> {
    let name = bounded(
        &contact.name,
        "emergencyContact.name",
        "Contact name",
        NAME_MAX,
        errors,
    );
    let relationship = bounded(
        &contact.relationship,
        "emergencyContact.relationship",
        "Relationship",
        SHORT_MAX,
        errors,
    );
    let phone = contact.phone.trim().to_string();
    if name.is_empty() && relationship.is_empty() && phone.is_empty() {
        return None;
    }
    if name.is_empty() {
        errors.push(FieldError::new(
            "emergencyContact.name",
            "Enter the emergency contact's name",
        ));
    }
    if let Some(message) = phone_problem(&phone) {
        errors.push(FieldError::new("emergencyContact.phone", message));
    }
    Some(EmergencyContact {
        name,
        relationship,
        phone,
    })
}

#[cfg(test)]
mod tests;

//! User accounts: who they are, their roles and prescriber credentials, and the rules their
//! usernames and passwords must meet. Passwords themselves live only in the keystore.

use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::UserId;
use crate::permissions::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const PASSWORD_MIN_CHARS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub licence_number: Option<String>,
    /// US National Provider Identifier.
    pub npi: Option<String>,
    /// US DEA registration number, for controlled-substance prescriptions.
    pub dea: Option<String>,
    /// Deactivated users cannot log in; they are never deleted.
    pub active: bool,
    pub version: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the user form submits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UserDraft {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub licence_number: String,
    pub npi: String,
    pub dea: String,
}

/// A draft that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidUser {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub licence_number: Option<String>,
    pub npi: Option<String>,
    pub dea: Option<String>,
}

pub fn validate_user(draft: &UserDraft) -> CoreResult<ValidUser> {
    let mut errors = Vec::new();
    let username = draft.username.trim().to_lowercase();
    if username.len() < 3 || username.len() > 32 {
        errors.push(FieldError::new(
            "username",
            "Username must be 3 to 32 characters",
        ));
    } else if !username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c))
    {
        errors.push(FieldError::new(
            "username",
            "Username may hold letters a–z, digits, dot, dash and underscore",
        ));
    }
    let display_name = draft.display_name.trim().to_string();
    if display_name.is_empty() {
        errors.push(FieldError::new("displayName", "Enter the person's name"));
    } else if display_name.chars().count() > 100 || display_name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "displayName",
            "Name is too long or holds odd characters",
        ));
    } else if let Some(c) = crate::text::invisible_character(&display_name) {
        // The audit report names people by this; a bidi control could make one read as another.
        errors.push(FieldError::new(
            "displayName",
            format!(
                "Name holds an invisible or direction-changing character (U+{:04X}); retype it",
                u32::from(c)
            ),
        ));
    }
    let mut roles = draft.roles.clone();
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        errors.push(FieldError::new("roles", "Choose at least one role"));
    }
    let optional = |s: &str| {
        let t = s.trim();
        (!t.is_empty()).then(|| t.to_string())
    };
    let licence_number = optional(&draft.licence_number);
    if licence_number
        .as_ref()
        .is_some_and(|l| l.chars().count() > 40)
    {
        errors.push(FieldError::new(
            "licenceNumber",
            "Licence number is longer than 40 characters",
        ));
    }
    let npi = optional(&draft.npi);
    if let Some(n) = &npi {
        if !npi_is_valid(n) {
            errors.push(FieldError::new(
                "npi",
                "An NPI is 10 digits with a valid check digit; check it against the NPI registry",
            ));
        }
    }
    let dea = optional(&draft.dea).map(|d| d.to_uppercase());
    if let Some(d) = &dea {
        if !dea_is_valid(d) {
            errors.push(FieldError::new(
                "dea",
                "A DEA number is 2 letters and 7 digits with a valid check digit",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    Ok(ValidUser {
        username,
        display_name,
        roles,
        licence_number,
        npi,
        dea,
    })
}

/// Checks a new password against the practice's rules, naming the field `field`.
pub fn validate_password(password: &str, username: &str, field: &str) -> CoreResult<()> {
    let problem = if password.chars().count() < PASSWORD_MIN_CHARS {
        Some(format!("Use at least {PASSWORD_MIN_CHARS} characters"))
    } else if password.chars().count() > 128 {
        Some("Use at most 128 characters".to_string())
    } else if password.chars().all(|c| password.starts_with(c)) {
        Some("Do not repeat one character".to_string())
    } else if !username.trim().is_empty()
        && password
            .to_lowercase()
            .contains(&username.trim().to_lowercase())
    {
        Some("The password must not contain the username".to_string())
    } else if COMMON_PASSWORDS.contains(&password.to_lowercase().as_str()) {
        Some("This password is too common; choose another".to_string())
    } else {
        None
    };
    match problem {
        Some(message) => Err(CoreError::invalid(field, message)),
        None => Ok(()),
    }
}

const COMMON_PASSWORDS: &[&str] = &[
    "1234567890",
    "12345678910",
    "password12",
    "password123",
    "password1234",
    "qwertyuiop",
    "1q2w3e4r5t",
    "letmein123",
    "welcome123",
    "iloveyou12",
    "abcdefghij",
    "0987654321",
    "changeme123",
    "administrator",
    "charta1234",
    "doctor1234",
];

/// NPI check digit: Luhn over "80840" followed by the first nine digits.
pub fn npi_is_valid(npi: &str) -> bool {
    if npi.len() != 10 || !npi.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let digits: Vec<u32> = format!("80840{npi}")
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// DEA check digit: (d1 + d3 + d5) + 2 × (d2 + d4 + d6), last digit = d7.
pub fn dea_is_valid(dea: &str) -> bool {
    let bytes = dea.as_bytes();
    if bytes.len() != 9 || !bytes[..2].iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let digits: Option<Vec<u32>> = dea[2..].chars().map(|c| c.to_digit(10)).collect();
    let Some(d) = digits else { return false };
    let check = (d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5]);
    check % 10 == d[6]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> UserDraft {
        UserDraft {
            username: " MReyes ".into(),
            display_name: "Dr Maria Reyes".into(),
            roles: vec![Role::Physician, Role::Admin, Role::Physician],
            licence_number: "IL-036.123456".into(),
            npi: "1234567893".into(),
            dea: "ar1234563".into(),
        }
    }

    #[test]
    fn a_good_user_is_normalised() {
        let v = validate_user(&draft()).unwrap();
        assert_eq!(v.username, "mreyes");
        assert_eq!(v.roles, [Role::Physician, Role::Admin]);
        assert_eq!(v.dea.as_deref(), Some("AR1234563"));
    }

    #[test]
    fn a_display_name_with_a_bidi_or_zero_width_character_is_refused() {
        for name in ["Dr Maria\u{202E}seyeR", "Dr Ma\u{200B}ria Reyes"] {
            let bad = UserDraft {
                display_name: name.into(),
                ..draft()
            };
            let err = validate_user(&bad).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "displayName", "{name:?}");
        }
    }

    #[test]
    fn bad_user_fields_are_each_named() {
        let bad = UserDraft {
            username: "a b".into(),
            display_name: String::new(),
            roles: vec![],
            licence_number: String::new(),
            npi: "1234567890".into(),
            dea: "AR1234560".into(),
        };
        let err = validate_user(&bad).unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["username", "displayName", "roles", "npi", "dea"]);
    }

    #[test]
    fn passwords_follow_the_rules() {
        assert!(validate_password("correct horse battery", "mreyes", "password").is_ok());
        for bad in ["short", "aaaaaaaaaaaa", "mreyes-is-great", "Password123"] {
            let err = validate_password(bad, "mreyes", "password").unwrap_err();
            assert_eq!(err.field_errors()[0].field, "password", "{bad}");
        }
    }
}

use super::*;
use crate::patient::PhoneKind;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn draft() -> PatientDraft {
    PatientDraft {
        family_name: " Smith ".into(),
        given_name: "John".into(),
        middle_name: String::new(),
        preferred_name: "Jack".into(),
        date_of_birth: "03/14/1980".into(),
        sex_at_birth: Some(SexAtBirth::Male),
        gender_identity: String::new(),
        pronouns: "he/him".into(),
        phones: vec![Phone {
            kind: PhoneKind::Mobile,
            number: "(555) 201-3344".into(),
        }],
        email: "john.smith@example.com".into(),
        address: PostalAddress::default(),
        preferred_language: String::new(),
        emergency_contact: None,
        status: PatientStatus::Active,
        deceased_on: String::new(),
    }
}

fn fields(result: CoreResult<ValidPatient>) -> Vec<(String, String)> {
    match result {
        Err(CoreError::Invalid(errors)) => {
            errors.into_iter().map(|e| (e.field, e.message)).collect()
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn a_good_draft_is_trimmed_and_parsed() {
    let v = validate_draft(&draft(), today()).unwrap();
    assert_eq!(v.family_name, "Smith");
    assert_eq!(v.middle_name, None, "empty optional fields become None");
    assert_eq!(v.preferred_name.as_deref(), Some("Jack"));
    assert_eq!(
        v.date_of_birth,
        NaiveDate::from_ymd_opt(1980, 3, 14).unwrap()
    );
}

#[test]
fn every_bad_field_is_reported_at_once_under_its_own_name() {
    let mut d = draft();
    d.family_name = "  ".into();
    d.given_name = "J0hn".into();
    d.date_of_birth = "2030-01-01".into();
    d.phones.push(Phone {
        kind: PhoneKind::Home,
        number: "12ab".into(),
    });
    d.email = "john at example".into();
    d.sex_at_birth = None;
    let errors = fields(validate_draft(&d, today()));
    let names: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        names,
        [
            "familyName",
            "givenName",
            "dateOfBirth",
            "sexAtBirth",
            "phones.1.number",
            "email"
        ]
    );
    assert_eq!(errors[2].1, "Date of birth cannot be in the future");
}

#[test]
fn birth_dates_before_1900_or_unreadable_are_refused_with_a_hint() {
    let mut d = draft();
    d.date_of_birth = "1899-12-31".into();
    assert_eq!(
        fields(validate_draft(&d, today()))[0].1,
        "Date of birth cannot be before 1900"
    );
    d.date_of_birth = "14/03/1980".into();
    let message = &fields(validate_draft(&d, today()))[0].1;
    assert!(
        message.contains("03/14/1980"),
        "the error should show the accepted forms: {message}"
    );
    d.date_of_birth = String::new();
    assert_eq!(
        fields(validate_draft(&d, today()))[0].1,
        "Date of birth is required"
    );
}

#[test]
fn phone_numbers_need_enough_digits_and_nothing_but_digits_and_separators() {
    for (number, ok) in [
        ("(555) 201-3344", true),
        ("+1 555.201.3344", true),
        ("555-0100", true),
        ("20134", false),
        ("555-CALL-NOW", false),
        ("1234567890123456", false),
        ("", false),
    ] {
        let mut d = draft();
        d.phones[0].number = number.into();
        assert_eq!(validate_draft(&d, today()).is_ok(), ok, "{number:?}");
    }
}

#[test]
fn a_deceased_status_needs_a_date_of_death_after_birth_and_not_in_the_future() {
    let mut d = draft();
    d.status = PatientStatus::Deceased;
    assert_eq!(fields(validate_draft(&d, today()))[0].0, "deceasedOn");
    d.deceased_on = "1970-01-01".into();
    assert_eq!(
        fields(validate_draft(&d, today()))[0].1,
        "Date of death cannot be before the date of birth"
    );
    d.deceased_on = "2026-11-27".into();
    assert_eq!(
        fields(validate_draft(&d, today()))[0].1,
        "Date of death cannot be in the future"
    );
    d.deceased_on = "2026-11-20".into();
    assert!(validate_draft(&d, today()).is_ok());
    d.status = PatientStatus::Active;
    assert_eq!(
        fields(validate_draft(&d, today()))[0].0,
        "deceasedOn",
        "a date of death needs the status"
    );
}

#[test]
fn an_empty_emergency_contact_is_none_and_a_partial_one_is_an_error() {
    let mut d = draft();
    d.emergency_contact = Some(EmergencyContact::default());
    assert_eq!(validate_draft(&d, today()).unwrap().emergency_contact, None);
    d.emergency_contact = Some(EmergencyContact {
        name: "Mary Smith".into(),
        relationship: "Spouse".into(),
        phone: String::new(),
    });
    assert_eq!(
        fields(validate_draft(&d, today()))[0].0,
        "emergencyContact.phone"
    );
}

#[test]
fn names_may_hold_accents_apostrophes_and_hyphens() {
    let mut d = draft();
    d.family_name = "O'Brien-Núñez".into();
    d.given_name = "Zoë".into();
    assert!(validate_draft(&d, today()).is_ok());
}

#[test]
fn invisible_and_bidi_characters_are_refused_in_names_and_identifying_fields() {
    for (set, field) in [
        (
            (|d: &mut PatientDraft| d.family_name = "Smi\u{200B}th".into())
                as fn(&mut PatientDraft),
            "familyName",
        ),
        (|d| d.given_name = "\u{202E}nhoJ".into(), "givenName"),
        (|d| d.middle_name = "Ann\u{FEFF}".into(), "middleName"),
        (
            |d| d.preferred_name = "Ja\u{00AD}ck".into(),
            "preferredName",
        ),
        (
            |d| d.address.line1 = "1 Main\u{2066} St".into(),
            "address.line1",
        ),
        (
            |d| d.address.city = "Spring\u{200D}field".into(),
            "address.city",
        ),
        (
            |d| {
                d.emergency_contact = Some(EmergencyContact {
                    name: "Mary\u{200F}".into(),
                    relationship: String::new(),
                    phone: "555 201 0001".into(),
                })
            },
            "emergencyContact.name",
        ),
    ] {
        let mut d = draft();
        set(&mut d);
        let errors = fields(validate_draft(&d, today()));
        assert_eq!(errors.len(), 1, "{field}: {errors:?}");
        assert_eq!(errors[0].0, field);
        assert!(errors[0].1.contains("invisible"), "{errors:?}");
    }
}

#[test]
fn names_in_any_script_are_accepted() {
    for (family, given) in [
        ("Иванов", "Иван"),
        ("王", "芳"),
        ("Nguyễn", "Thị"),
        ("שׁרה", "כהן"),
    ] {
        let mut d = draft();
        d.family_name = family.into();
        d.given_name = given.into();
        let v = validate_draft(&d, today()).unwrap();
        assert_eq!(v.family_name, family);
    }
}

#[test]
fn more_than_five_phone_numbers_are_refused_under_phones() {
    let mut d = draft();
    d.phones = (0..6)
        .map(|i| Phone {
            kind: PhoneKind::Mobile,
            number: format!("555 201 000{i}"),
        })
        .collect();
    let errors = fields(validate_draft(&d, today()));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "phones");
    d.phones.truncate(MAX_PHONES);
    assert_eq!(validate_draft(&d, today()).unwrap().phones.len(), 5);
}

#[test]
fn a_name_of_marks_only_has_no_search_key_and_is_refused() {
    let mut d = draft();
    // Combining letters count as alphabetic but fold away, leaving nothing to search by.
    d.family_name = "\u{0363}\u{0364}".into();
    let errors = fields(validate_draft(&d, today()));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "familyName");
}

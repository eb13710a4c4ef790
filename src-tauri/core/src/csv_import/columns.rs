//! What another EMR's patient-list columns mean: a guess from the header ("Last Name",
//! "DOB", "Cell"), the date format its birth dates are written in (detected from every
//! value, refused when ambiguous), and the sex codes it uses.

use crate::patient::SexAtBirth;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The registration field a CSV column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PatientColumn {
    FamilyName,
    GivenName,
    MiddleName,
    PreferredName,
    DateOfBirth,
    SexAtBirth,
    MobilePhone,
    HomePhone,
    WorkPhone,
    Email,
    AddressLine1,
    AddressLine2,
    City,
    Region,
    PostalCode,
    Country,
    PreferredLanguage,
    /// Not imported (the old chart number, insurance, notes …).
    Ignore,
}

impl PatientColumn {
    pub fn label(self) -> &'static str {
        match self {
            PatientColumn::FamilyName => "family name",
            PatientColumn::GivenName => "given name",
            PatientColumn::MiddleName => "middle name",
            PatientColumn::PreferredName => "preferred name",
            PatientColumn::DateOfBirth => "date of birth",
            PatientColumn::SexAtBirth => "sex at birth",
            PatientColumn::MobilePhone => "mobile phone",
            PatientColumn::HomePhone => "home phone",
            PatientColumn::WorkPhone => "work phone",
            PatientColumn::Email => "e-mail",
            PatientColumn::AddressLine1 => "address line 1",
            PatientColumn::AddressLine2 => "address line 2",
            PatientColumn::City => "city",
            PatientColumn::Region => "state / region",
            PatientColumn::PostalCode => "postal code",
            PatientColumn::Country => "country",
            PatientColumn::PreferredLanguage => "preferred language",
            PatientColumn::Ignore => "not imported",
        }
    }
}

pub(super) fn squashed(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The column a header most likely means (`Ignore` when nothing fits).
pub fn guess(header: &str) -> PatientColumn {
    use PatientColumn::*;
    let h = squashed(header);
    let is = |names: &[&str]| names.contains(&h.as_str());
    if is(&[
        "lastname",
        "last",
        "surname",
        "familyname",
        "family",
        "patientlastname",
        "lname",
    ]) {
        FamilyName
    } else if is(&[
        "firstname",
        "first",
        "givenname",
        "given",
        "forename",
        "patientfirstname",
        "fname",
    ]) {
        GivenName
    } else if is(&["middlename", "middle", "middleinitial", "mi"]) {
        MiddleName
    } else if is(&["preferredname", "nickname", "knownas", "preferred"]) {
        PreferredName
    } else if is(&[
        "dob",
        "dateofbirth",
        "birthdate",
        "birthday",
        "born",
        "birth",
    ]) {
        DateOfBirth
    } else if is(&["sex", "gender", "sexatbirth", "birthsex"]) {
        SexAtBirth
    } else if is(&[
        "mobile",
        "cell",
        "cellphone",
        "mobilephone",
        "phone",
        "phonenumber",
        "telephone",
    ]) {
        MobilePhone
    } else if is(&["homephone", "home", "phonehome"]) {
        HomePhone
    } else if is(&["workphone", "work", "phonework", "businessphone"]) {
        WorkPhone
    } else if is(&["email", "emailaddress", "mail"]) {
        Email
    } else if is(&[
        "address",
        "address1",
        "addressline1",
        "street",
        "streetaddress",
        "line1",
    ]) {
        AddressLine1
    } else if is(&["address2", "addressline2", "line2", "apt", "suite"]) {
        AddressLine2
    } else if is(&["city", "town"]) {
        City
    } else if is(&["state", "province", "region", "county", "st"]) {
        Region
    } else if is(&["zip", "zipcode", "postalcode", "postcode", "postal"]) {
        PostalCode
    } else if is(&["country"]) {
        Country
    } else if is(&["language", "preferredlanguage", "lang"]) {
        PreferredLanguage
    } else {
        Ignore
    }
}

/// How a file writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DateFormat {
    /// 1980-03-14
    Iso,
    /// 03/14/1980 (US)
    MonthDayYear,
    /// 14/03/1980
    DayMonthYear,
    /// 14.03.1980
    DayMonthYearDots,
}

impl DateFormat {
    pub const ALL: [DateFormat; 4] = [
        DateFormat::Iso,
        DateFormat::MonthDayYear,
        DateFormat::DayMonthYear,
        DateFormat::DayMonthYearDots,
    ];

    fn pattern(self) -> &'static str {
        match self {
            DateFormat::Iso => "%Y-%m-%d",
            DateFormat::MonthDayYear => "%m/%d/%Y",
            DateFormat::DayMonthYear => "%d/%m/%Y",
            DateFormat::DayMonthYearDots => "%d.%m.%Y",
        }
    }

    pub fn example(self) -> &'static str {
        match self {
            DateFormat::Iso => "1980-03-14",
            DateFormat::MonthDayYear => "03/14/1980",
            DateFormat::DayMonthYear => "14/03/1980",
            DateFormat::DayMonthYearDots => "14.03.1980",
        }
    }

    pub fn parse(self, text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text.trim(), self.pattern()).ok()
    }
}

/// The formats that read the most values (a mistyped date does not hide the file's format;
/// it is that row's error). More than one: the file is ambiguous, as a file of only
/// 03/04/1980-style dates is; none: no value is a date.
pub fn date_formats_of<'a>(values: impl Iterator<Item = &'a str> + Clone) -> Vec<DateFormat> {
    let read: Vec<(DateFormat, usize)> = DateFormat::ALL
        .into_iter()
        .map(|f| (f, values.clone().filter(|v| f.parse(v).is_some()).count()))
        .collect();
    let best = read.iter().map(|(_, n)| *n).max().unwrap_or(0);
    read.into_iter()
        .filter(|(_, n)| *n == best && best > 0)
        .map(|(f, _)| f)
        .collect()
}

/// A sex code as old systems write it; `None` when it is not one.
pub fn sex(text: &str) -> Option<SexAtBirth> {
    match text.trim().to_lowercase().as_str() {
        "f" | "female" | "woman" | "w" => Some(SexAtBirth::Female),
        "m" | "male" | "man" => Some(SexAtBirth::Male),
        "i" | "intersex" => Some(SexAtBirth::Intersex),
        "" | "u" | "unknown" | "unk" | "x" | "o" | "other" | "not recorded" => {
            Some(SexAtBirth::Unknown)
        }
        _ => None,
    }
}

/// A phone column's shape, for the preview ("(555) 201-3344", "555-201-3344" …): the
/// pattern most of its values share, digits shown as 9.
pub fn phone_shape<'a>(values: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for v in values.filter(|v| !v.trim().is_empty()) {
        let shape: String = v
            .trim()
            .chars()
            .map(|c| if c.is_ascii_digit() { '9' } else { c })
            .collect();
        *counts.entry(shape).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_guessed_from_what_old_systems_call_them() {
        assert_eq!(guess("Last Name"), PatientColumn::FamilyName);
        assert_eq!(guess("PATIENT_FIRST_NAME"), PatientColumn::GivenName);
        assert_eq!(guess("D.O.B."), PatientColumn::DateOfBirth);
        assert_eq!(guess("Cell"), PatientColumn::MobilePhone);
        assert_eq!(guess("Zip Code"), PatientColumn::PostalCode);
        assert_eq!(guess("Insurance"), PatientColumn::Ignore);
    }

    #[test]
    fn a_date_format_is_found_from_every_value_and_ambiguity_is_seen() {
        let us = ["03/14/1980", "12/01/1975"];
        assert_eq!(
            date_formats_of(us.iter().copied()),
            [DateFormat::MonthDayYear]
        );
        let eu = ["14/03/1980", "01/12/1975"];
        assert_eq!(
            date_formats_of(eu.iter().copied()),
            [DateFormat::DayMonthYear]
        );
        let both = ["03/04/1980", "01/02/1975"];
        assert_eq!(
            date_formats_of(both.iter().copied()),
            [DateFormat::MonthDayYear, DateFormat::DayMonthYear]
        );
        assert!(date_formats_of(["soon"].iter().copied()).is_empty());
    }

    #[test]
    fn sex_codes_and_phone_shapes() {
        assert_eq!(sex("F"), Some(SexAtBirth::Female));
        assert_eq!(sex(""), Some(SexAtBirth::Unknown));
        assert_eq!(sex("maybe"), None);
        let phones = ["(555) 201-3344", "(555) 777-1212", "5552013344"];
        assert_eq!(
            phone_shape(phones.iter().copied()).as_deref(),
            Some("(999) 999-9999")
        );
    }
}

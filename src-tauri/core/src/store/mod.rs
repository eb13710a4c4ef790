//! SQL, one module per table or aggregate. Reads take `&Connection`; writes take the
//! transaction their caller opened. Nothing outside `store` writes SQL.

pub mod allergies;
pub mod appointment_changes;
pub mod appointments;
pub mod audit;
pub mod call_list;
pub mod chart_search;
pub mod chart_seed;
pub mod chart_summary;
pub mod checkup_seed;
pub mod diagnoses;
pub mod documents;
pub mod drug_products;
pub mod favourites;
pub mod fhir_imports;
pub mod growth;
pub mod histories;
pub mod hl7_imports;
pub mod immunizations;
pub mod lab_results;
pub mod letters;
pub mod medication_seed;
pub mod medications;
pub mod messages;
pub mod outside_visits;
pub mod patient_search;
pub mod patients;
pub mod phrases;
pub mod practice;
pub mod printed_copies;
pub mod problems;
pub mod reconciliations;
pub mod record_rows;
pub mod reminder_registry;
pub mod reminders;
pub mod reports;
pub mod result_inbox;
pub mod schedule_seed;
pub mod schedule_setup;
pub mod schedule_setup_edits;
pub mod series;
pub mod templates;
pub mod users;
pub mod visits;
pub mod vitals;
pub mod wait_list;

use crate::error::CoreError;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// Instants are stored as RFC 3339 UTC text with microseconds, so text order is time order.
pub(crate) fn instant_to_sql(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(crate) fn instant_from_sql(text: &str) -> Result<DateTime<Utc>, CoreError> {
    if let Some(t) = as_written(text) {
        return Ok(t);
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| CoreError::Corrupt(format!("bad stored instant {text:?}: {e}")))
}

/// The one form [`instant_to_sql`] writes, `YYYY-MM-DDTHH:MM:SS.ffffffZ`, read by position:
/// chrono's RFC 3339 parser is general (offsets, any fraction) and a calendar day reads three
/// instants per appointment. Anything else (`None`) goes to the general parser.
fn as_written(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let punctuated = b.len() == 27
        && [
            (4, b'-'),
            (7, b'-'),
            (10, b'T'),
            (13, b':'),
            (16, b':'),
            (19, b'.'),
            (26, b'Z'),
        ]
        .iter()
        .all(|&(i, c)| b[i] == c);
    if !punctuated {
        return None;
    }
    let number = |from: usize, to: usize| {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0, 4)?).ok()?,
        number(5, 7)?,
        number(8, 10)?,
    )?;
    let time = NaiveTime::from_hms_micro_opt(
        number(11, 13)?,
        number(14, 16)?,
        number(17, 19)?,
        number(20, 26)?,
    )?;
    Some(date.and_time(time).and_utc())
}

pub(crate) fn date_from_sql(text: &str) -> Result<NaiveDate, CoreError> {
    // `FromStr` reads ISO 8601 (`%Y-%m-%d`) with its format already parsed; `parse_from_str`
    // parses the format string again for every value (a calendar day reads hundreds).
    text.parse::<NaiveDate>()
        .map_err(|e| CoreError::Corrupt(format!("bad stored date {text:?}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn general(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_written_instant_reads_the_same_as_through_the_general_parser() {
        let start = Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap();
        for i in 0..20_000i64 {
            let t = start + Duration::microseconds(i * 7_777_777_777 + i % 1_000_000);
            let text = instant_to_sql(t);
            assert_eq!(as_written(&text), Some(t), "{text}");
            assert_eq!(general(&text), t, "{text}");
        }
        for text in ["2024-02-29T23:59:59.999999Z", "0001-01-01T00:00:00.000000Z"] {
            assert_eq!(as_written(text), Some(general(text)), "{text}");
        }
    }

    #[test]
    fn text_in_another_form_is_left_to_the_general_parser() {
        for text in [
            "2026-11-26T15:00:00Z",
            "2026-11-26T15:00:00.000000+00:00",
            "2026-11-26 15:00:00.000000Z",
            "2026-11-26T15:00:00.00000aZ",
            "2026-11-26T15:00:60.000000Z",
        ] {
            assert_eq!(as_written(text), None, "{text}");
        }
        assert_eq!(
            instant_from_sql("2026-11-26T16:00:00+01:00").unwrap(),
            general("2026-11-26T15:00:00Z")
        );
        assert!(instant_from_sql("2026-02-30T15:00:00.000000Z").is_err());
        assert!(instant_from_sql("yesterday").is_err());
    }
}

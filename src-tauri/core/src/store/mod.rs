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
pub mod drug_products;
pub mod favourites;
pub mod growth;
pub mod histories;
pub mod hl7_imports;
pub mod immunizations;
pub mod lab_results;
pub mod medication_seed;
pub mod medications;
pub mod patient_search;
pub mod patients;
pub mod phrases;
pub mod practice;
pub mod printed_copies;
pub mod problems;
pub mod reconciliations;
pub mod reminders;
pub mod result_inbox;
pub mod reports;
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
use chrono::{DateTime, NaiveDate, Utc};

/// Instants are stored as RFC 3339 UTC text with microseconds, so text order is time order.
pub(crate) fn instant_to_sql(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(crate) fn instant_from_sql(text: &str) -> Result<DateTime<Utc>, CoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| CoreError::Corrupt(format!("bad stored instant {text:?}: {e}")))
}

pub(crate) fn date_from_sql(text: &str) -> Result<NaiveDate, CoreError> {
    // `FromStr` reads ISO 8601 (`%Y-%m-%d`) with its format already parsed; `parse_from_str`
    // parses the format string again for every value (a calendar day reads hundreds).
    text.parse::<NaiveDate>()
        .map_err(|e| CoreError::Corrupt(format!("bad stored date {text:?}: {e}")))
}

//! Immunizations: CVX-coded vaccines (compiled in from `assets/cvx/`), doses given here,
//! historical doses reported by the patient, refusals with a reason, and the forecast of what
//! is due from an authored, cited rule table of the CDC child, adolescent and adult schedules
//! (`assets/immunization-schedule/`). Table: `migrations/0008_checkup/immunizations.sql`.
//!
//! OWNER: immunizations helper. `immunization_forecast` is called by charta-bench (op
//! `immunization_forecast`) and `series_of` by the practice reports: keep their signatures;
//! the types may gain fields.

pub mod catalogue;
mod forecast;
mod ops;
mod record;
pub mod schedule;
mod types;

#[cfg(test)]
mod tests;

pub use catalogue::VaccineHit;
pub use forecast::{forecast, ForecastEntry};
pub(crate) use record::{validate as validate_immunization, Recorder};
pub use record::{Immunization, ImmunizationDraft, ROUTES};
pub use types::*;

/// One active patient's forecast inputs, for whole-practice coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageRow {
    pub patient: crate::ids::PatientId,
    pub born: chrono::NaiveDate,
    pub sex: crate::patient::SexAtBirth,
    pub entries: Vec<ForecastEntry>,
}

/// Whole-practice coverage: every active patient born on or after `born_from`, with the
/// entries the forecast reads (run [`forecast`] on each). For the practice reports, inside
/// their own checked and audited operation.
pub fn coverage_inputs(
    conn: &rusqlite::Connection,
    born_from: chrono::NaiveDate,
) -> crate::error::CoreResult<Vec<CoverageRow>> {
    crate::store::immunizations::coverage_inputs(conn, born_from)
}

/// The forecast series (e.g. "mmr", "dtap-tdap-td", "influenza") a CVX code counts toward.
/// Empty for a code the catalogue does not know, and for vaccines no forecast series counts
/// (travel vaccines, antibodies, the live zoster vaccine).
pub fn series_of(cvx: &str) -> Vec<&'static str> {
    catalogue::get(cvx)
        .map(|v| v.series.clone())
        .unwrap_or_default()
}

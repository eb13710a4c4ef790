//! Immunizations: CVX-coded vaccines (compiled in from `assets/cvx/`), doses given here,
//! historical doses reported by the patient, refusals with a reason, and the forecast of what
//! is due from an authored, cited rule table of the CDC child, adolescent and adult schedules
//! (`assets/immunization-schedule/`). Table: `migrations/0008_checkup/immunizations.sql`.
//!
//! OWNER: immunizations helper. `immunization_forecast` is called by charta-bench (op
//! `immunization_forecast`) and `series_of` by the practice reports: keep their signatures;
//! the types may gain fields.

mod types;

pub use types::*;

use crate::access::AsUser;
use crate::error::{not_built, CoreResult};
use crate::ids::PatientId;
use chrono::{DateTime, Utc};

/// The forecast series (e.g. "mmr", "dtap-tdap-td", "influenza") a CVX code counts toward.
pub fn series_of(_cvx: &str) -> Vec<&'static str> {
    Vec::new()
}

impl AsUser<'_> {
    /// What the patient is due for, series by series (`ViewClinical`; audited
    /// `view_immunization_forecast`).
    pub fn immunization_forecast(
        &mut self,
        _patient: PatientId,
        _now: DateTime<Utc>,
    ) -> CoreResult<ImmunizationForecast> {
        Err(not_built("immunization forecasts"))
    }
}

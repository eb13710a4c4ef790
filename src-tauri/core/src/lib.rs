//! Charta's core: patient register, practice settings and the SQLite chart store, with no
//! user-interface or Tauri dependency. Every operation takes `now` and new ids as inputs.

pub mod access;
pub mod allergens;
pub mod app;
pub mod audit;
pub mod backup;
pub mod chart;
pub mod csv_import;
pub mod dates;
pub mod db;
pub mod documents;
pub mod error;
pub mod export;
mod fault;
pub mod fhir;
pub mod growth;
pub mod icd10;
pub mod ids;
pub mod immunizations;
pub mod labs;
pub mod letters;
pub mod medications;
pub mod messages;
pub mod patient;
pub mod permissions;
pub mod practice;
pub mod reminders;
pub mod reports;
pub mod results;
pub mod schedule;
pub mod session;
mod store;
pub mod synth;
#[doc(hidden)]
pub mod testing;
pub mod text;
pub mod user_admin;
pub mod users;
pub mod vault;
pub mod workstation;

pub use access::{Actor, AsUser};
pub use db::ChartDb;
pub use error::{CoreError, CoreResult, FieldError};
pub use ids::{PatientId, UserId};

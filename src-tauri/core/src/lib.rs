//! Charta's core: patient register, practice settings and the SQLite chart store, with no
//! user-interface or Tauri dependency. Every operation takes `now` and new ids as inputs.

pub mod app;
pub mod dates;
pub mod db;
pub mod error;
pub mod ids;
pub mod patient;
pub mod practice;
mod store;
pub mod synth;
pub mod text;

pub use db::ChartDb;
pub use error::{CoreError, CoreResult, FieldError};
pub use ids::PatientId;

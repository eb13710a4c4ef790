//! The clinical chart: visits with SOAP notes, templates and smart phrases, diagnoses,
//! problems, allergies, vitals, histories, visits recorded elsewhere (outside visits), the
//! one-screen summary and the chart search. Each area's operations are `impl AsUser` methods
//! in its own module (see `access.rs` for the door); its SQL lives in `store/<area>.rs`; its
//! tables in `migrations/0005_chart/<area>.sql` (outside visits: `0014_outside_visits`).

pub mod allergies;
pub mod common;
pub mod diagnoses;
pub mod histories;
pub mod outside_visits;
pub mod phrases;
pub mod problems;
pub mod search;
pub mod summary;
pub mod templates;
pub mod visits;
pub mod vitals;

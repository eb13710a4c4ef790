//! The front desk's schedule: the set-up (providers, hours, availability, blocked time,
//! appointment types, rooms), appointments and their status flow, recurring series, the next
//! free slot, the wait list. Each area's operations are `impl AsUser` methods in its own
//! module (see `access.rs` for the door); its SQL lives in `store/`; its tables in
//! `migrations/0006_schedule/`. Instants are stored in UTC; local wall-clock times (opening
//! hours, a series' 09:00) are interpreted in the practice's zone by [`time`].

pub mod appointments;
pub mod call_list;
pub mod recurrence;
pub mod rules;
pub mod setup;
pub mod slots;
pub mod time;
mod types;
pub mod waitlist;

pub use types::*;

//! Commands for the schedule: recurrence (thin wrappers over charta_core::schedule).

//! Commands for the schedule: slots (thin wrappers over charta_core::schedule).

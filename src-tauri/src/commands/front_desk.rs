//! Commands for the schedule: front_desk (thin wrappers over charta_core::schedule).

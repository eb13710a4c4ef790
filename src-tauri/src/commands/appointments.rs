//! Commands for the schedule: appointments (thin wrappers over charta_core::schedule).

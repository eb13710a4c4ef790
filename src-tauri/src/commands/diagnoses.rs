//! Commands for the chart's diagnoses (thin wrappers over charta_core::chart).

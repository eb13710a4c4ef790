//! Commands for the chart's allergies (thin wrappers over charta_core::chart).

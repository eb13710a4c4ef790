//! Commands for the chart's chart (thin wrappers over charta_core::chart).

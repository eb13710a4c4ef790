//! Commands for the chart's visits (thin wrappers over charta_core::chart).

//! Commands for the chart's vitals (thin wrappers over charta_core::chart).

//! Commands for the chart's problems (thin wrappers over charta_core::chart).

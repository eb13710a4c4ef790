//! Commands for the chart's histories (thin wrappers over charta_core::chart).

//! Commands for the chart's templates (thin wrappers over charta_core::chart).

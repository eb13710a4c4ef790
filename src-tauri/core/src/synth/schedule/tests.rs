//! Tests of the generated schedule.

//! Tests of the set-up operations.

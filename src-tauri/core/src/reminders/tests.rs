//! Engine unit tests.

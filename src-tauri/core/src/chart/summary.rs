//! The one-screen chart summary a physician lands on.

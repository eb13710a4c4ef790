//! Vital signs: units in, canonical storage, impossible values refused, abnormal ones flagged.

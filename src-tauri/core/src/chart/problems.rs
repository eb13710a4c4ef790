//! The problem list: active, inactive and resolved problems with the history of every change.

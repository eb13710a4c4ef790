//! SQL for diagnoses (see chart::).

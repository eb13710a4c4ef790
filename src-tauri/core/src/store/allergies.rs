//! SQL for allergies (see chart::).

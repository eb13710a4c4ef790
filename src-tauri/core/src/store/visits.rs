//! SQL for visits (see chart::).

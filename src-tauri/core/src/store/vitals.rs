//! SQL for vitals (see chart::).

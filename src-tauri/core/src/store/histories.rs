//! SQL for histories (see chart::).
